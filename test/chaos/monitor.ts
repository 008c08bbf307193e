/**
 * The chaos run's view of a round's queues while it runs, from a Redis connection of its
 * own: every read survives Redis being away (it answers null instead).
 */
import { createLogger } from '../../src/log/logger.js';
import { closeQueues, createQueues, QUEUE_NAMES, type PipelineQueues, type QueueName } from '../../src/pipeline/queues.js'; // prettier-ignore
import { pidOfWorkerName } from './children.js';

const silent = createLogger({ logLevel: 'silent', logFormat: 'json' });

/** Job states that mean work is left. */
const PENDING = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

export interface ActiveJob {
  readonly id: string;
  /** The process that holds it (see the worker name preload in children.ts). */
  readonly pid: number | undefined;
  readonly data: unknown;
}

export class RoundMonitor {
  readonly queues: PipelineQueues;

  constructor(redisUrl: string, prefix: string) {
    this.queues = createQueues(redisUrl, prefix, silent);
  }

  /** The queue's active jobs and who holds them; null while Redis cannot be reached. */
  async active(queue: QueueName): Promise<ActiveJob[] | null> {
    try {
      const jobs = await this.queues[queue].getActive();
      return jobs.map((job) => ({ id: job.id ?? '', pid: pidOfWorkerName(job.processedBy), data: job.data as unknown })); // prettier-ignore
    } catch {
      return null;
    }
  }

  /** Jobs left to do in each queue by state; null while Redis cannot be reached. */
  async pending(): Promise<Record<QueueName, Record<string, number>> | null> {
    try {
      const counts = await Promise.all(QUEUE_NAMES.map((q) => this.queues[q].getJobCounts(...PENDING))); // prettier-ignore
      return Object.fromEntries(QUEUE_NAMES.map((q, i) => [q, counts[i] ?? {}])) as Record<QueueName, Record<string, number>>; // prettier-ignore
    } catch {
      return null;
    }
  }

  /** Jobs completed so far in each queue (finished jobs are kept: see DEFAULT_JOB_OPTIONS). */
  async completed(): Promise<Record<QueueName, number> | null> {
    try {
      const counts = await Promise.all(QUEUE_NAMES.map((q) => this.queues[q].getJobCounts('completed'))); // prettier-ignore
      return Object.fromEntries(QUEUE_NAMES.map((q, i) => [q, counts[i]?.completed ?? 0])) as Record<QueueName, number>; // prettier-ignore
    } catch {
      return null;
    }
  }

  /** Failed jobs (retries spent) of every queue, with why. */
  async failed(): Promise<
    { queue: QueueName; id: string; reason: string; attempts: number }[] | null
  > {
    try {
      const lists = await Promise.all(QUEUE_NAMES.map(async (queue) => (await this.queues[queue].getFailed()).map((job) => ({ queue, id: job.id ?? '', reason: job.failedReason, attempts: job.attemptsMade })))); // prettier-ignore
      return lists.flat();
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    await closeQueues(this.queues).catch(() => undefined);
  }
}

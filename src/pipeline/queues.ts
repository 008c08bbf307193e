import {
  Queue,
  UnrecoverableError,
  type DefaultJobOptions,
  type Job,
  type JobsOptions,
  type RedisOptions,
} from 'bullmq';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../log/logger.js';

/** The pipeline's queues, named once for producers, workers and dashboards. */
export const QUEUE_NAMES = ['crawl', 'process', 'rollup', 'report'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const week = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a Monday as YYYY-MM-DD');

/**
 * What each queue's jobs carry: ids and small parameters, never pages. Jobs outlive the
 * code that queued them, so every processor checks its data against these first.
 */
export const JOB_DATA = {
  crawl: z
    .object({
      sourceId: z.string().min(1).max(200),
      since: z.iso.datetime().optional(),
      maxPages: z.number().int().positive().optional(),
    })
    .strict(),
  process: z
    .object({ rawListingIds: z.array(z.number().int().positive()).min(1).max(5_000) })
    .strict(),
  /** Without a week: the last whole week before the job runs (what the schedule sends). */
  rollup: z.object({ week: week.optional(), relatedSkills: z.boolean().optional() }).strict(),
  report: z.object({ week }).strict(),
} as const;
export type JobData<Q extends QueueName> = z.infer<(typeof JOB_DATA)[Q]>;

/**
 * The job's data, checked; data that does not fit fails the job at once, without
 * retries (a retry cannot mend it), with a message that names the problem.
 */
export function parseJobData<Q extends QueueName>(queue: Q, data: unknown): JobData<Q> {
  const result = JOB_DATA[queue].safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new UnrecoverableError(
      `bad ${queue} job data: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data as JobData<Q>;
}

/**
 * Retries with exponential backoff for transient faults; finished jobs are removed by
 * age and count, failed ones kept for inspection.
 */
export const DEFAULT_JOB_OPTIONS: DefaultJobOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 2_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 1_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
};

/**
 * ioredis settings from a redis:// URL. Workers wait for Redis however long it is away
 * (`maxRetriesPerRequest: null`); producers fail fast instead of queueing commands in
 * memory while it is away (`enableOfflineQueue: false`).
 */
export function redisOptions(url: string, role: 'queue' | 'worker'): RedisOptions {
  return role === 'worker'
    ? { url, maxRetriesPerRequest: null }
    : { url, enableOfflineQueue: false };
}

export type PipelineQueues = Readonly<Record<QueueName, Queue>>;

/**
 * The four queues under one key prefix (a `{hash tag}` in it keeps them on one Redis
 * Cluster slot).
 */
export function createQueues(redisUrl: string, prefix: string, logger: Logger): PipelineQueues {
  const make = (name: QueueName) => {
    const queue = new Queue(name, {
      connection: redisOptions(redisUrl, 'queue'),
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    // Redis away: ioredis reconnects by itself; say so instead of crashing on the event.
    queue.on('error', (error) => logger.warn({ queue: name, err: error.message }, 'queue connection error')); // prettier-ignore
    return queue;
  };
  return { crawl: make('crawl'), process: make('process'), rollup: make('rollup'), report: make('report') }; // prettier-ignore
}

/** Queues a job after checking its data, so that a bad job is refused where it is made. */
export async function addJob<Q extends QueueName>(
  queues: PipelineQueues,
  queue: Q,
  data: JobData<Q>,
  options?: JobsOptions,
): Promise<Job> {
  const checked = JOB_DATA[queue].parse(data);
  return queues[queue].add(queue, checked, options);
}

/** How long a rollup waits after it is queued, so that a burst of batches makes one. */
export const ROLLUP_DELAY_MS = 5_000;

/**
 * Queues one rollup per week. A week already waiting is not queued twice; a week being
 * rolled up gets one more run after it (BullMQ deduplication, keepLastIfActive), so the
 * figures always end up reading every batch written before.
 */
export async function queueRollups(
  queues: PipelineQueues,
  weeks: readonly string[],
): Promise<void> {
  await Promise.all(
    weeks.map((week) =>
      addJob(
        queues,
        'rollup',
        // Related skills (13 weeks paired skill by skill) wait for the weekly rollup.
        { week, relatedSkills: false },
        {
          deduplication: { id: `rollup-${week}`, keepLastIfActive: true },
          delay: ROLLUP_DELAY_MS,
        },
      ),
    ),
  );
}

export async function closeQueues(queues: PipelineQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/** How long a command waits for Redis before it gives up, naming it. */
export const REDIS_CHECK_TIMEOUT_MS = 3_000;

/**
 * Fails with a message naming Redis when it cannot be reached: a command that needs the
 * queues exits at once instead of waiting forever on a connection that retries.
 */
export async function assertRedisReachable(
  url: string,
  timeoutMs = REDIS_CHECK_TIMEOUT_MS,
): Promise<void> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: timeoutMs,
  });
  // The event names the cause ("connect ECONNREFUSED 127.0.0.1:1"); the failed connect
  // below only says the connection closed.
  let cause: Error | undefined;
  client.on('error', (error: Error) => {
    cause = error;
  });
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    const reason = cause?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`Redis at ${redactedUrl(url)} cannot be reached (${reason}): start it, or unset REDIS_URL to run the stages inline`); // prettier-ignore
  } finally {
    client.disconnect();
  }
}

/** A Redis URL without its password, fit for a message. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'REDIS_URL';
  }
}

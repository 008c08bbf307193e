import { randomUUID } from 'node:crypto';
import type { StageContext } from '../../src/pipeline/stages.js';
import {
  closeQueues,
  createQueues,
  type PipelineQueues,
  type QueueName,
} from '../../src/pipeline/queues.js';
import { quietLogger } from './crawl.js';

/** The Redis the tests use; the machine's by default. */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Crawl settings for the fixture web: no politeness delays, short backoff. */
export const FAST_CRAWL: NonNullable<StageContext['crawl']> = {
  backoffBaseMs: 20,
  politeness: { maxRequestsPerMinute: 10_000, sameDomainDelaySecs: 0, maxRetries: 2, timeoutSecs: 10, maxConcurrency: 4 }, // prettier-ignore
};

/** Queues under a key prefix of their own, and how to remove every key they made. */
export function testQueues(redisUrl: string = TEST_REDIS_URL): {
  prefix: string;
  queues: PipelineQueues;
  dispose(): Promise<void>;
} {
  const prefix = `skillpulse-test-${randomUUID()}`;
  const queues = createQueues(redisUrl, prefix, quietLogger);
  return {
    prefix,
    queues,
    async dispose() {
      await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
      await closeQueues(queues);
    },
  };
}

/** Whether the process queue has nothing left to do. */
export async function processQueueDrained(queues: PipelineQueues): Promise<boolean> {
  return queueDrained(queues, 'process');
}

/** Whether a queue has nothing waiting, delayed or running. */
export async function queueDrained(queues: PipelineQueues, name: QueueName): Promise<boolean> {
  const counts = await queues[name].getJobCounts('waiting', 'active', 'delayed', 'prioritized');
  return Object.values(counts).every((n) => n === 0);
}

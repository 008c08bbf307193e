import {
  Queue,
  type DefaultJobOptions,
  type Job,
  type JobsOptions,
  type RedisOptions,
} from 'bullmq';
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { BadInputError, RetryLaterError, SkillpulseError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { QUEUE_NAMES, type QueueName } from './names.js';

export { QUEUE_NAMES, type QueueName };

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
 * The job's data, checked; data that does not fit is bad input, which fails the job at
 * once, without retries (a retry cannot mend it), with a message that names the problem.
 */
export function parseJobData<Q extends QueueName>(queue: Q, data: unknown): JobData<Q> {
  const result = JOB_DATA[queue].safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new BadInputError(
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
    // Redis away: ioredis reconnects by itself; say so once instead of crashing on the event.
    reportConnection(queue, logger.child({ queue: name }), 'queue', queue.getBackend().client);
    return queue;
  };
  return Object.fromEntries(QUEUE_NAMES.map((name) => [name, make(name)])) as PipelineQueues;
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

/** How long queuing a job waits out Redis being away before it gives up. */
export const QUEUE_RETRY_MS = 60_000;

/**
 * Runs a queue operation, retried with backoff while Redis is away (producers fail fast
 * rather than buffer: see redisOptions) for up to `QUEUE_RETRY_MS`; then the error.
 */
export async function retryWhileRedisAway<T>(
  work: () => Promise<T>,
  logger: Logger,
  what: string,
  withinMs = QUEUE_RETRY_MS,
): Promise<T> {
  const until = Date.now() + withinMs;
  let delay = 200;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      const mendable = !(error instanceof SkillpulseError) || error.retryable;
      if (!mendable || Date.now() + delay > until) throw error;
      if (attempt === 1) {
        logger.warn({ err: (error as Error).message }, `${what}: Redis unavailable, retrying`);
      }
      await sleep(delay);
      delay = Math.min(delay * 2, 5_000);
    }
  }
}

/**
 * Queues process jobs for batches of raw listings. A batch already waiting or running is
 * not queued twice (deduplication by its ids, which lasts until the job ends), so a
 * retried crawl, the sweep and a run can all hand on the same pending listings.
 */
export async function queueProcessBatches(
  queues: PipelineQueues,
  batches: readonly (readonly number[])[],
  logger: Logger,
): Promise<void> {
  if (batches.length === 0) return;
  const jobs = batches.map((ids) => {
    const data = JOB_DATA.process.parse({ rawListingIds: ids });
    const id = createHash('sha1').update(ids.join(',')).digest('hex');
    return { name: 'process', data, opts: { deduplication: { id: `process-${id}` } } };
  });
  await retryWhileRedisAway(() => queues.process.addBulk(jobs), logger, 'queuing process jobs');
}

interface ReadyEmitter {
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * Logs a lost Redis connection once, and once more when it is back, instead of every
 * reconnection attempt (and without the unhandled 'error' event that ends the process).
 * `emitter` reports the errors (a BullMQ queue or worker, or an ioredis client); the
 * ioredis client under it says when the connection is ready again.
 */
export function reportConnection(
  emitter: { on(event: 'error', listener: (error: Error) => void): unknown },
  logger: Logger,
  what: string,
  client: ReadyEmitter | Promise<ReadyEmitter> = emitter as unknown as ReadyEmitter,
): void {
  let lost = false;
  emitter.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger.warn({ err: error.message }, `${what}: Redis connection lost; reconnecting`);
  });
  void Promise.resolve(client)
    .then((redis) =>
      redis.on('ready', () => {
        if (!lost) return;
        lost = false;
        logger.info(`${what}: Redis connection back`);
      }),
    )
    .catch(() => undefined);
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
  logger?: Logger,
): Promise<void> {
  const add = (week: string) =>
    addJob(
      queues,
      'rollup',
      // Related skills (13 weeks paired skill by skill) wait for the weekly rollup.
      { week, relatedSkills: false },
      {
        deduplication: { id: `rollup-${week}`, keepLastIfActive: true },
        delay: ROLLUP_DELAY_MS,
      },
    );
  const queue = (week: string) =>
    logger
      ? retryWhileRedisAway(() => add(week), logger, `queuing the rollup of ${week}`)
      : add(week);
  await Promise.all(weeks.map(queue));
}

export async function closeQueues(queues: PipelineQueues): Promise<void> {
  await Promise.all(Object.values(queues).map((queue) => queue.close()));
}

/** Drops the queues' connections without waiting for Redis (when closing them hangs). */
export function disconnectQueues(queues: PipelineQueues): void {
  for (const queue of Object.values(queues)) void queue.disconnect().catch(() => undefined);
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
    throw new RetryLaterError(
      `Redis at ${redactedUrl(url)} cannot be reached (${reason}): start it, or unset REDIS_URL to run the stages inline`,
    );
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

import { randomUUID } from 'node:crypto';
import type { Job } from 'bullmq';
import { RetryLaterError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { afterCrawl } from '../pipeline/flow.js';
import {
  addJob,
  assertRedisReachable,
  closeQueues,
  disconnectQueues,
  createQueues,
  queueRollups,
  retryWhileRedisAway,
  QUEUE_NAMES,
  type PipelineQueues,
} from '../pipeline/queues.js';
import type { StageContext } from '../pipeline/stages.js';
import {
  CLOSE_TIMEOUT_MS,
  closeWithin,
  queueFollowUps,
  startPipelineWorkers,
} from '../pipeline/workers.js';
import { pendingBatches } from '../process/pending.js';
import { defaultWeek } from '../trends/read.js';
import type { SourceInstance } from '../sources/registry.js';
import { staleWeeks } from '../trends/stale-weeks.js';
import { weekLabel } from '../trends/weeks.js';
import type { CliContext } from './context.js';

/*
 * `skillpulse run` on Redis: loaded by the run command only when REDIS_URL is set, as it
 * brings BullMQ and every stage with it.
 */

/** How long the run waits out Redis or PostgreSQL being away, at a stretch, before it gives up. */
export const AWAY_MS = 5 * 60_000;

/**
 * Asks `check` every half second until it answers. Redis or PostgreSQL going away in
 * between is waited out (the workers reconnect by themselves) for up to AWAY_MS at a
 * stretch; then the run fails, naming what it waited for.
 */
async function pollUntil<T>(
  check: () => Promise<T | undefined>,
  logger: Logger,
  what = 'Redis',
): Promise<T> {
  let awaySince: number | undefined;
  for (;;) {
    try {
      const answer = await check();
      if (awaySince !== undefined) logger.info(`${what} is back: the run goes on`);
      awaySince = undefined;
      if (answer !== undefined) return answer;
    } catch (error) {
      if (awaySince === undefined) {
        awaySince = Date.now();
        logger.warn({ err: (error as Error).message }, `${what} unavailable: the run waits for it`);
      } else if (Date.now() - awaySince > AWAY_MS) {
        throw new RetryLaterError(
          `${what} unavailable for over ${AWAY_MS / 60_000} minutes (${(error as Error).message}): the run stops; queued jobs stay in Redis`,
          { cause: error },
        );
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

/** A read of the database, waited out while PostgreSQL is away. */
function fromDatabase<T>(read: () => Promise<T>, logger: Logger): Promise<T> {
  const answer = pollUntil(async () => ({ value: await read() }), logger, 'the database');
  return answer.then((r) => r.value);
}

/** How often a crawl job that Redis lost (restarted without its data) is queued again. */
const REQUEUES = 3;

/**
 * Queues the source's crawl and waits for it to end. A job that vanishes (Redis lost it)
 * is queued again: the crawl resumes what the lost one had left (see CrawlRunState).
 */
async function crawlToEnd(
  queues: PipelineQueues,
  sourceId: string,
  logger: Logger,
): Promise<{ state: 'completed' | 'failed'; job: Job | null; jobId: string }> {
  for (let attempt = 0; ; attempt++) {
    // An id of its own: BullMQ's counter starts again at 1 when Redis restarts empty, so
    // a numbered job could be mistaken for another crawl's while this one is polled.
    const jobId = `crawl.${sourceId}.${randomUUID()}`;
    const queued = await retryWhileRedisAway(
      () => addJob(queues, 'crawl', { sourceId }, { jobId }),
      logger,
      `queuing the crawl of ${sourceId}`,
    );
    const state = await pollUntil(async () => {
      const now = await queued.getState();
      return now === 'completed' || now === 'failed' || now === 'unknown' ? now : undefined;
    }, logger);
    if (state === 'unknown' && attempt < REQUEUES) {
      logger.warn({ source: sourceId, jobId: queued.id }, 'crawl job lost by Redis: queued again');
      continue;
    }
    const job = await pollUntil(
      () => queues.crawl.getJob(queued.id ?? '').then((j) => j ?? null),
      logger,
    );
    return { state: state === 'unknown' ? 'failed' : state, job, jobId: queued.id ?? '' };
  }
}

function drained(queues: PipelineQueues, logger: Logger): Promise<true> {
  return pollUntil(async () => {
    const counts = await Promise.all(
      [queues.process, queues.rollup, queues.report].map((q) =>
        q.getJobCounts('waiting', 'active', 'delayed', 'prioritized'),
      ),
    );
    return counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : undefined;
  }, logger);
}

export interface RunOptions {
  readonly concurrency: number;
  readonly lockDuration: number;
}

/**
 * The run on Redis: the jobs go to the queues, and this process works on them too, so
 * the run ends even where no other worker runs.
 */
export async function runOnQueues(
  context: CliContext,
  stage: StageContext,
  redisUrl: string,
  sources: readonly SourceInstance[],
  options: RunOptions,
): Promise<void> {
  const { config, logger } = stage;
  await assertRedisReachable(redisUrl);
  const queues = createQueues(redisUrl, config.queuePrefix, logger);
  const workers = startPipelineWorkers({
    redisUrl,
    prefix: config.queuePrefix,
    queues: QUEUE_NAMES,
    concurrency: options.concurrency,
    context: stage,
    lockDurationMs: options.lockDuration,
    stalledIntervalMs: Math.min(30_000, options.lockDuration),
  });
  try {
    const started = new Date();
    const crawls = await Promise.all(sources.map((s) => crawlToEnd(queues, s.id, logger)));
    for (const [i, crawl] of crawls.entries()) printCrawlJob(context, sources[i]?.id ?? '', crawl);
    await followEveryCrawl(stage, queues, sources);
    await drained(queues, logger);
    await rollUpTheRest(context, stage, queues, started);
    context.print('process, rollup and report queues drained');
  } finally {
    await workers.close();
    await closeWithin(
      CLOSE_TIMEOUT_MS,
      () => closeQueues(queues),
      () => disconnectQueues(queues),
      logger,
    );
  }
}

function printCrawlJob(
  context: CliContext,
  sourceId: string,
  { state, job, jobId }: Awaited<ReturnType<typeof crawlToEnd>>,
): void {
  if (state === 'failed') {
    context.failed = true;
    context.print(`${sourceId.padEnd(18)} failed   ${job?.failedReason ?? 'the job was lost'}`);
    return;
  }
  const value = (job?.returnvalue ?? {}) as { status?: string; newListings?: number };
  context.print(
    `${sourceId.padEnd(18)} ${String(value.status).padEnd(8)} new=${value.newListings ?? 0} (job ${jobId})`,
  );
}

/**
 * The flow's steps after each crawl, once more now that every crawl has ended: a crawl
 * that failed for good never queued its pending listings (a batch already queued is
 * not queued twice).
 */
async function followEveryCrawl(
  stage: StageContext,
  queues: PipelineQueues,
  sources: readonly SourceInstance[],
): Promise<void> {
  const { db, logger } = stage;
  for (const source of sources) {
    const pending = await fromDatabase(() => pendingBatches(db, { sourceId: source.id }), logger);
    await queueFollowUps(queues, afterCrawl({ pending }), logger);
  }
}

/**
 * Weeks whose rollup was lost (Redis restarted, a worker killed in it) or never queued
 * rolled up again; then the newest week with its related skills, which the flow follows
 * with its report, as the weekly schedule would do: what the inline run ends with.
 */
async function rollUpTheRest(
  context: CliContext,
  stage: StageContext,
  queues: PipelineQueues,
  started: Date,
): Promise<void> {
  const { db, logger } = stage;
  const stale = await fromDatabase(() => staleWeeks(db, started), logger);
  if (stale.length > 0) {
    await queueRollups(queues, stale, logger);
    await drained(queues, logger);
  }
  const newest = await fromDatabase(() => defaultWeek(db), logger);
  if (!newest) return;
  await retryWhileRedisAway(
    () => addJob(queues, 'rollup', { week: newest, relatedSkills: true }),
    logger,
    'queuing the rollup',
  );
  await drained(queues, logger);
  context.print(`report of ${weekLabel(newest)} stored`);
}

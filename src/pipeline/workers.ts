import { hostname } from 'node:os';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import { closeStaleRuns, STALE_RUN_MS } from '../crawl/run-state.js';
import { SkillpulseError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { pendingBatches } from '../process/pending.js';
import { staleWeeks } from '../trends/stale-weeks.js';
import { afterCrawl, afterProcess, afterRollup, type FollowUp } from './flow.js';
import type { PipelineMetrics } from './metrics.js';
import {
  closeQueues,
  createQueues,
  addJob,
  disconnectQueues,
  parseJobData,
  queueProcessBatches,
  queueRollups,
  redisOptions,
  reportConnection,
  type PipelineQueues,
  type QueueName,
} from './queues.js';
import { SourceLocks } from './source-lock.js';
import { runCrawl, runProcess, runReport, runRollup, type StageContext } from './stages.js';

export interface PipelineWorkersOptions {
  readonly redisUrl: string;
  /** Redis key prefix of the queues. */
  readonly prefix: string;
  /** The queues this process works on. */
  readonly queues: readonly QueueName[];
  /** Jobs of each queue run at once in this process. @defaultValue 1 */
  readonly concurrency?: number;
  readonly context: StageContext;
  /** Counts jobs, durations and crawl yield when given. */
  readonly metrics?: PipelineMetrics;
  /**
   * How long a job's lock lasts without renewal: a worker that dies loses its jobs to
   * another after this. @defaultValue 30,000 ms (BullMQ's)
   */
  readonly lockDurationMs?: number;
  /** How often stalled jobs (of dead workers) are looked for. @defaultValue 30,000 ms */
  readonly stalledIntervalMs?: number;
  /**
   * How often a worker of the process queue looks for raw listings no job names (their
   * crawl died before handing them on, or Redis lost the jobs) and queues them, and
   * closes runs left `running` by dead workers. The first sweep runs at start.
   * @defaultValue 300,000 ms
   */
  readonly sweepIntervalMs?: number;
  /** How long close() waits for running jobs and Redis before it gives up. @defaultValue 15,000 ms */
  readonly closeTimeoutMs?: number;
}

export interface PipelineWorkers {
  readonly workers: readonly Worker[];
  /** The queues, for producing jobs and for the metrics' queue depths. */
  readonly queues: PipelineQueues;
  /** Whether every worker is running and taking jobs. */
  running(): boolean;
  /** Stops taking jobs, lets running ones finish, closes the Redis connections. */
  close(): Promise<void>;
}

/**
 * BullMQ workers for the pipeline's stages. Each processor checks its job's data first,
 * runs the stage function (the same one the inline runner calls) and queues the steps
 * the flow names after it (src/pipeline/flow.ts): a crawl queues its source's pending
 * listings for processing, in batches, by id.
 */
export function startPipelineWorkers(options: PipelineWorkersOptions): PipelineWorkers {
  const logger = options.context.logger;
  const queues = createQueues(options.redisUrl, options.prefix, logger);
  const locks = new SourceLocks(options.redisUrl, options.prefix, logger, options.lockDurationMs);
  const processors = stageProcessors(options, queues, locks);
  const workers = options.queues.map((name) =>
    startWorker(name, withBullmqErrors(processors[name]), options),
  );
  const sweeper = options.queues.includes('process')
    ? startSweeper(options.context, queues, options.sweepIntervalMs ?? 300_000)
    : undefined;
  let closing = false;
  return {
    workers,
    queues,
    running: () => !closing && workers.every((worker) => worker.isRunning()),
    async close() {
      closing = true;
      sweeper?.stop();
      await closeWithin(
        options.closeTimeoutMs ?? CLOSE_TIMEOUT_MS,
        async () => {
          await Promise.all(workers.map((worker) => worker.close()));
          await Promise.all([closeQueues(queues), locks.close()]);
        },
        () => {
          // Jobs still running go back to the queue when their lock lapses.
          for (const worker of workers) void worker.close(true).catch(() => undefined);
          disconnectQueues(queues);
          locks.disconnect();
        },
        logger,
      );
    },
  };
}

/** One queue's worker, its connection problems logged and its jobs counted. */
function startWorker(
  name: QueueName,
  processor: Processor,
  options: PipelineWorkersOptions,
): Worker {
  const logger = options.context.logger;
  const worker = new Worker(name, processor, {
    connection: redisOptions(options.redisUrl, 'worker'),
    prefix: options.prefix,
    // Stored on every job it runs (job.processedBy): which process holds a job.
    name: `${hostname()}:${process.pid}`,
    concurrency: options.concurrency ?? 1,
    ...(options.lockDurationMs ? { lockDuration: options.lockDurationMs } : {}),
    ...(options.stalledIntervalMs ? { stalledInterval: options.stalledIntervalMs } : {}),
  });
  // Without a listener an error event would crash the process.
  reportConnection(
    worker,
    logger.child({ queue: name }),
    'queue worker',
    worker.getBackend().client,
  );
  worker.on('failed', (job, error) => {
    options.metrics?.jobsFailed.inc({ queue: name });
    logger.warn(
      { queue: name, jobId: job?.id, attemptsMade: job?.attemptsMade, err: error.message },
      'job failed',
    );
  });
  worker.on('completed', (job) => {
    options.metrics?.jobsCompleted.inc({ queue: name });
    if (job.processedOn && job.finishedOn) {
      const seconds = (job.finishedOn - job.processedOn) / 1000;
      options.metrics?.jobDuration.observe({ queue: name }, seconds);
    }
  });
  return worker;
}

/** How long closing the workers waits for running jobs and Redis. */
export const CLOSE_TIMEOUT_MS = 15_000;

/**
 * Runs `close`, and when it has not finished within `ms` (Redis away: BullMQ's close
 * waits for it without end), logs it and runs `force` instead of waiting on.
 */
export async function closeWithin(
  ms: number,
  close: () => Promise<void>,
  force: () => void,
  logger: Logger,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  const closed = close().then(
    () => 'closed' as const,
    (error: unknown) => {
      logger.warn({ err: (error as Error).message }, 'closing the queues failed');
      return 'closed' as const;
    },
  );
  const outcome = await Promise.race([closed, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn(
      { timeoutMs: ms },
      `closing the queues took over ${ms} ms (Redis away?): connections dropped`,
    );
    force();
  }
}

/**
 * The sweep: runs left `running` by dead workers closed as failed, every raw listing
 * processing still owes that no running crawl is about to hand on queued for processing,
 * and weeks whose figures are older than their postings queued for a rollup.
 */
function startSweeper(
  context: StageContext,
  queues: PipelineQueues,
  intervalMs: number,
): { stop(): void } {
  const log = context.logger.child({ component: 'sweep' });
  let running: Promise<void> = Promise.resolve();
  const sweep = () => {
    running = running.then(async () => {
      try {
        const closed = await closeStaleRuns(context.db);
        const storedBefore = new Date(Date.now() - STALE_RUN_MS);
        const batches = await pendingBatches(context.db, { storedBefore });
        await queueProcessBatches(queues, batches, log);
        // Weeks whose rollup Redis lost, or a killed worker left, within the last day.
        const weeks = await staleWeeks(context.db, new Date(Date.now() - 24 * 3_600_000));
        await queueRollups(queues, weeks, log);
        if (closed > 0 || batches.length > 0 || weeks.length > 0) {
          log.info(
            { closedRuns: closed, processJobs: batches.length, rollups: weeks },
            'sweep: interrupted work handed on',
          );
        }
      } catch (error) {
        log.warn({ err: (error as Error).message }, 'sweep failed; tried again at the next one');
      }
    });
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

function jobLogger(logger: Logger, queue: QueueName, job: Job, extra: object = {}): Logger {
  return logger.child({ queue, jobId: job.id, ...extra });
}

type Processor = (job: Job, token?: string) => Promise<unknown>;

/** One processor per queue: the job's data checked, its stage run, the flow's steps queued. */
function stageProcessors(
  options: PipelineWorkersOptions,
  queues: PipelineQueues,
  locks: SourceLocks,
): Record<QueueName, Processor> {
  const logger = options.context.logger;
  const contextFor = (queue: QueueName, job: Job, extra: object = {}): StageContext => ({
    ...options.context,
    logger: jobLogger(logger, queue, job, extra),
  });
  return {
    crawl: async (job, token) => {
      const data = parseJobData('crawl', job.data);
      const context = contextFor('crawl', job, { source: data.sourceId });
      const run = await locks.withLock(data.sourceId, `${job.id ?? ''}`, () =>
        runCrawl(context, data, job.id, true),
      );
      if (run.busy) {
        // Another worker is crawling this source: try again in a minute, not at once.
        context.logger.info('source already being crawled; crawl delayed by a minute');
        await job.moveToDelayed(Date.now() + 60_000, token);
        throw new DelayedError();
      }
      const { summary, batches } = run.value;
      options.metrics?.recordCrawl(summary);
      // Not queued (Redis away past the retries): the job fails and its retry, or the
      // sweep, hands the same pending listings on.
      await queueFollowUps(queues, afterCrawl({ summary, pending: batches }), context.logger);
      return {
        runId: summary.runId,
        status: summary.status,
        newListings: summary.newListings,
        processJobs: batches.length,
      };
    },
    process: async (job) => {
      const data = parseJobData('process', job.data);
      const result = await runProcess(contextFor('process', job), data);
      options.metrics?.recordProcess(result);
      await queueFollowUps(queues, afterProcess(result), jobLogger(logger, 'process', job));
      const { postings, failed, duplicates, weeks } = result;
      return { postings, failed, duplicates, weeks };
    },
    rollup: async (job) => {
      const data = parseJobData('rollup', job.data);
      const context = contextFor('rollup', job, { week: data.week });
      const result = await runRollup(context, data);
      // A rollup with related skills (the weekly one) is followed by the week's report.
      await queueFollowUps(queues, afterRollup(result), context.logger);
      const { weeks, skillRows, movers, pairs } = result;
      return { weeks, skillRows, movers, pairs };
    },
    report: async (job) => {
      const data = parseJobData('report', job.data);
      return runReport(contextFor('report', job, { week: data.week }), data);
    },
  };
}

/**
 * Queues the jobs for the flow's steps, one step after another. A batch, a week or a
 * report already waiting is not queued twice (see queueProcessBatches, queueRollups).
 */
export async function queueFollowUps(
  queues: PipelineQueues,
  steps: readonly FollowUp[],
  logger: Logger,
): Promise<void> {
  for (const step of steps) {
    if (step.stage === 'process') {
      await queueProcessBatches(queues, step.batches, logger);
    } else if (step.stage === 'rollup') {
      await queueRollups(queues, step.weeks, logger);
    } else {
      const deduplication = { id: `report-${step.week}`, keepLastIfActive: true };
      await addJob(queues, 'report', { week: step.week }, { deduplication });
    }
  }
}

/**
 * The one place the error vocabulary meets BullMQ: a failure no retry can mend
 * (bad input, not found) becomes an UnrecoverableError, with the same message, so the
 * job fails at once; everything else is retried with backoff.
 */
function withBullmqErrors(processor: Processor): Processor {
  return async (job, token) => {
    try {
      return await processor(job, token);
    } catch (error) {
      if (error instanceof SkillpulseError && !error.retryable) {
        throw new UnrecoverableError(error.message);
      }
      throw error;
    }
  };
}

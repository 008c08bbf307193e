import { Command } from 'commander';
import type { Job } from 'bullmq';
import { runInline } from '../../pipeline/inline.js';
import {
  addJob,
  assertRedisReachable,
  closeQueues,
  createQueues,
  queueProcessBatches,
  retryWhileRedisAway,
  type PipelineQueues,
} from '../../pipeline/queues.js';
import { CLOSE_TIMEOUT_MS, closeWithin, startPipelineWorkers } from '../../pipeline/workers.js';
import { pendingBatches } from '../../process/pending.js';
import type { Logger } from '../../log/logger.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt, pickSources, printSummaries } from './crawl.js';
import { latestWeek } from '../../report/weekly.js';
import { weekLabel } from '../../trends/weeks.js';
import { printRollup } from './rollup.js';

/** How long the run waits out Redis being away, all in one, before it gives up. */
export const REDIS_AWAY_MS = 5 * 60_000;

/**
 * Asks `check` every half second until it answers. Redis going away in between is waited
 * out (the workers reconnect by themselves) for up to REDIS_AWAY_MS at a stretch, then
 * the run fails naming it.
 */
async function pollUntil<T>(check: () => Promise<T | undefined>, logger: Logger): Promise<T> {
  let awaySince: number | undefined;
  for (;;) {
    try {
      const answer = await check();
      if (awaySince !== undefined) logger.info('Redis is back: the run goes on');
      awaySince = undefined;
      if (answer !== undefined) return answer;
    } catch (error) {
      if (awaySince === undefined) {
        awaySince = Date.now();
        logger.warn({ err: (error as Error).message }, 'Redis unavailable: the run waits for it');
      } else if (Date.now() - awaySince > REDIS_AWAY_MS) {
        throw new Error(`Redis unavailable for over ${REDIS_AWAY_MS / 60_000} minutes (${(error as Error).message}): the run stops; queued jobs stay in Redis`, { cause: error }); // prettier-ignore
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function settle(job: Job, logger: Logger): Promise<'completed' | 'failed'> {
  return pollUntil(async () => {
    const state = await job.getState();
    return state === 'completed' || state === 'failed' ? state : undefined;
  }, logger);
}

function drained(queues: PipelineQueues, logger: Logger): Promise<true> {
  return pollUntil(async () => {
    const counts = await Promise.all(
      [queues.process, queues.rollup, queues.report].map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')), // prettier-ignore
    );
    return counts.every((c) => Object.values(c).every((n) => n === 0)) ? true : undefined;
  }, logger);
}

export function runCommand(context: CliContext): Command {
  return new Command('run')
    .description(
      'run the pipeline once: crawl every enabled source (or those named), process what they bring, roll up the weeks that changed and store the report of the newest week; inline, or on the BullMQ queues when REDIS_URL is set',
    )
    .argument('[source...]', 'source ids (see `skillpulse sources`)')
    .option('--concurrency <n>', 'sources crawled at once', parsePositiveInt, 3)
    .action(async (names: string[], options: { concurrency: number }) => {
      const config = context.getConfig();
      const logger = context.getLogger();
      const sources = pickSources(context, names);
      const { db } = await context.openDatabase();
      const stage = { db, config, logger };
      if (!config.redisUrl) {
        const summary = await runInline(stage, sources.map((s) => s.id), { concurrency: options.concurrency }); // prettier-ignore
        printSummaries(context, summary.crawls);
        for (const failure of summary.failures) context.print(`${failure.sourceId.padEnd(18)} failed   ${failure.message}`); // prettier-ignore
        const p = summary.processed;
        context.print(`processed ${p.listings} listings: ${p.postings} postings, ${p.duplicates} duplicates, ${p.failed} not processable`); // prettier-ignore
        if (summary.rollup) printRollup(context, summary.rollup);
        if (summary.reportWeek) context.print(`report of ${weekLabel(summary.reportWeek)} stored`);
        if (summary.failures.length > 0) context.failed = true;
        return;
      }
      // On Redis: the jobs go to the queues, and this process works on them too, so the
      // run ends even where no other worker runs.
      await assertRedisReachable(config.redisUrl);
      const queues = createQueues(config.redisUrl, config.queuePrefix, logger);
      const workers = startPipelineWorkers({
        redisUrl: config.redisUrl,
        prefix: config.queuePrefix,
        queues: ['crawl', 'process', 'rollup', 'report'],
        concurrency: options.concurrency,
        context: stage,
      });
      try {
        const jobs = await retryWhileRedisAway(() => Promise.all(sources.map((s) => addJob(queues, 'crawl', { sourceId: s.id }))), logger, 'queuing the crawls'); // prettier-ignore
        for (const [i, job] of jobs.entries()) {
          const state = await settle(job, logger);
          const done = await pollUntil(() => queues.crawl.getJob(job.id ?? '').then((j) => j ?? null), logger); // prettier-ignore
          const sourceId = sources[i]?.id ?? '';
          if (state === 'failed') {
            context.failed = true;
            context.print(`${sourceId.padEnd(18)} failed   ${done?.failedReason ?? ''}`);
          } else {
            const value = (done?.returnvalue ?? {}) as { status?: string; newListings?: number };
            context.print(`${sourceId.padEnd(18)} ${String(value.status).padEnd(8)} new=${value.newListings ?? 0} (job ${job.id ?? ''})`); // prettier-ignore
          }
        }
        // What a crawl that failed for good stored is still owed processing.
        for (const source of sources) {
          await queueProcessBatches(queues, await pendingBatches(db, { sourceId: source.id }), logger); // prettier-ignore
        }
        await drained(queues, logger);
        // The newest week with its related skills, then its report, as the weekly
        // schedule would do: what the inline run ends with.
        const newest = await latestWeek(db);
        if (newest) {
          await retryWhileRedisAway(() => addJob(queues, 'rollup', { week: newest, relatedSkills: true }), logger, 'queuing the rollup'); // prettier-ignore
          await drained(queues, logger);
          context.print(`report of ${weekLabel(newest)} stored`);
        }
        context.print('process, rollup and report queues drained');
      } finally {
        await workers.close();
        await closeWithin(CLOSE_TIMEOUT_MS, () => closeQueues(queues), () => Object.values(queues).forEach((q) => void q.disconnect().catch(() => undefined)), logger); // prettier-ignore
      }
    });
}

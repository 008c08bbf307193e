import { Command } from 'commander';
import type { Job } from 'bullmq';
import { runInline } from '../../pipeline/inline.js';
import {
  addJob,
  assertRedisReachable,
  closeQueues,
  createQueues,
  type PipelineQueues,
} from '../../pipeline/queues.js';
import { startPipelineWorkers } from '../../pipeline/workers.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt, pickSources, printSummaries } from './crawl.js';
import { latestWeek } from '../../report/weekly.js';
import { weekLabel } from '../../trends/weeks.js';
import { printRollup } from './rollup.js';

async function settle(job: Job): Promise<'completed' | 'failed'> {
  for (;;) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return state;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function drained(queues: PipelineQueues): Promise<void> {
  for (;;) {
    const counts = await Promise.all(
      [queues.process, queues.rollup, queues.report].map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized')), // prettier-ignore
    );
    if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
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
        const jobs = await Promise.all(sources.map((s) => addJob(queues, 'crawl', { sourceId: s.id }))); // prettier-ignore
        for (const [i, job] of jobs.entries()) {
          const state = await settle(job);
          const done = await queues.crawl.getJob(job.id ?? '');
          const sourceId = sources[i]?.id ?? '';
          if (state === 'failed') {
            context.failed = true;
            context.print(`${sourceId.padEnd(18)} failed   ${done?.failedReason ?? ''}`);
          } else {
            const value = (done?.returnvalue ?? {}) as { status?: string; newListings?: number };
            context.print(`${sourceId.padEnd(18)} ${String(value.status).padEnd(8)} new=${value.newListings ?? 0} (job ${job.id ?? ''})`); // prettier-ignore
          }
        }
        await drained(queues);
        // The newest week with its related skills, then its report, as the weekly
        // schedule would do: what the inline run ends with.
        const newest = await latestWeek(db);
        if (newest) {
          await addJob(queues, 'rollup', { week: newest, relatedSkills: true });
          await drained(queues);
          context.print(`report of ${weekLabel(newest)} stored`);
        }
        context.print('process, rollup and report queues drained');
      } finally {
        await workers.close();
        await closeQueues(queues);
      }
    });
}

import { Command } from 'commander';
import { INLINE_CONCURRENCY } from '../../pipeline/names.js';
import type { RunSummary } from '../../pipeline/inline.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt, pickSources } from '../options.js';
import type { RunOptions } from '../queue-run.js';
import { printSummaries } from './crawl.js';

export function runCommand(context: CliContext): Command {
  return new Command('run')
    .description(
      'run the pipeline once: crawl every enabled source (or those named), process what they bring, roll up the weeks that changed and store the report of the newest week; inline, or on the BullMQ queues when REDIS_URL is set',
    )
    .argument('[source...]', 'source ids (see `skillpulse sources`)')
    .option('--concurrency <n>', 'sources crawled at once', parsePositiveInt, INLINE_CONCURRENCY)
    .option(
      '--lock-duration <ms>',
      'on Redis: how long a job this process runs stays locked without renewal (see worker)',
      parsePositiveInt,
      30_000,
    )
    .action(async (names: string[], options: RunOptions) => {
      const config = context.getConfig();
      const logger = context.getLogger();
      const sources = await pickSources(context, names);
      const { db } = await context.openDatabase();
      const stage = { db, config, logger };
      if (!config.redisUrl) {
        const { runInline } = await import('../../pipeline/inline.js');
        const sourceIds = sources.map((s) => s.id);
        await printInlineRun(context, await runInline(stage, sourceIds, options));
        return;
      }
      const { runOnQueues } = await import('../queue-run.js');
      await runOnQueues(context, stage, config.redisUrl, sources, options);
    });
}

async function printInlineRun(context: CliContext, summary: RunSummary): Promise<void> {
  const [{ printRollup }, { weekLabel }] = await Promise.all([
    import('./trend-actions.js'),
    import('../../trends/weeks.js'),
  ]);
  printSummaries(context, summary.crawls);
  for (const failure of summary.failures) {
    context.print(`${failure.sourceId.padEnd(18)} failed   ${failure.message}`);
  }
  const p = summary.processed;
  context.print(
    `processed ${p.listings} listings: ${p.postings} postings, ${p.duplicates} duplicates, ${p.failed} not processable`,
  );
  if (summary.rollup) printRollup(context, summary.rollup);
  if (summary.reportWeek) context.print(`report of ${weekLabel(summary.reportWeek)} stored`);
  if (summary.failures.length > 0) context.failed = true;
}

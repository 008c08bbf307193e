import type { CrawlSummary } from '../crawl/crawl-source.js';
import type { ProcessResult } from '../process/process-listings.js';
import { rollupOptions, rollupWeeks, type RollupResult } from '../trends/rollup.js';
import { weekOf } from '../trends/weeks.js';
import { runCrawl, runProcess, runReport, type StageContext } from './stages.js';
import { pendingBatches } from '../process/pending.js';

export interface RunSummary {
  readonly crawls: readonly CrawlSummary[];
  /** Sources whose crawl failed, with why. */
  readonly failures: readonly { readonly sourceId: string; readonly message: string }[];
  readonly processed: Omit<ProcessResult, 'weeks'> & { readonly weeks: readonly string[] };
  /** The trend tables recomputed for the weeks the run changed; null if it changed none. */
  readonly rollup: RollupResult | null;
  /** The week whose report the run stored (the newest it rolled up). */
  readonly reportWeek: string | null;
}

/**
 * The inline runner: the pipeline's stage functions called in this process, the crawls
 * a few at a time, each source's listings processed as its crawl ends, in the same
 * batches the queue would carry, then one rollup of every week the run changed and the
 * report of the newest. What the BullMQ runner does with Redis, without it.
 */
export async function runInline(
  context: StageContext,
  sourceIds: readonly string[],
  options: { readonly concurrency?: number } = {},
): Promise<RunSummary> {
  const queue = [...sourceIds];
  const crawls: CrawlSummary[] = [];
  const failures: { sourceId: string; message: string }[] = [];
  const processed = { listings: 0, postings: 0, failed: 0, duplicates: 0, weeks: new Set<string>() }; // prettier-ignore
  // Processing shares one database: batches are written one after another.
  let processing: Promise<void> = Promise.resolve();
  const handOn = (sourceId: string, batches: readonly number[][]) => {
    for (const ids of batches) {
      processing = processing
        .then(async () => {
          const result = await runProcess(context, { rawListingIds: ids });
          processed.listings += result.listings;
          processed.postings += result.postings;
          processed.failed += result.failed;
          processed.duplicates += result.duplicates;
          for (const week of result.weeks) processed.weeks.add(week);
        })
        .catch((error: unknown) => {
          const message = `processing failed: ${error instanceof Error ? error.message : String(error)}`; // prettier-ignore
          context.logger.error({ source: sourceId, err: message }, 'batch failed in the inline run'); // prettier-ignore
          failures.push({ sourceId, message });
        });
    }
    return processing;
  };
  const lane = async () => {
    for (let sourceId = queue.shift(); sourceId !== undefined; sourceId = queue.shift()) {
      try {
        const { summary, batches } = await runCrawl(context, { sourceId }, undefined);
        crawls.push(summary);
        // Postings seen again are open this week too.
        if (summary.seenAgain > 0) processed.weeks.add(weekOf(new Date()));
        await handOn(sourceId, batches);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        context.logger.error({ source: sourceId, err: message }, 'source failed in the inline run');
        failures.push({ sourceId, message });
        // What the failed crawl stored is owed processing all the same.
        const pending = await pendingBatches(context.db, { sourceId }).catch((cause: unknown) => {
          context.logger.error({ source: sourceId, err: (cause as Error).message }, 'pending listings not read'); // prettier-ignore
          return [];
        });
        await handOn(sourceId, pending);
      }
    }
  };
  const lanes = Math.max(1, Math.min(options.concurrency ?? 3, sourceIds.length));
  await Promise.all(Array.from({ length: lanes }, lane));
  await processing;
  crawls.sort((a, b) => sourceIds.indexOf(a.sourceId) - sourceIds.indexOf(b.sourceId));
  const weeks = [...processed.weeks].sort();
  const rollup =
    weeks.length === 0
      ? null
      : await rollupWeeks(context.db, weeks, rollupOptions(context.config, context.logger));
  const reportWeek = rollup?.pairsWeek ?? null;
  if (reportWeek !== null) await runReport(context, { week: reportWeek });
  return { crawls, failures, processed: { ...processed, weeks }, rollup, reportWeek };
}

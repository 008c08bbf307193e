import { crawlSource, type CrawlOptions, type CrawlSummary } from '../crawl/crawl-source.js';
import { pendingBatches } from '../process/pending.js';
import type { ProcessResult } from '../process/process-listings.js';
import type { SourceInstance } from '../sources/registry.js';
import { rollupOptions, rollupWeeks, type RollupResult } from '../trends/rollup.js';
import { afterCrawl, afterProcess, afterRollup, type FollowUp } from './flow.js';
import { INLINE_CONCURRENCY } from './names.js';
import { crawlOptionsFor, runCrawl, runProcess, runReport, type StageContext } from './stages.js';

export { INLINE_CONCURRENCY };

/**
 * Runs `work` on every item, `concurrency` at a time (at least one lane, at most one per
 * item). Each source keeps its own politeness limits, and different sources are
 * different hosts, so the inline runner crawls a few at once.
 */
export async function inLanes<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const queue = [...items];
  const lane = async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  };
  const lanes = Math.max(1, Math.min(concurrency, items.length));
  await Promise.all(Array.from({ length: lanes }, lane));
}

/**
 * Crawls several sources in lanes, and nothing after: what `skillpulse crawl` does. A
 * failed crawl is in the summaries (status `failed`) and does not stop the rest.
 * Summaries come back in the order of `sources`.
 */
export async function crawlSources(
  context: StageContext,
  sources: readonly SourceInstance[],
  options: Pick<CrawlOptions, 'since' | 'maxPages'> & {
    /** Sources crawled at once. @defaultValue INLINE_CONCURRENCY */
    readonly concurrency?: number;
  } = {},
): Promise<CrawlSummary[]> {
  const summaries: CrawlSummary[] = [];
  await inLanes(sources, options.concurrency ?? INLINE_CONCURRENCY, async (source) => {
    summaries.push(
      await crawlSource(context.db, source, {
        ...crawlOptionsFor(context),
        since: options.since,
        maxPages: options.maxPages,
      }),
    );
  });
  const order = sources.map((source) => source.id);
  return summaries.sort((a, b) => order.indexOf(a.sourceId) - order.indexOf(b.sourceId));
}

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

/** What an inline run gathers while its lanes crawl and its batches are processed. */
class InlineRun {
  readonly crawls: CrawlSummary[] = [];
  readonly failures: { sourceId: string; message: string }[] = [];
  readonly processed = { listings: 0, postings: 0, failed: 0, duplicates: 0 };
  /** The weeks the run's rollup steps named: rolled up once, when every batch is in. */
  readonly weeks = new Set<string>();
  /** Processing shares one database: batches are written one after another. */
  private processing: Promise<void> = Promise.resolve();

  constructor(private readonly context: StageContext) {}

  /**
   * Follows the flow's steps after a crawl or a batch: batches queued for processing,
   * weeks kept for the one rollup (whose report step follows it at the end).
   */
  follow(sourceId: string, steps: readonly FollowUp[]): void {
    for (const step of steps) {
      if (step.stage === 'process') {
        for (const ids of step.batches) this.process(sourceId, ids);
      } else if (step.stage === 'rollup') {
        for (const week of step.weeks) this.weeks.add(week);
      }
    }
  }

  fail(sourceId: string, message: string, what: string): void {
    this.context.logger.error({ source: sourceId, err: message }, what);
    this.failures.push({ sourceId, message });
  }

  /** Every batch handed on so far, written. */
  settled(): Promise<void> {
    return this.processing;
  }

  private process(sourceId: string, ids: readonly number[]): void {
    this.processing = this.processing
      .then(async () => {
        const result = await runProcess(this.context, { rawListingIds: [...ids] });
        this.processed.listings += result.listings;
        this.processed.postings += result.postings;
        this.processed.failed += result.failed;
        this.processed.duplicates += result.duplicates;
        this.follow(sourceId, afterProcess(result));
      })
      .catch((error: unknown) => {
        this.fail(
          sourceId,
          `processing failed: ${messageOf(error)}`,
          'batch failed in the inline run',
        );
      });
  }
}

/**
 * The inline runner: the pipeline's stage functions called in this process, following
 * the flow (src/pipeline/flow.ts). The crawls run in lanes, each source's pending
 * listings are processed as its crawl ends, in the same batches the queue would carry,
 * then one rollup of every week the run changed and the report of the newest. What the
 * BullMQ workers do with Redis, without it.
 */
export async function runInline(
  context: StageContext,
  sourceIds: readonly string[],
  options: {
    /** Sources crawled at once. @defaultValue INLINE_CONCURRENCY */
    readonly concurrency?: number;
    /**
     * Called when a source's crawl has ended and its listings are processed, with the
     * crawl's summary (none when it failed): for a progress display.
     */
    readonly onSourceDone?: (sourceId: string, summary: CrawlSummary | undefined) => void;
  } = {},
): Promise<RunSummary> {
  const run = new InlineRun(context);
  await inLanes(sourceIds, options.concurrency ?? INLINE_CONCURRENCY, async (sourceId) => {
    const crawled = await crawlOrFail(context, run, sourceId);
    run.follow(sourceId, afterCrawl(crawled));
    await run.settled();
    options.onSourceDone?.(sourceId, crawled.summary);
  });
  await run.settled();
  const order = [...sourceIds];
  run.crawls.sort((a, b) => order.indexOf(a.sourceId) - order.indexOf(b.sourceId));
  const weeks = [...run.weeks].sort();
  const rollup =
    weeks.length === 0
      ? null
      : await rollupWeeks(context.db, weeks, rollupOptions(context.config, context.logger));
  let reportWeek: string | null = null;
  for (const step of rollup ? afterRollup(rollup) : []) {
    if (step.stage !== 'report') continue;
    await runReport(context, { week: step.week });
    reportWeek = step.week;
  }
  return {
    crawls: run.crawls,
    failures: run.failures,
    processed: { ...run.processed, weeks },
    rollup,
    reportWeek,
  };
}

/**
 * The source's crawl, and its pending listings; a failed crawl is recorded as a failure,
 * and its pending listings read all the same (an empty list when even that fails).
 */
async function crawlOrFail(
  context: StageContext,
  run: InlineRun,
  sourceId: string,
): Promise<{ summary?: CrawlSummary; pending: number[][] }> {
  try {
    const { summary, batches } = await runCrawl(context, { sourceId }, undefined);
    run.crawls.push(summary);
    return { summary, pending: batches };
  } catch (error) {
    run.fail(sourceId, messageOf(error), 'source failed in the inline run');
    const pending = await pendingBatches(context.db, { sourceId }).catch((cause: unknown) => {
      context.logger.error(
        { source: sourceId, err: messageOf(cause) },
        'pending listings not read',
      );
      return [];
    });
    return { pending };
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

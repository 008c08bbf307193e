import type { CrawlSummary } from '../crawl/crawl-source.js';
import type { ProcessResult } from '../process/process-listings.js';
import type { RollupResult } from '../trends/rollup.js';
import { weekOf } from '../trends/weeks.js';

/**
 * The pipeline's flow, said once: what each stage's result owes the stages after it.
 * crawl → process of the source's pending listings → rollup of the weeks touched →
 * report. Every engine follows these steps its own way: the inline runner calls the
 * stage functions (src/pipeline/inline.ts), the workers queue BullMQ jobs
 * (src/pipeline/workers.ts).
 */
export type FollowUp =
  /** Raw listings to process, in the batches a process job carries. */
  | { readonly stage: 'process'; readonly batches: readonly (readonly number[])[] }
  /** Weeks whose trend tables changed. */
  | { readonly stage: 'rollup'; readonly weeks: readonly string[] }
  /** A week rolled up with its related skills, whose report is owed. */
  | { readonly stage: 'report'; readonly week: string };

/** How a source's crawl ended, as far as the stages after it care. */
export interface CrawlOutcome {
  /** The crawl's summary; undefined when the crawl failed. */
  readonly summary?: CrawlSummary | undefined;
  /**
   * Every raw listing of the source that processing still owes, in batches: read after
   * every crawl, a failed one too, since what a failed or interrupted crawl stored is
   * owed processing all the same.
   */
  readonly pending: readonly (readonly number[])[];
}

/**
 * After a crawl: the source's pending listings processed; and when it saw postings
 * again, this week rolled up, as they are open this week too.
 */
export function afterCrawl(outcome: CrawlOutcome, now: Date = new Date()): FollowUp[] {
  const steps: FollowUp[] = [{ stage: 'process', batches: outcome.pending }];
  if ((outcome.summary?.seenAgain ?? 0) > 0) {
    steps.push({ stage: 'rollup', weeks: [weekOf(now)] });
  }
  return steps;
}

/** After processing: the weeks of the postings it wrote rolled up. */
export function afterProcess(result: Pick<ProcessResult, 'weeks'>): FollowUp[] {
  return [{ stage: 'rollup', weeks: result.weeks }];
}

/** After a rollup with related skills: the report of that week. */
export function afterRollup(result: Pick<RollupResult, 'pairsWeek'>): FollowUp[] {
  return result.pairsWeek === null ? [] : [{ stage: 'report', week: result.pairsWeek }];
}

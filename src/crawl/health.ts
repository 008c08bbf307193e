import { sql, type Kysely } from 'kysely';
import { toJson, type CrawlRunStatus, type Database } from '../db/schema.js';

/** How many earlier finished runs make the baseline a run is compared with. */
export const BASELINE_RUNS = 5;
/** The fewest earlier runs before a baseline is trusted. */
export const MIN_BASELINE_RUNS = 3;
/** A run below this share of the baseline's median listings is degraded. */
export const DEGRADED_RATIO = 0.5;

export interface RunCounts {
  readonly sourceId: string;
  readonly runId: number;
  readonly pages: number;
  readonly listings: number;
  readonly errorCount: number;
  readonly crashed?: Error | undefined;
}

export interface Verdict {
  readonly status: Exclude<CrawlRunStatus, 'running'>;
  readonly message: string | null;
}

/**
 * A run's status. Failed: it crashed, or fetched nothing and had errors. Degraded: it
 * yielded far less than the source's recent median (a layout change or a block looks
 * like this), or failed more requests than it fetched. A degraded run is kept, but
 * marked, so it cannot silently flatten a trend.
 */
export async function judgeRun(db: Kysely<Database>, run: RunCounts): Promise<Verdict> {
  if (run.crashed) return { status: 'failed', message: `crawl stopped: ${run.crashed.message}` };
  if (run.pages === 0 && run.errorCount > 0) {
    return { status: 'failed', message: `no page could be fetched (${run.errorCount} errors)` };
  }
  const previous = db
    .selectFrom('crawl_runs')
    .select('listings')
    .where('source_id', '=', run.sourceId)
    .where('id', '<>', run.runId)
    .where('kind', '=', 'crawl')
    .where('crawl_status', 'in', ['ok', 'degraded'])
    .orderBy('started_at', 'desc')
    .limit(BASELINE_RUNS);
  // The baseline is the median of the runs' listings, taken where the runs are read.
  const { runs, baseline } = await db
    .selectFrom(previous.as('previous'))
    .select([
      sql<number>`count(*)::int`.as('runs'),
      sql<number | null>`percentile_cont(0.5) within group (order by listings)`.as('baseline'),
    ])
    .executeTakeFirstOrThrow();
  if (runs >= MIN_BASELINE_RUNS && baseline && run.listings < baseline * DEGRADED_RATIO) {
    return {
      status: 'degraded',
      message: `${run.listings} listings against a median of ${baseline} over the last ${runs} runs`,
    };
  }
  if (run.errorCount > run.pages) {
    return {
      status: 'degraded',
      message: `${run.errorCount} failed requests against ${run.pages} pages fetched`,
    };
  }
  return { status: 'ok', message: run.errorCount > 0 ? `${run.errorCount} failed requests` : null };
}

/** A run is degraded when processing rejects more than this share of its listings. */
export const REJECTED_RATIO = 0.5;

/** What processing made of one raw listing: before (if it had been processed) and now. */
export interface ListingOutcome {
  readonly crawlRunId: number | null;
  readonly wasProcessed: boolean;
  readonly wasError: string | null;
  readonly error: string | null;
}

/**
 * Adds what processing made of listings to the runs that stored them, and says so on a
 * run when it rejected most of its listings: a source that fetches well but yields
 * nothing is a failing source. Counted by change, so processing the same listings again
 * with the same outcome changes nothing, and a listing mended moves from rejected to
 * processed. Call it in the transaction that marks the listings processed.
 */
export async function countOutcomes(
  db: Kysely<Database>,
  outcomes: readonly ListingOutcome[],
): Promise<void> {
  const deltas = new Map<number, { processed: number; rejections: Map<string, number> }>();
  for (const o of outcomes) {
    if (o.crawlRunId === null || (o.wasProcessed && o.wasError === o.error)) continue;
    const delta = deltas.get(o.crawlRunId) ?? { processed: 0, rejections: new Map() };
    if (!o.wasProcessed) delta.processed += 1;
    if (o.wasProcessed && o.wasError !== null) {
      delta.rejections.set(o.wasError, (delta.rejections.get(o.wasError) ?? 0) - 1);
    }
    if (o.error !== null) delta.rejections.set(o.error, (delta.rejections.get(o.error) ?? 0) + 1);
    deltas.set(o.crawlRunId, delta);
  }
  if (deltas.size === 0) return;
  // Locked in id order: two batches of one run count one after the other, never in a cycle.
  const runs = await db
    .selectFrom('crawl_runs')
    .select(['id', 'processed', 'rejections'])
    .where('id', 'in', [...deltas.keys()])
    .orderBy('id')
    .forUpdate()
    .execute();
  for (const run of runs) {
    const delta = deltas.get(run.id)!;
    const rejections: Record<string, number> = { ...run.rejections };
    for (const [reason, n] of delta.rejections) {
      const count = (rejections[reason] ?? 0) + n;
      if (count > 0) rejections[reason] = count;
      else delete rejections[reason];
    }
    const processed = run.processed + delta.processed;
    const rejected = Object.values(rejections).reduce((a, b) => a + b, 0);
    await db
      .updateTable('crawl_runs')
      .set({
        processed,
        rejected,
        rejections: toJson(rejections),
        process_message:
          rejected > processed * REJECTED_RATIO ? rejectionMessage(processed, rejections) : null,
      })
      .where('id', '=', run.id)
      .execute();
  }
}

/** "219 of 219 listings could not be processed: listing has no title". */
export function rejectionMessage(processed: number, rejections: Record<string, number>): string {
  const reasons = Object.entries(rejections).sort(([, a], [, b]) => b - a);
  const rejected = reasons.reduce((sum, [, n]) => sum + n, 0);
  const named = reasons
    .slice(0, 3)
    .map(([reason, n]) => (reasons.length === 1 ? reason : `${reason} (${n})`));
  const more = reasons.length > 3 ? `, ${reasons.length - 3} more reasons` : '';
  return `${rejected} of ${processed} listings could not be processed: ${named.join(', ')}${more}`;
}

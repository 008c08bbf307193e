import type { Kysely } from 'kysely';
import type { CrawlRunStatus, Database } from '../db/schema.js';

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

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
  const previous = await db
    .selectFrom('crawl_runs')
    .select('listings')
    .where('source_id', '=', run.sourceId)
    .where('id', '<>', run.runId)
    .where('status', 'in', ['ok', 'degraded'])
    .orderBy('started_at', 'desc')
    .limit(BASELINE_RUNS)
    .execute();
  if (previous.length >= MIN_BASELINE_RUNS) {
    const baseline = median(previous.map((r) => r.listings));
    if (baseline > 0 && run.listings < baseline * DEGRADED_RATIO) {
      return {
        status: 'degraded',
        message: `${run.listings} listings against a median of ${baseline} over the last ${previous.length} runs`,
      };
    }
  }
  if (run.errorCount > run.pages) {
    return {
      status: 'degraded',
      message: `${run.errorCount} failed requests against ${run.pages} pages fetched`,
    };
  }
  return { status: 'ok', message: run.errorCount > 0 ? `${run.errorCount} failed requests` : null };
}

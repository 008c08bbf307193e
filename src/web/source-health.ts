import type { Kysely } from 'kysely';
import type { CrawlRunKind, CrawlRunStatus, Database } from '../db/schema.js';

/** A source as the config file and the registry make it (a SourceInstance is one). */
export interface ConfiguredSource {
  readonly id: string;
  readonly adapter: { readonly id: string; readonly name: string };
  readonly enabled: boolean;
  readonly disabledReason?: string | undefined;
}

export interface SourceHealth {
  readonly id: string;
  readonly name: string;
  readonly adapter: string;
  readonly enabled: boolean;
  /** Why a source does not run (switched off, a missing token); null when it runs. */
  readonly disabledReason: string | null;
  /** Whether the config names it now; false for a source that crawled once and was dropped. */
  readonly configured: boolean;
  readonly lastRun: {
    readonly id: number;
    readonly status: CrawlRunStatus;
    readonly started_at: Date;
    readonly finished_at: Date | null;
    readonly pages: number;
    readonly listings: number;
    readonly new_listings: number;
    readonly error_count: number;
    readonly processed: number;
    readonly rejected: number;
    readonly kind: CrawlRunKind;
    readonly message: string | null;
  } | null;
  /** Runs over the last 7 days, and how many of them were degraded or failed. */
  readonly runs7d: number;
  readonly troubled7d: number;
}

/** Each source's newest crawl run. */
function newestRuns(db: Kysely<Database>) {
  return db
    .selectFrom('crawl_runs')
    .distinctOn('source_id')
    .select([
      'source_id',
      'id',
      'status',
      'started_at',
      'finished_at',
      'pages',
      'listings',
      'new_listings',
      'error_count',
      'processed',
      'rejected',
      'kind',
      'message',
    ])
    .orderBy('source_id')
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Each source's runs since `since`, and how many of them were degraded or failed. */
function runsSince(db: Kysely<Database>, since: Date) {
  return db
    .selectFrom('crawl_runs')
    .select(['source_id'])
    .select((eb) => [
      eb.fn.countAll<number>().as('runs'),
      eb.fn.countAll<number>().filterWhere('status', 'in', ['degraded', 'failed']).as('troubled'),
    ])
    .where('started_at', '>=', since)
    .groupBy('source_id')
    .execute();
}

/**
 * Every source, configured now or crawled before, with its newest crawl run and how its
 * last week of runs went: a configured source that never ran has no run. `configured`
 * is the config's sources (resolveSources); without it, the sources that crawled once.
 */
export async function sourceHealth(
  db: Kysely<Database>,
  configured: readonly ConfiguredSource[] | undefined,
  now = new Date(),
): Promise<SourceHealth[]> {
  const stored = await db
    .selectFrom('sources')
    .select(['id', 'name', 'adapter', 'enabled'])
    .orderBy('id')
    .execute();
  const sources = new Map(
    stored.map((s) => [
      s.id,
      { ...s, disabledReason: null as string | null, configured: !configured },
    ]),
  );
  for (const c of configured ?? []) {
    sources.set(c.id, {
      id: c.id,
      name: c.adapter.name,
      adapter: c.adapter.id,
      enabled: c.enabled,
      disabledReason: c.enabled ? null : (c.disabledReason ?? 'switched off'),
      configured: true,
    });
  }
  const last = await newestRuns(db);
  const week = await runsSince(db, new Date(now.getTime() - 7 * 86_400_000));
  return [...sources.values()]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((s) => {
      const run = last.find((r) => r.source_id === s.id);
      const w = week.find((r) => r.source_id === s.id);
      return {
        ...s,
        lastRun: run ? { ...lastRunOf(run), message: run.message?.slice(0, 500) ?? null } : null,
        runs7d: Number(w?.runs ?? 0),
        troubled7d: Number(w?.troubled ?? 0),
      };
    });
}

/** A newest run as a source's health shows it. */
const lastRunOf = (run: Awaited<ReturnType<typeof newestRuns>>[number]) => ({
  id: run.id,
  status: run.status,
  started_at: run.started_at,
  finished_at: run.finished_at,
  pages: run.pages,
  listings: run.listings,
  new_listings: run.new_listings,
  error_count: run.error_count,
  processed: run.processed,
  rejected: run.rejected,
  kind: run.kind,
});

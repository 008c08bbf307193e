import { sql, type Kysely } from 'kysely';
import { toJson, type CrawlRunStatus, type Database } from '../db/schema.js';
import type { SourceInstance } from '../sources/registry.js';

/** Settings as stored in sources.config: tokens and keys never reach the database. */
export function redactConfig(config: unknown): unknown {
  if (config === null || typeof config !== 'object') return config;
  return Object.fromEntries(
    Object.entries(config as Record<string, unknown>).map(([key, value]) => [
      key,
      /token|secret|password|apikey|api_key/i.test(key) && value !== undefined ? '***' : value,
    ]),
  );
}

/** Writes the source's row as configured now; crawl runs and raw listings refer to it. */
export async function saveSource(db: Kysely<Database>, source: SourceInstance): Promise<void> {
  await db
    .insertInto('sources')
    .values({
      id: source.id,
      name: source.adapter.name,
      adapter: source.adapter.id,
      enabled: source.enabled,
      config: toJson(redactConfig(source.config)),
    })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        adapter: eb.ref('excluded.adapter'),
        enabled: eb.ref('excluded.enabled'),
        config: eb.ref('excluded.config'),
        updated_at: new Date(),
      })),
    )
    .execute();
}

/** A source's last crawl as the CLI's `sources` lists it (the dashboard's is web/data.ts's). */
export interface SourceCrawlSummary {
  readonly sourceId: string;
  readonly lastRunAt: Date | null;
  readonly lastStatus: CrawlRunStatus | null;
  readonly lastListings: number | null;
  readonly lastNewListings: number | null;
  readonly lastMessage: string | null;
  /** The last run's listings that processing finished, and how many it rejected. */
  readonly lastProcessed: number | null;
  readonly lastRejected: number | null;
  readonly rawListings: number;
  /** Postings whose pay fields and text disagreed, and how many of them the text overruled. */
  readonly payDisagreements: number;
  readonly payFieldsOverruled: number;
}

/** The latest finished run and the stored listing count of every source that has crawled. */
export async function sourceCrawlSummaries(
  db: Kysely<Database>,
): Promise<Map<string, SourceCrawlSummary>> {
  const latest = await db
    .selectFrom('crawl_runs')
    .distinctOn('source_id')
    .select([
      'source_id',
      'started_at',
      'status',
      'listings',
      'new_listings',
      'message',
      'processed',
      'rejected',
    ])
    .orderBy('source_id')
    .orderBy('started_at', 'desc')
    .execute();
  const counts = await db
    .selectFrom('raw_listings')
    .select(['source_id', sql<number>`count(distinct external_id)::int`.as('listings')])
    .groupBy('source_id')
    .execute();
  const stored = new Map(counts.map((c) => [c.source_id, c.listings]));
  const payOf = await payDisagreements(db);
  const health = new Map<string, SourceCrawlSummary>();
  for (const run of latest) {
    health.set(run.source_id, {
      sourceId: run.source_id,
      lastRunAt: run.started_at,
      lastStatus: run.status,
      lastListings: run.listings,
      lastNewListings: run.new_listings,
      lastMessage: run.message,
      lastProcessed: run.processed,
      lastRejected: run.rejected,
      rawListings: stored.get(run.source_id) ?? 0,
      ...payOf(run.source_id),
    });
  }
  for (const [sourceId, listings] of stored) {
    if (!health.has(sourceId)) {
      health.set(sourceId, {
        sourceId,
        lastRunAt: null,
        lastStatus: null,
        lastListings: null,
        lastNewListings: null,
        lastMessage: null,
        lastProcessed: null,
        lastRejected: null,
        rawListings: listings,
        ...payOf(sourceId),
      });
    }
  }
  return health;
}

/** Each source's postings whose pay fields and text disagreed, and how many the text overruled. */
async function payDisagreements(
  db: Kysely<Database>,
): Promise<
  (sourceId: string) => Pick<SourceCrawlSummary, 'payDisagreements' | 'payFieldsOverruled'>
> {
  const rows = await db
    .selectFrom('postings')
    .select((eb) => [
      'source_id',
      eb.fn.countAll<number>().as('disagreements'),
      eb.fn.countAll<number>().filterWhere('rate_origin', '=', 'text').as('overruled'),
    ])
    .where('rate_flag', 'is not', null)
    .groupBy('source_id')
    .execute();
  const pay = new Map(rows.map((p) => [p.source_id, p]));
  return (sourceId) => ({
    payDisagreements: Number(pay.get(sourceId)?.disagreements ?? 0),
    payFieldsOverruled: Number(pay.get(sourceId)?.overruled ?? 0),
  });
}

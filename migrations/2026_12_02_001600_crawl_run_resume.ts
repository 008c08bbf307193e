import { sql, type Kysely } from 'kysely';

/*
 * Crawls that are safe to retry. A run beats `heartbeat_at` while it works, so a run left
 * `running` by a worker that died can be told from one that is slow, and closed as
 * failed. `resume` holds the requests a run had still to fetch (as the adapter's request
 * specs, without the source's secret headers); a run that stops early leaves them, and
 * the next crawl of the source starts from them instead of stopping at pages it already
 * knows. Processing is owed to every stored, unprocessed listing of a source, whatever
 * run stored it: the partial index finds them per source.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('crawl_runs')
    .addColumn('heartbeat_at', 'timestamptz')
    .addColumn('resume', 'jsonb')
    .execute();
  await db.schema
    .createIndex('raw_listings_pending_source_idx')
    .on('raw_listings')
    .columns(['source_id', 'id'])
    .where(sql.ref('processed_at'), 'is', null)
    .execute();
  await db.schema
    .createIndex('crawl_runs_running_idx')
    .on('crawl_runs')
    .column('source_id')
    .where(sql.ref('crawl_status'), '=', 'running')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('crawl_runs_running_idx').execute();
  await db.schema.dropIndex('raw_listings_pending_source_idx').execute();
  await db.schema
    .alterTable('crawl_runs')
    .dropColumn('heartbeat_at')
    .dropColumn('resume')
    .execute();
}

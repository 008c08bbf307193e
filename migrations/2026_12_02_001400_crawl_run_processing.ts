import { sql, type Kysely } from 'kysely';

/*
 * A run's health covers what became of its listings, not only how the fetching went: a
 * source whose every listing is rejected by processing (a changed format, a field moved)
 * fetched fine and yields nothing. The crawl's own verdict moves to crawl_status and
 * crawl_message; processing counts its listings (processed, rejected, rejections by
 * reason) and says process_message when it rejected most of them; status and message are
 * generated from both, so every reader of the run's health sees the two together and
 * reprocessing that mends the listings mends the status with them. Imports of saved
 * files are runs too (kind 'import'), so their health shows the same way. Source health
 * also counts how often a source's pay fields were overruled by its own text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table crawl_runs rename column status to crawl_status`.execute(db);
  await sql`alter table crawl_runs rename column message to crawl_message`.execute(db);
  await db.schema
    .alterTable('crawl_runs')
    .addColumn('kind', 'text', (col) =>
      col
        .notNull()
        .defaultTo('crawl')
        .check(sql`kind in ('crawl', 'import')`),
    )
    .addColumn('processed', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rejected', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('rejections', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('process_message', 'text')
    // Items of the responses that were no listings (a notice, a deleted comment, a
    // malformed item), by reason: every item is a listing or one of these.
    .addColumn('skipped', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .execute();
  // Listings processed before now are counted once here; processing counts changes from now on.
  await sql`
    with outcomes as (
      select crawl_run_id, process_error, count(*)::int as n
      from raw_listings
      where crawl_run_id is not null and processed_at is not null
      group by crawl_run_id, process_error
    ), runs as (
      select crawl_run_id,
             sum(n)::int as processed,
             coalesce(sum(n) filter (where process_error is not null), 0)::int as rejected,
             coalesce(jsonb_object_agg(process_error, n) filter (where process_error is not null), '{}'::jsonb) as rejections
      from outcomes
      group by crawl_run_id
    )
    update crawl_runs c
    set processed = r.processed, rejected = r.rejected, rejections = r.rejections,
        process_message = case when r.rejected * 2 > r.processed
          then r.rejected || ' of ' || r.processed || ' listings could not be processed' end
    from runs r
    where c.id = r.crawl_run_id`.execute(db);
  await sql`
    alter table crawl_runs
      add column status text generated always as (
        case when crawl_status = 'ok' and process_message is not null then 'degraded'
             else crawl_status end) stored,
      add column message text generated always as (
        case when process_message is null then crawl_message
             when crawl_message is null then process_message
             else crawl_message || '; ' || process_message end) stored`.execute(db);
  // Finding a run's listings (the crawl's process jobs, reading a run back).
  await db.schema
    .createIndex('raw_listings_crawl_run_idx')
    .on('raw_listings')
    .column('crawl_run_id')
    .where(sql.ref('crawl_run_id'), 'is not', null)
    .execute();
  // Source health counts, per source, the postings whose pay fields and text disagreed.
  await db.schema
    .createIndex('postings_rate_flag_idx')
    .on('postings')
    .column('source_id')
    .where(sql.ref('rate_flag'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('postings_rate_flag_idx').execute();
  await db.schema.dropIndex('raw_listings_crawl_run_idx').execute();
  await sql`
    alter table crawl_runs
      drop column status, drop column message, drop column kind, drop column processed,
      drop column rejected, drop column rejections, drop column process_message,
      drop column skipped`.execute(db);
  await sql`alter table crawl_runs rename column crawl_status to status`.execute(db);
  await sql`alter table crawl_runs rename column crawl_message to message`.execute(db);
}

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('raw_listings')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('source_id', 'text', (col) =>
      col.notNull().references('sources.id').onDelete('cascade'),
    )
    .addColumn('external_id', 'text', (col) => col.notNull())
    .addColumn('url', 'text', (col) => col.notNull())
    .addColumn('content_hash', 'text', (col) => col.notNull())
    .addColumn('fetched_at', 'timestamptz', (col) => col.notNull())
    .addColumn('crawl_run_id', 'bigint', (col) =>
      col.references('crawl_runs.id').onDelete('set null'),
    )
    .addColumn('payload', 'jsonb', (col) => col.notNull())
    .addColumn('processed_at', 'timestamptz')
    // The same content of the same listing is stored once, however often it is crawled;
    // a changed listing is a new version.
    .addUniqueConstraint('raw_listings_source_external_hash_key', [
      'source_id',
      'external_id',
      'content_hash',
    ])
    .execute();

  await db.schema
    .createIndex('raw_listings_unprocessed_idx')
    .on('raw_listings')
    .column('id')
    .where(sql.ref('processed_at'), 'is', null)
    .execute();

  await db.schema
    .createIndex('raw_listings_source_fetched_idx')
    .on('raw_listings')
    .columns(['source_id', 'fetched_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('raw_listings').execute();
}

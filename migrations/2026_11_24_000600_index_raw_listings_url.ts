import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // The incremental crawl asks which detail pages of a source are already stored.
  await db.schema
    .createIndex('raw_listings_source_url_idx')
    .on('raw_listings')
    .columns(['source_id', 'url'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('raw_listings_source_url_idx').execute();
}

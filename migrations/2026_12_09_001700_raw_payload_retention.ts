import { gunzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';

/*
 * Payload retention (RAW_PAYLOAD_RETENTION_DAYS): once a processed listing is old enough,
 * the weekly rollup stores its payload gzip'd in `payload_gzip`, whole, and leaves `{}` in
 * `payload`; processing reads it back from there, so reprocessing gives the same postings.
 * gzip over the payload's JSON takes half the bytes of PostgreSQL's own compression of the
 * jsonb (pglz, and none at all under 2 kB). The partial index finds the listings still to
 * compress, oldest first; it holds only the listings of the last days.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('raw_listings').addColumn('payload_gzip', 'bytea').execute();
  await db.schema
    .alterTable('raw_listings')
    .addCheckConstraint(
      'raw_listings_payload_gzip_check',
      sql`payload_gzip is null or payload = '{}'::jsonb`,
    )
    .execute();
  // Already compressed: PostgreSQL need not try to compress it again.
  await sql`alter table raw_listings alter column payload_gzip set storage external`.execute(db);
  await db.schema
    .createIndex('raw_listings_payload_uncompressed_idx')
    .on('raw_listings')
    .column('fetched_at')
    .where(sql<boolean>`payload_gzip is null and processed_at is not null`)
    .execute();
}

/** Listings decompressed per statement on the way down. */
const DOWN_CHUNK = 250;

/** Every compressed payload back in `payload`, then the column and its index dropped. */
export async function down(db: Kysely<any>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ id: number; payload_gzip: Uint8Array }>`
      select id, payload_gzip from raw_listings where payload_gzip is not null
      order by id limit ${DOWN_CHUNK}`.execute(db);
    if (rows.length === 0) break;
    const ids = rows.map((r) => Number(r.id));
    const payloads = rows.map((r) => gunzipSync(r.payload_gzip).toString('utf8'));
    await sql`
      update raw_listings r set payload = c.payload::jsonb, payload_gzip = null
      from unnest(${ids}::bigint[], ${payloads}::text[]) as c(id, payload)
      where r.id = c.id`.execute(db);
  }
  await db.schema.dropIndex('raw_listings_payload_uncompressed_idx').execute();
  await db.schema
    .alterTable('raw_listings')
    .dropConstraint('raw_listings_payload_gzip_check')
    .execute();
  await db.schema.alterTable('raw_listings').dropColumn('payload_gzip').execute();
}

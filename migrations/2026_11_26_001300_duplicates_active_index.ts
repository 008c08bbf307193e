import { sql, type Kysely } from 'kysely';

/*
 * The duplicates open in a week, by their own index: a rollup reads them beside the
 * canonical postings (their weeks count for the posting they duplicate). Through the
 * open-weeks index and the canonical_id index together, finding them read every
 * duplicate's canonical_id entry, a cost that grew with the whole table instead of the
 * week; this index holds only duplicates, by the weeks they were open.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create index postings_duplicate_active_idx on postings
    using gist (daterange(active_from, active_until, '[]'))
    where canonical_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('postings_duplicate_active_idx').execute();
}

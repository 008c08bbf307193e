import { sql, type Kysely } from 'kysely';

/*
 * Room on each postings page for its rows' next versions: a posting is updated each time
 * it is seen again (last_seen_at, and its open weeks with it), and with full pages each
 * update moved the row to whatever page had room, as did the new postings of each batch
 * once vacuum had freed that room. A week's postings then lay one to a page across the
 * whole table, and the rollup of that week read thousands of pages for a few rows each.
 * With 10% kept free, updates stay on their page and new postings fill new pages
 * together. Applies to pages written from now on; existing pages keep their layout
 * until the table is rewritten (VACUUM FULL, which locks it: left to the operator).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table postings set (fillfactor = 90)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table postings reset (fillfactor)`.execute(db);
}

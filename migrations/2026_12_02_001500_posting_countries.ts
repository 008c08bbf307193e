import { sql, type Kysely } from 'kysely';

/*
 * Every country a posting names, not only the first: a remote job open to "USA, Canada"
 * is open in both. `country` stays the first (the one the weekly breakdowns count);
 * `countries` holds them all, ISO 3166-1 alpha-2, in the order the posting names them.
 * Existing postings get their one country; `skillpulse process --all` reads the rest.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table postings add column countries text[] not null default '{}'`.execute(db);
  await sql`update postings set countries = array[country] where country is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('postings').dropColumn('countries').execute();
}

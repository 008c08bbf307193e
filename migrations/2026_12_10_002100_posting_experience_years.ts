import type { Kysely } from 'kysely';

/*
 * The years of experience a posting asks for (normalize/experience.ts), for the roles'
 * profiles (issue 23): the fewest years and, when a range says so, the most. Whole years:
 * a fractional minimum is rounded down and a maximum up ("1.5-3 years" is 1 to 3), so the
 * stored range holds the asked one. Null when the posting states no figure. Existing
 * postings get theirs from `skillpulse process --all`.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('postings')
    .addColumn('experience_years_min', 'smallint')
    .addColumn('experience_years_max', 'smallint')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('postings')
    .dropColumn('experience_years_min')
    .dropColumn('experience_years_max')
    .execute();
}

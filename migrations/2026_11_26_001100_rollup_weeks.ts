import { sql, type Kysely } from 'kysely';

/*
 * What a rollup reads back of the weeks it did not recompute, one row per week: each
 * skill's rank and new postings by segment (the rank changes of a week read 4 earlier
 * weeks, its movers 25). Read from skill_weekly, that was ~110,000 rows for one week's
 * rollup; here it is 25 rows. Written with skill_weekly, in the same transaction; a week
 * missing here (rolled up before this table existed) is read from skill_weekly instead.
 * Internal to the rollup: analysts read the trend views.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rollup_weeks')
    .addColumn('week', 'date', (col) => col.primaryKey())
    // The skills the vectors hold, in order, comma-separated (taxonomy ids have no comma).
    .addColumn('skill_ids', 'text', (col) => col.notNull())
    // Comma-separated integers, segment by segment ('all', contract, freelance,
    // permanent), skill by skill in skill_ids order; rank 0 where a skill has no row.
    .addColumn('ranks', 'text', (col) => col.notNull())
    .addColumn('new_postings', 'text', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rollup_weeks').execute();
}

import type { Kysely } from 'kysely';

/*
 * Annual salaries as a rate series of the weekly tables, beside day and hourly rates
 * (RATE_SERIES in src/trends/tables.ts): what permanent postings state. Weeks rolled up
 * before this hold no salaries (count 0) until rolled up again (`skillpulse rollup --all`).
 */
const TABLES = ['skill_weekly', 'category_weekly', 'market_weekly'];
const PERCENTILES = ['p10', 'p25', 'median', 'p75', 'p90'];

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    let alter = db.schema
      .alterTable(table)
      .addColumn('annual_salary_count', 'integer', (col) => col.notNull().defaultTo(0));
    for (const p of PERCENTILES) alter = alter.addColumn(`annual_salary_${p}`, 'numeric');
    await alter.execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of TABLES) {
    let alter = db.schema.alterTable(table).dropColumn('annual_salary_count');
    for (const p of PERCENTILES) alter = alter.dropColumn(`annual_salary_${p}`);
    await alter.execute();
  }
}

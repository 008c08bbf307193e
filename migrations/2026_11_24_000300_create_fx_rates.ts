import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // Exchange rates are dated data: a posting is converted at the rate of its own date.
  await db.schema
    .createTable('fx_rates')
    .addColumn('currency', 'text', (col) => col.notNull().check(sql`currency ~ '^[A-Z]{3}$'`))
    .addColumn('rate_date', 'date', (col) => col.notNull())
    .addColumn('per_usd', 'numeric', (col) => col.notNull().check(sql`per_usd > 0`))
    .addColumn('source', 'text', (col) => col.notNull().defaultTo('seed'))
    .addPrimaryKeyConstraint('fx_rates_pkey', ['currency', 'rate_date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('fx_rates').execute();
}

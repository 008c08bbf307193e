import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('reports')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull().defaultTo('weekly'))
    .addColumn('format', 'text', (col) =>
      col.notNull().check(sql`format in ('html', 'md', 'json')`),
    )
    .addColumn('content', 'text', (col) => col.notNull())
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    // A report regenerated for the same week replaces the earlier one.
    .addUniqueConstraint('reports_week_kind_format_key', ['week', 'kind', 'format'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('reports').execute();
}

import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('sources')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('adapter', 'text', (col) => col.notNull())
    .addColumn('enabled', 'boolean', (col) => col.notNull().defaultTo(true))
    .addColumn('config', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('crawl_runs')
    .addColumn('id', 'bigserial', (col) => col.primaryKey())
    .addColumn('source_id', 'text', (col) =>
      col.notNull().references('sources.id').onDelete('cascade'),
    )
    .addColumn('job_id', 'text')
    .addColumn('status', 'text', (col) =>
      col
        .notNull()
        .defaultTo('running')
        .check(sql`status in ('running', 'ok', 'degraded', 'failed')`),
    )
    .addColumn('started_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addColumn('finished_at', 'timestamptz')
    .addColumn('since', 'timestamptz')
    .addColumn('pages', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('listings', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('new_listings', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('errors', 'jsonb', (col) => col.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('message', 'text')
    .execute();

  // Source health reads the latest runs of one source.
  await db.schema
    .createIndex('crawl_runs_source_started_idx')
    .on('crawl_runs')
    .columns(['source_id', 'started_at desc'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('crawl_runs').execute();
  await db.schema.dropTable('sources').execute();
}

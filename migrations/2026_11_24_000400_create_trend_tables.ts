import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

const SEGMENTS = sql`segment in ('contract', 'freelance', 'permanent', 'all')`;

/** Demand, rank and the two rate series that skill_weekly and category_weekly share. */
function weeklyFigures(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  let builder = table
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('rank', 'integer', (col) => col.notNull())
    .addColumn('rank_change_1w', 'integer')
    .addColumn('rank_change_4w', 'integer')
    .addColumn('rank_change_13w', 'integer')
    .addColumn('rank_change_52w', 'integer');
  for (const series of ['day_rate', 'hourly_rate']) {
    builder = builder.addColumn(`${series}_count`, 'integer', (col) => col.notNull().defaultTo(0));
    for (const p of ['p10', 'p25', 'median', 'p75', 'p90']) {
      builder = builder.addColumn(`${series}_${p}`, 'numeric');
    }
  }
  return builder.addColumn('computed_at', 'timestamptz', (col) =>
    col.notNull().defaultTo(sql`now()`),
  );
}

export async function up(db: Kysely<any>): Promise<void> {
  await weeklyFigures(
    db.schema
      .createTable('skill_weekly')
      .addColumn('week', 'date', (col) => col.notNull())
      .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
      .addColumn('skill_id', 'text', (col) =>
        col.notNull().references('skills.id').onDelete('cascade'),
      ),
  )
    .addPrimaryKeyConstraint('skill_weekly_pkey', ['week', 'segment', 'skill_id'])
    .execute();
  // One skill's series over time is the most common analyst query.
  await db.schema
    .createIndex('skill_weekly_skill_idx')
    .on('skill_weekly')
    .columns(['skill_id', 'segment', 'week'])
    .execute();

  await weeklyFigures(
    db.schema
      .createTable('category_weekly')
      .addColumn('week', 'date', (col) => col.notNull())
      .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
      .addColumn('category', 'text', (col) => col.notNull()),
  )
    .addPrimaryKeyConstraint('category_weekly_pkey', ['week', 'segment', 'category'])
    .execute();
  await db.schema
    .createIndex('category_weekly_category_idx')
    .on('category_weekly')
    .columns(['category', 'segment', 'week'])
    .execute();

  await db.schema
    .createTable('skill_pairs')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('window_weeks', 'integer', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) =>
      col.notNull().references('skills.id').onDelete('cascade'),
    )
    .addColumn('related_skill_id', 'text', (col) =>
      col.notNull().references('skills.id').onDelete('cascade'),
    )
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('lift', 'double precision', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('skill_pairs_pkey', [
      'week',
      'window_weeks',
      'skill_id',
      'related_skill_id',
    ])
    .execute();
  await db.schema
    .createIndex('skill_pairs_skill_idx')
    .on('skill_pairs')
    .columns(['skill_id', 'week'])
    .execute();

  await db.schema
    .createTable('skill_movers')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('window_weeks', 'integer', (col) => col.notNull())
    .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
    .addColumn('skill_id', 'text', (col) =>
      col.notNull().references('skills.id').onDelete('cascade'),
    )
    .addColumn('direction', 'text', (col) =>
      col.notNull().check(sql`direction in ('rising', 'falling')`),
    )
    .addColumn('postings_now', 'integer', (col) => col.notNull())
    .addColumn('postings_before', 'integer', (col) => col.notNull())
    .addColumn('share_now', 'double precision', (col) => col.notNull())
    .addColumn('share_before', 'double precision', (col) => col.notNull())
    .addColumn('z_score', 'double precision', (col) => col.notNull())
    .addColumn('p_value', 'double precision', (col) => col.notNull())
    .addColumn('rank', 'integer', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('skill_movers_pkey', ['week', 'window_weeks', 'segment', 'skill_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('skill_movers').execute();
  await db.schema.dropTable('skill_pairs').execute();
  await db.schema.dropTable('category_weekly').execute();
  await db.schema.dropTable('skill_weekly').execute();
}

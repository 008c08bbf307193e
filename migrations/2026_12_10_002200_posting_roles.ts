import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/*
 * Roles (issue 23): each posting's role of the role taxonomy (src/roles/taxonomy/, read
 * from its title by normalizeTitle when it is processed), the roles themselves (synced
 * from the taxonomy when processing starts, as skills are), and two weekly tables the
 * rollup writes: role_weekly (a role's demand, rank, rates and the years of experience it
 * asks, as skill_weekly has a skill's) and role_profile_weekly (the skills a role's
 * postings ask for), with their analysts' views trend_role_demand and trend_role_profile.
 * Stored postings get their role from `skillpulse process --all`, the weeks' figures from
 * `skillpulse rollup --all` after it.
 */

const SEGMENTS = sql`segment in ('contract', 'freelance', 'permanent', 'all')`;
const RATE_SERIES = ['day_rate', 'hourly_rate', 'annual_salary'];
const PERCENTILES = ['p10', 'p25', 'median', 'p75', 'p90'];

/** role_weekly's figures, in the order of ROLE_WEEKLY in src/trends/tables.ts. */
function roleFigures(table: CreateTableBuilder<any, any>): CreateTableBuilder<any, any> {
  let builder = table
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('new_postings', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('rank', 'integer', (col) => col.notNull())
    .addColumn('rank_change_1w', 'integer')
    .addColumn('rank_change_4w', 'integer')
    .addColumn('rank_change_13w', 'integer')
    .addColumn('rank_change_52w', 'integer');
  for (const series of RATE_SERIES) {
    builder = builder.addColumn(`${series}_count`, 'integer', (col) => col.notNull().defaultTo(0));
    for (const p of PERCENTILES) builder = builder.addColumn(`${series}_${p}`, 'numeric');
  }
  return builder
    .addColumn('experience_years_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('experience_years_median', 'double precision')
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`));
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('roles')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('name', 'text', (col) => col.notNull())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .execute();
  // No foreign key to roles: a role the taxonomy drops leaves its postings' ids until
  // they are processed again, as a dropped skill's tags are removed by the skill sync.
  await db.schema.alterTable('postings').addColumn('role_id', 'text').execute();
  // A role's postings (the planner's examples, `roles --unknown` reads role_id null).
  await db.schema.createIndex('postings_role_idx').on('postings').column('role_id').execute();

  await roleFigures(
    db.schema
      .createTable('role_weekly')
      .addColumn('week', 'date', (col) => col.notNull())
      .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
      .addColumn('role_id', 'text', (col) => col.notNull()),
  )
    .addPrimaryKeyConstraint('role_weekly_pkey', ['week', 'segment', 'role_id'])
    .execute();
  // One role's series over time, as skill_weekly_skill_idx.
  await db.schema
    .createIndex('role_weekly_role_idx')
    .on('role_weekly')
    .columns(['role_id', 'segment', 'week'])
    .execute();

  await db.schema
    .createTable('role_profile_weekly')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('role_profile_weekly_pkey', ['week', 'role_id', 'skill_id'])
    .execute();

  await createViews(db);
}

async function createViews(db: Kysely<any>): Promise<void> {
  // As trend_skill_demand's (migration 000900): the figure of exactly k weeks before.
  const change = (column: string, window: string) =>
    sql.raw(`(${column}::double precision / nullif(first_value(${column}) over ${window}, 0) - 1)`);
  await sql`
    create view trend_role_demand as
    select t.week, t.role_id, r.name as role, r.category, t.segment, t.postings, t.share,
      t.rank, t.rank_change_1w, t.rank_change_4w, t.rank_change_13w, t.rank_change_52w,
      ${change('t.postings', 'w13')} as postings_change_13w,
      ${change('t.postings', 'w52')} as postings_change_52w,
      t.new_postings, m.currency,
      t.day_rate_count, t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      t.hourly_rate_count, t.hourly_rate_p25, t.hourly_rate_median, t.hourly_rate_p75,
      t.annual_salary_count, t.annual_salary_p25, t.annual_salary_median,
      t.annual_salary_p75,
      t.experience_years_count, t.experience_years_median
    from role_weekly t
    left join roles r on r.id = t.role_id
    join market_weekly m on m.week = t.week and m.segment = t.segment
    window
      w13 as (partition by t.role_id, t.segment order by t.week range between '91 days' preceding and '91 days' preceding),
      w52 as (partition by t.role_id, t.segment order by t.week range between '364 days' preceding and '364 days' preceding)`.execute(
    db,
  );
  await sql`
    create view trend_role_profile as
    select t.week, t.role_id, r.name as role, t.skill_id, s.name as skill, s.category,
      s.is_certification, t.postings, t.share
    from role_profile_weekly t
    left join roles r on r.id = t.role_id
    join skills s on s.id = t.skill_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropView('trend_role_profile').execute();
  await db.schema.dropView('trend_role_demand').execute();
  await db.schema.dropTable('role_profile_weekly').execute();
  await db.schema.dropTable('role_weekly').execute();
  await db.schema.dropIndex('postings_role_idx').execute();
  await db.schema.alterTable('postings').dropColumn('role_id').execute();
  await db.schema.dropTable('roles').execute();
}

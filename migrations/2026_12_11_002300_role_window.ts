import { sql, type Kysely } from 'kysely';

/*
 * Roles over a window of weeks (issue 23): a role has a few postings a week, so its skill
 * profile and its pay read from one week rest on a handful of postings. role_window holds
 * a role's postings, rates and years of experience asked over the `window_weeks` weeks
 * ending at `week`, each canonical posting open in the window counted once, and
 * role_profile_window the skills they ask for. Like related skills (skill_pairs), the
 * rollup writes them for the newest complete week, and retention keeps the newest weeks.
 * Views: trend_role_window, trend_role_window_profile.
 */

const SEGMENTS = sql`segment in ('contract', 'freelance', 'permanent', 'all')`;
const RATE_SERIES = ['day_rate', 'hourly_rate', 'annual_salary'];
const PERCENTILES = ['p10', 'p25', 'median', 'p75', 'p90'];

export async function up(db: Kysely<any>): Promise<void> {
  let roleWindow = db.schema
    .createTable('role_window')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('window_weeks', 'integer', (col) => col.notNull())
    .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull());
  for (const series of RATE_SERIES) {
    roleWindow = roleWindow.addColumn(`${series}_count`, 'integer', (col) =>
      col.notNull().defaultTo(0),
    );
    for (const p of PERCENTILES) roleWindow = roleWindow.addColumn(`${series}_${p}`, 'numeric');
  }
  await roleWindow
    .addColumn('experience_years_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('experience_years_median', 'double precision')
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('role_window_pkey', ['week', 'window_weeks', 'segment', 'role_id'])
    .execute();

  await db.schema
    .createTable('role_profile_window')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('window_weeks', 'integer', (col) => col.notNull())
    .addColumn('role_id', 'text', (col) => col.notNull())
    .addColumn('skill_id', 'text', (col) => col.notNull())
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('role_profile_window_pkey', [
      'week',
      'window_weeks',
      'role_id',
      'skill_id',
    ])
    .execute();

  await sql`
    create view trend_role_window as
    select t.week, t.window_weeks, t.role_id, r.name as role, r.category, t.segment,
      t.postings, t.share, m.currency,
      t.day_rate_count, t.day_rate_p10, t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      t.day_rate_p90,
      t.hourly_rate_count, t.hourly_rate_p25, t.hourly_rate_median, t.hourly_rate_p75,
      t.annual_salary_count, t.annual_salary_p25, t.annual_salary_median,
      t.annual_salary_p75,
      t.experience_years_count, t.experience_years_median
    from role_window t
    left join roles r on r.id = t.role_id
    left join market_weekly m on m.week = t.week and m.segment = 'all'`.execute(db);
  await sql`
    create view trend_role_window_profile as
    select t.week, t.window_weeks, t.role_id, r.name as role, t.skill_id, s.name as skill,
      s.category, s.is_certification, t.postings, t.share
    from role_profile_window t
    left join roles r on r.id = t.role_id
    join skills s on s.id = t.skill_id`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropView('trend_role_window_profile').execute();
  await db.schema.dropView('trend_role_window').execute();
  await db.schema.dropTable('role_profile_window').execute();
  await db.schema.dropTable('role_window').execute();
}

import { sql, type Kysely } from 'kysely';

/*
 * What the rollup needs from postings, the market totals and breakdowns it writes, and
 * the analysts' views. The views' names and columns are published (README, "Trend
 * tables and views"): a change of meaning gets a new column, never a changed one.
 */

const SEGMENTS = sql`segment in ('contract', 'freelance', 'permanent', 'all')`;

const SKILL_REFERENCES = [
  ['skill_weekly', 'skill_weekly_skill_id_fkey', 'skill_id'],
  ['skill_pairs', 'skill_pairs_skill_id_fkey', 'skill_id'],
  ['skill_pairs', 'skill_pairs_related_skill_id_fkey', 'related_skill_id'],
  ['skill_movers', 'skill_movers_skill_id_fkey', 'skill_id'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  // Immutable because the zone is fixed: generated columns and indexes may use it.
  await sql`
    create function iso_week_start(ts timestamptz) returns date
    language sql immutable parallel safe
    as $$ select (date_trunc('week', ts at time zone 'UTC'))::date $$`.execute(db);

  /*
   * The weeks a posting was open: from the week it was posted (or first seen, whichever
   * is earlier) to the week a crawl last saw it. A listing first seen more than 30 days
   * after its posting date is history found in an archive: it counts in its posted week
   * only, since nothing says it stayed open between then and now.
   */
  const start = sql`least(coalesce(posted_at, first_seen_at), first_seen_at)`;
  await sql`
    alter table postings
      add column active_from date generated always as (iso_week_start(${start})) stored,
      add column active_until date generated always as (iso_week_start(
        case when first_seen_at - ${start} > interval '30 days' then ${start} else last_seen_at end
      )) stored`.execute(db);
  // Which postings were open in a week: a range containment, answered by one index.
  await sql`
    create index postings_active_idx on postings
    using gist (daterange(active_from, active_until, '[]'))`.execute(db);

  /*
   * The trend tables are derived data written in hundreds of thousands of rows per full
   * rollup; checking each row's skill cost more than computing it. The rollup writes only
   * skills the process stage tagged (synced into skills), and the skill sync deletes the
   * rows of a skill it removes, as it does for posting_skills.
   */
  for (const [table, constraint] of SKILL_REFERENCES) {
    await db.schema.alterTable(table).dropConstraint(constraint).execute();
  }

  for (const table of ['skill_weekly', 'category_weekly']) {
    await db.schema
      .alterTable(table)
      // Postings first advertised in the week: each posting counts in exactly one week.
      .addColumn('new_postings', 'integer', (col) => col.notNull().defaultTo(0))
      .execute();
  }

  let market = db.schema
    .createTable('market_weekly')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('segment', 'text', (col) => col.notNull().check(SEGMENTS))
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('new_postings', 'integer', (col) => col.notNull())
    .addColumn('currency', 'text', (col) => col.notNull());
  for (const series of ['day_rate', 'hourly_rate']) {
    market = market.addColumn(`${series}_count`, 'integer', (col) => col.notNull().defaultTo(0));
    for (const p of ['p10', 'p25', 'median', 'p75', 'p90']) {
      market = market.addColumn(`${series}_${p}`, 'numeric');
    }
  }
  await market
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('market_weekly_pkey', ['week', 'segment'])
    .execute();

  await db.schema
    .createTable('breakdown_weekly')
    .addColumn('week', 'date', (col) => col.notNull())
    .addColumn('dimension', 'text', (col) =>
      col.notNull().check(sql`dimension in ('country', 'work_mode')`),
    )
    .addColumn('value', 'text', (col) => col.notNull())
    .addColumn('scope', 'text', (col) =>
      col.notNull().check(sql`scope in ('market', 'category', 'skill')`),
    )
    .addColumn('scope_id', 'text', (col) => col.notNull())
    .addColumn('postings', 'integer', (col) => col.notNull())
    .addColumn('share', 'double precision', (col) => col.notNull())
    .addColumn('day_rate_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('day_rate_median', 'numeric')
    .addColumn('computed_at', 'timestamptz', (col) => col.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('breakdown_weekly_pkey', [
      'week',
      'dimension',
      'value',
      'scope',
      'scope_id',
    ])
    .execute();
  await db.schema
    .createIndex('breakdown_weekly_scope_idx')
    .on('breakdown_weekly')
    .columns(['scope', 'scope_id', 'week'])
    .execute();

  await createViews(db);
}

/** Figures k weeks before, read off a frame of exactly that one earlier week. */
function weeksBefore(column: string, window: string): ReturnType<typeof sql.raw> {
  return sql.raw(`first_value(${column}) over ${window}`);
}

async function createViews(db: Kysely<any>): Promise<void> {
  const frames = (partition: string, week = 'week') =>
    sql.raw(`window
      w1 as (partition by ${partition} order by ${week} range between '7 days' preceding and '7 days' preceding),
      w4 as (partition by ${partition} order by ${week} range between '28 days' preceding and '28 days' preceding),
      w13 as (partition by ${partition} order by ${week} range between '91 days' preceding and '91 days' preceding),
      r4 as (partition by ${partition} order by ${week} range between '21 days' preceding and current row),
      r13 as (partition by ${partition} order by ${week} range between '84 days' preceding and current row)`);
  const change = (column: string, window: string) =>
    sql.raw(`(${column}::double precision / nullif(first_value(${column}) over ${window}, 0) - 1)`);

  // The market's own rolling sums, to divide a skill's or category's by.
  await sql`
    create view trend_market as
    select week, segment, postings, new_postings,
      sum(new_postings) over r4 as new_postings_4w,
      sum(new_postings) over r13 as new_postings_13w,
      currency,
      day_rate_count, day_rate_p10, day_rate_p25, day_rate_median, day_rate_p75, day_rate_p90,
      hourly_rate_count, hourly_rate_p10, hourly_rate_p25, hourly_rate_median, hourly_rate_p75,
      hourly_rate_p90,
      ${change('postings', 'w1')} as postings_change_1w,
      ${change('postings', 'w4')} as postings_change_4w,
      ${change('postings', 'w13')} as postings_change_13w
    from market_weekly
    ${frames('segment')}`.execute(db);

  for (const [view, table, key, named] of [
    ['trend_skill_demand', 'skill_weekly', 'skill_id', true],
    ['trend_category', 'category_weekly', 'category', false],
  ] as const) {
    const rates = view === 'trend_category';
    await sql`
      create view ${sql.raw(view)} as
      select t.week, t.${sql.raw(key)},
        ${named ? sql.raw('s.name as skill, s.category,') : sql.raw('')}
        t.segment, t.postings, t.share, t.rank,
        t.rank_change_1w, t.rank_change_4w, t.rank_change_13w, t.rank_change_52w,
        ${weeksBefore('t.postings', 'w1')} as postings_1w_before,
        ${change('t.postings', 'w1')} as postings_change_1w,
        ${change('t.postings', 'w4')} as postings_change_4w,
        ${change('t.postings', 'w13')} as postings_change_13w,
        t.new_postings,
        sum(t.new_postings) over r4 as new_postings_4w,
        sum(t.new_postings) over r13 as new_postings_13w,
        sum(t.new_postings) over r4 / nullif(m.new_postings_4w, 0)::double precision as share_4w,
        sum(t.new_postings) over r13 / nullif(m.new_postings_13w, 0)::double precision as share_13w
        ${
          rates
            ? sql.raw(`, m.currency,
        t.day_rate_count, t.day_rate_p10, t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
        t.day_rate_p90, t.hourly_rate_count, t.hourly_rate_p10, t.hourly_rate_p25,
        t.hourly_rate_median, t.hourly_rate_p75, t.hourly_rate_p90`)
            : sql.raw('')
        }
      from ${sql.raw(table)} t
      ${named ? sql.raw('join skills s on s.id = t.skill_id') : sql.raw('')}
      join trend_market m on m.week = t.week and m.segment = t.segment
      ${frames(`t.${key}, t.segment`, 't.week')}`.execute(db);
  }

  await sql`
    create view trend_skill_rates as
    select t.week, t.skill_id, s.name as skill, s.category, t.segment, m.currency,
      t.day_rate_count, t.day_rate_p10, t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      t.day_rate_p90,
      ${change('t.day_rate_median', 'w4')} as day_rate_median_change_4w,
      ${change('t.day_rate_median', 'w13')} as day_rate_median_change_13w,
      t.hourly_rate_count, t.hourly_rate_p10, t.hourly_rate_p25, t.hourly_rate_median,
      t.hourly_rate_p75, t.hourly_rate_p90
    from skill_weekly t
    join skills s on s.id = t.skill_id
    join market_weekly m on m.week = t.week and m.segment = t.segment
    ${frames('t.skill_id, t.segment', 't.week')}`.execute(db);

  await sql`
    create view trend_movers as
    select t.week, t.window_weeks, t.segment, t.skill_id, s.name as skill, s.category,
      t.direction, t.rank, t.postings_now, t.postings_before, t.share_now, t.share_before,
      t.share_now / nullif(t.share_before, 0) as share_ratio, t.z_score, t.p_value
    from skill_movers t
    join skills s on s.id = t.skill_id`.execute(db);

  await sql`
    create view trend_related_skills as
    select t.week, t.window_weeks, t.skill_id, s.name as skill, t.related_skill_id,
      r.name as related_skill, r.category as related_category, t.postings, t.share, t.lift
    from skill_pairs t
    join skills s on s.id = t.skill_id
    join skills r on r.id = t.related_skill_id`.execute(db);

  await sql`
    create view trend_breakdowns as
    select t.week, t.dimension, t.value, t.scope, t.scope_id,
      case t.scope when 'skill' then s.name when 'category' then t.scope_id else 'all postings' end
        as scope_name,
      t.postings, t.share, t.day_rate_count, t.day_rate_median
    from breakdown_weekly t
    left join skills s on t.scope = 'skill' and s.id = t.scope_id`.execute(db);
}

const VIEWS = [
  'trend_breakdowns',
  'trend_related_skills',
  'trend_movers',
  'trend_skill_rates',
  'trend_category',
  'trend_skill_demand',
  'trend_market',
];

export async function down(db: Kysely<any>): Promise<void> {
  for (const view of VIEWS) await db.schema.dropView(view).execute();
  await db.schema.dropTable('breakdown_weekly').execute();
  await db.schema.dropTable('market_weekly').execute();
  for (const table of ['skill_weekly', 'category_weekly']) {
    await db.schema.alterTable(table).dropColumn('new_postings').execute();
  }
  for (const [table, constraint, column] of SKILL_REFERENCES) {
    await db.deleteFrom(table).where(column, 'not in', db.selectFrom('skills').select('id')).execute(); // prettier-ignore
    await db.schema
      .alterTable(table)
      .addForeignKeyConstraint(constraint, [column], 'skills', ['id'], (cb) =>
        cb.onDelete('cascade'),
      ) // prettier-ignore
      .execute();
  }
  await db.schema.dropIndex('postings_active_idx').execute();
  await db.schema.alterTable('postings').dropColumn('active_until').dropColumn('active_from').execute(); // prettier-ignore
  await sql`drop function iso_week_start(timestamptz)`.execute(db);
}

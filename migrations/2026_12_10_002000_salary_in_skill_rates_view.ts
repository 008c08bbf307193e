import { sql, type Kysely, type RawBuilder } from 'kysely';

/*
 * Annual salaries (migration 001800) in the analysts' view of a skill's rates,
 * trend_skill_rates: published columns stay as they are and the new ones come last
 * (`annual_salary_count`, `annual_salary_p10` … `_p90`), so `skillpulse export` and
 * existing queries read the view as before.
 */

/** trend_skill_rates as migration 000900 created it, with `extra` columns at the end. */
function skillRates(extra: RawBuilder<unknown>): RawBuilder<unknown> {
  const change = (window: string) =>
    sql.raw(
      `(t.day_rate_median::double precision / nullif(first_value(t.day_rate_median) over ${window}, 0) - 1)`,
    );
  return sql`
    select t.week, t.skill_id, s.name as skill, s.category, t.segment, m.currency,
      t.day_rate_count, t.day_rate_p10, t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      t.day_rate_p90,
      ${change('w4')} as day_rate_median_change_4w,
      ${change('w13')} as day_rate_median_change_13w,
      t.hourly_rate_count, t.hourly_rate_p10, t.hourly_rate_p25, t.hourly_rate_median,
      t.hourly_rate_p75, t.hourly_rate_p90${extra}
    from skill_weekly t
    join skills s on s.id = t.skill_id
    join market_weekly m on m.week = t.week and m.segment = t.segment
    window
      w1 as (partition by t.skill_id, t.segment order by t.week range between '7 days' preceding and '7 days' preceding),
      w4 as (partition by t.skill_id, t.segment order by t.week range between '28 days' preceding and '28 days' preceding),
      w13 as (partition by t.skill_id, t.segment order by t.week range between '91 days' preceding and '91 days' preceding),
      r4 as (partition by t.skill_id, t.segment order by t.week range between '21 days' preceding and current row),
      r13 as (partition by t.skill_id, t.segment order by t.week range between '84 days' preceding and current row)`;
}

export async function up(db: Kysely<any>): Promise<void> {
  const salaries = sql.raw(`,
      t.annual_salary_count, t.annual_salary_p10, t.annual_salary_p25,
      t.annual_salary_median, t.annual_salary_p75, t.annual_salary_p90`);
  await sql`create or replace view trend_skill_rates as ${skillRates(salaries)}`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  // A view cannot lose columns in place: made again as it was.
  await db.schema.dropView('trend_skill_rates').execute();
  await sql`create view trend_skill_rates as ${skillRates(sql``)}`.execute(db);
}

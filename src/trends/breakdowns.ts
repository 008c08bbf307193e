import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { percentiles } from './percentiles.js';

/** Skills broken down each week: the most asked for, by postings. */
export const BREAKDOWN_TOP_SKILLS = 100;

/**
 * breakdown_weekly for the weeks in rollup_active (segment 'all'): postings by country
 * and by work mode, for all postings, each category and the week's 100 most-demanded
 * skills, with their share of all postings of that country or work mode and their
 * median day rate. Needs the weeks' skill_weekly rows.
 */
export async function writeBreakdowns(trx: Transaction<Database>): Promise<void> {
  const keys = ['week', 'dimension', 'value', 'scope', 'scope_id'];
  await sql`
    with src as materialized (
      select x.week, d.dimension, d.value, x.scope, x.scope_id, x.day_rate
      from (
        select a.week, a.posting_id, a.day_rate, a.country, a.work_mode, 'market' as scope, '' as scope_id
        from rollup_active a where a.segment = 'all'
        union all
        select distinct a.week, a.posting_id, a.day_rate, a.country, a.work_mode, 'category', s.category
        from rollup_active a
        join posting_skills ps on ps.posting_id = a.posting_id
        join skills s on s.id = ps.skill_id
        where a.segment = 'all'
        union all
        select a.week, a.posting_id, a.day_rate, a.country, a.work_mode, 'skill', ps.skill_id
        from rollup_active a
        join posting_skills ps on ps.posting_id = a.posting_id
        join skill_weekly top on top.week = a.week and top.segment = 'all'
          and top.skill_id = ps.skill_id and top.rank <= ${BREAKDOWN_TOP_SKILLS}
        where a.segment = 'all'
      ) as x
      cross join lateral (values ('country', x.country), ('work_mode', x.work_mode))
        as d(dimension, value)
    ),
    counts as (
      select ${sql.raw(keys.join(', '))}, count(*) as postings from src
      group by ${sql.raw(keys.join(', '))}
    ),
    rates as (${percentiles('src', keys, 'day_rate', [['median', 0.5]])})
    insert into breakdown_weekly (week, dimension, value, scope, scope_id, postings, share,
      day_rate_count, day_rate_median)
    select c.week, c.dimension, c.value, c.scope, c.scope_id, c.postings,
      c.postings::float8 / max(c.postings) filter (where c.scope = 'market')
        over (partition by c.week, c.dimension, c.value),
      coalesce(r.n, 0), r.median
    from counts c
    left join rates r on ${sql.raw(keys.map((k) => `r.${k} = c.${k}`).join(' and '))}`.execute(trx);
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { percentiles } from './percentiles.js';

/** Skills broken down each week: the most asked for, by postings. */
export const BREAKDOWN_TOP_SKILLS = 100;

/**
 * breakdown_weekly for the weeks in rollup_active and rollup_tags (segment 'all'): postings by country
 * and by work mode, for all postings, each category and the week's 100 most-demanded
 * skills, with their share of all postings of that country or work mode and their
 * median day rate. Needs the weeks' skill_weekly rows.
 */
export async function writeBreakdowns(trx: Transaction<Database>): Promise<void> {
  const keys = ['week', 'dimension', 'value', 'scope', 'scope_id'];
  await sql`
    with top as materialized (
      select week, skill_id from skill_weekly
      where segment = 'all' and rank <= ${BREAKDOWN_TOP_SKILLS}
        and week in (select distinct week from rollup_active)
    ),
    tagged as materialized (
      select week, posting_id, day_rate, country, work_mode, skill_id, category
      from rollup_tags where segment = 'all'
    ),
    src as materialized (
      select x.week, d.dimension, d.value, x.scope, x.scope_id, x.day_rate
      from (
        select a.week, a.posting_id, a.day_rate, a.country, a.work_mode, 'market' as scope, '' as scope_id
        from rollup_active a where a.segment = 'all'
        union all
        select distinct t.week, t.posting_id, t.day_rate, t.country, t.work_mode, 'category', t.category
        from tagged t
        union all
        select t.week, t.posting_id, t.day_rate, t.country, t.work_mode, 'skill', t.skill_id
        from tagged t join top on top.week = t.week and top.skill_id = t.skill_id
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

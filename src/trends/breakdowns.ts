import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * breakdown_weekly for the weeks in rollup_active (segment 'all'): postings by country
 * and by work mode, for all postings, each category and each skill, with their share of
 * all postings of that country or work mode and their median day rate.
 */
export async function writeBreakdowns(trx: Transaction<Database>): Promise<void> {
  await sql`
    insert into breakdown_weekly (week, dimension, value, scope, scope_id, postings, share,
      day_rate_count, day_rate_median)
    select g.week, g.dimension, g.value, g.scope, g.scope_id, g.postings,
      g.postings::float8 / max(g.postings) filter (where g.scope = 'market')
        over (partition by g.week, g.dimension, g.value),
      g.day_rate_count, round(g.day_rate_median::numeric, 2)
    from (
      select x.week, d.dimension, d.value, x.scope, x.scope_id, count(*) as postings,
        count(x.day_rate) as day_rate_count,
        percentile_cont(0.5) within group (order by x.day_rate) as day_rate_median
      from (
        select a.week, a.posting_id, a.day_rate, a.country, a.work_mode,
          'market' as scope, '' as scope_id
        from rollup_active a where a.segment = 'all'
        union all
        select distinct a.week, a.posting_id, a.day_rate, a.country, a.work_mode,
          'category', s.category
        from rollup_active a
        join posting_skills ps on ps.posting_id = a.posting_id
        join skills s on s.id = ps.skill_id
        where a.segment = 'all'
        union all
        select a.week, a.posting_id, a.day_rate, a.country, a.work_mode, 'skill', ps.skill_id
        from rollup_active a
        join posting_skills ps on ps.posting_id = a.posting_id
        where a.segment = 'all'
      ) as x
      cross join lateral (values ('country', x.country), ('work_mode', x.work_mode))
        as d(dimension, value)
      group by x.week, d.dimension, d.value, x.scope, x.scope_id
    ) as g`.execute(trx);
}

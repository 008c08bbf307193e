import { sql, type Kysely } from 'kysely';
import type { Database, Segment, Skill } from '../db/schema.js';
import { addWeeks, weeksBetween } from './weeks.js';

/** One week of a skill's series, as the analysts' views give it. */
export interface SkillWeek {
  readonly week: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number | null;
  readonly rank_change_1w: number | null;
  readonly postings_change_13w: number | null;
  readonly new_postings_13w: number | null;
  readonly currency: string | null;
  readonly day_rate_count: number;
  readonly day_rate_p25: number | null;
  readonly day_rate_median: number | null;
  readonly day_rate_p75: number | null;
}

/** A skill by id, name or alias, any case; undefined when none matches. */
export async function findSkill(db: Kysely<Database>, text: string): Promise<Skill | undefined> {
  const wanted = text.trim().toLowerCase();
  const exact = await db
    .selectFrom('skills')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', wanted), eb(eb.fn('lower', ['name']), '=', wanted)]))
    .executeTakeFirst();
  if (exact) return exact;
  return db
    .selectFrom('skills')
    .selectAll()
    .where(
      sql<boolean>`exists (select 1 from jsonb_array_elements_text(aliases) a where lower(a) = ${wanted})`,
    )
    .executeTakeFirst();
}

/**
 * A skill's weekly series over the `weeks` weeks to `last`, from trend_skill_demand and
 * trend_skill_rates; weeks without postings of the skill come back as zero postings.
 */
export async function skillSeries(
  db: Kysely<Database>,
  skillId: string,
  options: { readonly segment: Segment; readonly last: string; readonly weeks: number },
): Promise<SkillWeek[]> {
  const first = addWeeks(options.last, -(options.weeks - 1));
  // Each view read once for the one skill (materialized): joined as views, the planner
  // re-evaluates one per row of the other.
  const { rows } = await sql<SkillWeek>`
    with d as materialized (
      select * from trend_skill_demand where skill_id = ${skillId} and segment = ${options.segment}
    ),
    r as materialized (
      select * from trend_skill_rates where skill_id = ${skillId} and segment = ${options.segment}
    )
    select d.week, d.postings, d.share, d.rank, d.rank_change_1w, d.postings_change_13w,
      d.new_postings_13w, r.currency, r.day_rate_count, r.day_rate_p25, r.day_rate_median,
      r.day_rate_p75
    from d join r on r.week = d.week
    where d.week between ${first}::date and ${options.last}::date
    order by d.week`.execute(db);
  const byWeek = new Map(rows.map((r) => [r.week, r]));
  return weeksBetween(first, options.last).map(
    (week) =>
      byWeek.get(week) ?? {
        week,
        postings: 0,
        share: 0,
        rank: null,
        rank_change_1w: null,
        postings_change_13w: null,
        new_postings_13w: null,
        currency: null,
        day_rate_count: 0,
        day_rate_p25: null,
        day_rate_median: null,
        day_rate_p75: null,
      },
  );
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TrendSettings } from './settings.js';
import { addWeeks } from './weeks.js';

/**
 * skill_pairs for the window of `pairsWindowWeeks` weeks ending at `week`: for each two
 * skills asked for together by at least `pairsMinPostings` canonical postings open in the
 * window, how many (postings), what share of the first skill's postings also ask for the
 * second (share), and lift = P(both) / (P(first) P(second)), 1 being independence. Both
 * orders are stored, so a skill's related skills are one index range.
 */
export async function writePairs(
  trx: Transaction<Database>,
  week: string,
  settings: TrendSettings,
): Promise<number> {
  const window = settings.pairsWindowWeeks;
  await trx.deleteFrom('skill_pairs').where('week', '=', week).where('window_weeks', '=', window).execute(); // prettier-ignore
  const result = await sql`
    with open as (
      select distinct coalesce(p.canonical_id, p.id) as id
      from postings p
      where daterange(p.active_from, p.active_until, '[]')
        && daterange(${addWeeks(week, -(window - 1))}::date, ${week}::date, '[]')
    ),
    total as (select count(*)::float8 as n from open),
    tagged as (
      select ps.posting_id, ps.skill_id from open join posting_skills ps on ps.posting_id = open.id
    ),
    single as (select skill_id, count(*) as postings from tagged group by skill_id),
    pair as (
      select a.skill_id, b.skill_id as related_skill_id, count(*) as postings
      from tagged a join tagged b on b.posting_id = a.posting_id and b.skill_id <> a.skill_id
      group by a.skill_id, b.skill_id
      having count(*) >= ${settings.pairsMinPostings}
    )
    insert into skill_pairs (week, window_weeks, skill_id, related_skill_id, postings, share, lift)
    select ${week}::date, ${window}, pair.skill_id, pair.related_skill_id, pair.postings,
      pair.postings::float8 / sa.postings,
      pair.postings * total.n / (sa.postings::float8 * sb.postings)
    from pair
    join single sa on sa.skill_id = pair.skill_id
    join single sb on sb.skill_id = pair.related_skill_id
    cross join total`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

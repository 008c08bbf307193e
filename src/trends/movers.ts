import { sql, type RawBuilder, type Transaction } from 'kysely';
import type { Database, Segment } from '../db/schema.js';
import { MOVER_WINDOWS, type TrendSettings } from './settings.js';
import { twoSidedP } from './statistics.js';
import { addWeeks } from './weeks.js';

interface Candidate {
  readonly week: string;
  readonly window_weeks: number;
  readonly segment: Segment;
  readonly skill_id: string;
  readonly x_now: number;
  readonly x_before: number;
  readonly n_now: number;
  readonly n_before: number;
  readonly z: number;
}

/**
 * skill_movers for every week whose windows hold one of `weeks`: for each window of k
 * weeks (4 and 13), postings first advertised in the k weeks to the week ("now") against
 * the k weeks before ("before"), as shares of all postings advertised in each. A skill
 * with fewer than `moversMinSupport` postings in both windows together is never ranked;
 * the others are movers when the two-proportion z-test gives p <= `moversMaxPValue`,
 * ranked by |z| within week, window, segment and direction.
 */
export async function writeMovers(
  trx: Transaction<Database>,
  weeks: readonly string[],
  settings: TrendSettings,
): Promise<number> {
  const longest = Math.max(...MOVER_WINDOWS);
  const reach = [...new Set(weeks.flatMap((w) => Array.from({ length: 2 * longest }, (_, i) => addWeeks(w, i))))]; // prettier-ignore
  const present = await trx.selectFrom('market_weekly').select('week').distinct().where('week', 'in', reach).execute(); // prettier-ignore
  await trx.deleteFrom('skill_movers').where('week', 'in', reach).execute();
  const moverWeeks = present.map((r) => r.week).sort();
  if (moverWeeks.length === 0) return 0;
  const zMin = criticalZ(settings.moversMaxPValue);
  const sums = moverWeeks.length <= FEW_WEEKS ? directSums : windowSums;
  const { rows } = await sql<Candidate>`
    with s as materialized (${sums('skill_weekly', 'skill_id', moverWeeks)}),
    m as materialized (${sums('market_weekly', '', moverWeeks)})
    select week, window_weeks, segment, skill_id, x_now, x_before, n_now, n_before, z
    from (
      select s.week, w.k as window_weeks, s.segment, s.skill_id, w.x_now, w.x_before,
        w.n_now, w.n_before,
        (w.x_now::float8 / w.n_now - w.x_before::float8 / w.n_before) / sqrt(
          ((w.x_now + w.x_before)::float8 / (w.n_now + w.n_before))
          * (1 - (w.x_now + w.x_before)::float8 / (w.n_now + w.n_before))
          * (1.0 / w.n_now + 1.0 / w.n_before)) as z
      from s
      join m on m.week = s.week and m.segment = s.segment
      cross join lateral (values
        ${sql.join(MOVER_WINDOWS.map((k) => sql.raw(`(${k}, s.now_${k}, s.before_${k}, m.now_${k}, m.before_${k})`)))}
      ) as w(k, x_now, x_before, n_now, n_before)
      where w.x_now + w.x_before >= ${settings.moversMinSupport}
        and w.n_now > 0 and w.n_before > 0
        and w.x_now + w.x_before < w.n_now + w.n_before
    ) as c
    where abs(z) >= ${zMin}`.execute(trx);
  const movers = rankMovers(rows, settings.moversMaxPValue);
  if (movers.length === 0) return 0;
  const column = <K extends keyof (typeof movers)[number]>(key: K) => movers.map((m) => m[key]);
  await sql`
    insert into skill_movers (week, window_weeks, segment, skill_id, direction, postings_now,
      postings_before, share_now, share_before, z_score, p_value, rank)
    select * from unnest(${column('week')}::date[], ${column('window_weeks')}::int[],
      ${column('segment')}::text[], ${column('skill_id')}::text[], ${column('direction')}::text[],
      ${column('postings_now')}::int[], ${column('postings_before')}::int[],
      ${column('share_now')}::float8[], ${column('share_before')}::float8[],
      ${column('z_score')}::float8[], ${column('p_value')}::float8[], ${column('rank')}::int[])`.execute(trx); // prettier-ignore
  return movers.length;
}

/** The movers among candidates, with direction and rank (1 = strongest |z|). */
export function rankMovers(candidates: readonly Candidate[], maxP: number) {
  const movers = candidates
    .map((c) => ({
      week: c.week,
      window_weeks: c.window_weeks,
      segment: c.segment,
      skill_id: c.skill_id,
      direction: c.z > 0 ? ('rising' as const) : ('falling' as const),
      postings_now: c.x_now,
      postings_before: c.x_before,
      share_now: c.x_now / c.n_now,
      share_before: c.x_before / c.n_before,
      z_score: c.z,
      p_value: twoSidedP(c.z),
      rank: 0,
    }))
    .filter((m) => m.p_value <= maxP)
    .sort(
      (a, b) =>
        a.week.localeCompare(b.week) ||
        a.window_weeks - b.window_weeks ||
        a.segment.localeCompare(b.segment) ||
        a.direction.localeCompare(b.direction) ||
        Math.abs(b.z_score) - Math.abs(a.z_score) ||
        a.skill_id.localeCompare(b.skill_id),
    );
  let group = '';
  let rank = 0;
  for (const mover of movers) {
    const key = `${mover.week}|${mover.window_weeks}|${mover.segment}|${mover.direction}`;
    rank = key === group ? rank + 1 : 1;
    group = key;
    mover.rank = rank;
  }
  return movers;
}

/** Up to this many mover weeks, window sums are added up week by week; beyond, by frames. */
const FEW_WEEKS = 8;

type Sums = (table: 'market_weekly' | 'skill_weekly', partition: string, weeks: readonly string[]) => RawBuilder<unknown>; // prettier-ignore
/** `, skill_id` (or `, t.skill_id`) after the segment in a select list or grouping, or nothing. */
const by = (partition: string, alias = '') => sql.raw(partition ? `, ${alias}${partition}` : '');

/**
 * Each window's new postings for the rows of `weeks`, read off frames of the weeks
 * before (rows absent count as zero): every row of the span is framed, so this pays
 * for many weeks at once.
 */
const windowSums: Sums = (table, partition, weeks) => {
  const longest = Math.max(...MOVER_WINDOWS);
  const frame = (from: number, to: number | null) => sql.raw(`over (partition by segment${partition ? `, ${partition}` : ''} order by week range between '${from * 7} days' preceding and ${to === null ? 'current row' : `'${to * 7} days' preceding`})`); // prettier-ignore
  return sql`
    select * from (
      select week, segment ${by(partition)},
        ${sql.join(MOVER_WINDOWS.flatMap((k) => [sql`coalesce(sum(new_postings) ${frame(k - 1, null)}, 0)::int as ${sql.ref(`now_${k}`)}`, sql`coalesce(sum(new_postings) ${frame(2 * k - 1, k)}, 0)::int as ${sql.ref(`before_${k}`)}`]))}
      from ${sql.table(table)}
      where week between ${addWeeks(weeks[0]!, -(2 * longest - 1))}::date and ${weeks[weeks.length - 1]}::date
    ) as framed
    where week = any(${weeks}::date[])`; // prettier-ignore
};

/**
 * The same sums added up directly for each of a few weeks: the rows of each week's span
 * only, where frames would compute every row of it. A row counts only where the week has
 * one of its own, as with frames.
 */
const directSums: Sums = (table, partition, weeks) => {
  const longest = Math.max(...MOVER_WINDOWS);
  const within = (from: number, to: number) => sql.raw(`t.week > mw.week - ${from * 7} and t.week <= mw.week - ${to * 7}`); // prettier-ignore
  return sql`
    select mw.week, t.segment ${by(partition, 't.')},
      ${sql.join(MOVER_WINDOWS.flatMap((k) => [sql`coalesce(sum(t.new_postings) filter (where ${within(k, 0)}), 0)::int as ${sql.ref(`now_${k}`)}`, sql`coalesce(sum(t.new_postings) filter (where ${within(2 * k, k)}), 0)::int as ${sql.ref(`before_${k}`)}`]))}
    from unnest(${weeks}::date[]) as mw(week)
    join ${sql.table(table)} t on t.week > mw.week - ${sql.lit(2 * longest * 7)} and t.week <= mw.week
    group by mw.week, t.segment ${by(partition, 't.')}
    having count(*) filter (where t.week = mw.week) > 0`; // prettier-ignore
};

/** The smallest |z| whose two-sided p-value is at most `maxP` (bisection, to 1e-9). */
export function criticalZ(maxP: number): number {
  let low = 0;
  let high = 40;
  while (high - low > 1e-9) {
    const mid = (low + high) / 2;
    if (twoSidedP(mid) > maxP) low = mid;
    else high = mid;
  }
  // A hair under, so a z exactly at the boundary is decided by its p-value, not rounding.
  return low - 1e-6;
}

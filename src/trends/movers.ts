import type { Transaction } from 'kysely';
import type { Database, Segment } from '../db/schema.js';
import { insertColumns } from './columns.js';
import { SEGMENTS } from './open-postings.js';
import type { ComputedWeeks, IndexedSkillWeek } from './shapes.js';
import type { TrendSettings } from '../config/settings.js';
import { MOVER_WINDOWS } from './settings.js';
import { twoProportionZ, twoSidedP } from './statistics.js';
import { readSkillWeeks, storedWeeksAmong } from './stored-weeks.js';
import { weekNumber, weekOfNumber } from './weeks.js';

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
 * The weeks within the longest window and the window before it of `weeks`: after them
 * (sign 1: the weeks whose movers read them), or before them (-1: the weeks they read).
 */
function windowReach(weeks: readonly number[], sign: 1 | -1): number[] {
  const longest = Math.max(...MOVER_WINDOWS);
  return [
    ...new Set(weeks.flatMap((w) => Array.from({ length: 2 * longest }, (_, i) => w + sign * i))),
  ];
}

/** What the movers of a rollup read of the weeks it does not recompute. */
export interface StoredMoverWeeks {
  /** The weeks whose movers are written (numbers, ascending): recomputed or stored. */
  readonly moverWeeks: readonly number[];
  readonly skills: ReadonlyMap<number, IndexedSkillWeek>;
  readonly market: ReadonlyMap<number, Int32Array>;
}

/**
 * The stored weeks the movers of a rollup of `weeks` read: read before the rollup writes
 * (these weeks are not rewritten), while its postings are read on the other connection.
 */
export async function readMoverWeeks(
  trx: Transaction<Database>,
  weeks: readonly string[],
  keys: readonly string[],
): Promise<StoredMoverWeeks> {
  const recomputed = new Set(weeks.map(weekNumber));
  const stored = await storedWeeksAmong(
    trx,
    windowReach([...recomputed], 1).filter((w) => !recomputed.has(w)),
  );
  const moverWeeks = [...new Set([...recomputed, ...stored])].sort((a, b) => a - b);
  // Every week a window of a mover week reads, read as stored where not recomputed.
  const span = windowReach(moverWeeks, -1);
  const missing = span.filter((w) => !recomputed.has(w));
  const [skills, market] = await Promise.all([
    readSkillWeeks(trx, missing, keys),
    readStoredMarket(trx, missing),
  ]);
  return { moverWeeks, skills, market };
}

/**
 * The z of a skill's change in share of the market's new postings, from `xBefore` of
 * `nBefore` in the earlier window to `xNow` of `nNow` in the later one (positive: rising);
 * null when the change cannot be judged. Support is asked of each side: each window must
 * hold `moversMinWindowPostings` postings of the market (a share of one stray posting is
 * 100% and means nothing), and the skill `moversMinSupport` postings in the window its
 * share is the higher in, the one it moved from for a faller, to for a riser. So a skill
 * can fall to no postings or rise from none, but a skill going from 1 posting to 54 is
 * never a faller however few postings the earlier window held.
 */
export function moverZ(
  xNow: number,
  nNow: number,
  xBefore: number,
  nBefore: number,
  settings: Pick<TrendSettings, 'moversMinSupport' | 'moversMinWindowPostings'>,
): number | null {
  const minWindow = settings.moversMinWindowPostings;
  if (nNow < minWindow || nBefore < minWindow) return null;
  // The skill in every posting of both windows: the shares cannot differ.
  if (xNow + xBefore >= nNow + nBefore) return null;
  const z = twoProportionZ(xNow, nNow, xBefore, nBefore);
  if (z === 0) return null;
  return (z > 0 ? xNow : xBefore) < settings.moversMinSupport ? null : z;
}

/**
 * skill_movers for every week whose windows hold one of `weeks`: for each window of k
 * weeks (4 and 13), postings first advertised in the k weeks to the week ("now") against
 * the k weeks before ("before"), as shares of all postings advertised in each, judged by
 * `moverZ` (support on each side); the skills judged are movers when the two-proportion
 * z-test gives p <= `moversMaxPValue`, ranked by |z| within week, window, segment and
 * direction. Window sums are added up in memory from the weeks just computed and the
 * stored ones (weeks absent count as zero).
 */
export async function writeMovers(
  trx: Transaction<Database>,
  weeks: readonly string[],
  settings: TrendSettings,
  computed: ComputedWeeks,
  keys: readonly string[],
  stored: StoredMoverWeeks,
): Promise<number> {
  const reach = windowReach(weeks.map(weekNumber), 1);
  await trx.deleteFrom('skill_movers').where('week', 'in', reach.map(weekOfNumber)).execute();
  const { moverWeeks } = stored;
  const skillsOf = (w: number) => computed.skills.get(w) ?? stored.skills.get(w);
  const marketOf = (w: number) => computed.market.get(w) ?? stored.market.get(w);
  const zMin = criticalZ(settings.moversMaxPValue);
  const K = keys.length;
  const candidates: Candidate[] = [];
  for (const m of moverWeeks) {
    const ranks = skillsOf(m)?.ranks;
    if (!ranks) continue;
    const week = weekOfNumber(m);
    for (const k of MOVER_WINDOWS) {
      const now = new Int32Array(ranks.length);
      const before = new Int32Array(ranks.length);
      const market = {
        now: new Int32Array(SEGMENTS.length),
        before: new Int32Array(SEGMENTS.length),
      };
      for (let back = 0; back < 2 * k; back += 1) {
        const into = back < k ? now : before;
        const fresh = skillsOf(m - back)?.newPostings;
        if (fresh)
          for (let g = 0; g < fresh.length; g += 1)
            into[g] = (into[g] as number) + (fresh[g] as number);
        const totals = marketOf(m - back);
        const side = back < k ? market.now : market.before;
        if (totals)
          for (let s = 0; s < SEGMENTS.length; s += 1)
            side[s] = (side[s] as number) + (totals[s] as number);
      }
      for (let g = 0; g < ranks.length; g += 1) {
        if ((ranks[g] as number) === 0) continue;
        const s = Math.floor(g / K);
        const [xNow, xBefore] = [now[g] as number, before[g] as number];
        const [nNow, nBefore] = [market.now[s] as number, market.before[s] as number];
        const z = moverZ(xNow, nNow, xBefore, nBefore, settings);
        if (z === null || Math.abs(z) < zMin) continue;
        candidates.push({
          week,
          window_weeks: k,
          segment: SEGMENTS[s] as Segment,
          skill_id: keys[g % K] as string,
          x_now: xNow,
          x_before: xBefore,
          n_now: nNow,
          n_before: nBefore,
          z,
        });
      }
    }
  }
  const movers = rankMovers(candidates, settings.moversMaxPValue);
  return insertColumns(
    trx,
    'skill_movers',
    MOVER_COLUMNS.map((name) => [name, movers.map((m) => m[name])]),
  );
}

/** The skill_movers columns written, each a field of the ranked movers. */
const MOVER_COLUMNS = [
  'week',
  'window_weeks',
  'segment',
  'skill_id',
  'direction',
  'postings_now',
  'postings_before',
  'share_now',
  'share_before',
  'z_score',
  'p_value',
  'rank',
] as const;

/** Stored market new postings of `weeks` (week numbers), by segment. */
async function readStoredMarket(
  trx: Transaction<Database>,
  weeks: readonly number[],
): Promise<Map<number, Int32Array>> {
  const market = new Map<number, Int32Array>();
  if (weeks.length === 0) return market;
  const rows = await trx
    .selectFrom('market_weekly')
    .select(['week', 'segment', 'new_postings'])
    .where('week', 'in', weeks.map(weekOfNumber))
    .execute();
  for (const row of rows) {
    const week = weekNumber(row.week);
    const totals = market.get(week) ?? new Int32Array(SEGMENTS.length);
    totals[SEGMENTS.indexOf(row.segment)] = row.new_postings;
    market.set(week, totals);
  }
  return market;
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

import type { Kysely } from 'kysely';
import type { BreakdownDimension, Database } from '../db/schema.js';
import { MIN_RATES } from '../report/weekly-model.js';
import { RANK_LAGS } from '../trends/tables.js';
import { PERCENTILES } from '../trends/tally.js';
import type { BreakdownLine, Breakdowns } from '../trends/read.js';
import { addWeeks } from '../trends/weeks.js';

/*
 * The figures of a skill's page beyond its series: the week's rate percentiles (day and
 * hourly), its rank changes over 1 to 52 weeks and its postings by country and work mode,
 * each with why it is missing where it is.
 */

export type Percentile = (typeof PERCENTILES)[number][0];
export const PERCENTILE_NAMES: readonly Percentile[] = PERCENTILES.map(([name]) => name);

/** Why a figure is "–". */
export type Missing =
  /** The rolled-up history does not reach back that far. */
  | 'too little history'
  /** The skill had no postings (so no rank) then. */
  | 'not ranked then'
  /** No posting of the week quoted a rate of this kind. */
  | 'no rates'
  /** Rates were quoted, fewer than MIN_RATES: the figures are shown but marked. */
  | 'few rates';

export interface RateFigures {
  /** Rates the percentiles read. */
  readonly count: number;
  /** Each of PERCENTILES; all null without rates. */
  readonly percentiles: Readonly<Record<Percentile, number | null>>;
  /** 'no rates' without any, 'few rates' under MIN_RATES, else null. */
  readonly note: Missing | null;
}

export interface RankChange {
  readonly weeks: number;
  /** Places gained (positive) or lost since `weeks` weeks before; null with `missing`. */
  readonly change: number | null;
  readonly missing: Missing | null;
}

export interface SkillWeekFigures {
  readonly week: string;
  /** The first week rolled up: changes reaching before it have too little history. */
  readonly firstWeek: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number | null;
  readonly rankChanges: readonly RankChange[];
  readonly dayRate: RateFigures;
  readonly hourlyRate: RateFigures;
}

/** A line of a skill page's breakdown: a country or work mode, or the rest summed as "others". */
export interface BreakdownRow extends Omit<BreakdownLine, 'share'> {
  /** Of all postings with this value in the week (the skill's share there); null for "others". */
  readonly share: number | null;
}

export type SkillBreakdowns = Readonly<Record<BreakdownDimension, readonly BreakdownRow[]>>;

/** Countries listed on a skill's page; the rest are summed as "other". */
const BREAKDOWN_ROWS = 10;

function rateFigures(row: Record<string, unknown> | undefined, series: string): RateFigures {
  const count = Number(row?.[`${series}_count`] ?? 0);
  const percentiles = Object.fromEntries(
    PERCENTILE_NAMES.map((p) => {
      const value = row?.[`${series}_${p}`];
      return [p, count > 0 && value !== null && value !== undefined ? Number(value) : null];
    }),
  ) as Record<Percentile, number | null>;
  const note = count === 0 ? 'no rates' : count < MIN_RATES ? 'few rates' : null;
  return { count, percentiles, note };
}

/**
 * A skill's figures in `week` (segment all): rank and rank changes, day and hourly rate
 * percentiles; a skill without postings that week has no rank and no rates.
 */
export async function skillWeekFigures(
  db: Kysely<Database>,
  skillId: string,
  week: string,
): Promise<SkillWeekFigures> {
  const row = await db
    .selectFrom('skill_weekly')
    .selectAll()
    .where('skill_id', '=', skillId)
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .executeTakeFirst();
  const first = await db
    .selectFrom('market_weekly')
    .select((eb) => eb.fn.min('week').as('week'))
    .where('segment', '=', 'all')
    .executeTakeFirst();
  const firstWeek = (first?.week as string | null | undefined) ?? week;
  const rankChanges = RANK_LAGS.map((weeks): RankChange => {
    const change = row ? row[`rank_change_${weeks}w`] : null;
    if (change !== null) return { weeks, change, missing: null };
    const missing = addWeeks(week, -weeks) < firstWeek ? 'too little history' : 'not ranked then';
    return { weeks, change: null, missing };
  });
  const figures = row as Record<string, unknown> | undefined;
  return {
    week,
    firstWeek,
    postings: row?.postings ?? 0,
    share: row?.share ?? 0,
    rank: row?.rank ?? null,
    rankChanges,
    dayRate: rateFigures(figures, 'day_rate'),
    hourlyRate: rateFigures(figures, 'hourly_rate'),
  };
}

/** A skill's breakdowns as its page lists them: countries past BREAKDOWN_ROWS summed as "others". */
export function withOthers(breakdowns: Breakdowns): SkillBreakdowns {
  const rows = (lines: readonly BreakdownLine[]): BreakdownRow[] => {
    if (lines.length <= BREAKDOWN_ROWS) return [...lines];
    const rest = lines.slice(BREAKDOWN_ROWS - 1);
    const others: BreakdownRow = {
      value: `${rest.length} others`,
      postings: rest.reduce((sum, l) => sum + l.postings, 0),
      ofScope: rest.reduce((sum, l) => sum + l.ofScope, 0),
      share: null,
      dayRateMedian: null,
      dayRateCount: rest.reduce((sum, l) => sum + l.dayRateCount, 0),
    };
    return [...lines.slice(0, BREAKDOWN_ROWS - 1), others];
  };
  return { country: rows(breakdowns.country), work_mode: rows(breakdowns.work_mode) };
}

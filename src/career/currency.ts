import { twoSidedP } from '../trends/statistics.js';
import type { CareerMarket, CareerUser } from './market.js';

/*
 * The currency of a contractor's skills: is each one's demand (its share of all
 * postings) and its median day rate rising, steady or fading over the last 52 weeks?
 * A least-squares line through the weekly values, its slope tested against zero (t =
 * slope / standard error, two-sided p from the normal distribution as the movers'
 * z-test does); a class needs both significance and a change worth naming.
 */

export type TrendClass = 'rising' | 'steady' | 'fading';

/** The weeks a currency trend is read over. */
export const CURRENCY_WEEKS = 52;
/** The p-value under which a slope counts as significant. */
export const SIGNIFICANCE = 0.05;
/** The least change of the fitted line over the window (a fraction of its start) that rises or fades. */
export const MIN_CHANGE = 0.1;
/** The fewest weekly values a trend is read from. */
export const MIN_POINTS = 8;
/** Rising skills named with a fading one. */
const RISING_PARTNERS = 3;

export interface Trend {
  readonly class: TrendClass;
  /** The fitted line's change over the window, as a fraction of its value at the start. */
  readonly change: number;
  /** Two-sided p-value of the slope. */
  readonly p: number;
  /** Weekly values it was read from. */
  readonly points: number;
}

/**
 * The trend of `values` (weekly, oldest first, null for a week without a figure): the
 * least-squares slope over the weeks with figures, significant when p < SIGNIFICANCE,
 * rising or fading when also the fitted line changes by at least MIN_CHANGE over the
 * window. Null for fewer than MIN_POINTS figures or a mean of 0.
 */
export function trendOf(values: readonly (number | null)[]): Trend | null {
  const points = values.flatMap((y, x) => (y === null || !Number.isFinite(y) ? [] : [{ x, y }]));
  const n = points.length;
  if (n < MIN_POINTS) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / n;
  const meanY = points.reduce((s, p) => s + p.y, 0) / n;
  if (meanY === 0) return null;
  const sxx = points.reduce((s, p) => s + (p.x - meanX) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - meanX) * (p.y - meanY), 0);
  const slope = sxy / sxx;
  const sse = points.reduce((s, p) => s + (p.y - meanY - slope * (p.x - meanX)) ** 2, 0);
  const se = Math.sqrt(sse / (n - 2) / sxx);
  const p = slope === 0 ? 1 : se === 0 ? 0 : twoSidedP(slope / se);
  // The fitted line's change from its first week to its last, as a fraction of where it
  // starts (of the mean when the line starts at or below 0).
  const start = meanY + slope * (points[0]!.x - meanX);
  const span = points[n - 1]!.x - points[0]!.x;
  const change = (slope * span) / (start > 0 ? start : Math.abs(meanY));
  const significant = p < SIGNIFICANCE && Math.abs(change) >= MIN_CHANGE;
  const trendClass: TrendClass = !significant ? 'steady' : change > 0 ? 'rising' : 'fading';
  return { class: trendClass, change, p, points: n };
}

/** The last `weeks` values of a series. */
const lastWeeks = <T>(values: readonly T[], weeks: number) => values.slice(-weeks);

/** A skill's weekly share of all postings, null in a week without postings. */
export function demandShares(market: CareerMarket, skillId: string): (number | null)[] {
  const skill = market.skills[skillId];
  if (!skill) return [];
  return skill.demand.map((postings, i) => {
    const all = market.marketPostings[i] ?? 0;
    return all > 0 ? postings / all : null;
  });
}

/** A skill's demand trend (its share of postings) over the last CURRENCY_WEEKS weeks. */
export function demandTrend(market: CareerMarket, skillId: string): Trend | null {
  return trendOf(lastWeeks(demandShares(market, skillId), CURRENCY_WEEKS));
}

export function rateTrend(market: CareerMarket, skillId: string): Trend | null {
  const skill = market.skills[skillId];
  return skill ? trendOf(lastWeeks(skill.rates, CURRENCY_WEEKS)) : null;
}

export interface SkillCurrency {
  readonly id: string;
  readonly name: string;
  readonly postings: number;
  readonly demand: Trend | null;
  readonly rate: Trend | null;
  /** The demand class (steady when it cannot be read): what the warning follows. */
  readonly class: TrendClass;
  /** For a fading skill: rising skills asked with it, highest lift first. */
  readonly risingPartners: readonly {
    readonly id: string;
    readonly name: string;
    readonly lift: number;
  }[];
}

/** The currency of each of the user's skills and certifications, in the order given. */
export function skillCurrency(market: CareerMarket, user: CareerUser): SkillCurrency[] {
  return [...user.skills, ...user.certs].flatMap((id) => {
    const skill = market.skills[id];
    if (!skill) return [];
    const demand = demandTrend(market, id);
    const trendClass = demand?.class ?? 'steady';
    const risingPartners =
      trendClass !== 'fading'
        ? []
        : skill.related
            .filter((r) => !user.skills.includes(r.id) && !user.certs.includes(r.id))
            .filter((r) => demandTrend(market, r.id)?.class === 'rising')
            .slice(0, RISING_PARTNERS)
            .map((r) => ({ id: r.id, name: market.skills[r.id]?.name ?? r.id, lift: r.lift }));
    return [
      {
        id,
        name: skill.name,
        postings: skill.postings,
        demand,
        rate: rateTrend(market, id),
        class: trendClass,
        risingPartners,
      },
    ];
  });
}

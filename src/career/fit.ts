import { MIN_RATES } from '../report/weekly-model.js';
import { hasItem, type CareerMarket, type CareerUser, type RoleMarket } from './market.js';

/*
 * Fit, the contractor's current rate, the ranking of better-paid roles and the path to a
 * role: pure functions of the market and the user (the README's "Career planner" gives
 * the formulas).
 */

/** Fit at or above which a role counts as one the contractor can take now. */
export const CURRENT_FIT = 0.5;
/** The least fit of a role listed among the nearest better-paid ones. */
export const NEAREST_MIN_FIT = 0.2;
/** A profile item asked by at least this share of a role's postings is one of its core items. */
export const CORE_SHARE = 1 / 3;

/**
 * The share of the role's demand-weighted profile the user has:
 * Σ share(i) × [user has i] / Σ share(i) over the role's profile items (skills and
 * certifications). 0 for a role without a profile. Years of experience are not in it:
 * they are compared on their own (`experienceGap`).
 */
export function roleFit(role: RoleMarket, user: CareerUser): number {
  const total = role.profile.reduce((sum, item) => sum + item.share, 0);
  if (total <= 0) return 0;
  const had = role.profile.reduce(
    (sum, item) => sum + (hasItem(user, item.id) ? item.share : 0),
    0,
  );
  return had / total;
}

export interface CurrentRate {
  /** The day rate the contractor's current skills fetch; null when nothing says. */
  readonly dayRate: number | null;
  /**
   * `roles`: the postings-weighted median of the median day rates of the roles the user
   * fits (fit ≥ CURRENT_FIT) whose medians rest on MIN_RATES rates or more; `skills`: no
   * such role, so the median of the
   * user's skills' median day rates (the gap report's baseline); `none`: neither.
   */
  readonly basis: 'roles' | 'skills' | 'none';
  /** The roles whose rates it was read from (basis `roles`). */
  readonly roles: readonly string[];
}

/** The weighted median: the smallest value at which the cumulative weight reaches half. */
export function weightedMedian(
  values: readonly { readonly value: number; readonly weight: number }[],
): number | null {
  const sorted = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((sum, v) => sum + v.weight, 0);
  if (total <= 0) return null;
  let seen = 0;
  for (const v of sorted) {
    seen += v.weight;
    if (seen >= total / 2) return v.value;
  }
  return sorted[sorted.length - 1]!.value;
}

function plainMedian(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Whether a role's median day rate rests on MIN_RATES rates or more: a median on fewer is
 * one or two postings' pay, neither what a skill set fetches nor an uplift to plan on.
 */
function hasRate(role: RoleMarket): role is RoleMarket & { dayRateMedian: number } {
  return role.dayRateMedian !== null && role.dayRateCount >= MIN_RATES;
}

/** What the contractor's current skills fetch (see `CurrentRate.basis`). */
export function currentRate(market: CareerMarket, user: CareerUser): CurrentRate {
  const fitting = market.roles.filter(hasRate).filter((role) => roleFit(role, user) >= CURRENT_FIT);
  const fromRoles = weightedMedian(
    fitting.map((role) => ({ value: role.dayRateMedian, weight: role.windowPostings })),
  );
  if (fromRoles !== null) {
    return { dayRate: fromRoles, basis: 'roles', roles: fitting.map((r) => r.id) };
  }
  const skillRates = [...user.skills, ...user.certs].flatMap((id) => {
    const rate = market.skills[id]?.dayRateMedian;
    return rate === null || rate === undefined ? [] : [rate];
  });
  const fromSkills = plainMedian(skillRates);
  return fromSkills === null
    ? { dayRate: null, basis: 'none', roles: [] }
    : { dayRate: fromSkills, basis: 'skills', roles: [] };
}

export const clamp = (x: number, low: number, high: number) => Math.max(low, Math.min(high, x));

/**
 * The ranking score of a better-paid role: fit × min(uplift, 1) × (1 + clamp(growth13w,
 * -1, 1) / 2). Fit stands for how likely the contractor is to be taken on, the uplift
 * for what it pays more (capped at +100%, so that one outlier rate does not outrank every
 * near role), and growth scales it by half its 13-week change either way (a role whose
 * demand doubles scores 1.5×, one whose demand halves 0.75×; unknown growth counts 0).
 */
export function rankingScore(fit: number, uplift: number, growth13w: number | null): number {
  return fit * Math.min(Math.max(uplift, 0), 1) * (1 + clamp(growth13w ?? 0, -1, 1) / 2);
}

/** A missing profile item of a role, in the order of the path to it. */
export interface PathStep {
  readonly id: string;
  readonly name: string;
  readonly certification: boolean;
  /** Share of the role's postings asking for it. */
  readonly share: number;
  readonly core: boolean;
  readonly dayRateMedian: number | null;
  /** Its median day rate / the contractor's current rate - 1; null when either is unknown. */
  readonly ratePremium: number | null;
  /** share × (1 + ratePremium), premium 0 when unknown: what the order sorts by. */
  readonly weight: number;
  /** The role fit once this step and every one before it are taken. */
  readonly fitAfter: number;
}

/**
 * The items of the role's profile the user lacks, in the order that closes most of the
 * gap first: share of the role's postings asking × (1 + rate premium of the item over
 * the user's current rate), then the more asked, then by id. Each step carries the fit
 * once it and the steps before it are taken.
 */
export function pathTo(
  market: CareerMarket,
  role: RoleMarket,
  user: CareerUser,
  userRate: number | null,
): PathStep[] {
  const missing = role.profile
    .filter((item) => !hasItem(user, item.id))
    .map((item) => {
      const dayRateMedian = market.skills[item.id]?.dayRateMedian ?? null;
      const ratePremium =
        dayRateMedian !== null && userRate !== null && userRate > 0
          ? dayRateMedian / userRate - 1
          : null;
      return { item, dayRateMedian, ratePremium, weight: item.share * (1 + (ratePremium ?? 0)) };
    })
    .sort(
      (a, b) =>
        b.weight - a.weight || b.item.share - a.item.share || a.item.id.localeCompare(b.item.id),
    );
  const gained = { skills: [...user.skills], certs: [...user.certs] };
  return missing.map(({ item, dayRateMedian, ratePremium, weight }) => {
    if (item.certification) gained.certs.push(item.id);
    else gained.skills.push(item.id);
    return {
      id: item.id,
      name: item.name,
      certification: item.certification,
      share: item.share,
      core: item.share >= CORE_SHARE,
      dayRateMedian,
      ratePremium,
      weight,
      fitAfter: roleFit(role, { ...gained, years: user.years }),
    };
  });
}

export interface ExperienceGap {
  /** The median of the years the role's postings ask for; null when none say. */
  readonly asked: number | null;
  readonly yours: number | null;
  /** Years short of what is asked; 0 when enough; null when either is unknown. */
  readonly short: number | null;
}

export function experienceGap(role: RoleMarket, user: CareerUser): ExperienceGap {
  const asked = role.experienceYearsMedian;
  const short = asked === null || user.years === null ? null : Math.max(0, asked - user.years);
  return { asked, yours: user.years, short };
}

export interface RankedRole {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Postings in the week read, and in the window its rates rest on. */
  readonly postings: number;
  readonly windowPostings: number;
  readonly fit: number;
  readonly dayRateMedian: number;
  readonly dayRateP25: number | null;
  readonly dayRateP75: number | null;
  /** Its median day rate / the contractor's current rate - 1. */
  readonly uplift: number;
  readonly growth13w: number | null;
  readonly growth52w: number | null;
  readonly score: number;
}

/**
 * The roles that pay more than the contractor's current rate and that they fit at least
 * NEAREST_MIN_FIT, in the category when one is given, best score first; of the roles
 * whose rate rests on enough rates (hasRate).
 */
export function betterPaidRoles(
  market: CareerMarket,
  user: CareerUser,
  userRate: number | null,
  category: string | null = null,
): RankedRole[] {
  if (userRate === null || userRate <= 0) return [];
  return market.roles
    .filter((role) => category === null || role.category === category)
    .flatMap((role): RankedRole[] => {
      if (!hasRate(role) || role.dayRateMedian <= userRate) return [];
      const fit = roleFit(role, user);
      if (fit < NEAREST_MIN_FIT) return [];
      const uplift = role.dayRateMedian / userRate - 1;
      return [
        {
          id: role.id,
          name: role.name,
          category: role.category,
          postings: role.postings,
          windowPostings: role.windowPostings,
          fit,
          dayRateMedian: role.dayRateMedian,
          dayRateP25: role.dayRateP25,
          dayRateP75: role.dayRateP75,
          uplift,
          growth13w: role.growth13w,
          growth52w: role.growth52w,
          score: rankingScore(fit, uplift, role.growth13w),
        },
      ];
    })
    .sort((a, b) => b.score - a.score || b.postings - a.postings || a.id.localeCompare(b.id));
}

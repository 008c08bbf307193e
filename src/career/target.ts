import {
  CORE_SHARE,
  experienceGap,
  pathTo,
  roleFit,
  type ExperienceGap,
  type PathStep,
} from './fit.js';
import { hasItem, type CareerMarket, type CareerUser, type RoleMarket } from './market.js';

/*
 * Dream-job mode: one role's whole profile against the contractor, how far they are, and
 * the roles on the way there.
 */

/** The most roles on the way listed. */
const ON_THE_WAY = 5;

export interface TargetProfileItem {
  readonly id: string;
  readonly name: string;
  readonly certification: boolean;
  readonly share: number;
  readonly core: boolean;
  readonly have: boolean;
}

/** A role between the contractor and the target. */
export interface RoleOnTheWay {
  readonly id: string;
  readonly name: string;
  readonly dayRateMedian: number | null;
  /** The contractor's fit to it. */
  readonly fit: number;
  /** How much of the target the role's core items cover: `coverage`. */
  readonly coverage: number;
}

export interface TargetPlan {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Postings in the week read, and in the window its rates and profile rest on. */
  readonly postings: number;
  readonly windowPostings: number;
  readonly dayRateMedian: number | null;
  readonly dayRateP25: number | null;
  readonly dayRateP75: number | null;
  readonly growth13w: number | null;
  readonly growth52w: number | null;
  readonly profile: readonly TargetProfileItem[];
  readonly fitNow: number;
  /** Core items (asked by at least CORE_SHARE of its postings) the contractor lacks. */
  readonly missingCore: readonly string[];
  /** Every missing item, in path order, with the fit after each. */
  readonly steps: readonly PathStep[];
  readonly experience: ExperienceGap;
  readonly onTheWay: readonly RoleOnTheWay[];
}

/**
 * How much of `target`'s demand-weighted profile someone in `role` has: the fit to the
 * target of a user who has the role's core items (those asked by at least CORE_SHARE of
 * its postings).
 */
export function coverage(role: RoleMarket, target: RoleMarket): number {
  const core = role.profile.filter((item) => item.share >= CORE_SHARE);
  return roleFit(target, {
    skills: core.filter((i) => !i.certification).map((i) => i.id),
    certs: core.filter((i) => i.certification).map((i) => i.id),
    years: null,
  });
}

/**
 * The roles between the contractor and the target: ones they fit better than the target
 * and whose core items cover more of the target than the contractor does. Best first by
 * the lesser of the two (a step both reachable and forward), then by rate.
 */
export function rolesOnTheWay(
  market: CareerMarket,
  target: RoleMarket,
  user: CareerUser,
): RoleOnTheWay[] {
  const fitNow = roleFit(target, user);
  return market.roles
    .filter((role) => role.id !== target.id)
    .map((role) => ({
      id: role.id,
      name: role.name,
      dayRateMedian: role.dayRateMedian,
      fit: roleFit(role, user),
      coverage: coverage(role, target),
    }))
    .filter((r) => r.fit > fitNow && r.coverage > fitNow)
    .sort(
      (a, b) =>
        Math.min(b.fit, b.coverage) - Math.min(a.fit, a.coverage) ||
        (b.dayRateMedian ?? 0) - (a.dayRateMedian ?? 0) ||
        a.id.localeCompare(b.id),
    )
    .slice(0, ON_THE_WAY);
}

export function targetPlan(
  market: CareerMarket,
  target: RoleMarket,
  user: CareerUser,
  userRate: number | null,
): TargetPlan {
  const profile = target.profile.map((item) => ({
    id: item.id,
    name: item.name,
    certification: item.certification,
    share: item.share,
    core: item.share >= CORE_SHARE,
    have: hasItem(user, item.id),
  }));
  return {
    id: target.id,
    name: target.name,
    category: target.category,
    postings: target.postings,
    windowPostings: target.windowPostings,
    dayRateMedian: target.dayRateMedian,
    dayRateP25: target.dayRateP25,
    dayRateP75: target.dayRateP75,
    growth13w: target.growth13w,
    growth52w: target.growth52w,
    profile,
    fitNow: roleFit(target, user),
    missingCore: profile.filter((i) => i.core && !i.have).map((i) => i.id),
    steps: pathTo(market, target, user, userRate),
    experience: experienceGap(target, user),
    onTheWay: rolesOnTheWay(market, target, user),
  };
}

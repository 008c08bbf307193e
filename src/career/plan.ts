import { addWeeks, weekLabel } from '../trends/weeks.js';
import { skillCurrency, demandTrend, type SkillCurrency, type Trend } from './currency.js';
import {
  betterPaidRoles,
  currentRate,
  experienceGap,
  pathTo,
  type CurrentRate,
  type ExperienceGap,
  type PathStep,
  type RankedRole,
} from './fit.js';
import { demandForecast, type DemandForecast } from './forecast.js';
import type { CareerMarket, CareerUser, RoleMarket } from './market.js';
import { targetPlan, type TargetPlan } from './target.js';

/*
 * The career plan: everything `skillpulse career` shows, built from the market and the
 * contractor's skills, certifications and years.
 */

/** Better-paid roles listed, and the path steps shown for each. */
export const TOP_ROLES = 8;
export const PATH_STEPS = 5;

export interface PlanStep extends PathStep {
  /** The item's demand trend over the last 52 weeks; null when too few weeks. */
  readonly demand: Trend | null;
}

export interface PlannedRole extends RankedRole {
  readonly path: readonly PlanStep[];
  /** Missing items beyond the steps shown. */
  readonly moreSteps: number;
  readonly experience: ExperienceGap;
}

export interface NamedForecast extends DemandForecast {
  readonly kind: 'skill' | 'role';
  readonly id: string;
  readonly name: string;
  /** Postings in the week read: what the forecast goes on from. */
  readonly now: number;
  /** The week of each forecast point, in the order of `points`. */
  readonly weeks: readonly string[];
}

export interface CareerPlan {
  readonly week: string;
  readonly label: string;
  /** The weeks the roles' rates, profiles and years asked are read over (CareerMarket). */
  readonly window: CareerMarket['window'];
  readonly currency: string | null;
  readonly category: string | null;
  readonly user: {
    readonly skills: readonly { id: string; name: string }[];
    readonly certs: readonly { id: string; name: string }[];
    readonly years: number | null;
  };
  readonly currentRate: CurrentRate;
  readonly roles: readonly PlannedRole[];
  readonly target: (TargetPlan & { readonly steps: readonly PlanStep[] }) | null;
  readonly currencyOfSkills: readonly SkillCurrency[];
  readonly forecasts: readonly NamedForecast[];
}

export interface PlanOptions {
  readonly target?: RoleMarket | null;
  readonly category?: string | null;
}

function withTrends(market: CareerMarket, steps: readonly PathStep[]): PlanStep[] {
  return steps.map((step) => ({ ...step, demand: demandTrend(market, step.id) }));
}

function forecastOf(
  market: CareerMarket,
  kind: 'skill' | 'role',
  entry: { id: string; name: string; demand: readonly number[] },
): NamedForecast {
  const forecast = demandForecast(entry.demand);
  return {
    kind,
    id: entry.id,
    name: entry.name,
    now: entry.demand[entry.demand.length - 1] ?? 0,
    ...forecast,
    weeks: forecast.points.map((p) => addWeeks(market.week, p.h)),
  };
}

export function buildCareerPlan(
  market: CareerMarket,
  user: CareerUser,
  options: PlanOptions = {},
): CareerPlan {
  const rate = currentRate(market, user);
  const category = options.category ?? null;
  const ranked = betterPaidRoles(market, user, rate.dayRate, category).slice(0, TOP_ROLES);
  const roleById = new Map(market.roles.map((r) => [r.id, r]));
  const roles = ranked.map((ranked): PlannedRole => {
    const role = roleById.get(ranked.id)!;
    const path = pathTo(market, role, user, rate.dayRate);
    return {
      ...ranked,
      path: withTrends(market, path.slice(0, PATH_STEPS)),
      moreSteps: Math.max(0, path.length - PATH_STEPS),
      experience: experienceGap(role, user),
    };
  });
  const target = options.target ? targetPlan(market, options.target, user, rate.dayRate) : null;
  const named = (id: string) => ({ id, name: market.skills[id]?.name ?? id });
  // The target first, then the roles listed, each once.
  const forecastRoles = [
    ...new Set([
      ...(options.target ? [options.target] : []),
      ...ranked.map((r) => roleById.get(r.id)!),
    ]),
  ];
  return {
    week: market.week,
    label: weekLabel(market.week),
    window: market.window,
    currency: market.currency,
    category,
    user: { skills: user.skills.map(named), certs: user.certs.map(named), years: user.years },
    currentRate: rate,
    roles,
    target: target ? { ...target, steps: withTrends(market, target.steps) } : null,
    currencyOfSkills: skillCurrency(market, user),
    forecasts: [
      ...[...user.skills, ...user.certs].flatMap((id) => {
        const skill = market.skills[id];
        return skill ? [forecastOf(market, 'skill', skill)] : [];
      }),
      ...forecastRoles.map((role) => forecastOf(market, 'role', role)),
    ],
  };
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { CareerMarket } from '../career/market.js';
import { nearestRoles, type NearRole } from '../career/nearest.js';
import { buildCareerPlan, type CareerPlan } from '../career/plan.js';
import { readCareerMarket, withRelatedSkills } from '../career/read.js';
import { CareerError, resolveRequest } from '../career/resolve.js';
import { parseSkillList } from '../report/gap.js';
import { categoryName } from '../skills/categories.js';
import { defaultWeek } from '../trends/read.js';
import {
  rankedRoles,
  roleProfiles,
  roleWindowFigures,
  type RoleWindowFigures,
  type RoleWindowSpan,
  roleSeries,
  type RankedRole,
  type RoleProfileSkill,
  type RoleWeek,
} from '../trends/roles-read.js';
import { MAX_QUERY } from './data.js';
import { WebError } from './params.js';

/*
 * What the career and role pages read: the planner's market (kept per rollup, as the
 * weekly reports are), the plan for a filled-in form, the week's roles and one role's
 * figures. The pages and /api show the same objects.
 */

/** The longest list of skills or certifications read from a form. */
export const MAX_LIST = 1000;

/** Weeks of history on a role's page, as on a skill's. */
export const ROLE_WEEKS = 52;

/** The planner's market of a week, with the rollup stamp it was read under. */
interface KeptMarket {
  readonly stamp: string;
  readonly market: Promise<CareerMarket>;
}

/**
 * The planner's market, read once per rollup: it is two years of every skill's and role's
 * series, and every plan and role page asked between rollups reads it. Only one week's
 * is kept (the pages ask for the default week alone).
 */
export class CareerMarkets {
  private kept: (KeptMarket & { readonly week: string }) | undefined;

  constructor(private readonly db: Kysely<Database>) {}

  async get(week: string): Promise<CareerMarket> {
    // The market reads two years of weeks: a rollup of any of them makes it another, so
    // the stamp is the newest rollup of any week (and how many weeks there are, as a
    // deleted week changes the series too).
    const row = await this.db
      .selectFrom('market_weekly')
      .select((eb) => [eb.fn.max('computed_at').as('at'), eb.fn.countAll<number>().as('rows')])
      .executeTakeFirst();
    const stamp = row?.at ? `${new Date(row.at).toISOString()}|${row.rows}` : '';
    const kept = this.kept;
    if (kept && kept.week === week && kept.stamp === stamp) return kept.market;
    const market = readCareerMarket(this.db, week);
    const entry = { week, stamp, market };
    this.kept = entry;
    // A failed read is not kept: the next visit tries again.
    market.catch(() => {
      if (this.kept === entry) this.kept = undefined;
    });
    return market;
  }
}

/** The career form as typed, cut to bounded lengths: what the page shows back. */
export interface CareerForm {
  readonly skills: string;
  readonly certs: string;
  readonly years: string;
  readonly target: string;
  readonly category: string;
}

/** The form from a request's query parameters. */
export function careerForm(query: (name: string) => string | undefined): CareerForm {
  const field = (name: string, max: number) => (query(name) ?? '').slice(0, max);
  return {
    skills: field('skills', MAX_LIST),
    certs: field('certs', MAX_LIST),
    years: field('years', 10).trim(),
    target: field('target', MAX_QUERY),
    category: field('category', MAX_QUERY),
  };
}

/** The years typed, as the command reads `--years`: empty for none, else 0 to 60. */
function yearsOf(text: string): number | null {
  if (text === '') return null;
  const years = Number(text);
  if (!Number.isFinite(years) || years < 0 || years > 60) {
    throw new CareerError(`years: expected a number from 0 to 60, not "${text}"`);
  }
  return years;
}

/**
 * The plan for a filled-in form, on the newest rolled-up week: the command's resolution
 * (unknown names answered with the nearest known ones, as a CareerError) and its plan.
 */
export async function careerPlan(
  db: Kysely<Database>,
  markets: CareerMarkets,
  form: CareerForm,
): Promise<CareerPlan> {
  const skills = parseSkillList(form.skills);
  if (skills.length === 0) throw new CareerError('name at least one skill, e.g. "aws, terraform"');
  const years = yearsOf(form.years);
  const week = await defaultWeek(db);
  if (!week) throw new WebError(404, 'no week has been rolled up yet');
  const market = await markets.get(week);
  const { user, target, category } = resolveRequest(market, {
    skills,
    certs: parseSkillList(form.certs),
    years,
    target: form.target,
    category: form.category,
  });
  const withRelated = await withRelatedSkills(db, market, user.skills);
  return buildCareerPlan(withRelated, user, { target, category });
}

/** The role categories, by id and name, for the forms' selects. */
export async function roleCategories(
  db: Kysely<Database>,
): Promise<{ id: string; name: string }[]> {
  const rows = await db.selectFrom('roles').select('category').distinct().execute();
  return rows
    .map((r) => ({ id: r.category, name: categoryName(r.category) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The role names, for the target field's suggestions. */
export async function roleNames(db: Kysely<Database>): Promise<string[]> {
  const rows = await db.selectFrom('roles').select('name').orderBy('name').execute();
  return rows.map((r) => r.name);
}

export interface RoleList {
  readonly week: string | null;
  /** The category filtered on; null for all. */
  readonly category: string | null;
  readonly roles: readonly RankedRole[];
}

/** The week's roles by demand, of one category when given (an unknown one is a 400). */
export async function roleList(db: Kysely<Database>, text: string | undefined): Promise<RoleList> {
  const wanted = text?.trim().toLowerCase().slice(0, MAX_QUERY) || null;
  if (wanted !== null) {
    const known = (await roleCategories(db)).map((c) => c.id);
    if (!known.includes(wanted)) {
      throw new WebError(400, `no role category "${wanted}": expected one of ${known.join(', ')}`);
    }
  }
  const week = await defaultWeek(db);
  if (!week) return { week, category: wanted, roles: [] };
  const roles = await rankedRoles(db, week, wanted === null ? {} : { category: wanted });
  return { week, category: wanted, roles };
}

export interface RoleDetail {
  readonly role: { readonly id: string; readonly name: string; readonly category: string };
  readonly week: string | null;
  readonly currency: string | null;
  /** Its figures week by week, ROLE_WEEKS weeks to `week`, oldest first. */
  readonly series: readonly RoleWeek[];
  /**
   * The window of weeks to `week` its rates, years asked and profile are counted over
   * (null when none was), and its figures there.
   */
  readonly window: RoleWindowSpan | null;
  readonly windowFigures: RoleWindowFigures | null;
  /** The skills and certifications its postings in the window ask for, most asked first. */
  readonly profile: readonly RoleProfileSkill[];
  /** The roles its core skills cover most of (the planner's `nearestRoles`). */
  readonly nearest: readonly NearRole[];
}

/** A role's page by id (any case); undefined for a role the taxonomy does not have. */
export async function roleDetail(
  db: Kysely<Database>,
  markets: CareerMarkets,
  text: string,
): Promise<RoleDetail | undefined> {
  const id = text.trim().toLowerCase().slice(0, MAX_QUERY);
  const role = await db
    .selectFrom('roles')
    .select(['id', 'name', 'category'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!role) return undefined;
  const week = await defaultWeek(db);
  const none = { window: null, windowFigures: null, profile: [] };
  if (!week) return { role, week, currency: null, series: [], nearest: [], ...none };
  const market = await markets.get(week);
  const inMarket = market.roles.find((r) => r.id === role.id);
  // The market's window: the newest at or before the week, as the planner reads it.
  const { window } = market;
  const [series, inWindow] = await Promise.all([
    roleSeries(db, role.id, { last: week, weeks: ROLE_WEEKS }),
    window === null
      ? none
      : Promise.all([
          roleWindowFigures(db, window, role.id),
          roleProfiles(db, window, role.id),
        ]).then(([figures, profile]) => ({ window, windowFigures: figures[0] ?? null, profile })),
  ]);
  return {
    role,
    week,
    currency: market.currency,
    series,
    ...inWindow,
    nearest: inMarket ? nearestRoles(market, inMarket) : [],
  };
}

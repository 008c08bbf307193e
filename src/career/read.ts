import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadRoleTaxonomy, type RoleTaxonomy } from '../roles/taxonomy.js';
import { latestRelatedWeek } from '../trends/read.js';
import {
  latestRoleWindow,
  roleProfiles,
  roleWindowFigures,
  type RoleWindowSpan,
} from '../trends/roles-read.js';
import { addWeeks, weeksBetween } from '../trends/weeks.js';
import type {
  CareerMarket,
  ProfileItem,
  RelatedSkillLink,
  RoleMarket,
  SkillMarket,
} from './market.js';

/*
 * The career planner's market from the rolled-up tables: the roles of the week (roles
 * and their demand week by week in role_weekly, migration 002200; their rates, years
 * asked and profiles over the window of weeks to the week in role_window and
 * role_profile_window, migration 002300; the title phrasings of the role taxonomy as
 * their aliases) and every skill's weekly
 * series (skill_weekly) and names (skills); related skills (skill_pairs) of the user's
 * skills only, by withRelatedSkills. Segment 'all'
 * throughout, as the gap report reads.
 */

/** The role taxonomy, read once a process: a server plans many times. */
let taxonomy: RoleTaxonomy | undefined;

/** The weeks of history read: two years, so that seasonal-naive has a year before each origin. */
export const SERIES_WEEKS = 104;

const numberOrNull = (value: unknown) =>
  value === null || value === undefined ? null : Number(value);

/**
 * The weeks whose postings a role's growth sums on each side: one week is a handful of
 * postings. Eight, so the two sides of a 13-week change do not overlap and a 52-week
 * change needs 60 weeks of history, not 65.
 */
export const GROWTH_WINDOW_WEEKS = 8;

/**
 * Postings in the GROWTH_WINDOW_WEEKS weeks to the last of `demand` / postings in as many
 * weeks ending `lag` weeks before - 1; null when the earlier weeks are not all in the
 * series or have no postings.
 */
export function windowGrowth(demand: readonly number[], lag: number): number | null {
  const last = demand.length - 1;
  const from = last - lag - (GROWTH_WINDOW_WEEKS - 1);
  if (from < 0) return null;
  const sum = (end: number) => {
    let total = 0;
    for (let t = end - GROWTH_WINDOW_WEEKS + 1; t <= end; t += 1) total += demand[t]!;
    return total;
  };
  const then = sum(last - lag);
  return then <= 0 ? null : sum(last) / then - 1;
}

/** One value per week of `weeks`, from rows keyed by week. */
function aligned<T>(weeks: readonly string[], byWeek: ReadonlyMap<string, T>, missing: T): T[] {
  return weeks.map((week) => byWeek.get(week) ?? missing);
}

async function readSkills(
  db: Kysely<Database>,
  weeks: readonly string[],
  week: string,
): Promise<Record<string, SkillMarket>> {
  const [skills, rows] = await Promise.all([
    db
      .selectFrom('skills')
      .select(['id', 'name', 'category', 'aliases', 'is_certification'])
      .execute(),
    // One row a skill, its weeks as arrays: a row a skill and week is 120,000 rows at
    // two years of a full taxonomy, which the driver turns into objects one by one.
    db
      .selectFrom('skill_weekly')
      .select((eb) => [
        'skill_id',
        sql<number[]>`array_agg((week - ${weeks[0]!}::date) / 7 order by week)`.as('at'),
        eb.fn.agg<number[]>('array_agg', ['postings']).orderBy('week').as('postings'),
        eb.fn.agg<(string | number | null)[]>('array_agg', ['day_rate_median']).orderBy('week').as('rates'), // prettier-ignore
        eb.fn.agg<number[]>('array_agg', ['day_rate_count']).orderBy('week').as('rate_counts'),
      ])
      .where('segment', '=', 'all')
      .where('week', '>=', weeks[0]!)
      .where('week', '<=', week)
      .groupBy('skill_id')
      .execute(),
  ]);
  const series = new Map(rows.map((row) => [row.skill_id, row]));
  const result: Record<string, SkillMarket> = {};
  const last = weeks.length - 1;
  for (const skill of skills) {
    const row = series.get(skill.id);
    const demand = new Array<number>(weeks.length).fill(0);
    const rates = new Array<number | null>(weeks.length).fill(null);
    let dayRateCount = 0;
    row?.at.forEach((at, i) => {
      demand[at] = Number(row.postings[i]);
      rates[at] = numberOrNull(row.rates[i]);
      if (at === last) dayRateCount = Number(row.rate_counts[i]);
    });
    result[skill.id] = {
      id: skill.id,
      name: skill.name,
      category: skill.category,
      certification: skill.is_certification,
      aliases: skill.aliases,
      postings: demand[last] ?? 0,
      dayRateMedian: rates[last] ?? null,
      dayRateCount,
      demand,
      rates,
      related: [],
    };
  }
  return result;
}

async function readRoles(
  db: Kysely<Database>,
  weeks: readonly string[],
  week: string,
  skills: Readonly<Record<string, SkillMarket>>,
  taxonomy: RoleTaxonomy,
): Promise<{ roles: RoleMarket[]; window: RoleWindowSpan | null }> {
  const window = await latestRoleWindow(db, week);
  const [roles, rows, figures, profiles] = await Promise.all([
    db.selectFrom('roles').select(['id', 'name', 'category']).orderBy('id').execute(),
    db
      .selectFrom('role_weekly')
      .select(['role_id', 'week', 'postings'])
      .where('segment', '=', 'all')
      .where('week', '>=', weeks[0]!)
      .where('week', '<=', week)
      .execute(),
    window === null ? [] : roleWindowFigures(db, window),
    window === null ? [] : roleProfiles(db, window),
  ]);
  const demand = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const byRole = demand.get(row.role_id) ?? new Map<string, number>();
    byRole.set(row.week, row.postings);
    demand.set(row.role_id, byRole);
  }
  const figuresOf = new Map(figures.map((f) => [f.role_id, f]));
  const profileOf = new Map<string, ProfileItem[]>();
  for (const row of profiles) {
    const skill = skills[row.skill_id];
    if (!skill) continue;
    const items = profileOf.get(row.role_id) ?? [];
    items.push({
      id: skill.id,
      name: skill.name,
      certification: skill.certification,
      share: row.share,
    });
    profileOf.set(row.role_id, items);
  }
  // Profiles most asked first, as the planner reads them.
  for (const items of profileOf.values()) items.sort((a, b) => b.share - a.share);
  // Every role of the taxonomy, those without postings too (0 postings, no rates or
  // profile): --target names them as roles that have nothing to plan from.
  return {
    window,
    roles: roles.map((role): RoleMarket => {
      const byWeek = demand.get(role.id) ?? new Map<string, number>();
      const postings = byWeek.get(week) ?? 0;
      const series = aligned(weeks, byWeek, 0);
      const inWindow = figuresOf.get(role.id);
      return {
        id: role.id,
        name: role.name,
        category: role.category,
        // The title phrasings of the taxonomy, for --target: the roles table keeps names only.
        aliases: taxonomy.byId.get(role.id)?.aliases ?? [],
        postings,
        windowPostings: inWindow?.postings ?? 0,
        growth13w: windowGrowth(series, 13),
        growth52w: windowGrowth(series, 52),
        dayRateMedian: inWindow?.day_rate_median ?? null,
        dayRateP25: inWindow?.day_rate_p25 ?? null,
        dayRateP75: inWindow?.day_rate_p75 ?? null,
        dayRateCount: inWindow?.day_rate_count ?? 0,
        profile: profileOf.get(role.id) ?? [],
        experienceYearsMedian: inWindow?.experience_years_median ?? null,
        demand: series,
      };
    }),
  };
}

/**
 * The market of `week` (a rolled-up week) and up to SERIES_WEEKS weeks up to it, from the
 * first week rolled up: weeks before any were crawled are no weeks of zero demand.
 */
export async function readCareerMarket(db: Kysely<Database>, week: string): Promise<CareerMarket> {
  const market = await db
    .selectFrom('market_weekly')
    .select(['week', 'postings', 'currency'])
    .where('segment', '=', 'all')
    .where('week', '>=', addWeeks(week, -(SERIES_WEEKS - 1)))
    .where('week', '<=', week)
    .orderBy('week')
    .execute();
  const weeks = weeksBetween(market[0]?.week ?? week, week);
  const skills = await readSkills(db, weeks, week);
  taxonomy ??= loadRoleTaxonomy();
  const { roles, window } = await readRoles(db, weeks, week, skills, taxonomy);
  return {
    week,
    window,
    currency: market.find((m) => m.week === week)?.currency ?? null,
    weeks,
    marketPostings: aligned(weeks, new Map(market.map((m) => [m.week, m.postings])), 0),
    roles,
    skills,
  };
}

/**
 * `market` with the related skills (skill_pairs, highest lift first) of `skillIds` filled
 * in: the planner reads them for the user's skills only, and a week's pairs of every
 * skill are hundreds of thousands of rows.
 */
export async function withRelatedSkills(
  db: Kysely<Database>,
  market: CareerMarket,
  skillIds: readonly string[],
): Promise<CareerMarket> {
  const pairsWeek = await latestRelatedWeek(db, market.week);
  const ids = skillIds.filter((id) => market.skills[id]);
  if (pairsWeek === null || ids.length === 0) return market;
  const pairs = await db
    .selectFrom('skill_pairs')
    .select(['skill_id', 'related_skill_id', 'lift', 'share'])
    .where('week', '=', pairsWeek)
    .where('skill_id', 'in', ids)
    .orderBy('lift', 'desc')
    .orderBy('related_skill_id')
    .execute();
  const related = new Map<string, RelatedSkillLink[]>(ids.map((id) => [id, []]));
  for (const pair of pairs) {
    related.get(pair.skill_id)!.push({
      id: pair.related_skill_id,
      lift: Number(pair.lift),
      share: Number(pair.share),
    });
  }
  const skills = { ...market.skills };
  for (const [id, links] of related) skills[id] = { ...skills[id]!, related: links };
  return { ...market, skills };
}

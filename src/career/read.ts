import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadRoleTaxonomy, type RoleTaxonomy } from '../roles/taxonomy.js';
import { latestRelatedWeek } from '../trends/read.js';
import { addWeeks, weeksBetween } from '../trends/weeks.js';
import type {
  CareerMarket,
  ProfileItem,
  RelatedSkillLink,
  RoleMarket,
  SkillMarket,
} from './market.js';

/*
 * The career planner's market from the rolled-up tables: the roles of the week
 * (roles, role_weekly, role_profile_weekly of migration 002200, with the title phrasings
 * of the role taxonomy as their aliases) and every skill's weekly
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

/** Postings now / postings then - 1; null without postings then. */
const growth = (now: number, then: number | undefined) =>
  then === undefined || then <= 0 ? null : now / then - 1;

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
): Promise<RoleMarket[]> {
  const [roles, rows, profiles] = await Promise.all([
    db.selectFrom('roles').select(['id', 'name', 'category']).orderBy('id').execute(),
    db
      .selectFrom('role_weekly')
      .select([
        'role_id',
        'week',
        'postings',
        'day_rate_count',
        'day_rate_p25',
        'day_rate_median',
        'day_rate_p75',
        'experience_years_median',
      ])
      .where('segment', '=', 'all')
      .where('week', '>=', weeks[0]!)
      .where('week', '<=', week)
      .execute(),
    db
      .selectFrom('role_profile_weekly')
      .select(['role_id', 'skill_id', 'share'])
      .where('week', '=', week)
      .orderBy('share', 'desc')
      .orderBy('skill_id')
      .execute(),
  ]);
  const series = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const row of rows) {
    const byRole = series.get(row.role_id) ?? new Map<string, (typeof rows)[number]>();
    byRole.set(row.week, row);
    series.set(row.role_id, byRole);
  }
  const profileOf = new Map<string, ProfileItem[]>();
  for (const row of profiles) {
    const skill = skills[row.skill_id];
    if (!skill) continue;
    const items = profileOf.get(row.role_id) ?? [];
    items.push({
      id: skill.id,
      name: skill.name,
      certification: skill.certification,
      share: Number(row.share),
    });
    profileOf.set(row.role_id, items);
  }
  // Every role of the taxonomy, those without postings in the week too (0 postings, no
  // rates or profile): --target names them as roles that have nothing to plan from.
  return roles.map((role): RoleMarket => {
    const byWeek = series.get(role.id) ?? new Map<string, (typeof rows)[number]>();
    const now = byWeek.get(week);
    const postings = now?.postings ?? 0;
    return {
      id: role.id,
      name: role.name,
      category: role.category,
      // The title phrasings of the taxonomy, for --target: the roles table keeps names only.
      aliases: taxonomy.byId.get(role.id)?.aliases ?? [],
      postings,
      growth13w: growth(postings, byWeek.get(addWeeks(week, -13))?.postings),
      growth52w: growth(postings, byWeek.get(addWeeks(week, -52))?.postings),
      dayRateMedian: numberOrNull(now?.day_rate_median),
      dayRateP25: numberOrNull(now?.day_rate_p25),
      dayRateP75: numberOrNull(now?.day_rate_p75),
      dayRateCount: now?.day_rate_count ?? 0,
      profile: profileOf.get(role.id) ?? [],
      experienceYearsMedian: numberOrNull(now?.experience_years_median),
      demand: aligned(weeks, new Map([...byWeek].map(([w, row]) => [w, row.postings])), 0),
    };
  });
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
  const roles = await readRoles(db, weeks, week, skills, taxonomy);
  return {
    week,
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

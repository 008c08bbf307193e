import { sql, type Kysely } from 'kysely';
import type { Database, Segment } from '../db/schema.js';
import { type SeriesSpan, zeroFilled } from './read.js';
import { ROLE_WEEKLY, zeroFigures } from './tables.js';
import { addWeeks } from './weeks.js';

/*
 * The read side of the role tables (role_weekly; migration 002200; role_window and
 * role_profile_window, migration 002300): a role's series, its figures and skill profile
 * over the window of weeks to a week, and a week's roles ranked. Weeks are
 * Mondays ('2026-11-16'); rates are in the report currency, numbers or null.
 */

/** One week of a role's figures (role_weekly); a week without a row has its zeros. */
export interface RoleWeek {
  readonly week: string;
  readonly postings: number;
  readonly new_postings: number;
  /** Of the segment's postings that week, 0-1. */
  readonly share: number;
  /** 1 = most postings; null in a week without postings of the role. */
  readonly rank: number | null;
  readonly day_rate_count: number;
  readonly day_rate_p25: number | null;
  readonly day_rate_median: number | null;
  readonly day_rate_p75: number | null;
  readonly annual_salary_count: number;
  readonly annual_salary_median: number | null;
  /** Postings stating the years of experience they ask, and the median of their fewest. */
  readonly experience_years_count: number;
  readonly experience_years_median: number | null;
}

const ROLE_WEEK_COLUMNS = [
  'postings',
  'new_postings',
  'share',
  'rank',
  'day_rate_count',
  'day_rate_p25',
  'day_rate_median',
  'day_rate_p75',
  'annual_salary_count',
  'annual_salary_median',
  'experience_years_count',
  'experience_years_median',
] as const;
const ROLE_ZEROS = zeroFigures(ROLE_WEEKLY, ROLE_WEEK_COLUMNS);

/**
 * A role's figures week by week: the `weeks` weeks to `last`, oldest first, every week
 * present (a week without postings of the role has zero postings and null rank, rates and
 * years). `segment` defaults to 'all'.
 */
export async function roleSeries(
  db: Kysely<Database>,
  roleId: string,
  span: SeriesSpan & { readonly segment?: Segment },
): Promise<RoleWeek[]> {
  const rows = await db
    .selectFrom('role_weekly')
    .select(['week', ...ROLE_WEEK_COLUMNS])
    .where('role_id', '=', roleId)
    .where('segment', '=', span.segment ?? 'all')
    .where('week', '>=', addWeeks(span.last, -(span.weeks - 1)))
    .where('week', '<=', span.last)
    .execute();
  return zeroFilled(span, rows as RoleWeek[], (week) => ({ week, ...ROLE_ZEROS }) as RoleWeek);
}

/**
 * The window of weeks the roles' window figures (role_window, role_profile_window) of a
 * week were counted over: the `weeks` weeks ending at `week`.
 */
export interface RoleWindowSpan {
  readonly week: string;
  readonly weeks: number;
}

/**
 * The newest window at or before `week`: the weekly rollup counts one with related
 * skills, for the newest complete week, and retention keeps the newest weeks of them.
 */
export async function latestRoleWindow(
  db: Kysely<Database>,
  week: string,
): Promise<RoleWindowSpan | null> {
  const row = await db
    .selectFrom('role_window')
    .select(['week', 'window_weeks'])
    .where('week', '<=', week)
    .orderBy('week', 'desc')
    .orderBy('window_weeks', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { week: row.week, weeks: row.window_weeks } : null;
}

/** A role's figures over a window (role_window, segment 'all'). */
export interface RoleWindowFigures {
  readonly role_id: string;
  /** Its canonical postings open in the window, each once, and their share of all. */
  readonly postings: number;
  readonly share: number;
  readonly day_rate_count: number;
  readonly day_rate_p10: number | null;
  readonly day_rate_p25: number | null;
  readonly day_rate_median: number | null;
  readonly day_rate_p75: number | null;
  readonly day_rate_p90: number | null;
  readonly experience_years_count: number;
  readonly experience_years_median: number | null;
}

/** The roles' figures over `window`, segment 'all'; of `roleId` only when given. */
export async function roleWindowFigures(
  db: Kysely<Database>,
  window: RoleWindowSpan,
  roleId?: string,
): Promise<RoleWindowFigures[]> {
  return db
    .selectFrom('role_window')
    .select([
      'role_id',
      'postings',
      'share',
      'day_rate_count',
      'day_rate_p10',
      'day_rate_p25',
      'day_rate_median',
      'day_rate_p75',
      'day_rate_p90',
      'experience_years_count',
      'experience_years_median',
    ])
    .where('week', '=', window.week)
    .where('window_weeks', '=', window.weeks)
    .where('segment', '=', 'all')
    .$if(roleId !== undefined, (qb) => qb.where('role_id', '=', roleId!))
    .orderBy('role_id')
    .execute();
}

/** A skill (or certification) a role's postings ask for over a window of weeks. */
export interface RoleProfileSkill {
  readonly role_id: string;
  readonly skill_id: string;
  readonly name: string;
  readonly category: string;
  readonly is_certification: boolean;
  /** The role's postings asking for it, and their share of the role's postings (0-1). */
  readonly postings: number;
  readonly share: number;
}

/**
 * The skills the postings of a role (of `roleId`, else of every role) ask for over
 * `window`, most asked first: those asked by `trends.roleProfileMinPostings` postings or
 * more, of a role with that many (none for a role below it). Skills of kind certification
 * say so.
 */
export async function roleProfiles(
  db: Kysely<Database>,
  window: RoleWindowSpan,
  roleId?: string,
): Promise<RoleProfileSkill[]> {
  return db
    .selectFrom('role_profile_window as p')
    .innerJoin('skills as s', 's.id', 'p.skill_id')
    .select([
      'p.role_id',
      'p.skill_id',
      's.name',
      's.category',
      's.is_certification',
      'p.postings',
      'p.share',
    ])
    .where('p.week', '=', window.week)
    .where('p.window_weeks', '=', window.weeks)
    .$if(roleId !== undefined, (qb) => qb.where('p.role_id', '=', roleId!))
    .orderBy('p.role_id')
    .orderBy('p.postings', 'desc')
    .orderBy('p.skill_id')
    .execute();
}

/** A role's line in a week's ranking. */
export interface RankedRole {
  readonly role_id: string;
  /** From the roles table; the id when the role is no longer in the taxonomy. */
  readonly name: string;
  readonly category: string | null;
  readonly postings: number;
  readonly share: number;
  readonly rank: number;
  /** Postings now / 13 (52) weeks before − 1; null without postings then. */
  readonly growth_13w: number | null;
  readonly growth_52w: number | null;
  readonly day_rate_count: number;
  readonly day_rate_median: number | null;
  readonly experience_years_median: number | null;
}

/**
 * The roles with postings in `week`, by rank (most postings first, then id), in `segment`
 * (default 'all'), of one role category when `category` is given.
 */
export async function rankedRoles(
  db: Kysely<Database>,
  week: string,
  options: { readonly segment?: Segment; readonly category?: string } = {},
): Promise<RankedRole[]> {
  const segment = options.segment ?? 'all';
  const growth = (alias: string) =>
    sql<
      number | null
    >`${sql.ref('t.postings')}::double precision / nullif(${sql.ref(`${alias}.postings`)}, 0) - 1`;
  const { rows } = await sql<RankedRole>`
    select t.role_id, coalesce(r.name, t.role_id) as name, r.category, t.postings, t.share,
      t.rank, ${growth('b13')} as growth_13w, ${growth('b52')} as growth_52w,
      t.day_rate_count, t.day_rate_median,
      t.experience_years_median
    from role_weekly t
    left join roles r on r.id = t.role_id
    left join role_weekly b13 on b13.week = ${addWeeks(week, -13)}::date
      and b13.segment = t.segment and b13.role_id = t.role_id
    left join role_weekly b52 on b52.week = ${addWeeks(week, -52)}::date
      and b52.segment = t.segment and b52.role_id = t.role_id
    where t.week = ${week}::date and t.segment = ${segment}
      ${options.category === undefined ? sql`` : sql`and r.category = ${options.category}`}
    order by t.rank, t.role_id`.execute(db);
  return rows;
}

/**
 * Titles and skills of canonical postings without a role open in the weeks `from`..`to`
 * (Mondays), newest first, at most `limit`: what `groupUnknownTitles` groups.
 */
export async function postingsWithoutRole(
  db: Kysely<Database>,
  weeks: { readonly from: string; readonly to: string },
  limit: number,
): Promise<{ title: string; skills: string[] }[]> {
  const rows = await db
    .selectFrom('postings')
    .select(['title', 'skill_ids'])
    .where('role_id', 'is', null)
    .where('canonical_id', 'is', null)
    .where('active_from', '<=', addWeeks(weeks.to, 1))
    .where('active_until', '>=', weeks.from)
    .orderBy('active_from', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ title: r.title, skills: [...(r.skill_ids ?? [])] }));
}

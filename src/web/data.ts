import { sql, type Kysely } from 'kysely';
import type { Database, ReportFormat, Skill } from '../db/schema.js';
import {
  defaultWeek,
  findSkill,
  latestRelatedWeek,
  readBreakdowns,
  relatedSkills,
  skillSeries,
  weeklySeries,
  type RelatedSkill,
  type SkillSeriesWeek,
} from '../trends/read.js';
import { CATEGORY_WEEKLY } from '../trends/tables.js';
import { weekLabel } from '../trends/weeks.js';
import { categoryMovers } from './movers.js';
import { WebError } from './params.js';
import type { ReportCache } from './report-cache.js';
import {
  skillWeekFigures,
  withOthers,
  type SkillBreakdowns,
  type SkillWeekFigures,
} from './skill-figures.js';

/** What the dashboard reads, each a plain query function of the database. */

/** Rows a page or API answer lists at most; crawled text is cut to these lengths. */
export const LIST_LIMIT = 50;
export const MAX_TITLE = 200;
export const MAX_QUERY = 100;

export interface ArchiveEntry {
  readonly week: string;
  readonly label: string;
  readonly postings: number;
  /** The formats stored in the reports table for the week. */
  readonly stored: readonly string[];
}

/** Every rolled-up week, newest first, with the report formats stored for it. */
export async function reportArchive(db: Kysely<Database>): Promise<ArchiveEntry[]> {
  const weeks = await db
    .selectFrom('market_weekly')
    .select(['week', 'postings'])
    .where('segment', '=', 'all')
    .orderBy('week', 'desc')
    .limit(520)
    .execute();
  const stored = await db
    .selectFrom('reports')
    .select(['week', 'format'])
    .where('kind', '=', 'weekly')
    .execute();
  return weeks.map((w) => ({
    week: w.week,
    label: weekLabel(w.week),
    postings: w.postings,
    stored: stored
      .filter((s) => s.week === w.week)
      .map((s) => s.format)
      .sort(),
  }));
}

/** A stored report's text, or undefined when that week and format was never stored. */
export async function storedReport(
  db: Kysely<Database>,
  week: string,
  format: ReportFormat,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('reports')
    .select('content')
    .where('week', '=', week)
    .where('kind', '=', 'weekly')
    .where('format', '=', format)
    .executeTakeFirst();
  return row?.content;
}

export interface SkillHit {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /**
   * Postings open in the week the dashboard shows, the last complete one (defaultWeek),
   * segment all; 0 when none.
   */
  readonly postings: number;
  readonly rank: number | null;
}

/**
 * Skills whose id, name or an alias contains the query (any case), the most asked-for
 * first; without a query, the top skills of the last complete week (defaultWeek).
 */
export async function searchSkills(db: Kysely<Database>, query: string): Promise<SkillHit[]> {
  const week = await defaultWeek(db);
  const wanted = query.trim().toLowerCase().slice(0, MAX_QUERY);
  const pattern = `%${wanted.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .selectFrom('skills as s')
    .leftJoin('skill_weekly as w', (join) =>
      join
        .onRef('w.skill_id', '=', 's.id')
        .on('w.week', '=', week ?? '1970-01-05')
        .on('w.segment', '=', 'all'),
    )
    .select(['s.id', 's.name', 's.category', 'w.rank'])
    .select((eb) => eb.fn.coalesce('w.postings', eb.lit(0)).as('postings'))
    .$if(wanted === '', (qb) => qb.where('w.postings', 'is not', null))
    .$if(wanted !== '', (qb) =>
      qb.where((eb) =>
        eb.or([
          eb(eb.fn('lower', ['s.name']), 'like', pattern),
          eb('s.id', 'like', pattern),
          eb.exists(
            sql`(select 1 from jsonb_array_elements_text(s.aliases) a where lower(a) like ${pattern})`,
          ),
        ]),
      ),
    )
    .orderBy('postings', 'desc')
    .orderBy('s.name')
    .limit(LIST_LIMIT)
    .execute();
}

export interface PostingLine {
  readonly id: number;
  readonly title: string;
  readonly company: string | null;
  readonly location: string | null;
  readonly contract_type: string;
  readonly day_rate: number | null;
  readonly currency: string | null;
  readonly url: string;
  readonly first_seen_at: Date;
  /** When the board says it was posted; null when it does not say. */
  readonly posted_at: Date | null;
}

export interface SkillDetail {
  readonly skill: Pick<Skill, 'id' | 'name' | 'category' | 'aliases' | 'parent_id'>;
  readonly week: string | null;
  readonly series: readonly SkillSeriesWeek[];
  /** The week's rank changes and rate percentiles; null before the first rollup. */
  readonly figures: SkillWeekFigures | null;
  /** The week's postings by country and work mode (none for skills outside the top ranks). */
  readonly breakdowns: SkillBreakdowns;
  readonly related: readonly RelatedSkill[];
  readonly postings: readonly PostingLine[];
}

/** Weeks of history on a skill's page. */
export const SKILL_WEEKS = 52;

/** Related skills listed on a skill's page. */
const RELATED_SKILLS = 10;

/** A skill's newest related skills at or before `week`, by lift. */
async function newestRelatedSkills(
  db: Kysely<Database>,
  skillId: string,
  week: string,
): Promise<RelatedSkill[]> {
  const relatedWeek = await latestRelatedWeek(db, week);
  if (!relatedWeek) return [];
  return relatedSkills(db, skillId, { week: relatedWeek, limit: RELATED_SKILLS });
}

/** Canonical postings listed on a skill's page. */
const SKILL_POSTINGS = 20;

/** The newest canonical postings open in `week` that ask for the skill. */
async function weekPostings(
  db: Kysely<Database>,
  skillId: string,
  week: string,
): Promise<PostingLine[]> {
  const postings = await db
    .selectFrom('postings as p')
    .innerJoin('posting_skills as ps', 'ps.posting_id', 'p.id')
    .select([
      'p.id',
      'p.title',
      'p.company',
      'p.location',
      'p.contract_type',
      'p.normalized_currency as currency',
      'p.url',
      'p.first_seen_at',
      'p.posted_at',
    ])
    .select(sql<number | null>`p.day_rate::float8`.as('day_rate'))
    .where('ps.skill_id', '=', skillId)
    .where('p.canonical_id', 'is', null)
    .where('p.active_from', '<=', week)
    .where('p.active_until', '>=', week)
    .orderBy((eb) => eb.fn.coalesce('p.posted_at', 'p.first_seen_at'), 'desc')
    .orderBy('p.id', 'desc')
    .limit(SKILL_POSTINGS)
    .execute();
  return postings.map((p) => ({
    ...p,
    title: p.title.slice(0, MAX_TITLE),
    company: p.company?.slice(0, MAX_TITLE) ?? null,
    location: p.location?.slice(0, MAX_TITLE) ?? null,
  }));
}

/**
 * A skill's page in the last complete week (defaultWeek; the current one is partial): its
 * weekly series to it, related skills and the newest canonical postings asking for it in
 * the week; undefined for a skill that does not exist.
 */
export async function skillDetail(
  db: Kysely<Database>,
  text: string,
): Promise<SkillDetail | undefined> {
  const found = await findSkill(db, text.slice(0, MAX_QUERY));
  if (!found) return undefined;
  const skill = {
    id: found.id,
    name: found.name,
    category: found.category,
    aliases: found.aliases,
    parent_id: found.parent_id,
  };
  const week = await defaultWeek(db);
  if (!week) {
    const breakdowns = { country: [], work_mode: [] };
    return { skill, week, series: [], figures: null, breakdowns, related: [], postings: [] };
  }
  const postings = await weekPostings(db, found.id, week);
  return {
    skill,
    week,
    series: await skillSeries(db, found.id, { segment: 'all', last: week, weeks: SKILL_WEEKS }),
    figures: await skillWeekFigures(db, found.id, week),
    breakdowns: withOthers(await readBreakdowns(db, week, { scope: 'skill', id: found.id })),
    related: await newestRelatedSkills(db, found.id, week),
    postings,
  };
}

export interface CategoryLine {
  readonly category: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number;
  readonly day_rate_median: number | null;
  readonly day_rate_count: number;
}

/** The categories of the last complete week (defaultWeek), by demand. */
export async function categories(
  db: Kysely<Database>,
): Promise<{ week: string | null; lines: CategoryLine[] }> {
  const week = await defaultWeek(db);
  if (!week) return { week, lines: [] };
  const lines = await db
    .selectFrom('category_weekly')
    .select(['category', 'postings', 'share', 'rank', 'day_rate_median', 'day_rate_count'])
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .orderBy('rank')
    .orderBy('category')
    .execute();
  return { week, lines };
}

/** Weeks of history on a category's page. */
export const CATEGORY_WEEKS = 52;

/**
 * A category's section of the week's report and its weekly figures over CATEGORY_WEEKS;
 * a category the week does not have is a 404.
 */
export async function categoryDetail(
  db: Kysely<Database>,
  reports: ReportCache,
  id: string,
  week: string,
) {
  const report = await reports.get(week);
  const section = report.categories.find((s) => s.category === id);
  if (!section) throw new WebError(404, `no category "${id}" in week ${report.label}`);
  return {
    report,
    section,
    series: await categorySeries(db, id, week, CATEGORY_WEEKS),
    movers: await categoryMovers(db, id, week),
  };
}

/** A category's weekly postings and median day rate over the `weeks` weeks to `last`. */
async function categorySeries(db: Kysely<Database>, category: string, last: string, weeks: number) {
  const series = await weeklySeries(db, CATEGORY_WEEKLY, {
    keys: [category],
    columns: ['postings', 'day_rate_median'],
    last,
    weeks,
  });
  return series.get(category) ?? [];
}

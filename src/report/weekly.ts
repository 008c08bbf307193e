import type { Kysely } from 'kysely';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from '../config/settings.js';
import type { Database, SkillMover } from '../db/schema.js';
import {
  latestRelatedWeek,
  readBreakdowns,
  relatedSkills,
  weeklySeries,
  WeekNotRolledUpError,
  type Breakdowns,
} from '../trends/read.js';
import { CATEGORY_WEEKLY, SKILL_WEEKLY } from '../trends/tables.js';
import { addWeeks, weekLabel, weeksBetween } from '../trends/weeks.js';
import { categoryName } from '../skills/categories.js';
import {
  change,
  demandLine,
  figures,
  rateRange,
  type FigureRow,
  type RateColumns,
} from './weekly-figures.js';
import { duplicatesOf, sourceRuns, weeksOfHistory } from './weekly-method.js';
import { rolesSection } from './weekly-roles.js';
import {
  type BreakdownLine,
  HISTORY_WEEKS,
  type MarketFigures,
  type MoverLine,
  type RelatedLine,
  type ReportSection,
  type WeeklyReport,
} from './weekly-model.js';

/** Skills listed per section, movers per direction, related skills per skill. */
const TOP_SKILLS = 10;
const TOP_MOVERS = 5;
const TOP_RELATED = 5;
/** The top skills of a section whose related skills are listed. */
const RELATED_FOR = 3;
/** The skills drawn per section over the history weeks. */
const HISTORY_SKILLS = 5;
/** The mover window the report lists, in weeks. */
const MOVER_WINDOW_WEEKS = 13;
/** Countries listed in the market's breakdown; work modes are few and all listed. */
const TOP_COUNTRIES = 10;

function moverLine(mover: SkillMover, name: string): MoverLine {
  return {
    id: mover.skill_id,
    name,
    postingsNow: mover.postings_now,
    postingsBefore: mover.postings_before,
    shareNow: mover.share_now,
    shareBefore: mover.share_before,
    pValue: mover.p_value,
  };
}

/** The market's figures of the week (segment all), against 1 and 13 weeks before. */
async function marketFigures(
  db: Kysely<Database>,
  week: string,
): Promise<{ currency: string; market: MarketFigures }> {
  const market = await db
    .selectFrom('market_weekly')
    .selectAll()
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .executeTakeFirst();
  if (!market) throw new WeekNotRolledUpError(week);
  const before = await db
    .selectFrom('market_weekly')
    .select(['week', 'postings', 'day_rate_median', 'hourly_rate_median', 'annual_salary_median'])
    .where('segment', '=', 'all')
    .where('week', 'in', [addWeeks(week, -1), addWeeks(week, -13)])
    .execute();
  const at = (weeks: number) => before.find((b) => b.week === addWeeks(week, -weeks));
  const then = at(13);
  const rates = {
    ...(market as unknown as RateColumns),
    day_rate_median_13w: then?.day_rate_median ?? null,
    hourly_rate_median_13w: then?.hourly_rate_median ?? null,
    annual_salary_median_13w: then?.annual_salary_median ?? null,
  };
  return {
    currency: market.currency,
    market: {
      postings: market.postings,
      newPostings: market.new_postings,
      change1w: change(market.postings, at(1)?.postings ?? null),
      change13w: change(market.postings, then?.postings ?? null),
      dayRate: rateRange(rates, 'day_rate'),
      hourlyRate: rateRange(rates, 'hourly_rate'),
      annualSalary: rateRange(rates, 'annual_salary'),
      breakdowns: reportBreakdowns(
        await readBreakdowns(db, week, { scope: 'market', of: market.postings }),
      ),
    },
  };
}

/** The market's breakdowns as the report shows them: shares of the week's postings, top countries. */
function reportBreakdowns(breakdowns: Breakdowns): WeeklyReport['market']['breakdowns'] {
  const line = (l: Breakdowns['country'][number]): BreakdownLine => ({
    value: l.value,
    postings: l.postings,
    share: l.ofScope,
    dayRateMedian: l.dayRateMedian,
    dayRateCount: l.dayRateCount,
  });
  return {
    country: breakdowns.country.slice(0, TOP_COUNTRIES).map(line),
    workMode: breakdowns.work_mode.map(line),
  };
}

/** What every section of a week's report reads. */
interface SectionInputs {
  readonly skillRows: readonly FigureRow[];
  readonly categoryRows: readonly FigureRow[];
  readonly movers: readonly SkillMover[];
  readonly relatedWeek: string | null;
  /** Weekly postings of the skills charted, over the history weeks. */
  readonly history: ReadonlyMap<string, readonly number[]>;
  readonly nameOf: (id: string) => string;
  /** Whether a skill is in a category; every skill is in the whole market (null). */
  readonly inCategory: (category: string | null) => (id: string) => boolean;
}

async function relatedLines(
  db: Kysely<Database>,
  top: readonly FigureRow[],
  week: SectionInputs,
): Promise<RelatedLine[]> {
  const lines: RelatedLine[] = [];
  if (week.relatedWeek === null) return lines;
  for (const skill of top.slice(0, RELATED_FOR)) {
    const related = await relatedSkills(db, skill.id, {
      week: week.relatedWeek,
      limit: TOP_RELATED,
    });
    if (related.length > 0) lines.push({ id: skill.id, name: week.nameOf(skill.id), related });
  }
  return lines;
}

/** The section of the whole market (category null) or of one category. */
async function section(
  db: Kysely<Database>,
  week: SectionInputs,
  category: string | null,
): Promise<ReportSection> {
  const inSection = week.inCategory(category);
  const top = week.skillRows.filter((r) => inSection(r.id)).slice(0, TOP_SKILLS);
  const moverLines = (direction: 'rising' | 'falling') =>
    week.movers
      .filter((m) => m.direction === direction && inSection(m.skill_id))
      .slice(0, TOP_MOVERS)
      .map((m) => moverLine(m, week.nameOf(m.skill_id)));
  const related = await relatedLines(db, top, week);
  const own = category === null ? undefined : week.categoryRows.find((r) => r.id === category);
  const name = category === null ? 'All skills' : categoryName(category);
  return {
    category,
    name,
    demand: own ? demandLine(own, name) : null,
    topSkills: top.map((r) => demandLine(r, week.nameOf(r.id))),
    risers: moverLines('rising'),
    fallers: moverLines('falling'),
    related,
    history: top.slice(0, HISTORY_SKILLS).map((r) => ({
      id: r.id,
      name: week.nameOf(r.id),
      postings: week.history.get(r.id) as number[],
    })),
  };
}

/** What every section reads of the week: figures, movers, related week and history. */
async function weekFigures(db: Kysely<Database>, week: string): Promise<SectionInputs> {
  const skills = await db.selectFrom('skills').select(['id', 'name', 'category']).execute();
  const byId = new Map(skills.map((s) => [s.id, s]));
  const skillRows = await figures(db, SKILL_WEEKLY, week);
  const categoryRows = await figures(db, CATEGORY_WEEKLY, week);
  const movers = await db
    .selectFrom('skill_movers')
    .selectAll()
    .where('week', '=', week)
    .where('window_weeks', '=', MOVER_WINDOW_WEEKS)
    .where('segment', '=', 'all')
    .orderBy('rank')
    .execute();
  const relatedWeek = await latestRelatedWeek(db, week);
  const inCategory = (category: string | null) => (id: string) =>
    category === null || byId.get(id)?.category === category;
  // The top skills of the whole market and of each category are charted.
  const charted = new Set(
    [null, ...categoryRows.map((r) => r.id)].flatMap((c) =>
      skillRows
        .filter((r) => inCategory(c)(r.id))
        .slice(0, HISTORY_SKILLS)
        .map((r) => r.id),
    ),
  );
  const series = await weeklySeries(db, SKILL_WEEKLY, {
    keys: [...charted],
    columns: ['postings'],
    last: week,
    weeks: HISTORY_WEEKS,
  });
  const history = new Map([...series].map(([id, weeks]) => [id, weeks.map((w) => w.postings)]));
  return {
    skillRows,
    categoryRows,
    movers,
    relatedWeek,
    history,
    nameOf: (id) => byId.get(id)?.name ?? id,
    inCategory,
  };
}

/**
 * Builds the weekly skill-demand report of a rolled-up week from the trend tables; the
 * role movers are judged with `trends`' mover settings (the configuration's, else the
 * defaults), as the rollup judges the skills', and the method states the skills' rules
 * from them.
 */
export async function buildWeeklyReport(
  db: Kysely<Database>,
  week: string,
  trends: TrendSettings = DEFAULT_TREND_SETTINGS,
): Promise<WeeklyReport> {
  const { currency, market } = await marketFigures(db, week);
  const figuresOfWeek = await weekFigures(db, week);
  const sources = await sourceRuns(db, week);
  const duplicates = await duplicatesOf(db, week);
  return {
    week,
    label: weekLabel(week),
    currency,
    market,
    historyWeeks: weeksBetween(addWeeks(week, -(HISTORY_WEEKS - 1)), week),
    overall: await section(db, figuresOfWeek, null),
    categories: await Promise.all(
      figuresOfWeek.categoryRows.map((r) => section(db, figuresOfWeek, r.id)),
    ),
    roles: await rolesSection(db, week, MOVER_WINDOW_WEEKS, trends),
    methodology: {
      sources,
      degraded: sources
        .filter((s) => s.status === 'degraded' || s.status === 'failed')
        .map((s) => s.sourceId),
      duplicates,
      moverWindowWeeks: MOVER_WINDOW_WEEKS,
      moverMaxPValue: trends.moversMaxPValue,
      moverMinSupport: trends.moversMinSupport,
      moverMinWindowPostings: trends.moversMinWindowPostings,
      weeksOfHistory: await weeksOfHistory(db, week),
      relatedWeek: figuresOfWeek.relatedWeek,
    },
  };
}

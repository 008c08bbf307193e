import { sql, type Kysely } from 'kysely';
import type { Database, SkillMover } from '../db/schema.js';
import {
  latestRelatedWeek,
  relatedSkills,
  weeklySeries,
  WeekNotRolledUpError,
} from '../trends/read.js';
import { CATEGORY_WEEKLY, SKILL_WEEKLY, type RankedTable } from '../trends/tables.js';
import { addWeeks, weekLabel, weeksBetween } from '../trends/weeks.js';
import {
  HISTORY_WEEKS,
  MIN_POSTINGS,
  MIN_RATES,
  type DemandLine,
  type MarketFigures,
  type MoverLine,
  type RateRange,
  type RelatedLine,
  type ReportSection,
  type SourceRuns,
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
/** Run statuses from best to worst: a source shows its worst run of the week. */
const SEVERITY = ['ok', 'running', 'degraded', 'failed'];

interface FigureRow {
  id: string;
  postings: number;
  share: number;
  rank: number;
  rank_change_1w: number | null;
  day_rate_count: number;
  day_rate_p25: number | null;
  day_rate_median: number | null;
  day_rate_p75: number | null;
  postings_1w: number | null;
  postings_13w: number | null;
  median_13w: number | null;
}

type RateFigures = Pick<
  FigureRow,
  'day_rate_count' | 'day_rate_p25' | 'day_rate_median' | 'day_rate_p75' | 'median_13w'
>;

/** now / before - 1: the relative change, null without a figure before (or a zero). */
export const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : now / before - 1;

function rateRange(row: RateFigures): RateRange | null {
  if (row.day_rate_count === 0 || row.day_rate_median === null) return null;
  return {
    median: row.day_rate_median,
    p25: row.day_rate_p25 ?? row.day_rate_median,
    p75: row.day_rate_p75 ?? row.day_rate_median,
    count: row.day_rate_count,
    change13w: change(row.day_rate_median, row.median_13w),
    smallSample: row.day_rate_count < MIN_RATES,
  };
}

/**
 * A week's figures of skill_weekly or category_weekly (segment all), with the same rows
 * 1 and 13 weeks before, read by key: only the week's rows, whatever the history.
 */
async function figures(
  db: Kysely<Database>,
  table: RankedTable,
  week: string,
): Promise<FigureRow[]> {
  const key = sql.ref(table.key);
  const earlier = (alias: string, weeks: number) =>
    sql`left join ${sql.table(table.name)} ${sql.raw(alias)}
      on ${sql.ref(`${alias}.week`)} = ${addWeeks(week, -weeks)}::date
      and ${sql.ref(`${alias}.segment`)} = 'all' and ${sql.ref(alias)}.${key} = t.${key}`;
  const { rows } = await sql<FigureRow>`
    select t.${key} as id, t.postings, t.share, t.rank, t.rank_change_1w, t.day_rate_count,
      t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      p1.postings as postings_1w, p13.postings as postings_13w, p13.day_rate_median as median_13w
    from ${sql.table(table.name)} t
    ${earlier('p1', 1)}
    ${earlier('p13', 13)}
    where t.week = ${week}::date and t.segment = 'all'
    order by t.rank, t.${key}`.execute(db);
  return rows;
}

function demandLine(row: FigureRow, name: string): DemandLine {
  return {
    id: row.id,
    name,
    postings: row.postings,
    share: row.share,
    rank: row.rank,
    rankChange1w: row.rank_change_1w,
    change1w: change(row.postings, row.postings_1w),
    change13w: change(row.postings, row.postings_13w),
    dayRate: rateRange(row),
    smallSample: row.postings < MIN_POSTINGS,
  };
}

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
    .select(['week', 'postings', 'day_rate_median'])
    .where('segment', '=', 'all')
    .where('week', 'in', [addWeeks(week, -1), addWeeks(week, -13)])
    .execute();
  const at = (weeks: number) => before.find((b) => b.week === addWeeks(week, -weeks));
  return {
    currency: market.currency,
    market: {
      postings: market.postings,
      newPostings: market.new_postings,
      change1w: change(market.postings, at(1)?.postings ?? null),
      change13w: change(market.postings, at(13)?.postings ?? null),
      dayRate: rateRange({ ...market, median_13w: at(13)?.day_rate_median ?? null }),
    },
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
  return {
    category,
    demand: own ? demandLine(own, category as string) : null,
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

/** Each source's crawl runs started in the week, with the status of its worst. */
async function sourceRuns(db: Kysely<Database>, week: string): Promise<SourceRuns[]> {
  const runs = await db
    .selectFrom('crawl_runs')
    .select(['source_id', 'status', 'listings', 'new_listings', 'message'])
    .where('started_at', '>=', new Date(`${week}T00:00:00Z`))
    .where('started_at', '<', new Date(`${addWeeks(week, 1)}T00:00:00Z`))
    .orderBy('source_id')
    .execute();
  const sources = new Map<string, SourceRuns>();
  for (const run of runs) {
    const s = sources.get(run.source_id) ?? {
      sourceId: run.source_id,
      runs: 0,
      listings: 0,
      newListings: 0,
      status: 'ok',
      message: null,
    };
    s.runs += 1;
    s.listings += run.listings;
    s.newListings += run.new_listings;
    if (SEVERITY.indexOf(run.status) > SEVERITY.indexOf(s.status)) {
      s.status = run.status;
      s.message = run.message;
    }
    sources.set(run.source_id, s);
  }
  return [...sources.values()];
}

/** Postings first open in the week that were found to duplicate another. */
async function duplicatesOf(db: Kysely<Database>, week: string): Promise<number> {
  const { n } = await db
    .selectFrom('postings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canonical_id', 'is not', null)
    .where('active_from', '=', week)
    .executeTakeFirstOrThrow();
  return n;
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

/** Builds the weekly skill-demand report of a rolled-up week from the trend tables. */
export async function buildWeeklyReport(db: Kysely<Database>, week: string): Promise<WeeklyReport> {
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
    methodology: {
      sources,
      degraded: sources
        .filter((s) => s.status === 'degraded' || s.status === 'failed')
        .map((s) => s.sourceId),
      duplicates,
      moverWindowWeeks: MOVER_WINDOW_WEEKS,
      relatedWeek: figuresOfWeek.relatedWeek,
    },
  };
}

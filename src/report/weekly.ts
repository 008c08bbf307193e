import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { SkillpulseError } from '../errors.js';
import { addWeeks, weekLabel } from '../trends/weeks.js';

/** Below these, a figure is printed but marked as resting on too small a sample. */
export const MIN_POSTINGS = 10;
export const MIN_RATES = 5;
/** Skills listed per section, movers per direction, related skills per skill. */
const TOP_SKILLS = 10;
const TOP_MOVERS = 5;
const TOP_RELATED = 5;
const RELATED_FOR = 3;
/** Weeks of history behind the report's trend lines, and the skills drawn per section. */
export const HISTORY_WEEKS = 26;
const HISTORY_SKILLS = 5;

export interface RateRange {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  /** How many rates the figures read. */
  readonly count: number;
  /** Median now / median 13 weeks before - 1; null without a figure then. */
  readonly change13w: number | null;
  readonly smallSample: boolean;
}

export interface DemandLine {
  readonly id: string;
  readonly name: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number;
  readonly rankChange1w: number | null;
  /** Postings now / postings k weeks before - 1; null when there were none then. */
  readonly change1w: number | null;
  readonly change13w: number | null;
  readonly dayRate: RateRange | null;
  readonly smallSample: boolean;
}

export interface MoverLine {
  readonly id: string;
  readonly name: string;
  readonly postingsNow: number;
  readonly postingsBefore: number;
  readonly shareNow: number;
  readonly shareBefore: number;
  readonly pValue: number;
}

export interface RelatedLine {
  readonly id: string;
  readonly name: string;
  readonly related: readonly { id: string; name: string; postings: number; share: number; lift: number }[]; // prettier-ignore
}

export interface ReportSection {
  /** null for the whole market. */
  readonly category: string | null;
  readonly demand: DemandLine | null;
  readonly topSkills: readonly DemandLine[];
  readonly risers: readonly MoverLine[];
  readonly fallers: readonly MoverLine[];
  readonly related: readonly RelatedLine[];
  /** Weekly postings of the section's top skills over the report's history weeks. */
  readonly history: readonly HistoryLine[];
}

export interface HistoryLine {
  readonly id: string;
  readonly name: string;
  /** One figure per week of `WeeklyReport.historyWeeks`; 0 in weeks without postings. */
  readonly postings: readonly number[];
}

export interface WeeklyReport {
  /** Monday of the week, and its ISO label. */
  readonly week: string;
  readonly label: string;
  readonly currency: string;
  readonly market: { readonly postings: number; readonly newPostings: number; readonly change1w: number | null; readonly change13w: number | null; readonly dayRate: RateRange | null }; // prettier-ignore
  /** The Mondays of the history weeks, oldest first, ending with the report's week. */
  readonly historyWeeks: readonly string[];
  readonly overall: ReportSection;
  readonly categories: readonly ReportSection[];
  readonly methodology: {
    /** Each source's runs in the week; status and message are those of its worst run. */
    readonly sources: readonly { sourceId: string; runs: number; listings: number; newListings: number; status: string; message: string | null }[]; // prettier-ignore
    readonly degraded: readonly string[];
    readonly duplicates: number;
    readonly moverWindowWeeks: number;
    /** The week related skills were last computed for (≤ the report's week). */
    readonly relatedWeek: string | null;
  };
}

/** The report's week when none is named: the newest week rolled up. */
export async function latestWeek(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('market_weekly').select((eb) => eb.fn.max('week').as('week')).executeTakeFirst(); // prettier-ignore
  return row?.week ?? null;
}

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

/** now / before - 1: the relative change, null without a figure before (or a zero). */
export const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : now / before - 1;

function rateRange(
  row: Pick<
    FigureRow,
    'day_rate_count' | 'day_rate_p25' | 'day_rate_median' | 'day_rate_p75' | 'median_13w'
  >,
): RateRange | null {
  // prettier-ignore
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
  table: 'skill_weekly' | 'category_weekly',
  week: string,
): Promise<FigureRow[]> {
  const key = sql.ref(table === 'skill_weekly' ? 'skill_id' : 'category');
  const { rows } = await sql<FigureRow>`
    select t.${key} as id, t.postings, t.share, t.rank, t.rank_change_1w, t.day_rate_count,
      t.day_rate_p25, t.day_rate_median, t.day_rate_p75,
      p1.postings as postings_1w, p13.postings as postings_13w, p13.day_rate_median as median_13w
    from ${sql.table(table)} t
    left join ${sql.table(table)} p1 on p1.week = ${addWeeks(week, -1)}::date and p1.segment = 'all' and p1.${key} = t.${key}
    left join ${sql.table(table)} p13 on p13.week = ${addWeeks(week, -13)}::date and p13.segment = 'all' and p13.${key} = t.${key}
    where t.week = ${week}::date and t.segment = 'all'
    order by t.rank, t.${key}`.execute(db);
  return rows;
}

/** Weekly postings (segment all) of the given skills over `weeks`, zero where none. */
async function history(
  db: Kysely<Database>,
  skillIds: readonly string[],
  weeks: readonly string[],
): Promise<Map<string, number[]>> {
  const series = new Map(skillIds.map((id) => [id, weeks.map(() => 0)]));
  if (skillIds.length === 0) return series;
  const rows = await db
    .selectFrom('skill_weekly')
    .select(['skill_id', 'week', 'postings'])
    .where('segment', '=', 'all')
    .where('skill_id', 'in', skillIds)
    .where('week', '>=', weeks[0]!)
    .where('week', '<=', weeks[weeks.length - 1]!)
    .execute();
  const index = new Map(weeks.map((w, i) => [w, i]));
  for (const row of rows) series.get(row.skill_id)![index.get(row.week)!] = row.postings;
  return series;
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

/** Builds the weekly skill-demand report of a rolled-up week from the trend tables. */
export async function buildWeeklyReport(db: Kysely<Database>, week: string): Promise<WeeklyReport> {
  const market = await db.selectFrom('market_weekly').selectAll().where('week', '=', week).where('segment', '=', 'all').executeTakeFirst(); // prettier-ignore
  if (!market) throw new WeekNotRolledUpError(week);
  const before = await db.selectFrom('market_weekly').select(['week', 'postings', 'day_rate_median']).where('segment', '=', 'all').where('week', 'in', [addWeeks(week, -1), addWeeks(week, -13)]).execute(); // prettier-ignore
  const at = (w: string) => before.find((b) => b.week === w);
  const skills = new Map((await db.selectFrom('skills').select(['id', 'name', 'category']).execute()).map((s) => [s.id, s])); // prettier-ignore
  const skillRows = await figures(db, 'skill_weekly', week);
  const categoryRows = await figures(db, 'category_weekly', week);
  const moverWindowWeeks = 13;
  const movers = await db.selectFrom('skill_movers').selectAll().where('week', '=', week).where('window_weeks', '=', moverWindowWeeks).where('segment', '=', 'all').orderBy('rank').execute(); // prettier-ignore
  const relatedWeek = (await db.selectFrom('skill_pairs').select((eb) => eb.fn.max('week').as('week')).where('week', '<=', week).executeTakeFirst())?.week ?? null; // prettier-ignore

  const nameOf = (id: string) => skills.get(id)?.name ?? id;
  const inCategory = (category: string | null) => (id: string) =>
    category === null || skills.get(id)?.category === category;
  const historyWeeks = Array.from({ length: HISTORY_WEEKS }, (_, i) => addWeeks(week, i - HISTORY_WEEKS + 1)); // prettier-ignore
  const charted = new Set(
    [null, ...categoryRows.map((r) => r.id)].flatMap((c) =>
      skillRows
        .filter((r) => inCategory(c)(r.id))
        .slice(0, HISTORY_SKILLS)
        .map((r) => r.id),
    ),
  );
  const series = await history(db, [...charted], historyWeeks);
  const section = async (category: string | null): Promise<ReportSection> => {
    const inSection = inCategory(category);
    const top = skillRows.filter((r) => inSection(r.id)).slice(0, TOP_SKILLS);
    const moverLines = (direction: 'rising' | 'falling') =>
      movers
        .filter((m) => m.direction === direction && inSection(m.skill_id))
        .slice(0, TOP_MOVERS)
        .map((m) => ({ id: m.skill_id, name: nameOf(m.skill_id), postingsNow: m.postings_now, postingsBefore: m.postings_before, shareNow: m.share_now, shareBefore: m.share_before, pValue: m.p_value })); // prettier-ignore
    const related: RelatedLine[] = [];
    if (relatedWeek) {
      for (const skill of top.slice(0, RELATED_FOR)) {
        const pairs = await db.selectFrom('skill_pairs').selectAll().where('week', '=', relatedWeek).where('skill_id', '=', skill.id).orderBy('lift', 'desc').orderBy('related_skill_id').limit(TOP_RELATED).execute(); // prettier-ignore
        if (pairs.length > 0) related.push({ id: skill.id, name: nameOf(skill.id), related: pairs.map((p) => ({ id: p.related_skill_id, name: nameOf(p.related_skill_id), postings: p.postings, share: p.share, lift: p.lift })) }); // prettier-ignore
      }
    }
    const own = category === null ? undefined : categoryRows.find((r) => r.id === category);
    return {
      category,
      demand: own ? demandLine(own, category as string) : null,
      topSkills: top.map((r) => demandLine(r, nameOf(r.id))),
      risers: moverLines('rising'),
      fallers: moverLines('falling'),
      related,
      history: top.slice(0, HISTORY_SKILLS).map((r) => ({ id: r.id, name: nameOf(r.id), postings: series.get(r.id)! })), // prettier-ignore
    };
  };

  const runs = await db
    .selectFrom('crawl_runs')
    .select(['source_id', 'status', 'listings', 'new_listings', 'message'])
    .where('started_at', '>=', new Date(`${week}T00:00:00Z`))
    .where('started_at', '<', new Date(`${addWeeks(week, 1)}T00:00:00Z`))
    .orderBy('source_id')
    .execute();
  const SEVERITY = ['ok', 'running', 'degraded', 'failed'];
  const sources = new Map<string, { sourceId: string; runs: number; listings: number; newListings: number; status: string; message: string | null }>(); // prettier-ignore
  for (const run of runs) {
    const s = sources.get(run.source_id) ?? { sourceId: run.source_id, runs: 0, listings: 0, newListings: 0, status: 'ok', message: null }; // prettier-ignore
    s.runs += 1;
    s.listings += run.listings;
    s.newListings += run.new_listings;
    if (SEVERITY.indexOf(run.status) > SEVERITY.indexOf(s.status)) {
      s.status = run.status;
      s.message = run.message;
    }
    sources.set(run.source_id, s);
  }
  const duplicates = await db
    .selectFrom('postings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canonical_id', 'is not', null)
    .where('active_from', '=', week)
    .executeTakeFirstOrThrow();

  return {
    week,
    label: weekLabel(week),
    currency: market.currency,
    market: {
      postings: market.postings,
      newPostings: market.new_postings,
      change1w: change(market.postings, at(addWeeks(week, -1))?.postings ?? null),
      change13w: change(market.postings, at(addWeeks(week, -13))?.postings ?? null),
      dayRate: rateRange({ ...market, median_13w: at(addWeeks(week, -13))?.day_rate_median ?? null }), // prettier-ignore
    },
    historyWeeks,
    overall: await section(null),
    categories: await Promise.all(categoryRows.map((r) => section(r.id))),
    methodology: {
      sources: [...sources.values()],
      degraded: [...sources.values()].filter((s) => s.status === 'degraded' || s.status === 'failed').map((s) => s.sourceId), // prettier-ignore
      duplicates: duplicates.n,
      moverWindowWeeks,
      relatedWeek,
    },
  };
}

/** The report cannot be built as asked (a week not rolled up): a usage problem. */
export class ReportError extends SkillpulseError {
  override name = 'ReportError';
  readonly kind: 'bad-input' | 'not-found' = 'bad-input';
}

/** The week asked for has no trend figures: nothing to report until it is rolled up. */
export class WeekNotRolledUpError extends ReportError {
  override name = 'WeekNotRolledUpError';
  override readonly kind = 'not-found';
  constructor(week: string | null) {
    super(
      week === null
        ? 'no week has been rolled up yet: run `skillpulse rollup`'
        : `week ${weekLabel(week)} (${week}) has not been rolled up: run \`skillpulse rollup --week ${weekLabel(week)}\``,
    );
  }
}

/** The week asked for, or the newest rolled up; a week without trend figures is an error. */
export async function rolledUpWeek(db: Kysely<Database>, week?: string): Promise<string> {
  const wanted = week ?? (await latestWeek(db));
  if (wanted === null) throw new WeekNotRolledUpError(null);
  const row = await db.selectFrom('market_weekly').select('week').where('week', '=', wanted).executeTakeFirst(); // prettier-ignore
  if (!row) throw new WeekNotRolledUpError(wanted);
  return wanted;
}

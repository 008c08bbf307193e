import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  BreakdownDimension,
  BreakdownScope,
  CategoryWeeklyTable,
  Database,
  Segment,
  Skill,
  SkillWeeklyTable,
} from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { SKILL_WEEKLY, zeroFigures, type RankedTable } from './tables.js';
import { addWeeks, weekLabel, weekOf, weeksBetween } from './weeks.js';

/*
 * The read side of the trend tables: what the report, the dashboard and the CLI read of
 * them, each read written once here.
 */

/** The week asked for has no trend figures: nothing to read until it is rolled up. */
export class WeekNotRolledUpError extends NotFoundError {
  constructor(week: string | null) {
    super(
      week === null
        ? 'no week has been rolled up yet: run `skillpulse rollup`'
        : `week ${weekLabel(week)} (${week}) has not been rolled up: run \`skillpulse rollup --week ${weekLabel(week)}\``,
    );
  }
}

/** The newest week rolled up; null before the first rollup. */
export async function latestWeek(db: Kysely<Database>): Promise<string | null> {
  const row = await db
    .selectFrom('market_weekly')
    .select((eb) => eb.fn.max('week').as('week'))
    .executeTakeFirst();
  return row?.week ?? null;
}

/**
 * The newest rolled-up week that had ended by `now` (its Sunday is over): a whole week,
 * whose figures no later posting of that week will change; null when none has.
 */
export async function latestCompleteWeek(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<string | null> {
  const row = await db
    .selectFrom('market_weekly')
    .select((eb) => eb.fn.max('week').as('week'))
    .where('week', '<', weekOf(now))
    .executeTakeFirst();
  return row?.week ?? null;
}

/**
 * The week read wherever none is asked for (the report, `trends`, `gap`, the dashboard):
 * the latest complete week, since the current one is partial (a few days of postings,
 * +0% everywhere); the newest rolled up when no rolled-up week has ended yet, as on the
 * first day of crawling; null before the first rollup. The current week is read when
 * asked for by name (`--week`).
 */
export async function defaultWeek(
  db: Kysely<Database>,
  now: Date = new Date(),
): Promise<string | null> {
  return (await latestCompleteWeek(db, now)) ?? (await latestWeek(db));
}

/**
 * The week asked for, or the default week (`defaultWeek`); a week without trend figures
 * is an error.
 */
export async function rolledUpWeek(
  db: Kysely<Database>,
  week?: string,
  now: Date = new Date(),
): Promise<string> {
  const wanted = week ?? (await defaultWeek(db, now));
  if (wanted === null) throw new WeekNotRolledUpError(null);
  const row = await db
    .selectFrom('market_weekly')
    .select('week')
    .where('week', '=', wanted)
    .executeTakeFirst();
  if (!row) throw new WeekNotRolledUpError(wanted);
  return wanted;
}

/**
 * The newest week at or before `week` whose related skills were computed: only the
 * weekly rollup computes them, and retention keeps the newest weeks of them.
 */
export async function latestRelatedWeek(
  db: Kysely<Database>,
  week: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('skill_pairs')
    .select((eb) => eb.fn.max('week').as('week'))
    .where('week', '<=', week)
    .executeTakeFirst();
  return row?.week ?? null;
}

export interface RelatedSkill {
  readonly id: string;
  readonly name: string;
  readonly postings: number;
  readonly share: number;
  readonly lift: number;
}

/** The skills asked for with `skillId` in the related-skills week `week`, by lift. */
export async function relatedSkills(
  db: Kysely<Database>,
  skillId: string,
  options: { readonly week: string; readonly limit: number },
): Promise<RelatedSkill[]> {
  return db
    .selectFrom('skill_pairs as p')
    .innerJoin('skills as s', 's.id', 'p.related_skill_id')
    .select(['s.id', 's.name', 'p.postings', 'p.share', 'p.lift'])
    .where('p.week', '=', options.week)
    .where('p.skill_id', '=', skillId)
    .orderBy('p.lift', 'desc')
    .orderBy('s.id')
    .limit(options.limit)
    .execute();
}

/** The postings of one country or work mode in a week's breakdown of a scope. */
export interface BreakdownLine {
  /** An ISO country code or a work mode (remote, hybrid, onsite, unknown). */
  readonly value: string;
  readonly postings: number;
  /** Of the scope's postings: `of` when given, else the sum over the dimension's values. */
  readonly ofScope: number;
  /** Of all postings with this value in the week (the scope's share there). */
  readonly share: number;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
}

export type Breakdowns = Readonly<Record<BreakdownDimension, readonly BreakdownLine[]>>;

/**
 * The week's postings of the market, a category or a skill by country and by work mode,
 * most postings first. The rollup breaks down the week's most-demanded skills only, so
 * other skills have none. `of` is the scope's postings that `ofScope` is taken of; by
 * default each dimension's own sum (a posting naming two countries counts in both).
 */
export async function readBreakdowns(
  db: Kysely<Database>,
  week: string,
  scope: { readonly scope: BreakdownScope; readonly id?: string; readonly of?: number },
): Promise<Breakdowns> {
  const rows = await db
    .selectFrom('breakdown_weekly')
    .select(['dimension', 'value', 'postings', 'share', 'day_rate_count', 'day_rate_median'])
    .where('week', '=', week)
    .where('scope', '=', scope.scope)
    .where('scope_id', '=', scope.id ?? '')
    .orderBy('postings', 'desc')
    .orderBy('value')
    .execute();
  const lines = (dimension: BreakdownDimension): BreakdownLine[] => {
    const mine = rows.filter((r) => r.dimension === dimension);
    const of = scope.of ?? mine.reduce((sum, r) => sum + r.postings, 0);
    return mine.map((r) => ({
      value: r.value,
      postings: r.postings,
      ofScope: of === 0 ? 0 : r.postings / of,
      share: r.share,
      dayRateMedian: r.day_rate_median,
      dayRateCount: r.day_rate_count,
    }));
  };
  return { country: lines('country'), work_mode: lines('work_mode') };
}

/** A skill by id, name or alias, any case; undefined when none matches. */
export async function findSkill(db: Kysely<Database>, text: string): Promise<Skill | undefined> {
  const wanted = text.trim().toLowerCase();
  const exact = await db
    .selectFrom('skills')
    .selectAll()
    .where((eb) => eb.or([eb('id', '=', wanted), eb(eb.fn('lower', ['name']), '=', wanted)]))
    .executeTakeFirst();
  if (exact) return exact;
  const alias = sql<boolean>`exists (
    select 1 from jsonb_array_elements_text(aliases) a where lower(a) = ${wanted}
  )`;
  return db.selectFrom('skills').selectAll().where(alias).executeTakeFirst();
}

/** The weeks a series covers: `weeks` weeks ending with `last`. */
export interface SeriesSpan {
  readonly last: string;
  readonly weeks: number;
}

/** Every week of `span`, each the row `rows` has for it or `missing(week)`. */
export function zeroFilled<Row extends { readonly week: string }>(
  span: SeriesSpan,
  rows: readonly Row[],
  missing: (week: string) => Row,
): Row[] {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  const first = addWeeks(span.last, -(span.weeks - 1));
  return weeksBetween(first, span.last).map((week) => byWeek.get(week) ?? missing(week));
}

/** The figures skill_weekly and category_weekly both have. */
export type FigureColumn = Exclude<
  keyof SkillWeeklyTable & keyof CategoryWeeklyTable,
  'week' | 'segment' | 'computed_at'
>;

/** One week of a series of figures: the week, then the columns read. */
export type FiguresWeek<Column extends FigureColumn> = { readonly week: string } & {
  readonly [C in Column]: Selectable<SkillWeeklyTable>[C];
};

/**
 * Weekly figures of some skills (skill_weekly) or categories (category_weekly) over a
 * span of weeks, by key; a week without a row has each column's zero (tables.ts).
 */
export async function weeklySeries<Column extends FigureColumn>(
  db: Kysely<Database>,
  table: RankedTable,
  options: SeriesSpan & {
    readonly keys: readonly string[];
    readonly columns: readonly Column[];
    /** @defaultValue 'all' */
    readonly segment?: Segment;
  },
): Promise<Map<string, FiguresWeek<Column>[]>> {
  const { keys, columns } = options;
  const found = new Map<string, FiguresWeek<Column>[]>(keys.map((key) => [key, []]));
  if (keys.length > 0) {
    const { rows } = await sql<FiguresWeek<Column> & { key: string }>`
      select ${sql.ref(table.key)} as key, week, ${sql.join(columns.map((c) => sql.ref(c)))}
      from ${sql.table(table.name)}
      where ${sql.ref(table.key)} in (${sql.join(keys)}) and segment = ${options.segment ?? 'all'}
        and week between ${addWeeks(options.last, -(options.weeks - 1))}::date
        and ${options.last}::date`.execute(db);
    for (const { key, ...row } of rows) found.get(key)?.push(row as FiguresWeek<Column>);
  }
  const zero = zeroFigures(table, columns);
  const missing = (week: string) => ({ week, ...zero }) as FiguresWeek<Column>;
  return new Map(
    [...found].map(([key, rows]) => [key, zeroFilled(options, rows, missing)] as const),
  );
}

/** One week of a skill's series, as the analysts' views give it. */
export interface SkillSeriesWeek {
  readonly week: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number | null;
  readonly rank_change_1w: number | null;
  readonly postings_change_13w: number | null;
  readonly new_postings_13w: number | null;
  readonly currency: string | null;
  readonly day_rate_count: number;
  readonly day_rate_p10: number | null;
  readonly day_rate_p25: number | null;
  readonly day_rate_median: number | null;
  readonly day_rate_p75: number | null;
  readonly day_rate_p90: number | null;
}

/** skill_weekly's zeros, of the columns a skill's series reads of it. */
const SKILL_ZEROS = zeroFigures(SKILL_WEEKLY, [
  'postings',
  'share',
  'rank',
  'rank_change_1w',
  'day_rate_count',
  'day_rate_p10',
  'day_rate_p25',
  'day_rate_median',
  'day_rate_p75',
  'day_rate_p90',
] as const);

/** A week without postings of the skill: skill_weekly's zeros, and no rolling figures. */
function noSkillWeek(week: string): SkillSeriesWeek {
  const zero = SKILL_ZEROS;
  return {
    week,
    postings: zero.postings as number,
    share: zero.share as number,
    rank: zero.rank,
    rank_change_1w: zero.rank_change_1w,
    postings_change_13w: null,
    new_postings_13w: null,
    currency: null,
    day_rate_count: zero.day_rate_count as number,
    day_rate_p10: zero.day_rate_p10,
    day_rate_p25: zero.day_rate_p25,
    day_rate_median: zero.day_rate_median,
    day_rate_p75: zero.day_rate_p75,
    day_rate_p90: zero.day_rate_p90,
  };
}

/**
 * A skill's weekly series over the `weeks` weeks to `last`, from trend_skill_demand and
 * trend_skill_rates; weeks without postings of the skill come back as zero postings.
 */
export async function skillSeries(
  db: Kysely<Database>,
  skillId: string,
  options: SeriesSpan & { readonly segment: Segment },
): Promise<SkillSeriesWeek[]> {
  const first = addWeeks(options.last, -(options.weeks - 1));
  // Each view read once for the one skill (materialized): joined as views, the planner
  // re-evaluates one per row of the other.
  const { rows } = await sql<SkillSeriesWeek>`
    with d as materialized (
      select * from trend_skill_demand where skill_id = ${skillId} and segment = ${options.segment}
    ),
    r as materialized (
      select * from trend_skill_rates where skill_id = ${skillId} and segment = ${options.segment}
    )
    select d.week, d.postings, d.share, d.rank, d.rank_change_1w, d.postings_change_13w,
      d.new_postings_13w, r.currency, r.day_rate_count, r.day_rate_p10, r.day_rate_p25,
      r.day_rate_median, r.day_rate_p75, r.day_rate_p90
    from d join r on r.week = d.week
    where d.week between ${first}::date and ${options.last}::date
    order by d.week`.execute(db);
  return zeroFilled(options, rows, noSkillWeek);
}

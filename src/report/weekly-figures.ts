import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { PERCENTILES } from '../trends/tally.js';
import { RATE_SERIES, type RankedTable, type RateSeries } from '../trends/tables.js';
import { addWeeks } from '../trends/weeks.js';
import { MIN_POSTINGS, MIN_RATES, type DemandLine, type RateRange } from './weekly-model.js';

/*
 * A week's rows of a ranked weekly table (skills, categories, roles) as the report reads
 * them: the figures of the week against 1 and 13 weeks before, each a DemandLine.
 */

/** A rate series' columns of a weekly table, and its median 13 weeks before. */
type SeriesColumns<Series extends string> = {
  [Column in `${Series}_${'count' | PercentileName}` | `${Series}_median_13w`]: number | null;
};
type PercentileName = (typeof PERCENTILES)[number][0];
export type RateColumns = SeriesColumns<RateSeries>;

export interface FigureRow extends RateColumns {
  id: string;
  postings: number;
  share: number;
  rank: number;
  rank_change_1w: number | null;
  rank_change_52w: number | null;
  postings_1w: number | null;
  postings_13w: number | null;
}

/** now / before - 1: the relative change, null without a figure before (or a zero). */
export const change = (now: number | null, before: number | null) =>
  now === null || before === null || before === 0 ? null : now / before - 1;

/** A series' figures of a row; null when it quotes none. */
export function rateRange(row: Partial<RateColumns>, series: RateSeries): RateRange | null {
  const count = row[`${series}_count`] ?? 0;
  const median = row[`${series}_median`] ?? null;
  if (count === 0 || median === null) return null;
  const at = (p: PercentileName) => row[`${series}_${p}`] ?? median;
  return {
    p10: at('p10'),
    p25: at('p25'),
    median,
    p75: at('p75'),
    p90: at('p90'),
    count,
    change13w: change(median, row[`${series}_median_13w`] ?? null),
    smallSample: count < MIN_RATES,
  };
}

/** The rate columns of a table aliased `t`, with each median of the table aliased `p13`. */
const rateColumns = sql.join(
  RATE_SERIES.flatMap((series) => [
    sql.ref(`t.${series}_count`),
    ...PERCENTILES.map(([p]) => sql.ref(`t.${series}_${p}`)),
    sql`${sql.ref(`p13.${series}_median`)} as ${sql.ref(`${series}_median_13w`)}`,
  ]),
);

/**
 * A week's figures of skill_weekly, category_weekly or role_weekly (segment all), with the same rows
 * 1 and 13 weeks before, read by key: only the week's rows, whatever the history.
 */
export async function figures(
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
    select t.${key} as id, t.postings, t.share, t.rank, t.rank_change_1w, t.rank_change_52w,
      p1.postings as postings_1w, p13.postings as postings_13w, ${rateColumns}
    from ${sql.table(table.name)} t
    ${earlier('p1', 1)}
    ${earlier('p13', 13)}
    where t.week = ${week}::date and t.segment = 'all'
    order by t.rank, t.${key}`.execute(db);
  return rows;
}

export function demandLine(row: FigureRow, name: string): DemandLine {
  return {
    id: row.id,
    name,
    postings: row.postings,
    share: row.share,
    rank: row.rank,
    rankChange1w: row.rank_change_1w,
    rankChange52w: row.rank_change_52w,
    change1w: change(row.postings, row.postings_1w),
    change13w: change(row.postings, row.postings_13w),
    dayRate: rateRange(row, 'day_rate'),
    hourlyRate: rateRange(row, 'hourly_rate'),
    annualSalary: rateRange(row, 'annual_salary'),
    smallSample: row.postings < MIN_POSTINGS,
  };
}

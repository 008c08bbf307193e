import { PERCENTILES } from './tally.js';

/*
 * The columns of the weekly trend tables, each declared once: its name, SQL type, how the
 * rollup writes it and its value in a week without a row. The rollup's COPY (figures.ts,
 * write-figures.ts) writes the columns in this order, stored-weeks.ts reads the rank
 * columns by these names and the zero-filled series (read.ts) fill a missing week with
 * the zeros. A new figure is a column here, its migration, and the line of figures.ts
 * that counts it.
 */

/** The weeks rank changes are read against: a week's own figures feed these later ones. */
export const RANK_LAGS = [1, 4, 13, 52] as const;

/**
 * The rate series of the weekly tables, each a count and PERCENTILES: day rates, hourly
 * rates and annual salaries (what permanent postings state), never converted into
 * one another.
 */
export const RATE_SERIES = ['day_rate', 'hourly_rate', 'annual_salary'] as const;
export type RateSeries = (typeof RATE_SERIES)[number];

export interface WeeklyColumn {
  readonly name: string;
  /** As the migrations create it. */
  readonly type: 'date' | 'text' | 'integer' | 'double precision' | 'numeric';
  /**
   * How the rollup writes a value into COPY text: `text`, a `number` as JavaScript prints
   * it, or a `rate` rounded to 2 decimals as PostgreSQL's round(x::numeric, 2) (writeRate).
   */
  readonly written: 'text' | 'number' | 'rate';
  /**
   * Its value in a week without a row, as the zero-filled series give it; `undefined` for
   * the columns that identify a row, which are never zero-filled.
   */
  readonly zero?: 0 | null;
}

export interface WeeklyTable<
  Name extends string = string,
  Key extends string | null = string | null,
> {
  readonly name: Name;
  /** The column that names what a row counts (skill, category), besides week and segment. */
  readonly key: Key;
  /** In the order the rollup writes them. */
  readonly columns: readonly WeeklyColumn[];
}

const identifying = (name: string, type: 'date' | 'text' = 'text'): WeeklyColumn => ({
  name,
  type,
  written: 'text',
});
const count = (name: string): WeeklyColumn => ({
  name,
  type: 'integer',
  written: 'number',
  zero: 0,
});
const share = (name: string): WeeklyColumn => ({
  name,
  type: 'double precision',
  written: 'number',
  zero: 0,
});
/** A rank or rank change: none in a week without a row. */
const ordinal = (name: string): WeeklyColumn => ({
  name,
  type: 'integer',
  written: 'number',
  zero: null,
});
const rate = (name: string): WeeklyColumn => ({
  name,
  type: 'numeric',
  written: 'rate',
  zero: null,
});

/** The rank change columns, in RANK_LAGS order. */
export const RANK_CHANGE_COLUMNS = RANK_LAGS.map((lag) => `rank_change_${lag}w` as const);

/** Per rate series, how many rates, then each percentile. */
const RATE_COLUMNS: readonly WeeklyColumn[] = RATE_SERIES.flatMap((series) => [
  count(`${series}_count`),
  ...PERCENTILES.map(([percentile]) => rate(`${series}_${percentile}`)),
]);

/** skill_weekly and category_weekly: the same figures of a skill or a category. */
function rankedTable<Name extends string, Key extends string>(
  name: Name,
  key: Key,
): WeeklyTable<Name, Key> {
  return {
    name,
    key,
    columns: [
      identifying('week', 'date'),
      identifying('segment'),
      identifying(key),
      count('postings'),
      count('new_postings'),
      share('share'),
      ordinal('rank'),
      ...RANK_CHANGE_COLUMNS.map(ordinal),
      ...RATE_COLUMNS,
    ],
  };
}

export const SKILL_WEEKLY = rankedTable('skill_weekly', 'skill_id');
export const CATEGORY_WEEKLY = rankedTable('category_weekly', 'category');

/**
 * A role's figures as a skill's, then the years of experience its postings ask: how many
 * state a figure (their fewest years) and the median of those.
 */
export const ROLE_WEEKLY: WeeklyTable<'role_weekly', 'role_id'> = {
  name: 'role_weekly',
  key: 'role_id',
  columns: [
    ...rankedTable('role_weekly', 'role_id').columns,
    count('experience_years_count'),
    // Whole years or a half between two: written as is, none in a week without a row.
    { name: 'experience_years_median', type: 'double precision', written: 'number', zero: null },
  ],
};

/**
 * The skills a role's postings ask for in a week (segment 'all'): rows of roles and
 * skills with `roleProfileMinPostings` postings or more. Never zero-filled.
 */
export const ROLE_PROFILE_WEEKLY: WeeklyTable<'role_profile_weekly', 'role_id'> = {
  name: 'role_profile_weekly',
  key: 'role_id',
  columns: [
    identifying('week', 'date'),
    identifying('role_id'),
    identifying('skill_id'),
    count('postings'),
    share('share'),
  ],
};

/**
 * A role's figures over the `window_weeks` weeks ending at a week (segments as
 * role_weekly): its canonical postings open in the window, each counted once, their share
 * of the market's, their rates and the years of experience they ask.
 */
export const ROLE_WINDOW: WeeklyTable<'role_window', 'role_id'> = {
  name: 'role_window',
  key: 'role_id',
  columns: [
    identifying('week', 'date'),
    { name: 'window_weeks', type: 'integer', written: 'number' },
    identifying('segment'),
    identifying('role_id'),
    count('postings'),
    share('share'),
    ...RATE_COLUMNS,
    ...ROLE_WEEKLY.columns.slice(-2),
  ],
};

/** role_profile_weekly's rows over the window of ROLE_WINDOW. */
export const ROLE_PROFILE_WINDOW: WeeklyTable<'role_profile_window', 'role_id'> = {
  name: 'role_profile_window',
  key: 'role_id',
  columns: [
    identifying('week', 'date'),
    { name: 'window_weeks', type: 'integer', written: 'number' },
    ...ROLE_PROFILE_WEEKLY.columns.slice(1),
  ],
};

export const MARKET_WEEKLY: WeeklyTable<'market_weekly', null> = {
  name: 'market_weekly',
  key: null,
  columns: [
    identifying('week', 'date'),
    identifying('segment'),
    count('postings'),
    count('new_postings'),
    { name: 'currency', type: 'text', written: 'text', zero: null },
    ...RATE_COLUMNS,
  ],
};

export const BREAKDOWN_WEEKLY: WeeklyTable<'breakdown_weekly', 'scope_id'> = {
  name: 'breakdown_weekly',
  key: 'scope_id',
  columns: [
    identifying('week', 'date'),
    identifying('dimension'),
    identifying('value'),
    identifying('scope'),
    identifying('scope_id'),
    count('postings'),
    share('share'),
    count('day_rate_count'),
    rate('day_rate_median'),
  ],
};

/** The tables whose figures are a skill's, a category's or a role's, week by week. */
export type RankedTable = typeof SKILL_WEEKLY | typeof CATEGORY_WEEKLY | typeof ROLE_WEEKLY;

/** The names of a table's columns, in the order the rollup writes them. */
export function columnNames(table: WeeklyTable): string[] {
  return table.columns.map((column) => column.name);
}

/** A week without a row: each of `columns` at its zero value. */
export function zeroFigures<Column extends string>(
  table: WeeklyTable,
  columns: readonly Column[],
): Record<Column, 0 | null> {
  const zeros = {} as Record<Column, 0 | null>;
  for (const name of columns) {
    const column = table.columns.find((c) => c.name === name);
    if (column?.zero === undefined) {
      throw new Error(`${table.name}.${name} is not a figure a week without a row has`);
    }
    zeros[name] = column.zero;
  }
  return zeros;
}

import type { Transaction } from 'kysely';
import { copyInto, CopyText } from '../db/copy.js';
import type { Database } from '../db/schema.js';
import type { Value } from './columns.js';
import { BREAKDOWN_COLUMNS, MARKET_COLUMNS, weeklyColumns, type WeekFigures } from './figures.js';
import { writeRate } from './tally.js';

/*
 * The rollup writes with COPY: the server parses each field once, with no array to
 * build and take apart, and fills pages many rows at a time. Rates are rounded here as
 * PostgreSQL's round(x::numeric, 2) rounds the float computed (writeRate).
 */

/** A column written: its name, values, and whether it is a rate rounded to 2 decimals. */
type Column = readonly [name: string, values: readonly Value[], rate?: boolean];

/** Inserts rows given as columns. */
export function insertColumns(
  trx: Transaction<Database>,
  table: keyof Database,
  columns: readonly Column[],
): Promise<number> {
  const out = new CopyText();
  const length = columns[0]?.[1].length ?? 0;
  for (let i = 0; i < length; i += 1) {
    for (const [, values, rate] of columns) {
      const value = values[i] ?? null;
      if (value === null) out.null();
      else if (rate) writeRate(out, value as number);
      else if (typeof value === 'number') out.number(value);
      else out.text(value);
    }
    out.endRow();
  }
  return copyInto(
    trx,
    table,
    columns.map(([name]) => name),
    out,
  );
}

/** The rows WeekFigures wrote: market_weekly, skill_weekly, category_weekly, breakdown_weekly. */
export async function insertFigures(
  trx: Transaction<Database>,
  figures: WeekFigures,
): Promise<{ skillRows: number; categoryRows: number }> {
  const [skillRows, categoryRows] = await Promise.all([
    copyInto(trx, 'skill_weekly', weeklyColumns('skill_id'), figures.skills),
    copyInto(trx, 'category_weekly', weeklyColumns('category'), figures.categories),
    copyInto(trx, 'market_weekly', MARKET_COLUMNS, figures.market),
    copyInto(trx, 'breakdown_weekly', BREAKDOWN_COLUMNS, figures.breakdowns),
  ]);
  return { skillRows, categoryRows };
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { arrayLiteral, type Value } from './columns.js';
import { RANK_LAGS, RATE_COLUMNS, type BreakdownRows, type WeeklyRows } from './figures.js';

/** A column written: its name, PostgreSQL type, values, and whether it is a rounded rate. */
type Column = readonly [name: string, type: string, values: readonly Value[], rate?: boolean];

/**
 * Rows per statement: each column goes as one array parameter, so a statement is a
 * handful of parameters however many rows it writes.
 */
const ROWS_PER_STATEMENT = 50_000;

/**
 * Inserts rows given as columns, through unnest of one array per column. Rates are
 * rounded to 2 decimals as PostgreSQL rounds numeric (half away from zero), from the
 * float computed.
 */
export async function insertColumns(
  trx: Transaction<Database>,
  table: keyof Database,
  columns: readonly Column[],
): Promise<number> {
  const length = columns[0]?.[2].length ?? 0;
  const names = sql.join(columns.map(([name]) => sql.ref(name)));
  for (let from = 0; from < length; from += ROWS_PER_STATEMENT) {
    const to = from + ROWS_PER_STATEMENT;
    await sql`
      insert into ${sql.table(table)} (${names})
      select ${sql.join(columns.map(([name, , , rate]) => (rate ? sql`round(${sql.ref(name)}::numeric, 2)` : sql.ref(name))))}
      from unnest(${sql.join(columns.map(([, type, values]) => sql`${arrayLiteral(values, from, to)}::${sql.raw(type)}[]`))})
        as u(${names})`.execute(trx); // prettier-ignore
  }
  return length;
}

const rateColumns = (rows: WeeklyRows): Column[] =>
  RATE_COLUMNS.map((name, i) => {
    const count = name.endsWith('_count');
    return [name, count ? 'int' : 'float8', rows.rates[i] as (number | null)[], !count] as const;
  });

export function insertMarket(
  trx: Transaction<Database>,
  rows: WeeklyRows,
  currency: string,
): Promise<number> {
  // prettier-ignore
  return insertColumns(trx, 'market_weekly', [
    ['week', 'date', rows.week],
    ['segment', 'text', rows.segment],
    ['postings', 'int', rows.postings],
    ['new_postings', 'int', rows.newPostings],
    ['currency', 'text', rows.week.map(() => currency)],
    ...rateColumns(rows),
  ]);
}

export function insertWeekly(
  trx: Transaction<Database>,
  table: 'skill_weekly' | 'category_weekly',
  rows: WeeklyRows,
): Promise<number> {
  return insertColumns(trx, table, [
    ['week', 'date', rows.week],
    ['segment', 'text', rows.segment],
    [table === 'skill_weekly' ? 'skill_id' : 'category', 'text', rows.key],
    ['postings', 'int', rows.postings],
    ['new_postings', 'int', rows.newPostings],
    ['share', 'float8', rows.share],
    ['rank', 'int', rows.rank],
    ...RANK_LAGS.map((lag, i) => [`rank_change_${lag}w`, 'int', rows.rankChanges[i] as (number | null)[]] as const), // prettier-ignore
    ...rateColumns(rows),
  ]);
}

export function insertBreakdowns(trx: Transaction<Database>, rows: BreakdownRows): Promise<number> {
  return insertColumns(trx, 'breakdown_weekly', [
    ['week', 'date', rows.week],
    ['dimension', 'text', rows.dimension],
    ['value', 'text', rows.value],
    ['scope', 'text', rows.scope],
    ['scope_id', 'text', rows.scopeId],
    ['postings', 'int', rows.postings],
    ['share', 'float8', rows.share],
    ['day_rate_count', 'int', rows.rateCount],
    ['day_rate_median', 'float8', rows.rateMedian, true],
  ]);
}

import { sql, type RawBuilder } from 'kysely';

/*
 * How the rollup moves many values in few statements: out as one array literal per column
 * (unnest on the server), in as one text per column (string_agg). The drivers' general
 * array serialisation, and a row object per row read, cost more than the rollup's work.
 */

export type Value = string | number | null;

/**
 * A PostgreSQL array literal of values[from..to): numbers as JavaScript prints them (the
 * shortest text that reads back as the same float8), text quoted and escaped, null as
 * NULL. Sent as one text parameter.
 */
export function arrayLiteral(values: readonly Value[], from = 0, to = values.length): string {
  const end = Math.min(to, values.length);
  const parts = new Array<string>(Math.max(0, end - from));
  for (let i = from; i < end; i += 1) {
    const value = values[i];
    parts[i - from] =
      value === null || value === undefined
        ? 'NULL'
        : typeof value === 'number'
          ? String(value)
          : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Separates the values of an aggregated column. */
const SEPARATOR = '\x1f';

/** A column of many rows as one text: `text` (not null) of each row, in row order. */
export function aggregated(text: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`string_agg(${text}, ${SEPARATOR})`;
}

/**
 * The `count` values of an aggregated column; `what` names it in the error when a value
 * holds the separator (U+001F), which would shift every value after it.
 */
export function splitAggregated(text: string | null, count: number, what: string): string[] {
  const values = count === 0 ? [] : (text ?? '').split(SEPARATOR);
  if (values.length !== count) {
    throw new Error(`${what} contains the control character U+001F: the rollup cannot read it`);
  }
  return values;
}

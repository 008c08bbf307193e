/**
 * One mapping from Postgres types to JavaScript values, installed in both drivers so
 * that PostgreSQL and PGlite return identical rows.
 */
export const PG_TYPE = {
  INT8: 20,
  NUMERIC: 1700,
  DATE: 1082,
  TIMESTAMP: 1114,
  TIMESTAMPTZ: 1184,
} as const;

/** bigint columns are ids and counts: far below 2^53, so a number is exact. */
export function parseInt8(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed)) {
    throw new RangeError(`bigint value ${value} does not fit a JavaScript number`);
  }
  return parsed;
}

/** numeric columns hold rates and percentiles, where float precision is enough. */
export function parseNumeric(value: string): number {
  return Number(value);
}

/** Dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone to shift it. */
export function parseDate(value: string): string {
  return value;
}

/** timestamp without time zone is read as UTC, never as the machine's local time. */
export function parseTimestamp(value: string): Date {
  return new Date(`${value.replace(' ', 'T')}Z`);
}

export const TYPE_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [PG_TYPE.INT8]: parseInt8,
  [PG_TYPE.NUMERIC]: parseNumeric,
  [PG_TYPE.DATE]: parseDate,
  [PG_TYPE.TIMESTAMP]: parseTimestamp,
};

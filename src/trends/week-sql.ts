import { sql, type RawBuilder } from 'kysely';

/** weekNumber (weeks.ts) in SQL, of a date expression: week 0 is Monday 1970-01-05. */
export function weekNumberSql(date: RawBuilder<unknown>): RawBuilder<number> {
  return sql<number>`((${date}) - date '1970-01-05') / 7`;
}

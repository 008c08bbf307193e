/*
 * ISO weeks (Monday start, UTC) as the trend tables key them: the Monday's date,
 * 'YYYY-MM-DD'. Written on UTC fields only, so the machine's time zone never moves a
 * posting into another week. No database here (weekNumberSql is in week-sql.ts): the
 * renderers and `--help` import this without the query builder.
 */

const DAY_MS = 86_400_000;
const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The Monday (UTC) of the ISO week holding `date`. */
export function weekOf(date: Date): string {
  const day = Math.floor(date.getTime() / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const monday = day - ((((day + 3) % 7) + 7) % 7);
  return new Date(monday * DAY_MS).toISOString().slice(0, 10);
}

/** A week `n` weeks after (or before, when negative) the Monday `week`. */
export function addWeeks(week: string, n: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + n * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** Every Monday from `first` to `last`, both included. */
export function weeksBetween(first: string, last: string): string[] {
  const weeks: string[] = [];
  for (let week = first; week <= last; week = addWeeks(week, 1)) weeks.push(week);
  return weeks;
}

/** Week numbers count Mondays from 1970-01-05, the first Monday of the epoch (week 0). */
const EPOCH_MONDAY = Date.UTC(1970, 0, 5);

/** The number of the week whose Monday is `week`: consecutive weeks, consecutive numbers. */
export function weekNumber(week: string): number {
  return Math.round((Date.parse(`${week}T00:00:00Z`) - EPOCH_MONDAY) / (7 * DAY_MS));
}

/** The Monday of week number `n`. */
export function weekOfNumber(n: number): string {
  return new Date(EPOCH_MONDAY + n * 7 * DAY_MS).toISOString().slice(0, 10);
}

/** '2026-W47' for the Monday 2026-11-16: the ISO year is the year of the week's Thursday. */
export function weekLabel(week: string): string {
  const thursday = new Date(Date.parse(`${week}T00:00:00Z`) + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursday =
    Date.parse(`${weekOf(new Date(Date.UTC(year, 0, 4)))}T00:00:00Z`) + 3 * DAY_MS;
  const number = Math.round((thursday.getTime() - firstThursday) / (7 * DAY_MS)) + 1;
  return `${year}-W${String(number).padStart(2, '0')}`;
}

/**
 * Reads a week as a user writes it: an ISO week ('2026-W47') or any date in it
 * ('2026-11-18'). Returns its Monday; a clear error otherwise.
 */
export function parseWeek(text: string): string {
  const value = text.trim();
  const label = WEEK_LABEL.exec(value);
  if (label) {
    const year = Number(label[1]);
    const number = Number(label[2]);
    const week = addWeeks(weekOf(new Date(Date.UTC(year, 0, 4))), number - 1);
    if (number < 1 || weekLabel(week) !== value) {
      throw new RangeError(`"${text}" is not a week of ${year} (ISO weeks run W01 to W52 or W53)`);
    }
    return week;
  }
  if (DATE.test(value)) {
    const date = new Date(`${value}T00:00:00Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return weekOf(date);
  }
  throw new RangeError(
    `"${text}" is not a week: write it as 2026-W47 or as a date like 2026-11-18`,
  );
}

/*
 * Dates as the report and the dashboard print them, one format everywhere: day, short
 * month, year ("8 Jun 2026"), in UTC; a chart's week axis drops the year when all its
 * weeks are in one year (the caption says which).
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const asDate = (day: Date | string) =>
  typeof day === 'string' ? new Date(`${day.slice(0, 10)}T00:00:00Z`) : day;

/** "8 Jun": the day and month of a date, UTC. */
const dayMonth = (date: Date) => `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]}`;

/** "8 Jun 2026": a day (a Date, or an ISO date such as a week's Monday). */
export const dayLabel = (day: Date | string) => {
  const date = asDate(day);
  return `${dayMonth(date)} ${date.getUTCFullYear()}`;
};

/** "8 Jun 2026 14:05": a moment, to the minute, in UTC. */
export const timeLabel = (at: Date) => `${dayLabel(at)} ${at.toISOString().slice(11, 16)}`;

/**
 * A week axis's labels, one per Monday (ISO dates, oldest first): "8 Jun" when every week
 * is in one year, "8 Jun 2026" when they span years.
 */
export function weekAxisLabels(weeks: readonly string[]): string[] {
  const oneYear = weeks.length === 0 || weeks[0]?.slice(0, 4) === weeks.at(-1)?.slice(0, 4);
  return weeks.map((week) => (oneYear ? dayMonth(asDate(week)) : dayLabel(week)));
}

/** "8 Dec 2025 – 30 Nov 2026": the weeks of a series, by their Mondays. */
export function weekSpanLabel(weeks: readonly string[]): string {
  const first = weeks[0];
  const last = weeks.at(-1);
  if (first === undefined || last === undefined) return '';
  return first === last ? dayLabel(first) : `${dayLabel(first)} – ${dayLabel(last)}`;
}

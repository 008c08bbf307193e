import {
  counted,
  countryName,
  money,
  signed,
  signedCount,
  workModeName,
} from '../../report/markup.js';
import type { SkillSeriesWeek } from '../../trends/read.js';
import type { Breakdowns } from '../../trends/read.js';
import type { RateFigures, SkillRateWeek } from '../../trends/skill-rates.js';
import { sparkline } from '../../trends/sparkline.js';
import { weekLabel } from '../../trends/weeks.js';

/*
 * What `skillpulse trends` prints of a skill's weeks: summary lines with sparklines, a
 * row per week with postings and the footnote that says what "–" means. Numbers are
 * written by the weekly report's formatters: rates rounded to whole units, changes signed
 * with a minus sign (−), never a hyphen.
 */

/** One week of a skill: its demand (zero-filled) and, in weeks with postings, its rates. */
export interface TrendWeek {
  readonly demand: SkillSeriesWeek;
  readonly rates: SkillRateWeek | undefined;
}

type RateSeries = 'dayRate' | 'hourlyRate' | 'annualSalary';

/** The rate series as `trends` names them: summary label, column header, what one is. */
const SERIES: readonly (readonly [RateSeries, string, string, readonly [string, string]])[] = [
  ['dayRate', 'day rate', 'day rate (p25–p75)', ['rate', 'rates']],
  ['hourlyRate', 'hourly', 'hourly', ['rate', 'rates']],
  ['annualSalary', 'salary', 'salary', ['salary', 'salaries']],
];

const figure = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : money(value);

const quoted = (rates: RateFigures | undefined): rates is RateFigures =>
  rates !== undefined && rates.count > 0 && rates.median !== null;

/** Whether any of the weeks quotes a figure of the series. */
const anyQuoted = (weeks: readonly TrendWeek[], series: RateSeries) =>
  weeks.some((w) => quoted(w.rates?.[series]));

/** The series shown: day rates always, hourly rates and salaries when any week has one. */
function shownSeries(weeks: readonly TrendWeek[]) {
  return SERIES.filter(([series]) => series === 'dayRate' || anyQuoted(weeks, series));
}

/** The newest week's demand and each rate series, each after its sparkline. */
export function summaryLines(weeks: readonly TrendWeek[]): string[] {
  const now = weeks.at(-1);
  const demand = now?.demand;
  const currency = weeks.find((w) => w.demand.currency)?.demand.currency ?? '';
  const lines = [
    `${'demand'.padEnd(10)}${sparkline(weeks.map((w) => w.demand.postings))}  ` +
      `${demand?.postings ?? 0} postings (${((demand?.share ?? 0) * 100).toFixed(1)}% of all), ` +
      `rank ${demand?.rank ?? '–'}, rank change on a year ago ${signedCount(now?.rates?.rankChange52w ?? null)}, ` +
      `13-week change ${signed(demand?.postings_change_13w ?? null)}`,
  ];
  for (const [series, label, , noun] of shownSeries(weeks)) {
    const rates = now?.rates?.[series];
    const text = quoted(rates)
      ? `median ${figure(rates.median)} ${currency} (p10 ${figure(rates.p10)}, p25 ${figure(rates.p25)}, ` +
        `p75 ${figure(rates.p75)}, p90 ${figure(rates.p90)}; ${counted(rates.count, ...noun)})`
      : `no ${noun[1]} quoted in ${now ? weekLabel(now.demand.week) : 'the week'}`;
    const medians = weeks.map((w) => {
      const figures = w.rates?.[series];
      return quoted(figures) ? figures.median : null;
    });
    const line = sparkline(medians);
    lines.push(`${label.padEnd(10)}${line}  ${text}`);
  }
  return lines;
}

/** A rate series' cell: the median with p25–p75 for day rates, with the count for others. */
function rateCell(series: RateSeries, rates: RateFigures | undefined): string {
  if (!quoted(rates)) return '–';
  if (series === 'dayRate')
    return `${figure(rates.median)} (${figure(rates.p25)}–${figure(rates.p75)})`;
  return `${figure(rates.median)} (${rates.count})`;
}

/**
 * The table of the weeks with postings: a header, a row a week, aligned. Weeks without
 * postings of the skill are left out (the sparklines show them as the lowest bar).
 */
export function weekTable(weeks: readonly TrendWeek[]): string[] {
  const shown = shownSeries(weeks);
  const header = ['week', 'postings', 'share', 'rank', '1 week', '1 year'];
  for (const [series, , column] of shown) {
    header.push(column);
    if (series === 'dayRate') header.push('p10–p90', 'rates');
  }
  const rows = weeks
    .filter((w) => w.demand.postings > 0)
    .map(({ demand, rates }) => {
      const row = [
        weekLabel(demand.week),
        String(demand.postings),
        `${(demand.share * 100).toFixed(1)}%`,
        String(demand.rank ?? '–'),
        signedCount(demand.rank_change_1w),
        signedCount(rates?.rankChange52w ?? null),
      ];
      for (const [series] of shown) {
        const figures = rates?.[series];
        row.push(rateCell(series, figures));
        if (series === 'dayRate') {
          row.push(quoted(figures) ? `${figure(figures.p10)}–${figure(figures.p90)}` : '–');
          row.push(String(figures?.count ?? 0));
        }
      }
      return row;
    });
  const table = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] as string).length)));
  // The week and the day rate's range read left to right; figures align on the right.
  const left = new Set([0, header.indexOf('day rate (p25–p75)')]);
  return table.map((row) =>
    row
      .map((cell, i) => (left.has(i) ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** What the table leaves out and what "–" means in it. */
export function footnotes(weeks: readonly TrendWeek[], last: string): string[] {
  const withPostings = weeks.filter((w) => w.demand.postings > 0).length;
  const span = `${weeks.length} weeks to ${weekLabel(last)}`;
  const left =
    withPostings === weeks.length
      ? `Every one of the ${span} has postings.`
      : `${withPostings} of the ${span} have postings; the others are left out (--weeks looks further back).`;
  return [
    left,
    '– : no figure. "1 week" and "1 year" need the skill ranked 1 and 52 weeks before (a year of history for the second); a rate needs one quoted.',
  ];
}

/** Countries and work modes listed on a breakdown line; the rest are summed up. */
const BREAKDOWN_ITEMS = 5;

/** The newest week's postings by country and by work mode, a line each. */
export function breakdownLines(breakdowns: Breakdowns, week: string): string[] {
  const dimensions = [
    ['country', 'countries', countryName],
    ['work_mode', 'work mode', workModeName],
  ] as const;
  return dimensions.flatMap(([dimension, label, name]) => {
    const of = breakdowns[dimension];
    if (of.length === 0) return [];
    const items = of
      .slice(0, BREAKDOWN_ITEMS)
      .map((l) => `${name(l.value)} ${l.postings} (${(l.ofScope * 100).toFixed(0)}%)`);
    const rest = of.slice(BREAKDOWN_ITEMS).reduce((sum, l) => sum + l.postings, 0);
    if (rest > 0) items.push(`${of.length - BREAKDOWN_ITEMS} others ${rest}`);
    return [`${label.padEnd(10)}${weekLabel(week)}: ${items.join(', ')}`];
  });
}

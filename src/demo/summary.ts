import { weekLabel } from '../trends/weeks.js';
import type { DemoResult } from './run.js';

/** What the user runs next, with what it shows; the README's commands, as `npx` runs them. */
export const NEXT_STEPS: readonly (readonly [string, string])[] = [
  ['npx skillpulse report', "the week's skill-demand report"],
  ['npx skillpulse serve', 'the dashboard on http://127.0.0.1:8080/'],
  ['npx skillpulse trends python', "a skill's demand and day rate, week by week"],
  ['npx skillpulse sources', 'every source with the listings stored'],
];

const number = (n: number) => n.toLocaleString('en-US');

/**
 * The demo's summary: per source the listings its crawl fetched, the new ones it stored
 * and what the database holds (the `stored` of `skillpulse sources`); the postings
 * processed; the weeks rolled up; and the report's week as `skillpulse report` shows it.
 * Each count names what it counts, so that it can be checked against those commands.
 */
export function summaryLines(
  result: DemoResult,
  where: { readonly database: string; readonly log: string | null },
): string[] {
  const { market } = result;
  const lines = [
    `simulated market: ${number(market.postings)} postings over ${market.weeks} weeks, ${weekLabel(market.firstWeek)} to ${weekLabel(market.lastWeek)} (seed ${market.seed})`,
    '',
    ...sourceTable(result),
    '',
    `processed ${number(result.processed.listings)} listings into ${number(result.processed.postings)} postings: ${number(result.processed.duplicates)} of them duplicates of a posting on another source, ${number(result.processed.failed)} listings not processable`,
    rolledUpLine(result.rolledUp),
  ];
  const { report } = result;
  lines.push(
    report
      ? `report week ${weekLabel(report.week)}: ${number(report.postings)} postings open (${number(report.newPostings)} new that week)`
      : 'no report week: nothing was rolled up',
  );
  lines.push(`database: ${where.database}`);
  if (where.log) lines.push(`logs: ${where.log}`);
  return lines;
}

function sourceTable(result: DemoResult): string[] {
  const row = (cells: readonly (string | number)[]) =>
    cells
      .map((cell, i) =>
        i < 2 ? String(cell).padEnd(i === 0 ? 18 : 8) : String(cell).padStart(i === 2 ? 6 : 9),
      )
      .join(' ')
      .trimEnd();
  const total = (pick: (s: DemoResult['sources'][number]) => number) =>
    number(result.sources.reduce((n, s) => n + pick(s), 0));
  return [
    row(['source', 'crawl', 'pages', 'fetched', 'new', 'stored']),
    ...result.sources.map(
      (s) =>
        `${row([s.sourceId, s.status, s.pages, number(s.fetched), number(s.stored), number(s.inDatabase)])}${s.message ? `  (${s.message})` : ''}`,
    ),
    ...result.failures.map((f) => `${f.sourceId.padEnd(18)} failed   ${f.message}`),
    ...result.skipped.map((s) => `${s.sourceId.padEnd(18)} skipped  ${s.reason}`),
    row([
      `${result.sources.length} sources`,
      '',
      total((s) => s.pages),
      total((s) => s.fetched),
      total((s) => s.stored),
      total((s) => s.inDatabase),
    ]),
    'fetched: listings the crawl read; new: listings stored that were not stored before; stored: the listings of the source in the database, as `npx skillpulse sources` counts them',
  ];
}

function rolledUpLine(weeks: readonly string[]): string {
  if (weeks.length === 0) return 'rolled up no week: no posting changed';
  return `rolled up ${weeks.length} weeks, ${weekLabel(weeks[0]!)} to ${weekLabel(weeks.at(-1)!)}`;
}

/** The commands to run next, aligned. */
export function nextStepLines(): string[] {
  const width = Math.max(...NEXT_STEPS.map(([command]) => command.length)) + 2;
  return NEXT_STEPS.map(
    ([command, what], i) => `${i === 0 ? 'next: ' : '      '}${command.padEnd(width)}${what}`,
  );
}

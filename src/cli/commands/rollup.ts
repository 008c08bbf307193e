import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { Command, InvalidArgumentError, Option } from 'commander';
import type { Kysely } from 'kysely';
import type { Segment } from '../../db/schema.js';
import {
  rollupOptions,
  rollupWeeks,
  weeksOf,
  type RollupResult,
  type RollupScope,
} from '../../trends/rollup.js';
import { defaultWeek, findSkill, skillSeries, type SkillSeriesWeek } from '../../trends/read.js';
import { sparkline } from '../../trends/sparkline.js';
import { isTrendView, TREND_VIEWS } from '../../trends/views.js';
import { parseWeek, weekLabel, weekOf } from '../../trends/weeks.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { parsePositiveInt } from '../options.js';

const SEGMENTS: readonly Segment[] = ['all', 'contract', 'freelance', 'permanent'];

/** A week option as users write it: 2026-W47 or any date in that week. */
export function parseWeekOption(value: string): string {
  try {
    return parseWeek(value);
  } catch (error) {
    throw new InvalidArgumentError((error as Error).message);
  }
}

function parseSegment(value: string): Segment {
  if (!(SEGMENTS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SEGMENTS.join(', ')}`);
  }
  return value as Segment;
}

export function printRollup(context: CliContext, result: RollupResult): void {
  const { weeks } = result;
  const span =
    weeks.length === 0
      ? 'no weeks'
      : `${weekLabel(weeks[0] as string)} .. ${weekLabel(weeks.at(-1) as string)} (${weeks.length} weeks)`;
  context.print(
    `rolled up ${span} in ${(result.durationMs / 1000).toFixed(1)} s: ${result.skillRows} skill rows, ${result.categoryRows} category rows, ${result.movers} movers, ${result.pairs} related-skill pairs`,
  );
}

export function rollupCommand(context: CliContext): Command {
  return new Command('rollup')
    .description(
      'recompute the weekly trend tables (default: the weeks of postings processed or seen since the last rollup)',
    )
    .addOption(
      new Option('--week <week>', 'one week: 2026-W47, or any date in it')
        .argParser(parseWeekOption)
        .conflicts(['since', 'all']),
    )
    .addOption(
      new Option('--since <date>', 'every week from the one holding this date')
        .argParser(parseWeekOption)
        .conflicts('all'),
    )
    .option('--all', 'every week that has postings')
    .action(async (options: { week?: string; since?: string; all?: boolean }) => {
      const config = context.getConfig();
      const { db } = await context.openDatabase();
      const scope: RollupScope = options.week
        ? { kind: 'weeks', weeks: [options.week] }
        : options.since
          ? { kind: 'since', since: options.since }
          : options.all
            ? { kind: 'all' }
            : { kind: 'changed' };
      const weeks = await weeksOf(db, scope);
      const result = await rollupWeeks(db, weeks, rollupOptions(config, context.getLogger()));
      printRollup(context, result);
    });
}

function formatChange(change: number | null): string {
  if (change === null) return '-';
  return `${change >= 0 ? '+' : ''}${Math.round(change * 100)}%`;
}

/** The newest week of a series: its demand and day rate, each after its sparkline. */
function seriesSummary(series: readonly SkillSeriesWeek[]): string[] {
  const now = series.at(-1);
  const share = ((now?.share ?? 0) * 100).toFixed(1);
  const currency = series.find((w) => w.currency)?.currency ?? '';
  const demand =
    `${now?.postings ?? 0} postings (${share}% of all), rank ${now?.rank ?? '-'}, ` +
    `13-week change ${formatChange(now?.postings_change_13w ?? null)}`;
  const rate =
    `median ${now?.day_rate_median ?? '-'} ${currency} (p25 ${now?.day_rate_p25 ?? '-'}, ` +
    `p75 ${now?.day_rate_p75 ?? '-'}, ${now?.day_rate_count ?? 0} quoted)`;
  return [
    `demand    ${sparkline(series.map((w) => w.postings))}  ${demand}`,
    `day rate  ${sparkline(series.map((w) => w.day_rate_median))}  ${rate}`,
  ];
}

/** One week of a series as a row of the trends table. */
function seriesRow(w: SkillSeriesWeek): string {
  const rate =
    w.day_rate_median === null ? '-' : `${w.day_rate_median} (${w.day_rate_p25}-${w.day_rate_p75})`;
  const rankChange =
    w.rank_change_1w === null ? '-' : (w.rank_change_1w > 0 ? '+' : '') + String(w.rank_change_1w);
  return [
    weekLabel(w.week),
    String(w.postings).padStart(8),
    `${(w.share * 100).toFixed(1).padStart(5)}%`,
    String(w.rank ?? '-').padStart(4),
    rankChange.padStart(6),
    rate.padEnd(22),
    String(w.day_rate_count).padStart(6),
  ].join('  ');
}

export function trendsCommand(context: CliContext): Command {
  return new Command('trends')
    .description("a skill's demand and day rate over the last weeks, with sparklines")
    .argument('<skill>', 'skill id, name or alias (e.g. aws, "Amazon Web Services")')
    .addOption(
      new Option('--segment <segment>', SEGMENTS.join(' | '))
        .argParser(parseSegment)
        .default('all'),
    )
    .option('--weeks <n>', 'how many weeks back', parsePositiveInt, 26)
    .option('--week <week>', 'the last week shown (default: the last whole one)', parseWeekOption)
    .action(async (text: string, options: { segment: Segment; weeks: number; week?: string }) => {
      const { db } = await context.openDatabase();
      const skill = await findSkill(db, text);
      if (!skill) throw new UsageError(`no skill called "${text}" (see src/skills/taxonomy/)`);
      const latest = await defaultWeek(db);
      const last = options.week ?? latest ?? weekOf(new Date());
      const series = await skillSeries(db, skill.id, {
        segment: options.segment,
        last,
        weeks: options.weeks,
      });
      const first = weekLabel(series[0]?.week ?? last);
      const what = `${skill.name} (${skill.id}, ${skill.category}), ${options.segment} postings`;
      context.print(`${what}, ${first} .. ${weekLabel(last)}`);
      if (!latest) context.print('no trend figures yet: run `skillpulse rollup`');
      for (const line of seriesSummary(series)) context.print(line);
      context.print('');
      context.print('week      postings  share   rank  change  day rate (p25-p75)      quoted');
      for (const w of series) context.print(seriesRow(w));
    });
}

/** A CSV field: quoted when it must be; text that a spreadsheet would run as a formula is defused. */
function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number') return String(value);
  let text = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function write(out: Writable, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/**
 * Writes rows as CSV (a header of the first row's columns, then a line a row) or as a
 * JSON array; returns how many.
 */
async function writeRows(
  out: Writable,
  rows: AsyncIterable<Record<string, unknown>>,
  format: 'csv' | 'json',
): Promise<number> {
  let count = 0;
  let columns: string[] | undefined;
  if (format === 'json') await write(out, '[');
  for await (const row of rows) {
    if (format === 'csv') {
      if (!columns) {
        columns = Object.keys(row);
        await write(out, `${columns.join(',')}\n`);
      }
      await write(out, `${columns.map((c) => csvField(row[c])).join(',')}\n`);
    } else {
      await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    }
    count += 1;
  }
  if (format === 'json') await write(out, '\n]\n');
  return count;
}

interface ExportOptions {
  format: 'csv' | 'json';
  since?: string;
  out?: string;
}

async function exportView(context: CliContext, view: string, options: ExportOptions) {
  if (!isTrendView(view)) {
    const expected = Object.keys(TREND_VIEWS).join(', ');
    throw new UsageError(`no trend view "${view}": expected one of ${expected}`);
  }
  const { db } = await context.openDatabase();
  const out = (options.out ? createWriteStream(options.out) : context.io.stdout) as Writable;
  const rows = (db as unknown as Kysely<Record<string, Record<string, unknown>>>)
    .selectFrom(view)
    .selectAll()
    .$if(options.since !== undefined, (q) => q.where('week', '>=', options.since))
    // By the view's key: the same export twice is the same file.
    .$call((q) => TREND_VIEWS[view].key.reduce((sorted, column) => sorted.orderBy(column), q))
    .stream(1_000);
  const count = await writeRows(out, rows, options.format);
  if (options.out) {
    out.end();
    await once(out, 'finish');
    context.io.stderr.write(`wrote ${count} rows of ${view} to ${options.out}\n`);
  }
}

export function exportCommand(context: CliContext): Command {
  return new Command('export')
    .description(`write a trend view as CSV or JSON: ${Object.keys(TREND_VIEWS).join(', ')}`)
    .argument('<view>', 'the view to export')
    .addOption(
      new Option('--format <format>', 'csv | json').choices(['csv', 'json']).default('csv'),
    )
    .option('--since <date>', 'weeks from the one holding this date', parseWeekOption)
    .option('--out <file>', 'write to this file instead of standard output')
    .action((view: string, options: ExportOptions) => exportView(context, view, options));
}

import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database, Segment } from '../../db/schema.js';
import {
  rollupOptions,
  rollupWeeks,
  weeksOf,
  type RollupResult,
  type RollupScope,
} from '../../trends/rollup.js';
import { defaultWeek, findSkill, readBreakdowns, skillSeries } from '../../trends/read.js';
import { skillRateWeeks } from '../../trends/skill-rates.js';
import { isTrendView, TREND_VIEWS } from '../../trends/views.js';
import { weekLabel, weekOf } from '../../trends/weeks.js';
import { categoryName } from '../../skills/categories.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { breakdownLines, footnotes, summaryLines, weekTable } from './trends-lines.js';

/** The work of the rollup, trends and export commands (see rollup.ts). */

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

/** A week not yet begun has no postings: rolling it up would store an empty week. */
function rejectFutureWeeks(
  options: { week?: string | undefined; since?: string | undefined },
  now = new Date(),
): void {
  const thisWeek = weekOf(now);
  for (const [flag, week] of [
    ['--week', options.week],
    ['--since', options.since],
  ] as const) {
    if (week !== undefined && week > thisWeek) {
      throw new UsageError(
        `${flag} ${weekLabel(week)} is in the future (this week is ${weekLabel(thisWeek)}): nothing to roll up yet`,
      );
    }
  }
}

export async function rollupAction(
  context: CliContext,
  options: { week?: string | undefined; since?: string | undefined; all?: boolean | undefined },
): Promise<void> {
  rejectFutureWeeks(options);
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
}

export async function trendsAction(
  context: CliContext,
  text: string,
  options: { segment: Segment; weeks: number; week?: string | undefined },
): Promise<void> {
  const { db } = await context.openDatabase();
  const skill = await findSkill(db, text);
  if (!skill) throw new UsageError(`no skill called "${text}" (see src/skills/taxonomy/)`);
  const latest = await defaultWeek(db);
  const last = options.week ?? latest ?? weekOf(new Date());
  const span = { segment: options.segment, last, weeks: options.weeks };
  const series = await skillSeries(db, skill.id, span);
  const rates = await skillRateWeeks(db, skill.id, span);
  const weeks = series.map((demand) => ({ demand, rates: rates.get(demand.week) }));
  const first = weekLabel(series[0]?.week ?? last);
  const category = categoryName(skill.category);
  const what = `${skill.name} (${skill.id}, ${category}), ${options.segment} postings`;
  context.print(`${what}, ${first} .. ${weekLabel(last)}`);
  if (!latest) context.print('no trend figures yet: run `skillpulse rollup`');
  for (const line of summaryLines(weeks)) context.print(line);
  // Breakdowns are of all postings: shown for the segment that counts them all.
  if (options.segment === 'all') {
    const breakdowns = await readBreakdowns(db, last, { scope: 'skill', id: skill.id });
    for (const line of breakdownLines(breakdowns, last)) context.print(line);
  }
  context.print('');
  for (const line of weekTable(weeks)) context.print(line);
  context.print('');
  for (const line of footnotes(weeks, last)) context.print(line);
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
 * Writes rows as CSV (a header of `columns`, even without rows, then a line a row) or as
 * a JSON array; returns how many.
 */
async function writeRows(
  out: Writable,
  rows: AsyncIterable<Record<string, unknown>>,
  format: 'csv' | 'json',
  columns: readonly string[],
): Promise<number> {
  let count = 0;
  await write(out, format === 'csv' ? `${columns.join(',')}\n` : '[');
  for await (const row of rows) {
    if (format === 'csv') {
      await write(out, `${columns.map((c) => csvField(row[c])).join(',')}\n`);
    } else {
      await write(out, `${count === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    }
    count += 1;
  }
  if (format === 'json') await write(out, '\n]\n');
  return count;
}

/** A view's columns in its order, for the CSV header of an export with no rows too. */
async function viewColumns(db: Kysely<Database>, view: string): Promise<string[]> {
  const catalog = db as unknown as Kysely<{
    'information_schema.columns': {
      table_schema: string;
      table_name: string;
      column_name: string;
      ordinal_position: number;
    };
  }>;
  const rows = await catalog
    .selectFrom('information_schema.columns')
    .select('column_name')
    .where('table_schema', '=', sql<string>`current_schema()`)
    .where('table_name', '=', view)
    .orderBy('ordinal_position')
    .execute();
  return rows.map((r) => r.column_name);
}

interface ExportOptions {
  format: 'csv' | 'json';
  since?: string | undefined;
  out?: string | undefined;
}

export async function exportView(context: CliContext, view: string, options: ExportOptions) {
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
  const count = await writeRows(out, rows, options.format, await viewColumns(db, view));
  if (options.out) {
    out.end();
    await once(out, 'finish');
    context.io.stderr.write(`wrote ${count} rows of ${view} to ${options.out}\n`);
  }
}

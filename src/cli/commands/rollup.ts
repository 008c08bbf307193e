import { Command, InvalidArgumentError, Option } from 'commander';
import type { Segment } from '../../db/schema.js';
import { TREND_VIEWS } from '../../trends/views.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt, readWeekOption } from '../options.js';

/*
 * The rollup, trends and export commands as the CLI's help needs them: their work, and
 * the query builder and trend tables it loads, are in trend-actions.ts, imported only
 * when one of them runs.
 */

const SEGMENTS: readonly Segment[] = ['all', 'contract', 'freelance', 'permanent'];

function parseSegment(value: string): Segment {
  if (!(SEGMENTS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${SEGMENTS.join(', ')}`);
  }
  return value as Segment;
}

export function rollupCommand(context: CliContext): Command {
  return new Command('rollup')
    .description(
      'recompute the weekly trend tables (default: the weeks of postings processed or seen since the last rollup)',
    )
    .addOption(
      new Option('--week <week>', 'one week: 2026-W47, or any date in it').conflicts([
        'since',
        'all',
      ]),
    )
    .addOption(
      new Option('--since <date>', 'every week from the one holding this date').conflicts('all'),
    )
    .option('--all', 'every week that has postings')
    .action(async (raw: { week?: string; since?: string; all?: boolean }) => {
      const options = {
        ...raw,
        week: await readWeekOption(raw.week),
        since: await readWeekOption(raw.since, '--since'),
      };
      const { rollupAction } = await import('./trend-actions.js');
      await rollupAction(context, options);
    });
}

/** The most weeks `trends` reads: ten years of weekly rows. */
export const MAX_TREND_WEEKS = 520;

function parseTrendWeeks(value: string): number {
  const weeks = parsePositiveInt(value);
  if (weeks > MAX_TREND_WEEKS) {
    throw new InvalidArgumentError(`expected at most ${MAX_TREND_WEEKS} weeks (ten years)`);
  }
  return weeks;
}

export function trendsCommand(context: CliContext): Command {
  return new Command('trends')
    .description(
      "a skill's demand, rank, day and hourly rates and salaries over the last weeks, with sparklines",
    )
    .argument('<skill>', 'skill id, name or alias (e.g. aws, "Amazon Web Services")')
    .addOption(
      new Option('--segment <segment>', SEGMENTS.join(' | '))
        .argParser(parseSegment)
        .default('all'),
    )
    .option(
      '--weeks <n>',
      `how many weeks back, at most ${MAX_TREND_WEEKS}; weeks without postings are left out`,
      parseTrendWeeks,
      26,
    )
    .option('--week <week>', 'the last week shown (default: the last whole one)')
    .action(async (text: string, raw: { segment: Segment; weeks: number; week?: string }) => {
      const options = { ...raw, week: await readWeekOption(raw.week) };
      const { trendsAction } = await import('./trend-actions.js');
      await trendsAction(context, text, options);
    });
}

export function exportCommand(context: CliContext): Command {
  return new Command('export')
    .description(`write a trend view as CSV or JSON: ${Object.keys(TREND_VIEWS).join(', ')}`)
    .argument('<view>', 'the view to export')
    .addOption(
      new Option('--format <format>', 'csv | json').choices(['csv', 'json']).default('csv'),
    )
    .option('--since <date>', 'weeks from the one holding this date')
    .option('--out <file>', 'write to this file instead of standard output')
    .action(async (view: string, raw: { format: 'csv' | 'json'; since?: string; out?: string }) => {
      const options = { ...raw, since: await readWeekOption(raw.since, '--since') };
      const { exportView } = await import('./trend-actions.js');
      await exportView(context, view, options);
    });
}

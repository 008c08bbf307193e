import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { REPORT_FORMATS, type BuiltFormat } from '../../report/formats.js';
import { GAP_FORMATS, type GapFormat } from '../../report/gap-render.js';
import type { CliContext } from '../context.js';
import { nothingToReport } from '../empty-database.js';
import { UsageError } from '../errors.js';
import { readWeekOption } from '../options.js';

function parseFormats(value: string): BuiltFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `expected a comma-separated list of ${REPORT_FORMATS.join(', ')}`,
    );
  }
  return [...new Set(formats)] as BuiltFormat[];
}

export function reportCommand(context: CliContext): Command {
  return new Command('report')
    .description(
      'the weekly skill-demand report of a rolled-up week (default: the last complete one), stored in the reports table and written to files or stdout',
    )
    .option('--week <week>', 'the week: 2026-W47, or any date in it')
    .option(
      '--format <list>',
      `formats to print or write, of ${REPORT_FORMATS.join(',')} (default: md on stdout, all with --out; more than one needs --out); all are stored`,
      parseFormats,
    )
    .option('--out <dir>', 'write skillpulse-report-<week>.<format> files here instead of stdout')
    .action(async (options: { week?: string; format?: BuiltFormat[]; out?: string }) => {
      if (!options.out && options.format && options.format.length > 1) {
        throw new UsageError(
          `--format ${options.format.join(',')} prints ${options.format.length} reports: give --out <dir> to write each to its file, or one format for stdout`,
        );
      }
      const week = await readWeekOption(options.week);
      const { db } = await context.openDatabase();
      const [{ buildWeeklyReport }, { storeWeeklyReport }, { rolledUpWeek }] = await Promise.all([
        import('../../report/weekly.js'),
        import('../../report/store.js'),
        import('../../trends/read.js'),
      ]);
      const reportWeek = await rolledUpWeek(db, week).catch(async (error: unknown) => {
        throw week === undefined ? await nothingToReport(db, error) : error;
      });
      const report = await buildWeeklyReport(db, reportWeek, context.getConfig().trends);
      const texts = await storeWeeklyReport(db, report);
      const wanted = options.format ?? (options.out ? [...REPORT_FORMATS] : ['md' as const]);
      for (const format of REPORT_FORMATS.filter((f) => wanted.includes(f))) {
        const content = texts[format];
        if (options.out) {
          await mkdir(options.out, { recursive: true });
          const file = path.join(options.out, `skillpulse-report-${report.label}.${format}`);
          await writeFile(file, content);
          context.print(`wrote ${file}`);
        } else {
          context.io.stdout.write(content);
        }
      }
    });
}

function parseGapFormat(value: string): GapFormat {
  if (!(GAP_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${GAP_FORMATS.join(', ')}`);
  }
  return value as GapFormat;
}

export function gapCommand(context: CliContext): Command {
  return new Command('gap')
    .description(
      'your skill gap: demand and rate of the skills you have, the adjacent skills that combine with them (lift), grow and pay more, and the skill bundles postings ask for that you are closest to',
    )
    .requiredOption(
      '--skills <list>',
      'the skills you have, comma-separated: "aws, terraform, python"',
    )
    .option(
      '--category <category>',
      'only adjacent skills of this category (cloud, data, cybersecurity…)',
    )
    .option(
      '--week <week>',
      'the week: 2026-W47, or any date in it (default: the last complete one)',
    )
    .option('--format <format>', `output: ${GAP_FORMATS.join(', ')}`, parseGapFormat, 'text')
    .action(
      async (options: { skills: string; category?: string; week?: string; format: GapFormat }) => {
        const week = await readWeekOption(options.week);
        const { db } = await context.openDatabase();
        const [{ buildGapReport, parseSkillList }, { renderGap }] = await Promise.all([
          import('../../report/gap.js'),
          import('../../report/gap-render.js'),
        ]);
        const report = await buildGapReport(db, {
          skills: parseSkillList(options.skills),
          category: options.category,
          week,
        }).catch(async (error: unknown) => {
          throw week === undefined ? await nothingToReport(db, error) : error;
        });
        context.io.stdout.write(renderGap(report, options.format));
      },
    );
}

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import type { ReportFormat } from '../../db/schema.js';
import { renderMarkdown } from '../../report/markdown.js';
import { storeReport } from '../../report/store.js';
import { buildWeeklyReport, latestWeek, ReportError } from '../../report/weekly.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { parseWeekOption } from './rollup.js';

/** The formats built so far: Markdown for e-mail and chat, JSON for machines. */
const FORMATS = ['md', 'json'] as const satisfies readonly ReportFormat[];
type BuiltFormat = (typeof FORMATS)[number];

function parseFormats(value: string): BuiltFormat[] {
  const formats = value.split(',').map((f) => f.trim()).filter(Boolean); // prettier-ignore
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${FORMATS.join(', ')}`);
  }
  return [...new Set(formats)] as BuiltFormat[];
}

export function reportCommand(context: CliContext): Command {
  return new Command('report')
    .description(
      'the weekly skill-demand report of a rolled-up week (default: the newest), stored in the reports table and written to files or stdout',
    )
    .option('--week <week>', 'the week: 2026-W47, or any date in it', parseWeekOption)
    .option('--format <list>', `formats: ${FORMATS.join(',')}`, parseFormats, [...FORMATS])
    .option('--out <dir>', 'write skillpulse-report-<week>.<format> files here instead of stdout')
    .action(async (options: { week?: string; format: BuiltFormat[]; out?: string }) => {
      const { db } = await context.openDatabase();
      const week = options.week ?? (await latestWeek(db));
      if (!week) throw new UsageError('no week has been rolled up yet: run `skillpulse rollup`');
      let report;
      try {
        report = await buildWeeklyReport(db, week);
      } catch (error) {
        if (error instanceof ReportError) throw new UsageError(error.message);
        throw error;
      }
      for (const format of options.format) {
        const content = format === 'md' ? renderMarkdown(report) : `${JSON.stringify(report, null, 2)}\n`; // prettier-ignore
        await storeReport(db, week, format, content);
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

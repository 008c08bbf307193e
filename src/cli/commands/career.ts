import { writeFile } from 'node:fs/promises';
import { Command, InvalidArgumentError } from 'commander';
import { CAREER_FORMATS, type CareerFormat } from '../../career/render.js';
import type { CliContext } from '../context.js';
import { nothingToReport } from '../empty-database.js';
import { readWeekOption } from '../options.js';

function parseCareerFormat(value: string): CareerFormat {
  if (!(CAREER_FORMATS as readonly string[]).includes(value)) {
    throw new InvalidArgumentError(`expected one of ${CAREER_FORMATS.join(', ')}`);
  }
  return value as CareerFormat;
}

function parseYears(value: string): number {
  const years = Number(value);
  if (!Number.isFinite(years) || years < 0 || years > 60) {
    throw new InvalidArgumentError('expected a number of years from 0 to 60');
  }
  return years;
}

/** A comma-separated list as typed: "aws, terraform,python". */
const list = (text: string | undefined) => [
  ...new Set(
    (text ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  ),
];

interface CareerOptions {
  skills: string;
  certs?: string;
  years?: number;
  target?: string;
  category?: string;
  week?: string;
  format: CareerFormat;
  out?: string;
}

export function careerCommand(context: CliContext): Command {
  return new Command('career')
    .description(
      'your career plan: the better-paid roles nearest to your skills (fit, uplift, growth) and the path to each, a dream job with --target, the currency of your skills and a 13-week demand forecast',
    )
    .requiredOption(
      '--skills <list>',
      'the skills you have, comma-separated: "aws, terraform, python"',
    )
    .option('--certs <list>', 'the certifications you hold, comma-separated: "aws-saa, cissp"')
    .option('--years <n>', 'your years of experience, compared with what roles ask', parseYears)
    .option(
      '--target <role>',
      'a dream job: its whole profile, your distance to it and the roles on the way',
    )
    .option('--category <category>', 'only roles of this category (cloud, data, cybersecurity…)')
    .option(
      '--week <week>',
      'the week: 2026-W47, or any date in it (default: the last complete one)',
    )
    .option('--format <format>', `output: ${CAREER_FORMATS.join(', ')}`, parseCareerFormat, 'text')
    .option('--out <file>', 'write the plan to this file instead of stdout')
    .action(async (options: CareerOptions) => {
      const week = await readWeekOption(options.week);
      const { db } = await context.openDatabase();
      const [
        { rolledUpWeek },
        { readCareerMarket, withRelatedSkills },
        { resolveRequest },
        { buildCareerPlan },
        { renderCareer },
      ] = await Promise.all([
        import('../../trends/read.js'),
        import('../../career/read.js'),
        import('../../career/resolve.js'),
        import('../../career/plan.js'),
        import('../../career/render.js'),
      ]);
      const planWeek = await rolledUpWeek(db, week).catch(async (error: unknown) => {
        throw week === undefined ? await nothingToReport(db, error) : error;
      });
      const market = await readCareerMarket(db, planWeek);
      // The title normalizer reads a target no role's id, name or alias matches as a job
      // title; its module is loaded only when a target is given.
      const titles = options.target ? await import('../../roles/titles.js') : null;
      const { user, target, category } = resolveRequest(
        market,
        {
          skills: list(options.skills),
          certs: list(options.certs),
          years: options.years ?? null,
          target: options.target,
          category: options.category,
        },
        titles ? (title) => titles.normalizeTitle(title).role : undefined,
      );
      const withRelated = await withRelatedSkills(db, market, user.skills);
      const text = renderCareer(
        buildCareerPlan(withRelated, user, { target, category }),
        options.format,
      );
      if (options.out) {
        await writeFile(options.out, text);
        context.print(`wrote ${options.out}`);
      } else {
        context.io.stdout.write(text);
      }
    });
}

import { Command, Option } from 'commander';
import type { Segment } from '../../db/schema.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { parsePositiveInt, readWeekOption } from '../options.js';

interface RolesOptions {
  week?: string;
  category?: string;
  segment: Segment;
  format: 'text' | 'json';
  unknown?: boolean;
  weeks: number;
  limit: number;
}

/** Postings without a role read at most for `roles --unknown`, the newest first. */
const UNKNOWN_POSTINGS_READ = 50_000;

export function rolesCommand(context: CliContext): Command {
  return new Command('roles')
    .description(
      "the week's roles (src/roles/taxonomy/) by demand, with median day rate, 13-week growth and the median years of experience asked; with --unknown, the biggest groups of titles no role matched: candidates for new roles or aliases",
    )
    .option(
      '--week <week>',
      'the week: 2026-W47, or any date in it (default: the last complete one)',
    )
    .option('--category <category>', 'only the roles of this category (cloud, data, ...)')
    .addOption(
      new Option('--segment <segment>', 'contract, freelance, permanent or all')
        .choices(['all', 'contract', 'freelance', 'permanent'])
        .default('all'),
    )
    .option('--unknown', 'list groups of titles no role matched instead')
    .addOption(
      new Option('--weeks <n>', 'with --unknown: weeks of postings to the week')
        .argParser(parsePositiveInt)
        .default(4),
    )
    .addOption(
      new Option('--limit <n>', 'roles or groups to list').argParser(parsePositiveInt).default(30),
    )
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'),
    )
    .action(async (raw: RolesOptions) => {
      const options = { ...raw, week: await readWeekOption(raw.week) };
      if (options.unknown) await unknownRoles(context, options);
      else await rankedRolesOfWeek(context, options);
    });
}

async function rankedRolesOfWeek(context: CliContext, options: RolesOptions): Promise<void> {
  const { db } = await context.openDatabase();
  const [{ rolledUpWeek }, { rankedRoles }, { weekLabel }] = await Promise.all([
    import('../../trends/read.js'),
    import('../../trends/roles-read.js'),
    import('../../trends/weeks.js'),
  ]);
  const week = await rolledUpWeek(db, options.week);
  const roles = await rankedRoles(db, week, {
    segment: options.segment,
    ...(options.category === undefined ? {} : { category: options.category }),
  });
  if (roles.length === 0 && options.category !== undefined) {
    const known = await db
      .selectFrom('roles')
      .select('category')
      .distinct()
      .orderBy('category')
      .execute();
    const categories = known.map((r) => r.category);
    if (!categories.includes(options.category)) {
      throw new UsageError(
        `no role category "${options.category}": one of ${categories.join(', ') || '(none synced yet: run `skillpulse process`)'}`,
      );
    }
  }
  const listed = roles.slice(0, options.limit);
  if (options.format === 'json') {
    context.print(JSON.stringify({ week, segment: options.segment, roles: listed }));
    return;
  }
  context.print(
    `${weekLabel(week)} (${week}), ${options.segment}: ${roles.length} roles with postings${roles.length > listed.length ? `, the first ${listed.length}` : ''}`,
  );
  if (listed.length === 0) return;
  context.print(
    'rank  role                                postings   share  13w growth  day rate (n)     years',
  );
  for (const r of listed) {
    const rate =
      r.day_rate_median === null ? '–' : `${Math.round(r.day_rate_median)} (${r.day_rate_count})`;
    context.print(
      [
        String(r.rank).padStart(4),
        ` ${r.name.slice(0, 35).padEnd(35)}`,
        String(r.postings).padStart(8),
        `${(r.share * 100).toFixed(1)}%`.padStart(7),
        (r.growth_13w === null ? '–' : signedPercent(r.growth_13w)).padStart(11),
        rate.padStart(15),
        (r.experience_years_median === null ? '–' : String(r.experience_years_median)).padStart(9),
      ].join(' '),
    );
  }
  context.print('– : no postings 13 weeks before, no day rate, or no years stated');
}

async function unknownRoles(context: CliContext, options: RolesOptions): Promise<void> {
  const { db } = await context.openDatabase();
  const [
    { rolledUpWeek },
    { postingsWithoutRole },
    { addWeeks, weekLabel },
    { groupUnknownTitles },
  ] = await Promise.all([
    import('../../trends/read.js'),
    import('../../trends/roles-read.js'),
    import('../../trends/weeks.js'),
    import('../../roles/unknown.js'),
  ]);
  const week = await rolledUpWeek(db, options.week);
  const from = addWeeks(week, -(options.weeks - 1));
  const postings = await postingsWithoutRole(db, { from, to: week }, UNKNOWN_POSTINGS_READ);
  const result = groupUnknownTitles(postings, { limit: options.limit });
  if (options.format === 'json') {
    context.print(JSON.stringify({ from, to: week, ...result }));
    return;
  }
  context.print(
    `${result.postings} postings without a role open in ${weekLabel(from)} .. ${weekLabel(week)}: ${result.unknown} with titles of no known trade`,
  );
  if (result.groups.length === 0) {
    context.print('no group of 2 or more postings');
    return;
  }
  context.print('postings  title words                     examples; skills asked');
  for (const group of result.groups) {
    const skills = group.skills.map((s) => `${s.skill} ${Math.round(s.share * 100)}%`);
    context.print(
      `${String(group.postings).padStart(8)}  ${group.words.slice(0, 30).padEnd(30)}  ${group.titles.map((t) => JSON.stringify(t)).join(', ')}${skills.length > 0 ? `; ${skills.join(', ')}` : ''}`,
    );
  }
}

function signedPercent(value: number): string {
  return `${value >= 0 ? '+' : ''}${Math.round(value * 100)}%`;
}

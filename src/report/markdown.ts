import {
  MIN_POSTINGS,
  MIN_RATES,
  QUARTER_WEEKS,
  YEAR_WEEKS,
  type BreakdownLine,
  type DemandLine,
  type MarketFigures,
  type MoverLine,
  type RateRange,
  type ReportSection,
  type RoleLine,
  type RolesSection,
  type SourceRuns,
  type WeeklyReport,
  rolesWindowWords,
} from './weekly-model.js';
import { weekLabel } from '../trends/weeks.js';
import {
  counted,
  countryName,
  money,
  percent,
  signed,
  signedCount,
  workModeName,
} from './markup.js';

/**
 * Text as Markdown shows it, never as Markdown does, escaping only what could start
 * markup inside a line (data never starts one): emphasis, code, links, HTML, table
 * cells, strikethrough, entities and a heading's closing #s. "Node.js", "C#" and
 * "software-engineering" stay as they are. Line breaks become spaces so nothing escapes
 * its table cell or line.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\r\n\t]+/g, ' ')
      .slice(0, 500)
      .replace(/[\\`*[\]<|~]/g, (c) => `\\${c}`)
      // _ starts emphasis only at a word's edge; # closes a heading only after a space.
      .replace(/(^|[^\p{L}\p{N}])_|_(?=[^\p{L}\p{N}]|$)/gu, (m) => m.replace('_', '\\_'))
      .replace(/(^|\s)#/g, '$1\\#')
      .replace(/&(?=#?\w+;)/g, '\\&')
  );
}

/** A rate series' median with its spread (p25–p75) and 13-week change, † on few rates. */
function rate(range: RateRange | null): string {
  if (!range) return '–';
  const text = `${money(range.median)} (${money(range.p25)}–${money(range.p75)}) ${signed(range.change13w)}`;
  return range.smallSample ? `${text} †` : text;
}

/** A series' median alone, with how many figures it reads. */
function brief(range: RateRange | null): string {
  if (!range) return '–';
  return `${money(range.median)}${range.smallSample ? ' †' : ''} (${range.count})`;
}

const outer = (range: RateRange | null) =>
  range ? `${money(range.p10)}–${money(range.p90)}` : '–';

/**
 * What "–" and "†" mean in the report's tables and sentences, with how much history the
 * week has: the footnote under each table.
 */
export function legend(report: WeeklyReport): string {
  const weeks = report.methodology.weeksOfHistory;
  return (
    `– : no figure. The 13-week columns need ${QUARTER_WEEKS} weeks of history and ` +
    `"rank, 1 year" needs ${YEAR_WEEKS} (${weeks} week${weeks === 1 ? '' : 's'} rolled up to this one); ` +
    `a rate needs one quoted. † : fewer than ${MIN_POSTINGS} postings or ${MIN_RATES} rates.`
  );
}

/** The headers of the skills table, after "#" and "skill". */
export function demandHeaders(currency: string): string[] {
  return [
    'postings',
    'share',
    '1 week',
    '13 weeks',
    'rank, 1 year',
    `median day rate, ${currency} (p25–p75) 13 weeks`,
    'p10–p90',
    'rates',
    'hourly rate (rates)',
    'annual salary (salaries)',
  ];
}

function demandTable(
  lines: readonly DemandLine[],
  report: WeeklyReport,
  noun: 'skill' | 'role' = 'skill',
): string[] {
  if (lines.length === 0) return ['No postings this week.'];
  const headers = ['#', noun, ...demandHeaders(escapeMarkdown(report.currency))];
  const row = (l: DemandLine) => [
    String(l.rank),
    escapeMarkdown(l.name),
    `${l.postings}${l.smallSample ? ' †' : ''}`,
    percent(l.share),
    signed(l.change1w),
    signed(l.change13w),
    signedCount(l.rankChange52w),
    rate(l.dayRate),
    outer(l.dayRate),
    String(l.dayRate?.count ?? 0),
    brief(l.hourlyRate),
    brief(l.annualSalary),
  ];
  const align = headers.map((_, i) => (i === 1 || i === 7 ? ':--' : '--:'));
  return [
    `| ${headers.join(' | ')} |`,
    `|${align.join('|')}|`,
    ...lines.map((l) => `| ${row(l).join(' | ')} |`),
    '',
    legend(report),
  ];
}

function movers(label: string, lines: readonly MoverLine[]): string[] {
  if (lines.length === 0) return [];
  const items = lines.map(
    (m) =>
      `${escapeMarkdown(m.name)} (${m.postingsBefore} → ${m.postingsNow} postings, ${percent(m.shareBefore)} → ${percent(m.shareNow)}, p ${m.pValue < 0.001 ? 'under 0.001' : `= ${m.pValue.toFixed(3)}`})`,
  );
  return [`**${label}:** ${items.join('; ')}`, ''];
}

/**
 * The rates of a line or of the market as sentences: day rate with its spread, hourly
 * rate and annual salary when any is quoted; `currency` as the format shows it.
 */
export function rateSentences(
  figures: Pick<DemandLine, 'dayRate' | 'hourlyRate' | 'annualSalary'>,
  currency: string,
): string {
  const day = figures.dayRate;
  const sentences = [
    `Median day rate in ${currency} ${rate(day)} from ${counted(day?.count ?? 0, 'rate', 'rates')}` +
      (day ? `, p10–p90 ${outer(day)}.` : '.'),
  ];
  const hourly = figures.hourlyRate;
  if (hourly)
    sentences.push(
      `Median hourly rate ${rate(hourly)} from ${counted(hourly.count, 'rate', 'rates')}.`,
    );
  const salary = figures.annualSalary;
  if (salary) {
    sentences.push(
      `Median annual salary ${rate(salary)}, p10–p90 ${outer(salary)}, from ${counted(salary.count, 'salary', 'salaries')}.`,
    );
  }
  return sentences.join(' ');
}

function section(s: ReportSection, report: WeeklyReport): string[] {
  const lines = [`## ${escapeMarkdown(s.name)}`, ''];
  if (s.demand) {
    lines.push(
      `${s.demand.postings} postings (${percent(s.demand.share)} of all), ${signed(s.demand.change1w)} on last week, ${signed(s.demand.change13w)} on 13 weeks ago. ${rateSentences(s.demand, escapeMarkdown(report.currency))}`,
      '',
    );
  }
  lines.push(...demandTable(s.topSkills, report), '');
  lines.push(...movers('Rising', s.risers), ...movers('Falling', s.fallers));
  for (const r of s.related) {
    const items = r.related.map(
      (x) => `${escapeMarkdown(x.name)} (lift ${x.lift.toFixed(1)}, ${percent(x.share)})`,
    );
    lines.push(`**With ${escapeMarkdown(r.name)}:** ${items.join(', ')}`, '');
  }
  return lines;
}

/** A role's name with its median years of experience asked, when its postings state any. */
export function roleWithYears(role: RoleLine, name: string): string {
  return role.experienceYears === null ? name : `${name} (${role.experienceYears} years)`;
}

/** The week's roles: the most-demanded as a table, the best-paid, risers and fallers. */
function rolesSection(roles: RolesSection, report: WeeklyReport): string[] {
  const paid = roles.topByRate.map(
    (r) =>
      `${escapeMarkdown(r.name)} ${money(r.dayRate.median)} (${money(r.dayRate.p25)}–${money(r.dayRate.p75)}, ${counted(r.dayRate.count, 'rate', 'rates')})`,
  );
  const years = roles.topByDemand
    .filter((r) => r.experienceYears !== null)
    .map((r) => roleWithYears(r, escapeMarkdown(r.name)));
  return [
    '## Roles',
    '',
    ...demandTable(roles.topByDemand, report, 'role'),
    '',
    `**Best paid** ${rolesWindowWords(roles)} (median day rate in ${escapeMarkdown(report.currency)}, p25–p75, roles with at least ${MIN_RATES} rates): ${paid.join('; ') || `no role has enough rates ${rolesWindowWords(roles)}`}.`,
    '',
    ...movers('Rising', roles.risers),
    ...movers('Falling', roles.fallers),
    ...(years.length > 0
      ? [`**Experience asked** ${rolesWindowWords(roles)} (median years): ${years.join(', ')}.`, '']
      : []),
  ];
}

/** The names of the breakdowns' dimensions, as their tables head them. */
export const BREAKDOWN_TITLES = { country: 'country', workMode: 'work mode' } as const;

/**
 * A breakdown's rows as cells: country or work mode in words ("not stated" where the
 * posting names none), postings, share, median day rate, rates.
 */
export function breakdownCells(
  line: BreakdownLine,
  dimension: keyof typeof BREAKDOWN_TITLES,
): string[] {
  return [
    dimension === 'country' ? countryName(line.value) : workModeName(line.value),
    String(line.postings),
    percent(line.share),
    line.dayRateMedian === null ? '–' : money(line.dayRateMedian),
    String(line.dayRateCount),
  ];
}

function breakdownTables(market: MarketFigures, currency: string): string[] {
  const tables = (Object.keys(BREAKDOWN_TITLES) as (keyof typeof BREAKDOWN_TITLES)[]).flatMap(
    (dimension) => {
      const lines = market.breakdowns[dimension];
      if (lines.length === 0) return [];
      const header = [
        BREAKDOWN_TITLES[dimension],
        'postings',
        'share',
        `median day rate, ${currency}`,
        'rates',
      ];
      return [
        `| ${header.join(' | ')} |`,
        '|:--|--:|--:|--:|--:|',
        ...lines.map((l) => `| ${breakdownCells(l, dimension).map(escapeMarkdown).join(' | ')} |`),
        '',
      ];
    },
  );
  return tables.length === 0 ? [] : ['## Where and how', '', ...tables];
}

/**
 * The report's method section as sentences, in every format: `escape` makes each
 * value from the data safe for the format (sentences themselves are ours).
 */
export function methodNotes(report: WeeklyReport, escape: (text: string) => string): string[] {
  const m = report.methodology;
  const currency = escape(report.currency);
  const sourceNote = (s: SourceRuns) => {
    const status = s.status === 'ok' ? '' : `, ${s.status}`;
    return `${escape(s.sourceId)} ${s.listings} listings (${s.newListings} new${status})`;
  };
  const degraded = m.sources
    .filter((s) => m.degraded.includes(s.sourceId))
    .map((s) => `${escape(s.sourceId)}${s.message ? ` (${escape(s.message.slice(0, 300))})` : ''}`);
  return [
    `Demand counts distinct postings open in the week (posted or seen by a crawl), duplicates and reposts once (${m.duplicates} duplicates first seen this week were folded into their originals).`,
    `Changes compare postings with 1 and 13 weeks before; "rank, 1 year" is the rank 52 weeks before minus the rank now (+: climbed). Rates are in ${currency}: day rates, hourly rates and annual salaries (mostly permanent roles) are separate series, none converted into another; median, p25–p75 and p10–p90, with the median's change over 13 weeks. † marks a figure on fewer than ${MIN_POSTINGS} postings or ${MIN_RATES} rates.`,
    `Rising and falling: a skill's share of the new postings in the ${m.moverWindowWeeks} weeks to this one against its share in the ${m.moverWindowWeeks} weeks before, two-proportion z-test, p ≤ ${m.moverMaxPValue}. A skill is only called rising or falling when each of the two periods holds at least ${m.moverMinWindowPostings} new postings in all, and when at least ${m.moverMinSupport} postings ask for it in the period its share is the higher in (the later one for a riser, the earlier one for a faller): a skill going from 1 posting to 54 is never falling.`,
    `Related skills: lift over the 13 weeks to ${m.relatedWeek === null ? '(none computed for this week: not yet, or older than the weeks kept)' : weekLabel(m.relatedWeek)}; share = postings with both / postings with the first.`,
    `Sources this week: ${m.sources.map(sourceNote).join('; ') || 'no crawls'}.`,
    ...(m.degraded.length > 0 ? [`Degraded or failed sources: ${degraded.join(', ')}.`] : []),
  ];
}

/** The weekly report as Markdown, for e-mail, chat and the terminal: tables, no HTML. */
export function renderMarkdown(report: WeeklyReport): string {
  const m = report.market;
  const currency = escapeMarkdown(report.currency);
  const lines = [
    `# IT contract market, week ${report.label}`,
    '',
    `${m.postings} postings open (${m.newPostings} new), ${signed(m.change1w)} on last week, ${signed(m.change13w)} on 13 weeks ago. ${rateSentences(m, currency)}`,
    '',
    ...section(report.overall, report),
    ...breakdownTables(m, currency),
    ...(report.roles ? rolesSection(report.roles, report) : []),
    ...report.categories.flatMap((s) => section(s, report)),
    '## Method',
    '',
    ...methodNotes(report, escapeMarkdown).map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

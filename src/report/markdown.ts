import {
  MIN_POSTINGS,
  MIN_RATES,
  type DemandLine,
  type MoverLine,
  type RateRange,
  type ReportSection,
  type SourceRuns,
  type WeeklyReport,
} from './weekly-model.js';
import { money, percent, signed } from './markup.js';

/**
 * Text as Markdown shows it, never as Markdown does: every character that could start
 * markup (emphasis, links, HTML, headings, table cells) is escaped, and line breaks
 * become spaces so nothing escapes its table cell or line.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[\\`*_{}[\]()#+\-.!|<>~&"']/g, (c) => `\\${c}`)
    .slice(0, 500);
}

function rate(range: RateRange | null): string {
  if (!range) return '–';
  const text = `${money(range.median)} (${money(range.p25)}–${money(range.p75)}) ${signed(range.change13w)}`;
  return range.smallSample ? `${text} †` : text;
}

function demandTable(lines: readonly DemandLine[], currency: string): string[] {
  if (lines.length === 0) return ['No postings this week.'];
  return [
    `| # | skill | postings | share | 1 week | 13 weeks | median day rate, ${escapeMarkdown(currency)} (p25–p75) 13 weeks | rates |`,
    '|--:|:--|--:|--:|--:|--:|:--|--:|',
    ...lines.map(
      (l) =>
        `| ${l.rank} | ${escapeMarkdown(l.name)} | ${l.postings}${l.smallSample ? ' †' : ''} | ${percent(l.share)} | ${signed(l.change1w)} | ${signed(l.change13w)} | ${rate(l.dayRate)} | ${l.dayRate?.count ?? 0} |`,
    ),
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

function section(title: string, s: ReportSection, currency: string): string[] {
  const lines = [`## ${escapeMarkdown(title)}`, ''];
  if (s.demand) {
    lines.push(
      `${s.demand.postings} postings (${percent(s.demand.share)} of all), ${signed(s.demand.change1w)} on last week, ${signed(s.demand.change13w)} on 13 weeks ago. Median day rate ${rate(s.demand.dayRate)} from ${s.demand.dayRate?.count ?? 0} rates.`,
      '',
    );
  }
  lines.push(...demandTable(s.topSkills, currency), '');
  lines.push(...movers('Rising', s.risers), ...movers('Falling', s.fallers));
  for (const r of s.related) {
    const items = r.related.map(
      (x) => `${escapeMarkdown(x.name)} (lift ${x.lift.toFixed(1)}, ${percent(x.share)})`,
    );
    lines.push(`**With ${escapeMarkdown(r.name)}:** ${items.join(', ')}`, '');
  }
  return lines;
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
    `Changes compare postings with 1 and 13 weeks before; rates are normalized day rates in ${currency}, median and p25–p75, with their change over 13 weeks. † marks a figure on fewer than ${MIN_POSTINGS} postings or ${MIN_RATES} rates.`,
    `Rising and falling: new postings in the ${m.moverWindowWeeks} weeks to this one against the ${m.moverWindowWeeks} before, two-proportion z-test, p ≤ 0.05, at least 20 postings.`,
    `Related skills: lift over the 13 weeks to ${m.relatedWeek ?? '(none computed for this week: not yet, or older than the weeks kept)'}; share = postings with both / postings with the first.`,
    `Sources this week: ${m.sources.map(sourceNote).join('; ') || 'no crawls'}.`,
    ...(m.degraded.length > 0 ? [`Degraded or failed sources: ${degraded.join(', ')}.`] : []),
  ];
}

/** The weekly report as Markdown, for e-mail and chat: tables, no HTML. */
export function renderMarkdown(report: WeeklyReport): string {
  const m = report.market;
  const currency = report.currency;
  const lines = [
    `# IT contract market, week ${report.label}`,
    '',
    `${m.postings} postings open (${m.newPostings} new), ${signed(m.change1w)} on last week, ${signed(m.change13w)} on 13 weeks ago. Median day rate ${rate(m.dayRate)} ${escapeMarkdown(currency)} from ${m.dayRate?.count ?? 0} rates.`,
    '',
    ...section('All skills', report.overall, currency),
    ...report.categories.flatMap((s) => section(s.category ?? '', s, currency)),
    '## Method',
    '',
    ...methodNotes(report, escapeMarkdown).map((note) => `- ${note}`),
    '',
  ];
  return lines.join('\n');
}

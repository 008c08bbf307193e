import { categoryName } from '../skills/categories.js';
import { dayLabel } from './dates.js';
import type { AdjacentSkill, GapReport, GapSkillFigures, SkillBundle } from './gap.js';
import type { SkillLink } from './html.js';
import {
  enclosed,
  html,
  htmlDocument,
  money,
  onLines,
  percent,
  signed,
  type Markup,
} from './markup.js';
import { MIN_POSTINGS, MIN_RATES } from './weekly-model.js';

/** The skill-gap report's formats: text for the terminal, HTML, JSON for machines. */
export const GAP_FORMATS = ['text', 'html', 'json'] as const;
export type GapFormat = (typeof GAP_FORMATS)[number];

const rate = (value: number | null) => (value === null ? '–' : money(value));
/** † after a figure on fewer postings or rates than a figure needs to be trusted. */
const dagger = (small: boolean) => (small ? ' †' : '');
const postingsCell = (postings: number) => `${postings}${dagger(postings < MIN_POSTINGS)}`;
const rateCell = (median: number | null, count: number) =>
  `${rate(median)}${dagger(median !== null && count < MIN_RATES)}`;

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;
/** The longest skill name shown whole: one hostile name cannot push a table apart. */
const NAME_LENGTH = 40;

/** A skill's name for a table: on one line, cut (with …) past NAME_LENGTH. */
function shortName(name: string): string {
  const clean = name.replace(CONTROL, ' ');
  return clean.length > NAME_LENGTH ? `${clean.slice(0, NAME_LENGTH - 1)}…` : clean;
}

/** The names of the skills a bundle lacks, as its own skill list gives them. */
const missingNames = (bundle: SkillBundle) =>
  bundle.skills.filter((s) => bundle.missing.includes(s.id)).map((s) => shortName(s.name));

/** Terminal columns, the first left-aligned, the others right-aligned. */
function columns(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

function ownRows(skills: readonly GapSkillFigures[]): string[][] {
  return [
    ['skill', 'postings', '13 weeks', 'median day rate', 'rates'],
    ...skills.map((s) => [
      shortName(s.name),
      postingsCell(s.postings),
      signed(s.growth13w),
      rateCell(s.dayRateMedian, s.dayRateCount),
      String(s.dayRateCount),
    ]),
  ];
}

function adjacentRows(adjacent: readonly AdjacentSkill[]): string[][] {
  return [
    ['adjacent skill', 'lift', 'with', 'postings', '13 weeks', 'day rate', 'premium', 'score'],
    ...adjacent.map((a) => [
      shortName(a.name),
      a.lift.toFixed(1),
      shortName(a.pairedWith),
      postingsCell(a.postings),
      signed(a.growth13w),
      rateCell(a.dayRateMedian, a.dayRateCount),
      signed(a.ratePremium),
      a.score.toFixed(2),
    ]),
  ];
}

function bundleRows(bundles: readonly SkillBundle[]): string[][] {
  return [
    ['bundle', 'missing', 'postings', 'median day rate'],
    ...bundles.map((b) => [
      b.skills.map((s) => shortName(s.name)).join(' + '),
      missingNames(b).join(', '),
      postingsCell(b.postings),
      rateCell(b.dayRateMedian, b.dayRateCount),
    ]),
  ];
}

function scope(report: GapReport): string {
  const where = report.category ? ` in ${categoryName(report.category)}` : '';
  return `Week ${report.label}${where}; rates are day rates in ${report.currency ?? 'the report currency'}.`;
}

const NO_BASELINE = 'No day rates quoted for your skills: premiums cannot be computed.';

/** What the contractor's rates are compared with, as a sentence. */
function baselineText(report: GapReport): string {
  return report.baselineDayRate === null
    ? NO_BASELINE
    : `Your baseline: median day rate ${money(report.baselineDayRate)}.`;
}

/** What "–" and "†" mean in the gap report's tables. */
const LEGEND =
  `– : no figure (no postings 13 weeks before, no day rate quoted, or too few rates for a ` +
  `premium). † : fewer than ${MIN_POSTINGS} postings or ${MIN_RATES} day rates.`;

/** Which postings the lifts and bundles were read from, and how the score is made. */
function windowText(window: NonNullable<GapReport['window']>): string {
  return (
    `Lifts and bundles over ${window.postings} postings asking for your skills, ` +
    `${dayLabel(window.from)} to the week of ${dayLabel(window.to)}. ` +
    'Score = log2(lift) + 13-week growth + rate premium (both clamped to ±100%).'
  );
}

const NO_ADJACENT =
  'No adjacent skills: no related skills computed for this week (not yet: `skillpulse rollup` ' +
  'with related skills; or older than the weeks kept, RELATED_SKILLS_RETENTION_WEEKS), or ' +
  'none pass the minimum support.';
const NO_ADJACENT_HTML =
  'No adjacent skills: no related skills computed for this week (not yet, or older than the ' +
  'weeks kept), or none pass the minimum support.';

/** The gap report for a terminal. */
export function renderGapText(report: GapReport): string {
  const lines = [`Skill gap — ${scope(report)}`, '', ...columns(ownRows(report.skills)), ''];
  lines.push(baselineText(report), '');
  if (report.adjacent.length === 0) lines.push(NO_ADJACENT, '');
  else lines.push(...columns(adjacentRows(report.adjacent)), '');
  if (report.bundles.length > 0) lines.push(...columns(bundleRows(report.bundles)), '');
  if (report.window) lines.push(windowText(report.window));
  lines.push(LEGEND);
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly (readonly (string | Markup)[])[], className: string): Markup {
  const [head, ...body] = rows;
  const headRow = enclosed(
    'tr',
    head!.map((h) => html`<th>${h}</th>`),
  );
  const bodyRows = body.map((row) =>
    enclosed(
      'tr',
      row.map((cell) => html`<td>${cell}</td>`),
    ),
  );
  return enclosed('table', [enclosed('thead', [headRow]), enclosed('tbody', bodyRows)], className);
}

/** A skill's name, linked to its page when there is one. */
type NamedSkill = (id: string, name: string) => Markup;

function bundleItem(bundle: SkillBundle, report: GapReport, named: NamedSkill): Markup {
  const names = bundle.skills.map((s, i) => {
    const name = named(s.id, s.name);
    const shown = bundle.missing.includes(s.id)
      ? html`<strong class="missing">${name}</strong>`
      : name;
    return html`${i > 0 ? ' + ' : ''}${shown}`;
  });
  const share = report.window ? percent(bundle.postings / Math.max(report.window.postings, 1)) : '';
  const about =
    `— ${postingsCell(bundle.postings)} postings (${share}), median day rate ${rate(bundle.dayRateMedian)}; ` +
    `missing: ${missingNames(bundle).join(', ')}`;
  return html`<li>${names} <span class="muted">${about}</span></li>`;
}

function bundleList(report: GapReport, named: NamedSkill): Markup {
  if (report.bundles.length === 0) return html`<p>No bundle is asked for often enough yet.</p>`;
  const items = report.bundles.map((b) => bundleItem(b, report, named));
  return enclosed('ol', items, 'bundles');
}

/** The gap report's content, for the report file and the dashboard's gap page. */
export function gapBody(report: GapReport, link: SkillLink = () => null): Markup {
  const named: NamedSkill = (id, name) => {
    const href = link(id);
    return href ? html`<a href="${href}">${name}</a>` : html`${name}`;
  };
  const own = ownRows(report.skills).map((row, i) =>
    i === 0 ? row : [named(report.skills[i - 1]!.id, row[0]!), ...row.slice(1)],
  );
  const adjacent = adjacentRows(report.adjacent).map((row, i) =>
    i === 0 ? row : [named(report.adjacent[i - 1]!.id, row[0]!), ...row.slice(1)],
  );
  const content = onLines([
    html`<h2>Your skills</h2>`,
    html`<p class="muted">${scope(report)}</p>`,
    table(own, 'named own-skills'),
    html`<p>${baselineText(report)}</p>`,
    html`<h2>Adjacent skills</h2>`,
    report.adjacent.length === 0
      ? html`<p>${NO_ADJACENT_HTML}</p>`
      : table(adjacent, 'named adjacent-skills'),
    html`<h2>Nearest skill bundles</h2>`,
    bundleList(report, named),
    report.window ? html`<p class="muted">${windowText(report.window)}</p>` : '',
    html`<p class="muted legend">${LEGEND}</p>`,
  ]);
  return html`<section class="gap-report">${content}</section>`;
}

export function renderGap(report: GapReport, format: GapFormat): string {
  switch (format) {
    case 'text':
      return renderGapText(report);
    case 'html': {
      const body = [html`<h1>Skill gap</h1>`, gapBody(report)];
      return htmlDocument(`skillpulse: skill gap, week ${report.label}`, html`${body}`);
    }
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

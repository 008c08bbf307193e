import type { AdjacentSkill, GapReport, GapSkillFigures, SkillBundle } from './gap.js';
import type { SkillLink } from './html.js';
import { html, htmlDocument, money, percent, signed, type Markup } from './markup.js';

/** The skill-gap report's formats: text for the terminal, HTML, JSON for machines. */
export const GAP_FORMATS = ['text', 'html', 'json'] as const;
export type GapFormat = (typeof GAP_FORMATS)[number];

const rate = (value: number | null) => (value === null ? '–' : money(value));
/** The names of the skills a bundle lacks, as its own skill list gives them. */
const missingNames = (bundle: SkillBundle) =>
  bundle.skills.filter((s) => bundle.missing.includes(s.id)).map((s) => s.name);

/** Terminal columns; names are cut so one hostile name cannot push the table apart. */
function columns(rows: readonly (readonly string[])[]): string[] {
  // eslint-disable-next-line no-control-regex -- control characters are what is removed
  const clean = rows.map((row) => row.map((cell) => cell.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 40))); // prettier-ignore
  const widths = clean[0]!.map((_, i) => Math.max(...clean.map((row) => row[i]!.length)));
  return clean.map((row) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd()); // prettier-ignore
}

function ownRows(skills: readonly GapSkillFigures[]): string[][] {
  return [['skill', 'postings', '13 weeks', 'median day rate', 'rates'], ...skills.map((s) => [s.name, String(s.postings), signed(s.growth13w), rate(s.dayRateMedian), String(s.dayRateCount)])]; // prettier-ignore
}

function adjacentRows(adjacent: readonly AdjacentSkill[]): string[][] {
  return [['adjacent skill', 'lift', 'with', 'postings', '13 weeks', 'day rate', 'premium', 'score'], ...adjacent.map((a) => [a.name, a.lift.toFixed(1), a.pairedWith, String(a.postings), signed(a.growth13w), rate(a.dayRateMedian), signed(a.ratePremium), a.score.toFixed(2)])]; // prettier-ignore
}

function bundleRows(bundles: readonly SkillBundle[]): string[][] {
  return [['bundle', 'missing', 'postings', 'median day rate'], ...bundles.map((b) => [b.skills.map((s) => s.name).join(' + '), missingNames(b).join(', '), String(b.postings), rate(b.dayRateMedian)])]; // prettier-ignore
}

function scope(report: GapReport): string {
  const where = report.category ? ` in ${report.category}` : '';
  return `Week ${report.label}${where}; rates are day rates in ${report.currency ?? 'the report currency'}.`;
}

/** The gap report for a terminal. */
export function renderGapText(report: GapReport): string {
  const lines = [`Skill gap — ${scope(report)}`, '', ...columns(ownRows(report.skills)), ''];
  lines.push(report.baselineDayRate === null ? 'No day rates quoted for your skills: premiums cannot be computed.' : `Your baseline: median day rate ${money(report.baselineDayRate)}.`, ''); // prettier-ignore
  if (report.adjacent.length === 0)
    lines.push('No adjacent skills: no related skills computed for this week (not yet: `skillpulse rollup` with related skills; or older than the weeks kept, RELATED_SKILLS_RETENTION_WEEKS), or none pass the minimum support.', ''); // prettier-ignore
  else lines.push(...columns(adjacentRows(report.adjacent)), '');
  if (report.bundles.length > 0) lines.push(...columns(bundleRows(report.bundles)), '');
  if (report.window) lines.push(`Lifts and bundles over ${report.window.postings} postings asking for your skills, ${report.window.from} to the week of ${report.window.to}. Score = log2(lift) + 13-week growth + rate premium (both clamped to ±100%).`); // prettier-ignore
  return `${lines.join('\n')}\n`;
}

function table(rows: readonly (readonly (string | Markup)[])[], className: string): Markup {
  const [head, ...body] = rows;
  return html`<table class="${className}"><thead><tr>${head!.map((h) => html`<th>${h}</th>`)}</tr></thead><tbody>${body.map((row) => html`<tr>${row.map((cell) => html`<td>${cell}</td>`)}</tr>`)}</tbody></table>`; // prettier-ignore
}

/** The gap report's content, for the report file and the dashboard's gap page. */
export function gapBody(report: GapReport, link: SkillLink = () => null): Markup {
  const named = (id: string, name: string) => {
    const href = link(id);
    return href ? html`<a href="${href}">${name}</a>` : html`${name}`;
  };
  const own = ownRows(report.skills).map((row, i) => (i === 0 ? row : [named(report.skills[i - 1]!.id, row[0]!), ...row.slice(1)])); // prettier-ignore
  const adjacent = adjacentRows(report.adjacent).map((row, i) => (i === 0 ? row : [named(report.adjacent[i - 1]!.id, row[0]!), ...row.slice(1)])); // prettier-ignore
  return html`<section class="gap-report">
<h2>Your skills</h2>
<p class="muted">${scope(report)}</p>
${table(own, 'named own-skills')}
<p>${report.baselineDayRate === null ? 'No day rates quoted for your skills: premiums cannot be computed.' : `Your baseline: median day rate ${money(report.baselineDayRate)}.`}</p>
<h2>Adjacent skills</h2>
${report.adjacent.length === 0 ? html`<p>No adjacent skills: no related skills computed for this week (not yet, or older than the weeks kept), or none pass the minimum support.</p>` : table(adjacent, 'named adjacent-skills')}
<h2>Nearest skill bundles</h2>
${report.bundles.length === 0 ? html`<p>No bundle is asked for often enough yet.</p>` : html`<ol class="bundles">${report.bundles.map((b) => html`<li>${b.skills.map((s, i) => html`${i > 0 ? ' + ' : ''}${b.missing.includes(s.id) ? html`<strong class="missing">${named(s.id, s.name)}</strong>` : named(s.id, s.name)}`)} <span class="muted">— ${b.postings} postings (${report.window ? percent(b.postings / Math.max(report.window.postings, 1)) : ''}), median day rate ${rate(b.dayRateMedian)}; missing: ${missingNames(b).join(', ')}</span></li>`)}</ol>`}
${report.window ? html`<p class="muted">Lifts and bundles over ${report.window.postings} postings asking for your skills, ${report.window.from} to the week of ${report.window.to}. Score = log2(lift) + 13-week growth + rate premium (both clamped to ±100%).</p>` : ''}
</section>`; // prettier-ignore
}

export function renderGap(report: GapReport, format: GapFormat): string {
  switch (format) {
    case 'text':
      return renderGapText(report);
    case 'html':
      return htmlDocument(`skillpulse: skill gap, week ${report.label}`, html`<h1>Skill gap</h1>${gapBody(report)}`); // prettier-ignore
    case 'json':
      return `${JSON.stringify(report, null, 2)}\n`;
  }
}

import { lineChart, rangeChart } from './charts.js';
import { methodNotes } from './markdown.js';
import {
  enclosed,
  html,
  htmlDocument,
  markupString,
  money,
  onLines,
  percent,
  raw,
  signed,
  type Markup,
} from './markup.js';
import type {
  DemandLine,
  MoverLine,
  RateRange,
  ReportSection,
  WeeklyReport,
} from './weekly-model.js';

/** Text escaped for HTML, as a plain string. */
export const escapeHtml = (text: string) => markupString(html`${text}`);

const SMALL = html`<span class="small-sample" title="small sample">†</span>`;

function changeCell(change: number | null): Markup {
  const tone = change === null || change === 0 ? '' : change > 0 ? 'up' : 'down';
  return html`<td class="${tone}">${signed(change)}</td>`;
}

function rateText(range: RateRange | null): Markup {
  if (!range) return html`–`;
  const spread = html`<span class="muted">(${money(range.p25)}–${money(range.p75)})</span>`;
  const small = range.smallSample ? SMALL : '';
  return html`${money(range.median)} ${spread} ${signed(range.change13w)}${small}`;
}

/** "…, +10% on last week, −5% on 13 weeks ago": a figure's changes. */
function changesText(change1w: number | null, change13w: number | null): string {
  return `${signed(change1w)} on last week, ${signed(change13w)} on 13 weeks ago`;
}

/** A link to a skill's page on the dashboard, when the report is shown there. */
export type SkillLink = (id: string) => string | null;

function skillName(id: string, name: string, link: SkillLink): Markup {
  const href = link(id);
  return href ? html`<a href="${href}">${name}</a>` : html`${name}`;
}

const cell = (content: Markup | string | number) => html`<td>${content}</td>`;

function demandRow(l: DemandLine, link: SkillLink): Markup {
  const cells = [
    cell(l.rank),
    cell(skillName(l.id, l.name, link)),
    cell(html`${l.postings}${l.smallSample ? SMALL : ''}`),
    cell(percent(l.share)),
    changeCell(l.change1w),
    changeCell(l.change13w),
    html`<td class="text">${rateText(l.dayRate)}</td>`,
    cell(l.dayRate?.count ?? 0),
  ];
  return enclosed('tr', cells);
}

function demandTable(lines: readonly DemandLine[], currency: string, link: SkillLink): Markup {
  if (lines.length === 0) return html`<p>No postings this week.</p>`;
  return html`<table class="demand">
    <thead>
      <tr>
        <th>#</th>
        <th>skill</th>
        <th>postings</th>
        <th>share</th>
        <th>1 week</th>
        <th>13 weeks</th>
        <th class="text">median day rate, ${currency} (p25–p75), 13 weeks</th>
        <th>rates</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map((l) => demandRow(l, link))}
    </tbody>
  </table>`;
}

function moverItem(m: MoverLine, first: boolean, link: SkillLink): Markup {
  const p = m.pValue < 0.001 ? 'under 0.001' : `= ${m.pValue.toFixed(3)}`;
  const postings = `${m.postingsBefore} → ${m.postingsNow} postings`;
  const shares = `${percent(m.shareBefore)} → ${percent(m.shareNow)}`;
  const name = skillName(m.id, m.name, link);
  return html`${first ? '' : '; '}${name} (${postings}, ${shares}, p ${p})`;
}

function moverList(label: string, lines: readonly MoverLine[], link: SkillLink): Markup {
  if (lines.length === 0) return html``;
  return html`<p>
    <strong>${label}:</strong> ${lines.map((m, i) => moverItem(m, i === 0, link))}
  </p>`;
}

/** A week's label for a chart axis: the Monday as "Nov 16". */
function axisLabel(week: string): string {
  const date = new Date(`${week}T00:00:00Z`);
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** A chart as a figure with its caption; `points` is how many points it draws. */
function chartFigure(kind: string, points: number, svg: string, caption: Markup | string): Markup {
  const content = [raw(svg), html`<figcaption>${caption}</figcaption>`];
  return html`<figure class="chart ${kind}" data-points="${points}">${content}</figure>`;
}

function sectionCharts(id: string, s: ReportSection, report: WeeklyReport): Markup {
  const charts: Markup[] = [];
  const weeks = report.historyWeeks.length;
  if (s.history.length > 0) {
    const svg = lineChart(
      `${id}-demand`,
      report.historyWeeks.map(axisLabel),
      s.history.map((h) => ({ name: h.name, data: h.postings })),
    );
    const caption = `Postings open each week, ${weeks} weeks to ${report.label}: top ${s.history.length} skills.`;
    charts.push(chartFigure('demand-chart', weeks, svg, caption));
  }
  const rates = `Day rates in ${report.currency}: median and p25–p75 of the skills above with quoted rates.`;
  charts.push(rateFigure(`${id}-rates`, s.topSkills, report.currency, rates));
  return html`${charts}`;
}

/**
 * The day-rate ranges (p25–p75, median) of the lines that have rates, as a figure with
 * its caption; nothing when none has.
 */
export function rateFigure(
  chartId: string,
  lines: readonly DemandLine[],
  currency: string,
  caption: string,
): Markup {
  const rated = lines.filter((l) => l.dayRate !== null);
  if (rated.length === 0) return html``;
  const ranges = rated.map((l) => ({
    name: l.name,
    p25: l.dayRate!.p25,
    median: l.dayRate!.median,
    p75: l.dayRate!.p75,
  }));
  const svg = rangeChart(chartId, ranges, { unit: currency });
  return chartFigure('rate-chart', rated.length, svg, caption);
}

/** A category's (or the market's) demand as a sentence. */
function demandParagraph(d: DemandLine): Markup {
  const small = d.smallSample ? SMALL : '';
  const demand = html`${d.postings}${small} postings (${percent(d.share)} of all)`;
  const rate = html`Median day rate ${rateText(d.dayRate)} from ${d.dayRate?.count ?? 0} rates.`;
  return html`<p>${demand}, ${changesText(d.change1w, d.change13w)}. ${rate}</p>`;
}

function relatedParagraph(r: ReportSection['related'][number], link: SkillLink): Markup {
  const items = r.related.map((x, i) => {
    const name = skillName(x.id, x.name, link);
    return html`${i > 0 ? ', ' : ''}${name} (lift ${x.lift.toFixed(1)}, ${percent(x.share)})`;
  });
  return html`<p><strong>With ${skillName(r.id, r.name, link)}:</strong> ${items}</p>`;
}

function section(
  id: string,
  title: string,
  s: ReportSection,
  report: WeeklyReport,
  link: SkillLink,
): Markup {
  const content = onLines([
    html`<h2>${title}</h2>`,
    s.demand ? demandParagraph(s.demand) : '',
    sectionCharts(id, s, report),
    demandTable(s.topSkills, report.currency, link),
    moverList('Rising', s.risers, link),
    moverList('Falling', s.fallers, link),
    html`${s.related.map((r) => relatedParagraph(r, link))}`,
  ]);
  return html`<section id="${id}">${content}</section>`;
}

/** The market's demand and day rate as a paragraph. */
function marketParagraph(report: WeeklyReport): Markup {
  const m = report.market;
  const demand = `${m.postings} postings open (${m.newPostings} new)`;
  const rate = html`Median day rate ${rateText(m.dayRate)} ${report.currency}`;
  const rates = `from ${m.dayRate?.count ?? 0} rates`;
  return html`<p>${demand}, ${changesText(m.change1w, m.change13w)}. ${rate} ${rates}.</p>`;
}

/** The links to the report's sections. */
function sectionLinks(report: WeeklyReport): Markup {
  const categories = report.categories.map(
    (c) => html` · <a href="#category-${c.category}">${c.category}</a>`,
  );
  const links = html`<a href="#all">all skills</a>${categories} · <a href="#method">method</a>`;
  return html`<nav><p class="muted">Sections: ${links}</p></nav>`;
}

function methodSection(report: WeeklyReport): Markup {
  const notes = methodNotes(report, escapeHtml).map((note) => html`<li>${raw(note)}</li>`);
  const list = enclosed('ul', notes);
  const content = onLines([html`<h2>Method</h2>`, list]);
  return html`<section id="method">${content}</section>`;
}

/** The report's content, without a document around it: the dashboard shows it in its own pages. */
export function reportBody(report: WeeklyReport, link: SkillLink = () => null): Markup {
  const categories = report.categories.map((c) => {
    const category = c.category ?? '';
    return section(`category-${category}`, category, c, report, link);
  });
  const content = onLines([
    html`<h1>IT contract market, week ${report.label}</h1>`,
    marketParagraph(report),
    sectionLinks(report),
    section('all', 'All skills', report.overall, report, link),
    html`${categories}`,
    methodSection(report),
  ]);
  return html`<article class="weekly-report">${content}</article>`;
}

/** The weekly report as one self-contained HTML file: charts as inline SVG, no script, printable. */
export function renderHtml(report: WeeklyReport): string {
  return htmlDocument(`skillpulse: IT contract market, week ${report.label}`, reportBody(report));
}

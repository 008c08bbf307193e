import { lineChart, rangeChart } from './charts.js';
import { methodNotes } from './markdown.js';
import {
  html,
  htmlDocument,
  markupString,
  money,
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
  return html`${money(range.median)} <span class="muted">(${money(range.p25)}–${money(range.p75)})</span> ${signed(range.change13w)}${range.smallSample ? SMALL : ''}`; // prettier-ignore
}

/** A link to a skill's page on the dashboard, when the report is shown there. */
export type SkillLink = (id: string) => string | null;

function skillName(id: string, name: string, link: SkillLink): Markup {
  const href = link(id);
  return href ? html`<a href="${href}">${name}</a>` : html`${name}`;
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
      ${lines.map(
        (l) => html`<tr><td>${l.rank}</td><td>${skillName(l.id, l.name, link)}</td><td>${l.postings}${l.smallSample ? SMALL : ''}</td><td>${percent(l.share)}</td>${changeCell(l.change1w)}${changeCell(l.change13w)}<td class="text">${rateText(l.dayRate)}</td><td>${l.dayRate?.count ?? 0}</td></tr>`, // prettier-ignore
      )}
    </tbody>
  </table>`;
}

function moverList(label: string, lines: readonly MoverLine[], link: SkillLink): Markup {
  if (lines.length === 0) return html``;
  return html`<p>
    <strong>${label}:</strong> ${lines.map(
      (m, i) => html`${i > 0 ? '; ' : ''}${skillName(m.id, m.name, link)} (${m.postingsBefore} → ${m.postingsNow} postings, ${percent(m.shareBefore)} → ${percent(m.shareNow)}, p ${m.pValue < 0.001 ? 'under 0.001' : `= ${m.pValue.toFixed(3)}`})`, // prettier-ignore
    )}
  </p>`;
}

/** A week's label for a chart axis: the Monday as "Nov 16". */
function axisLabel(week: string): string {
  const date = new Date(`${week}T00:00:00Z`);
  return date.toLocaleDateString('en', { month: 'short', day: 'numeric', timeZone: 'UTC' });
}

function sectionCharts(id: string, s: ReportSection, report: WeeklyReport): Markup {
  const charts: Markup[] = [];
  if (s.history.length > 0) {
    const svg = lineChart(`${id}-demand`, report.historyWeeks.map(axisLabel), s.history.map((h) => ({ name: h.name, data: h.postings }))); // prettier-ignore
    charts.push(html`<figure class="chart demand-chart" data-points="${report.historyWeeks.length}">${raw(svg)}<figcaption>Postings open each week, ${report.historyWeeks.length} weeks to ${report.label}: top ${s.history.length} skills.</figcaption></figure>`); // prettier-ignore
  }
  charts.push(rateFigure(`${id}-rates`, s.topSkills, report.currency, `Day rates in ${report.currency}: median and p25–p75 of the skills above with quoted rates.`)); // prettier-ignore
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
  // prettier-ignore
  const rated = lines.filter((l) => l.dayRate !== null);
  if (rated.length === 0) return html``;
  const svg = rangeChart(chartId, rated.map((l) => ({ name: l.name, p25: l.dayRate!.p25, median: l.dayRate!.median, p75: l.dayRate!.p75 })), { unit: currency }); // prettier-ignore
  return html`<figure class="chart rate-chart" data-points="${rated.length}">${raw(svg)}<figcaption>${caption}</figcaption></figure>`; // prettier-ignore
}

function section(
  id: string,
  title: string,
  s: ReportSection,
  report: WeeklyReport,
  link: SkillLink,
): Markup {
  const d = s.demand;
  return html`<section id="${id}">
<h2>${title}</h2>
${d ? html`<p>${d.postings}${d.smallSample ? SMALL : ''} postings (${percent(d.share)} of all), ${signed(d.change1w)} on last week, ${signed(d.change13w)} on 13 weeks ago. Median day rate ${rateText(d.dayRate)} from ${d.dayRate?.count ?? 0} rates.</p>` : ''}
${sectionCharts(id, s, report)}
${demandTable(s.topSkills, report.currency, link)}
${moverList('Rising', s.risers, link)}
${moverList('Falling', s.fallers, link)}
${s.related.map((r) => html`<p><strong>With ${skillName(r.id, r.name, link)}:</strong> ${r.related.map((x, i) => html`${i > 0 ? ', ' : ''}${skillName(x.id, x.name, link)} (lift ${x.lift.toFixed(1)}, ${percent(x.share)})`)}</p>`)}
</section>`; // prettier-ignore
}

/** The report's content, without a document around it: the dashboard shows it in its own pages. */
export function reportBody(report: WeeklyReport, link: SkillLink = () => null): Markup {
  const m = report.market;
  return html`<article class="weekly-report">
<h1>IT contract market, week ${report.label}</h1>
<p>${m.postings} postings open (${m.newPostings} new), ${signed(m.change1w)} on last week, ${signed(m.change13w)} on 13 weeks ago. Median day rate ${rateText(m.dayRate)} ${report.currency} from ${m.dayRate?.count ?? 0} rates.</p>
<nav><p class="muted">Sections: <a href="#all">all skills</a>${report.categories.map((c) => html` · <a href="#category-${c.category}">${c.category}</a>`)} · <a href="#method">method</a></p></nav>
${section('all', 'All skills', report.overall, report, link)}
${report.categories.map((c) => section(`category-${c.category ?? ''}`, c.category ?? '', c, report, link))}
<section id="method">
<h2>Method</h2>
<ul>${methodNotes(report, escapeHtml).map((note) => html`<li>${raw(note)}</li>`)}</ul>
</section>
</article>`; // prettier-ignore
}

/** The weekly report as one self-contained HTML file: charts as inline SVG, no script, printable. */
export function renderHtml(report: WeeklyReport): string {
  return htmlDocument(`skillpulse: IT contract market, week ${report.label}`, reportBody(report));
}

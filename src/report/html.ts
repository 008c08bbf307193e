import { lineChart, rangeChart, responsiveChart } from './charts.js';
import { weekAxisLabels } from './dates.js';
import {
  BREAKDOWN_TITLES,
  breakdownCells,
  demandHeaders,
  legend,
  methodNotes,
  roleWithYears,
} from './markdown.js';
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
  signedCount,
  counted,
  type Markup,
} from './markup.js';
import {
  MIN_RATES,
  rolesWindowWords,
  type DemandLine,
  type MarketFigures,
  type MoverLine,
  type RateRange,
  type ReportSection,
  type RolesSection,
  type WeeklyReport,
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

/** A series' median alone, with how many figures it reads. */
function briefText(range: RateRange | null): Markup {
  if (!range) return html`–`;
  const small = range.smallSample ? SMALL : '';
  return html`${money(range.median)}${small} <span class="muted">(${range.count})</span>`;
}

const outerText = (range: RateRange | null) =>
  range ? `${money(range.p10)}–${money(range.p90)}` : '–';

/** The day rate, hourly rate and annual salary of a line or of the market, as sentences. */
function rateSentences(
  figures: Pick<DemandLine, 'dayRate' | 'hourlyRate' | 'annualSalary'>,
  currency: string,
): Markup {
  const day = figures.dayRate;
  const outer = day ? `, p10–p90 ${outerText(day)}` : '';
  const parts = [
    html`Median day rate in ${currency} ${rateText(day)} from
    ${counted(day?.count ?? 0, 'rate', 'rates')}${outer}.`,
  ];
  const hourly = figures.hourlyRate;
  if (hourly) {
    parts.push(
      html` Median hourly rate ${rateText(hourly)} from ${counted(hourly.count, 'rate', 'rates')}.`,
    );
  }
  const salary = figures.annualSalary;
  if (salary) {
    const about = `p10–p90 ${outerText(salary)}, from ${counted(salary.count, 'salary', 'salaries')}`;
    parts.push(html` Median annual salary ${rateText(salary)}, ${about}.`);
  }
  return html`${parts}`;
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
    cell(signedCount(l.rankChange52w)),
    html`<td class="text">${rateText(l.dayRate)}</td>`,
    cell(outerText(l.dayRate)),
    cell(l.dayRate?.count ?? 0),
    cell(briefText(l.hourlyRate)),
    cell(briefText(l.annualSalary)),
  ];
  return enclosed('tr', cells);
}

function demandTable(
  lines: readonly DemandLine[],
  report: WeeklyReport,
  link: SkillLink,
  noun: 'skill' | 'role' = 'skill',
): Markup {
  if (lines.length === 0) return html`<p>No postings this week.</p>`;
  const headers = ['#', noun, ...demandHeaders(report.currency)].map((h, i) =>
    i === 7 ? html`<th class="text">${h}</th>` : html`<th>${h}</th>`,
  );
  const head = enclosed('thead', [enclosed('tr', headers)]);
  const body = enclosed(
    'tbody',
    lines.map((l) => demandRow(l, link)),
  );
  const table = enclosed('table', [head, body], 'demand');
  // Twelve columns fit the content width (STYLES: small type, tight padding, figures on
  // one line); on a narrower page the table scrolls, not the page.
  const scroll = html`<div class="table-scroll">${table}</div>`;
  return html`${scroll}
    <p class="muted legend">${legend(report)}</p>`;
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

/** A chart as a figure with its caption; `points` is how many points it draws. */
function chartFigure(kind: string, points: number, svg: string, caption: Markup | string): Markup {
  const content = [raw(svg), html`<figcaption>${caption}</figcaption>`];
  return html`<figure class="chart ${kind}" data-points="${points}">${content}</figure>`;
}

function sectionCharts(id: string, s: ReportSection, report: WeeklyReport): Markup {
  const charts: Markup[] = [];
  const weeks = report.historyWeeks.length;
  if (s.history.length > 0) {
    const svg = responsiveChart(`${id}-demand`, (chartId, width) =>
      lineChart(
        chartId,
        weekAxisLabels(report.historyWeeks),
        s.history.map((h) => ({ name: h.name, data: h.postings })),
        { width },
      ),
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
  const svg = responsiveChart(chartId, (id, width) =>
    rangeChart(id, ranges, { unit: currency, width }),
  );
  return chartFigure('rate-chart', rated.length, svg, caption);
}

/** A category's (or the market's) demand as a sentence. */
function demandParagraph(d: DemandLine, currency: string): Markup {
  const small = d.smallSample ? SMALL : '';
  const demand = html`${d.postings}${small} postings (${percent(d.share)} of all)`;
  const rates = rateSentences(d, currency);
  return html`<p>${demand}, ${changesText(d.change1w, d.change13w)}. ${rates}</p>`;
}

function relatedParagraph(r: ReportSection['related'][number], link: SkillLink): Markup {
  const items = r.related.map((x, i) => {
    const name = skillName(x.id, x.name, link);
    return html`${i > 0 ? ', ' : ''}${name} (lift ${x.lift.toFixed(1)}, ${percent(x.share)})`;
  });
  return html`<p><strong>With ${skillName(r.id, r.name, link)}:</strong> ${items}</p>`;
}

function section(id: string, s: ReportSection, report: WeeklyReport, link: SkillLink): Markup {
  const content = onLines([
    html`<h2>${s.name}</h2>`,
    s.demand ? demandParagraph(s.demand, report.currency) : '',
    sectionCharts(id, s, report),
    demandTable(s.topSkills, report, link),
    moverList('Rising', s.risers, link),
    moverList('Falling', s.fallers, link),
    html`${s.related.map((r) => relatedParagraph(r, link))}`,
  ]);
  return html`<section id="${id}">${content}</section>`;
}

/** The week's roles: the most-demanded as a table, the best-paid, risers and fallers. */
function rolesSection(roles: RolesSection, report: WeeklyReport, link: SkillLink): Markup {
  const paid = roles.topByRate.map((r, i) => {
    const { median, p25, p75, count } = r.dayRate;
    return html`${i > 0 ? '; ' : ''}${skillName(r.id, r.name, link)} ${money(median)}
      <span class="muted">(${money(p25)}–${money(p75)}, ${counted(count, 'rate', 'rates')})</span>`;
  });
  const years = roles.topByDemand
    .filter((r) => r.experienceYears !== null)
    .map((r, i) => html`${i > 0 ? ', ' : ''}${roleWithYears(r, r.name)}`);
  const rule = `median day rate in ${report.currency}, p25–p75, roles with at least ${MIN_RATES} rates`;
  const where = rolesWindowWords(roles);
  const content = onLines([
    html`<h2>Roles</h2>`,
    demandTable(roles.topByDemand, report, link, 'role'),
    html`<p>
      <strong>Best paid</strong> ${where} (${rule}):
      ${paid.length > 0 ? paid : `no role has enough rates ${where}`}.
    </p>`,
    moverList('Rising', roles.risers, link),
    moverList('Falling', roles.fallers, link),
    years.length > 0
      ? html`<p><strong>Experience asked</strong> ${where} (median years): ${years}.</p>`
      : '',
  ]);
  return html`<section id="roles">${content}</section>`;
}

/** The market's demand and rates as a paragraph. */
function marketParagraph(report: WeeklyReport): Markup {
  const m = report.market;
  const demand = `${m.postings} postings open (${m.newPostings} new)`;
  const rates = rateSentences(m, report.currency);
  return html`<p>${demand}, ${changesText(m.change1w, m.change13w)}. ${rates}</p>`;
}

/** The week's postings by country and by work mode, a table each. */
function breakdownSection(market: MarketFigures, currency: string): Markup {
  const dimensions = Object.keys(BREAKDOWN_TITLES) as (keyof typeof BREAKDOWN_TITLES)[];
  const tables = dimensions
    .filter((dimension) => market.breakdowns[dimension].length > 0)
    .map((dimension) => {
      const header = [BREAKDOWN_TITLES[dimension], 'postings', 'share'];
      const heads = [...header, `median day rate, ${currency}`, 'rates'].map(
        (h) => html`<th>${h}</th>`,
      );
      const rows = market.breakdowns[dimension].map((line) =>
        enclosed('tr', breakdownCells(line, dimension).map(cell)),
      );
      const parts = [enclosed('thead', [enclosed('tr', heads)]), enclosed('tbody', rows)];
      const table = enclosed('table', parts, `named breakdown ${dimension}`);
      return html`<div class="table-scroll">${table}</div>`;
    });
  if (tables.length === 0) return html``;
  const content = onLines([html`<h2>Where and how</h2>`, ...tables]);
  return html`<section id="breakdowns">${content}</section>`;
}

/** The links to the report's sections. */
function sectionLinks(report: WeeklyReport): Markup {
  const categories = report.categories.map(
    (c) => html` · <a href="#category-${c.category}">${c.name}</a>`,
  );
  const { country, workMode } = report.market.breakdowns;
  const where =
    country.length + workMode.length > 0 ? html` · <a href="#breakdowns">where and how</a>` : '';
  const method = html` · <a href="#method">method</a>`;
  const roles = report.roles ? html` · <a href="#roles">roles</a>` : '';
  const links = html`<a href="#all">all skills</a>${where}${roles}${categories}${method}`;
  return html`<nav><p class="muted">Sections: ${links}</p></nav>`;
}

function methodSection(report: WeeklyReport): Markup {
  const notes = methodNotes(report, escapeHtml).map((note) => html`<li>${raw(note)}</li>`);
  const list = enclosed('ul', notes);
  const content = onLines([html`<h2>Method</h2>`, list]);
  return html`<section id="method">${content}</section>`;
}

/**
 * The report's content, without a document around it: the dashboard shows it in its own
 * pages, with `link` giving a skill's page and `roleLink` a role's.
 */
export function reportBody(
  report: WeeklyReport,
  link: SkillLink = () => null,
  roleLink: SkillLink = () => null,
): Markup {
  const categories = report.categories.map((c) =>
    section(`category-${c.category ?? ''}`, c, report, link),
  );
  const content = onLines([
    html`<h1>IT contract market, week ${report.label}</h1>`,
    marketParagraph(report),
    sectionLinks(report),
    section('all', report.overall, report, link),
    breakdownSection(report.market, report.currency),
    report.roles ? rolesSection(report.roles, report, roleLink) : '',
    html`${categories}`,
    methodSection(report),
  ]);
  return html`<article class="weekly-report">${content}</article>`;
}

/** The weekly report as one self-contained HTML file: charts as inline SVG, no script, printable. */
export function renderHtml(report: WeeklyReport): string {
  return htmlDocument(`skillpulse: IT contract market, week ${report.label}`, reportBody(report));
}

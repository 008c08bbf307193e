import { lineChart } from '../../report/charts.js';
import { rateFigure } from '../../report/html.js';
import { html, money, percent, raw, signed, type Markup } from '../../report/markup.js';
import type { DemandLine, MoverLine } from '../../report/weekly-model.js';
import { weekLabel } from '../../trends/weeks.js';
import type { categoryDetail, CategoryLine } from '../data.js';
import { axis, categoryHref, skillHref } from './common.js';

type CategoryDetail = Awaited<ReturnType<typeof categoryDetail>>;

/** /categories: the week's categories, the most asked-for first. */
export function categoriesPage(week: string, lines: readonly CategoryLine[]): Markup {
  return html`<h1>Categories, week ${weekLabel(week)}</h1>
    <table class="categories">
      <thead>
        <tr>
          <th>#</th>
          <th>category</th>
          <th>postings</th>
          <th>share</th>
          <th>median day rate</th>
          <th>rates</th>
        </tr>
      </thead>
      <tbody>
        ${lines.map(
          (l) =>
            html`<tr>
              <td>${l.rank}</td>
              <td><a href="${categoryHref(l.category)}">${l.category}</a></td>
              <td>${l.postings}</td>
              <td>${percent(l.share)}</td>
              <td>${l.day_rate_median === null ? '–' : money(l.day_rate_median)}</td>
              <td>${l.day_rate_count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

function topSkillsTable(lines: readonly DemandLine[]): Markup {
  return html`<table class="demand">
    <thead>
      <tr>
        <th>#</th>
        <th>skill</th>
        <th>postings</th>
        <th>share</th>
        <th>13 weeks</th>
        <th>median day rate</th>
      </tr>
    </thead>
    <tbody>
      ${lines.map(
        (l) =>
          html`<tr>
            <td>${l.rank}</td>
            <td><a href="${skillHref(l.id)}">${l.name}</a></td>
            <td>${l.postings}</td>
            <td>${percent(l.share)}</td>
            <td>${signed(l.change13w)}</td>
            <td>${l.dayRate ? money(l.dayRate.median) : '–'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

const skillLinks = (lines: readonly MoverLine[]) =>
  lines.map((m) => html`<a href="${skillHref(m.id)}">${m.name}</a> `);

function movers(risers: readonly MoverLine[], fallers: readonly MoverLine[]): Markup | '' {
  if (risers.length + fallers.length === 0) return '';
  return html`<p>
    <strong>Rising:</strong> ${skillLinks(risers)} <strong>Falling:</strong> ${skillLinks(fallers)}
  </p>`;
}

/** /categories/:id: a category's demand series, its rates and top skills, its movers. */
export function categoryPage(id: string, { report, section, series }: CategoryDetail): Markup {
  const demand = lineChart(
    'category-demand',
    series.map((s) => axis(s.week)),
    [{ name: 'postings', data: series.map((s) => s.postings) }],
  );
  const rateCaption = `Day rates in ${report.currency}, week ${report.label}.`;
  return html`<h1>${id}</h1>
    <figure class="chart category-chart" data-points="${series.length}">
      ${raw(demand)}
      <figcaption>
        Postings open each week asking for a ${id} skill, ${series.length} weeks.
      </figcaption>
    </figure>
    ${rateFigure('category-rates', section.topSkills, report.currency, rateCaption)}
    ${topSkillsTable(section.topSkills)} ${movers(section.risers, section.fallers)}`;
}

import { categoryName } from '../../skills/categories.js';
import { lineChart, responsiveChart } from '../../report/charts.js';
import { weekAxisLabels, weekSpanLabel } from '../../report/dates.js';
import { rateFigure } from '../../report/html.js';
import { html, money, percent, raw, signed, type Markup } from '../../report/markup.js';
import type { DemandLine } from '../../report/weekly-model.js';
import { weekLabel } from '../../trends/weeks.js';
import type { categoryDetail, CategoryLine } from '../data.js';
import type { CategoryMover } from '../movers.js';
import { categoryHref, skillHref, why } from './common.js';

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
              <td><a href="${categoryHref(l.category)}">${categoryName(l.category)}</a></td>
              <td>${l.postings}</td>
              <td>${percent(l.share)}</td>
              <td>${l.day_rate_median === null ? '–' : money(l.day_rate_median)}</td>
              <td>${l.day_rate_count}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

const tone = (change: number | null) =>
  change === null || change === 0 ? '' : change > 0 ? 'up' : 'down';

/** The category's week in a sentence: postings, share, change, median day rate. */
function demandLine(d: DemandLine | null, currency: string): Markup | '' {
  if (!d) return '';
  const change =
    d.change13w === null ? html`–${why('no figure 13 weeks ago')}` : signed(d.change13w);
  const rate = d.dayRate
    ? `median day rate ${money(d.dayRate.median)} ${currency} from ${d.dayRate.count} rates`
    : 'no day rates quoted';
  return html`<p>
    ${d.postings} postings open (${percent(d.share)} of all), ${change} on 13 weeks ago; ${rate}.
  </p>`;
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
            <td class="${tone(l.change13w)}">${signed(l.change13w)}</td>
            <td>${l.dayRate ? money(l.dayRate.median) : '–'}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function moverRow(m: CategoryMover): Markup {
  const p = m.pValue < 0.001 ? '< 0.001' : m.pValue.toFixed(3);
  return html`<tr>
    <td class="text ${m.direction === 'rising' ? 'up' : 'down'}">${m.direction}</td>
    <td><a href="${skillHref(m.id)}">${m.name}</a></td>
    <td>${m.windowWeeks} weeks</td>
    <td>${m.postingsBefore} → ${m.postingsNow}</td>
    <td>${percent(m.shareBefore)} → ${percent(m.shareNow)}</td>
    <td>${p}</td>
  </tr>`;
}

/** The category's rising and falling skills over each mover window, as the rollup found them. */
function moversTable(id: string, week: string, movers: readonly CategoryMover[]): Markup {
  if (movers.length === 0) {
    return html`<p class="muted">
      No ${categoryName(id)} skill rose or fell significantly in share over 4 or 13 weeks to week
      ${week}.
    </p>`;
  }
  return html`<table class="movers">
    <thead>
      <tr>
        <th class="text">direction</th>
        <th>skill</th>
        <th>window</th>
        <th>new postings before → now</th>
        <th>share before → now</th>
        <th>p</th>
      </tr>
    </thead>
    <tbody>
      ${movers.map(moverRow)}
    </tbody>
  </table>`;
}

/** /categories/:id: a category's demand series, its rates and top skills, its movers. */
export function categoryPage(
  id: string,
  { report, section, series, movers }: CategoryDetail,
): Markup {
  const mondays = series.map((s) => s.week);
  const demand = responsiveChart('category-demand', (chartId, width) =>
    lineChart(
      chartId,
      weekAxisLabels(mondays),
      [{ name: 'postings', data: series.map((s) => s.postings) }],
      { width },
    ),
  );
  const rateCaption = `Day rates in ${report.currency}, week ${report.label}.`;
  return html`<h1>${categoryName(id)}</h1>
    ${demandLine(section.demand, report.currency)}
    <figure class="chart category-chart" data-points="${series.length}">
      ${raw(demand)}
      <figcaption>
        Postings open each week asking for a ${categoryName(id)} skill, ${series.length} weeks:
        ${weekSpanLabel(mondays)}.
      </figcaption>
    </figure>
    ${rateFigure('category-rates', section.topSkills, report.currency, rateCaption)}
    ${topSkillsTable(section.topSkills)}
    <h2>Rising and falling skills</h2>
    ${moversTable(id, report.label, movers)}`;
}

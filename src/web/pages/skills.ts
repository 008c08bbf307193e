import { categoryName } from '../../skills/categories.js';
import { lineChart, responsiveChart } from '../../report/charts.js';
import { dayLabel, weekAxisLabels, weekSpanLabel } from '../../report/dates.js';
import { html, money, percent, raw, signed, type Markup } from '../../report/markup.js';
import type { RelatedSkill, SkillSeriesWeek } from '../../trends/read.js';
import { addWeeks, weekLabel } from '../../trends/weeks.js';
import type { PostingLine, SkillDetail, SkillHit } from '../data.js';
import { categoryHref, NOTHING_YET, safeUrl, skillHref, why } from './common.js';
import { breakdownFigures, weekFigures } from './skill-figures.js';

function hitsTable(hits: readonly SkillHit[]): Markup {
  return html`<table class="skill-hits">
    <thead>
      <tr>
        <th>#</th>
        <th>skill</th>
        <th class="text">category</th>
        <th>postings this week</th>
      </tr>
    </thead>
    <tbody>
      ${hits.map(
        (h) =>
          html`<tr>
            <td>${h.rank ?? '–'}</td>
            <td><a href="${skillHref(h.id)}">${h.name}</a></td>
            <td class="text">${categoryName(h.category)}</td>
            <td>${h.postings}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

/** /skills: the search form and the skills matching what was typed. */
export function skillSearchPage(query: string, hits: readonly SkillHit[]): Markup {
  return html`<h1>Skills</h1>
    <form class="inline" method="get" action="/skills" role="search">
      <input
        type="search"
        name="q"
        value="${query}"
        placeholder="kubernetes, rust, siem…"
        aria-label="skill"
      /><button type="submit">Search</button>
    </form>
    ${hits.length === 0 ? html`<p>No skill matches "${query}".</p>` : hitsTable(hits)}`;
}

/**
 * The rate lines, a style for each kind told apart in the legend: the median solid and
 * blue; the quartiles (p25 below it, p75 above) dashed and teal, one legend entry; the
 * outer percentiles (p10, p90) dotted and grey, one entry.
 */
const RATE_LINES = [
  { name: 'median', key: 'day_rate_median', color: '#0969da', line: 'solid' },
  { name: 'p25 and p75', key: 'day_rate_p25', color: '#1b7c83', line: 'dashed' },
  { name: 'p25 and p75', key: 'day_rate_p75', color: '#1b7c83', line: 'dashed' },
  { name: 'p10 and p90', key: 'day_rate_p10', color: '#57606a', line: 'dotted' },
  { name: 'p10 and p90', key: 'day_rate_p90', color: '#57606a', line: 'dotted' },
] as const;

/**
 * A week's demand and day-rate percentiles, as skill and role series have them; p10 and
 * p90 are drawn for the series that carry them.
 */
type WeeklyFigures = Pick<
  SkillSeriesWeek,
  'week' | 'postings' | 'day_rate_p25' | 'day_rate_median' | 'day_rate_p75'
> &
  Partial<Pick<SkillSeriesWeek, 'day_rate_p10' | 'day_rate_p90'>>;

/**
 * The demand and day-rate charts of a weekly series (a skill's or a role's page), their
 * charts' ids `<kind>-demand` and `<kind>-rates`.
 */
export function weeklyCharts(
  kind: string,
  series: readonly WeeklyFigures[],
  currency: string | null | undefined,
): Markup {
  if (series.length === 0) return NOTHING_YET;
  const mondays = series.map((s) => s.week);
  const weeks = weekAxisLabels(mondays);
  const span = weekSpanLabel(mondays);
  const demand = responsiveChart(`${kind}-demand`, (chartId, width) =>
    lineChart(chartId, weeks, [{ name: 'postings', data: series.map((s) => s.postings) }], {
      width,
    }),
  );
  const lines = RATE_LINES.filter((l) => series.some((s) => s[l.key] !== undefined));
  const rates = responsiveChart(`${kind}-rates`, (chartId, width) =>
    lineChart(
      chartId,
      weeks,
      lines.map((l) => ({ ...l, data: series.map((s) => s[l.key] ?? null) })),
      { yName: currency ?? undefined, yAxis: 'fit', width },
    ),
  );
  const outer = lines.some((l) => l.key === 'day_rate_p90')
    ? ', p10 and p90 (dotted; four in five lie between them)'
    : '';
  const rated = series.filter((s) => s.day_rate_median !== null).length;
  return html`<figure class="chart demand-chart" data-points="${series.length}">
      ${raw(demand)}
      <figcaption>Postings open each week, ${series.length} weeks: ${span}.</figcaption>
    </figure>
    <figure class="chart rate-chart" data-points="${rated}">
      ${raw(rates)}
      <figcaption>
        Day rate by week${currency ? `, ${currency}` : ''}, ${span}: the median (solid), p25 and p75
        (dashed; half the rates lie between them)${outer}; gaps where no rate was quoted.
      </figcaption>
    </figure>`;
}

function skillCharts(series: readonly SkillSeriesWeek[]): Markup {
  return weeklyCharts('skill', series, series.findLast((s) => s.currency !== null)?.currency);
}

function latestWeekLine(latest: SkillSeriesWeek | undefined, firstWeek: string | undefined) {
  if (!latest) return '';
  const short = firstWeek === undefined || addWeeks(latest.week, -13) < firstWeek;
  const change =
    latest.postings_change_13w === null
      ? html`–${why(short ? 'too little history' : 'no postings then')}`
      : signed(latest.postings_change_13w);
  return html`<p>
    Week ${weekLabel(latest.week)} (from ${dayLabel(latest.week)}): ${latest.postings} postings
    (${percent(latest.share)} of all), ${change} on 13 weeks ago.
  </p>`;
}

function relatedTable(related: readonly RelatedSkill[]): Markup {
  if (related.length === 0) return html`<p>None computed yet.</p>`;
  return html`<table class="related">
    <thead>
      <tr>
        <th>lift</th>
        <th>skill</th>
        <th>postings together</th>
        <th>share</th>
      </tr>
    </thead>
    <tbody>
      ${related.map(
        (r) =>
          html`<tr>
            <td>${r.lift.toFixed(1)}</td>
            <td><a href="${skillHref(r.id)}">${r.name}</a></td>
            <td>${r.postings}</td>
            <td>${percent(r.share)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function postingRow(p: PostingLine): Markup {
  const href = safeUrl(p.url);
  const title = href
    ? html`<a href="${href}" rel="nofollow noopener noreferrer">${p.title}</a>`
    : p.title;
  const rate = p.day_rate === null ? '–' : `${money(p.day_rate)} ${p.currency ?? ''}`;
  return html`<tr>
    <td class="text when">${dayLabel(p.posted_at ?? p.first_seen_at)}</td>
    <td>${title}</td>
    <td class="text">${p.company ?? ''}</td>
    <td class="text">${p.location ?? ''}</td>
    <td class="text">${p.contract_type}</td>
    <td>${rate}</td>
  </tr>`;
}

function postingsTable(postings: readonly PostingLine[]): Markup {
  if (postings.length === 0) return html`<p>None open.</p>`;
  return html`<table class="postings">
    <thead>
      <tr>
        <th class="text when" title="as the board dates it, else when first crawled">posted</th>
        <th>title</th>
        <th class="text">company</th>
        <th class="text">where</th>
        <th class="text">contract</th>
        <th>day rate</th>
      </tr>
    </thead>
    <tbody>
      ${postings.map(postingRow)}
    </tbody>
  </table>`;
}

/** /skills/:id: a skill's week, its demand and rate series, related skills and postings. */
export function skillPage(detail: SkillDetail): Markup {
  const { skill, series } = detail;
  const aliases = skill.aliases.length > 0 ? html` · also: ${skill.aliases.join(', ')}` : '';
  const currency = series.findLast((s) => s.currency !== null)?.currency ?? null;
  return html`<h1>${skill.name}</h1>
    <p class="muted">
      <a href="${categoryHref(skill.category)}">${categoryName(skill.category)}</a>${aliases}
    </p>
    ${latestWeekLine(series.at(-1), detail.figures?.firstWeek)}
    ${detail.figures ? weekFigures(detail.figures, currency) : ''} ${skillCharts(series)}
    <h2>Countries and work modes this week</h2>
    ${breakdownFigures(detail.breakdowns)}
    <h2>Related skills</h2>
    ${relatedTable(detail.related)}
    <h2>Postings this week</h2>
    ${postingsTable(detail.postings)}`;
}

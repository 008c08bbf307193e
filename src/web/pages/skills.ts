import { lineChart } from '../../report/charts.js';
import { html, money, percent, raw, signed, type Markup } from '../../report/markup.js';
import type { RelatedSkill, SkillSeriesWeek } from '../../trends/read.js';
import { weekLabel } from '../../trends/weeks.js';
import type { PostingLine, SkillDetail, SkillHit } from '../data.js';
import { axis, NOTHING_YET, safeUrl, skillHref } from './common.js';

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
            <td class="text">${h.category}</td>
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

function skillCharts(series: readonly SkillSeriesWeek[]): Markup {
  if (series.length === 0) return NOTHING_YET;
  const weeks = series.map((s) => axis(s.week));
  const currency = series.at(-1)?.currency;
  const demand = lineChart('skill-demand', weeks, [
    { name: 'postings', data: series.map((s) => s.postings) },
  ]);
  const rates = lineChart(
    'skill-rates',
    weeks,
    [
      { name: 'median', data: series.map((s) => s.day_rate_median) },
      { name: 'p25', data: series.map((s) => s.day_rate_p25) },
      { name: 'p75', data: series.map((s) => s.day_rate_p75) },
    ],
    { yName: currency ?? undefined },
  );
  const rated = series.filter((s) => s.day_rate_median !== null).length;
  return html`<figure class="chart demand-chart" data-points="${series.length}">
      ${raw(demand)}
      <figcaption>Postings open each week, ${series.length} weeks.</figcaption>
    </figure>
    <figure class="chart rate-chart" data-points="${rated}">
      ${raw(rates)}
      <figcaption>
        Day rate median and p25–p75 by week${currency ? `, ${currency}` : ''}; gaps where no rate
        was quoted.
      </figcaption>
    </figure>`;
}

function latestWeekLine(latest: SkillSeriesWeek | undefined): Markup | '' {
  if (!latest) return '';
  const median = latest.day_rate_median === null ? '–' : money(latest.day_rate_median);
  return html`<p>
    Week ${weekLabel(latest.week)}: ${latest.postings} postings (${percent(latest.share)}), rank
    ${latest.rank ?? '–'}, ${signed(latest.postings_change_13w)} on 13 weeks ago; median day rate
    ${median} from ${latest.day_rate_count} rates.
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
    <td class="text">${p.first_seen_at.toISOString().slice(0, 10)}</td>
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
        <th class="text">first seen</th>
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
  return html`<h1>${skill.name}</h1>
    <p class="muted">${skill.category}${aliases}</p>
    ${latestWeekLine(series.at(-1))} ${skillCharts(series)}
    <h2>Related skills</h2>
    ${relatedTable(detail.related)}
    <h2>Postings this week</h2>
    ${postingsTable(detail.postings)}`;
}

import { categoryName } from '../../skills/categories.js';
import { html, money, percent, signed, type Markup } from '../../report/markup.js';
import type { RoleProfileSkill, RoleWeek } from '../../trends/roles-read.js';
import { weekLabel } from '../../trends/weeks.js';
import type { RoleDetail, RoleList } from '../career-data.js';
import { NOTHING_YET, skillHref, why } from './common.js';
import { weeklyCharts } from './skills.js';

export const roleHref = (id: string) => `/roles/${encodeURIComponent(id)}`;
export const rolesOfCategoryHref = (category: string) =>
  `/roles?category=${encodeURIComponent(category)}`;

const rate = (value: number | null) => (value === null ? '–' : money(value));

/** The category filter: a plain GET form, the category chosen selected. */
function categoryFilter(
  chosen: string | null,
  categories: readonly { id: string; name: string }[],
): Markup {
  const options = categories.map(
    (c) => html`<option value="${c.id}" ${c.id === chosen ? 'selected' : ''}>${c.name}</option>`,
  );
  return html`<form class="inline" method="get" action="/roles">
    <select name="category" aria-label="category">
      <option value="">all categories</option>
      ${options}</select
    ><button type="submit">Show</button>
  </form>`;
}

/** /roles: the week's roles by demand, of one category when chosen. */
export function rolesPage(
  list: RoleList,
  categories: readonly { id: string; name: string }[],
): Markup {
  const filter = categoryFilter(list.category, categories);
  if (!list.week)
    return html`<h1>Roles</h1>
      ${filter}${NOTHING_YET}`;
  const where = list.category ? ` in ${categoryName(list.category)}` : '';
  const rows = list.roles.map(
    (r) =>
      html`<tr>
        <td>${r.rank}</td>
        <td><a href="${roleHref(r.role_id)}">${r.name}</a></td>
        <td class="text">${r.category ? categoryName(r.category) : '–'}</td>
        <td>${r.postings}</td>
        <td>${percent(r.share)}</td>
        <td>${signed(r.growth_13w)}</td>
        <td>${rate(r.day_rate_median)}</td>
      </tr>`,
  );
  const table =
    list.roles.length === 0
      ? html`<p>No postings of a role${where} this week.</p>`
      : html`<table class="figures roles">
          <thead>
            <tr>
              <th>#</th>
              <th>role</th>
              <th class="text">category</th>
              <th>postings</th>
              <th>share</th>
              <th>13 weeks</th>
              <th>median day rate</th>
            </tr>
          </thead>
          <tbody>
            ${rows}
          </tbody>
        </table>`;
  return html`<h1>Roles</h1>
    ${filter}
    <p>
      Week ${weekLabel(list.week)}${where}: the roles postings are for, most postings first; share
      of all postings, change in postings over 13 weeks, median day rate.
    </p>
    ${table}`;
}

function weekLine(latest: RoleWeek | undefined): Markup | string {
  if (!latest) return '';
  const rank = latest.rank === null ? html`–${why('no postings')}` : `#${latest.rank}`;
  return html`<p>
    Week ${weekLabel(latest.week)}: ${latest.postings} postings (${percent(latest.share)} of all),
    rank ${rank}.
  </p>`;
}

/** The weeks a role's rates, years asked and profile are counted over, in words. */
function windowWords(detail: RoleDetail): string {
  const { window } = detail;
  return window === null ? '' : `the ${window.weeks} weeks to ${weekLabel(window.week)}`;
}

function windowLine(detail: RoleDetail): Markup {
  const figures = detail.windowFigures;
  if (detail.window === null || figures === null) {
    return html`<p>No postings of this role in ${windowWords(detail) || 'the recent weeks'}.</p>`;
  }
  return html`<p>
    Over ${windowWords(detail)}: ${figures.postings} postings; day rate p25
    ${rate(figures.day_rate_p25)}, median ${rate(figures.day_rate_median)}, p75
    ${rate(figures.day_rate_p75)} from ${figures.day_rate_count} rates. A few postings a week make a
    week's rates and profile noise: they are read over the window.
  </p>`;
}

function experienceLine(detail: RoleDetail): Markup {
  const figures = detail.windowFigures;
  if (figures === null || figures.experience_years_median === null) {
    return html`<p>None of its postings states the years of experience it asks.</p>`;
  }
  return html`<p>
    ${figures.experience_years_count} of its postings over ${windowWords(detail)} state the years of
    experience they ask: a median of ${figures.experience_years_median} years at least.
  </p>`;
}

function profileTable(items: readonly RoleProfileSkill[], noun: string): Markup {
  if (items.length === 0) return html`<p>No ${noun} asked often enough to list.</p>`;
  return html`<table class="figures profile">
    <thead>
      <tr>
        <th>${noun}</th>
        <th>postings</th>
        <th>share asking</th>
      </tr>
    </thead>
    <tbody>
      ${items.map(
        (i) =>
          html`<tr>
            <td><a href="${skillHref(i.skill_id)}">${i.name}</a></td>
            <td>${i.postings}</td>
            <td>${percent(i.share)}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

function nearestTable(detail: RoleDetail): Markup {
  if (detail.nearest.length === 0) return html`<p>No role shares its core skills this week.</p>`;
  return html`<p>
      The roles whose demand-weighted profile this role's core skills (asked by a third of its
      postings or more) cover most; their postings and median day rate over
      ${windowWords(detail) || 'the recent weeks'}.
    </p>
    <table class="figures nearest">
      <thead>
        <tr>
          <th>role</th>
          <th>covered</th>
          <th>postings</th>
          <th>median day rate</th>
        </tr>
      </thead>
      <tbody>
        ${detail.nearest.map(
          (r) =>
            html`<tr>
              <td><a href="${roleHref(r.id)}">${r.name}</a></td>
              <td>${percent(r.coverage)}</td>
              <td>${r.postings}</td>
              <td>${rate(r.dayRateMedian)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`;
}

/** /roles/:id: a role's week, demand and rates over time, profile, experience and nearest roles. */
export function rolePage(detail: RoleDetail): Markup {
  const { role, series } = detail;
  const category = html`<p class="muted">
    <a href="${rolesOfCategoryHref(role.category)}">${categoryName(role.category)}</a>
  </p>`;
  if (!detail.week)
    return html`<h1>${role.name}</h1>
      ${category}${NOTHING_YET}`;
  const latest = series.at(-1);
  const skills = detail.profile.filter((i) => !i.is_certification);
  const certs = detail.profile.filter((i) => i.is_certification);
  return html`<h1>${role.name}</h1>
    ${category} ${weekLine(latest)} ${windowLine(detail)}
    ${weeklyCharts('role', series, detail.currency)}
    <h2>What its postings ask for</h2>
    <p>Over ${windowWords(detail) || 'the recent weeks'}.</p>
    <div class="pair">
      <div>${profileTable(skills, 'skills')}</div>
      <div>${profileTable(certs, 'certifications')}</div>
    </div>
    <h2>Experience asked</h2>
    ${experienceLine(detail)}
    <h2>Nearest roles</h2>
    ${nearestTable(detail)}
    <p><a href="/career?target=${encodeURIComponent(role.id)}">Plan a path to this role</a></p>`;
}

import {
  countryName,
  html,
  money,
  percent,
  workModeName,
  type Markup,
} from '../../report/markup.js';
import { MIN_RATES } from '../../report/weekly-model.js';
import type {
  BreakdownRow,
  RateFigures,
  SkillBreakdowns,
  SkillWeekFigures,
} from '../skill-figures.js';
import { PERCENTILE_NAMES } from '../skill-figures.js';
import { why } from './common.js';

/** What each "–" of a skill's figures means, in words. */
const REASONS = {
  'too little history': 'too little history',
  'not ranked then': 'no postings then',
  'no rates': 'no rates quoted',
  'few rates': `fewer than ${MIN_RATES} rates`,
} as const;

const signedPlaces = (change: number) =>
  change === 0 ? '0' : `${change > 0 ? '+' : '−'}${Math.abs(change)}`;

/** The skill's rank and the places it gained over 1, 4, 13 and 52 weeks, each "–" explained. */
function rankTable(f: SkillWeekFigures): Markup {
  const heads = f.rankChanges.map(
    (c) =>
      html`<th>${c.weeks === 52 ? 'year ago' : c.weeks === 1 ? '1 week' : `${c.weeks} weeks`}</th>`,
  );
  const cells = f.rankChanges.map((c) => {
    const tone = c.change === null || c.change === 0 ? '' : c.change > 0 ? 'up' : 'down';
    const text = c.change === null ? html`–${why(REASONS[c.missing ?? 'not ranked then'])}` : '';
    return html`<td class="${tone}">${c.change === null ? text : signedPlaces(c.change)}</td>`;
  });
  return html`<table class="figures rank-changes">
    <thead>
      <tr>
        <th>rank</th>
        ${heads}
      </tr>
    </thead>
    <tbody>
      <tr>
        <td>${f.rank ?? html`–${why('no postings this week')}`}</td>
        ${cells}
      </tr>
    </tbody>
  </table>`;
}

function rateRow(label: string, rates: RateFigures): Markup {
  const small =
    rates.note === 'few rates'
      ? html`<span class="small-sample" title="small sample">†</span>`
      : '';
  const cells = PERCENTILE_NAMES.map((p) => {
    const value = rates.percentiles[p];
    return html`<td>${value === null ? '–' : money(value)}${value === null ? '' : small}</td>`;
  });
  const note = rates.note ? why(REASONS[rates.note]) : '';
  return html`<tr>
    <td>${label}${note}</td>
    <td>${rates.count}</td>
    ${cells}
  </tr>`;
}

/** The week's day and hourly rates: how many, and p10, p25, median, p75, p90. */
function ratesTable(f: SkillWeekFigures, currency: string | null): Markup {
  const unit = currency ? `, ${currency}` : '';
  return html`<table class="figures rates">
    <thead>
      <tr>
        <th>rate${unit}</th>
        <th>rates</th>
        ${PERCENTILE_NAMES.map((p) => html`<th>${p}</th>`)}
      </tr>
    </thead>
    <tbody>
      ${rateRow('day rate', f.dayRate)} ${rateRow('hourly rate', f.hourlyRate)}
    </tbody>
  </table>`;
}

/** A skill's week in figures: its rank and rank changes, then its rate percentiles. */
export function weekFigures(f: SkillWeekFigures, currency: string | null): Markup {
  return html`${rankTable(f)} ${ratesTable(f, currency)}`;
}

function breakdownTable(
  title: string,
  lines: readonly BreakdownRow[],
  name: (v: string) => string,
) {
  const rows = lines.map(
    (l) =>
      html`<tr>
        <td>${name(l.value)}</td>
        <td>${l.postings}</td>
        <td>${percent(l.ofScope)}</td>
        <td>${l.share === null ? '–' : percent(l.share)}</td>
        <td>${l.dayRateMedian === null ? '–' : money(l.dayRateMedian)}</td>
      </tr>`,
  );
  return html`<div>
    <h3>${title}</h3>
    <table class="figures breakdown">
      <thead>
        <tr>
          <th>${title.toLowerCase()}</th>
          <th>postings</th>
          <th>of the skill's</th>
          <th>share there</th>
          <th>median day rate</th>
        </tr>
      </thead>
      <tbody>
        ${rows}
      </tbody>
    </table>
  </div>`;
}

/** The skill's postings of the week by country and by work mode, side by side. */
export function breakdownFigures(breakdowns: SkillBreakdowns): Markup {
  if (breakdowns.country.length + breakdowns.work_mode.length === 0) {
    return html`<p class="muted">
      None: countries and work modes are counted for the week's most-demanded skills only.
    </p>`;
  }
  return html`<div class="pair">
    ${breakdownTable('Country', breakdowns.country, countryName)}
    ${breakdownTable('Work mode', breakdowns.work_mode, workModeName)}
  </div>`;
}

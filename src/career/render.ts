import { categoryName } from '../skills/categories.js';
import {
  enclosed,
  html,
  htmlDocument,
  money,
  onLines,
  percent,
  signed,
  type Markup,
} from '../report/markup.js';
import { MIN_RATES } from '../report/weekly-model.js';
import { weekLabel } from '../trends/weeks.js';
import type { Trend } from './currency.js';
import { CORE_SHARE, CURRENT_FIT, NEAREST_MIN_FIT } from './fit.js';
import type { ExperienceGap } from './fit.js';
import type { CareerPlan, NamedForecast, PlanStep } from './plan.js';

/*
 * The career plan as text for a terminal, as an HTML page and as JSON. Text and HTML
 * show the same sections: each is a title, sentences and tables of plain strings, laid
 * out as aligned columns or escaped HTML tables.
 */

export const CAREER_FORMATS = ['text', 'html', 'json'] as const;
export type CareerFormat = (typeof CAREER_FORMATS)[number];

/** Role paths shown in full in text and HTML (JSON has them all). */
const PATHS_SHOWN = 3;

/** A table cell: text, or a role's name that HTML links to the role when it is given a link. */
type Cell = string | { readonly text: string; readonly role: string };
type Table = readonly (readonly Cell[])[];
const textOf = (cell: Cell) => (typeof cell === 'string' ? cell : cell.text);
interface Section {
  readonly title: string;
  readonly lines: readonly string[];
  readonly tables: readonly { readonly caption?: string; readonly rows: Table }[];
}

// eslint-disable-next-line no-control-regex -- control characters are what is removed
const CONTROL = /[\u0000-\u001f\u007f]/g;
const NAME_LENGTH = 40;
/** A crawled or typed name on one line, cut past NAME_LENGTH: a table stays a table. */
const short = (name: string) => {
  const clean = name.replace(CONTROL, ' ');
  return clean.length > NAME_LENGTH ? `${clean.slice(0, NAME_LENGTH - 1)}…` : clean;
};
const rate = (value: number | null) => (value === null ? '–' : money(value));
const range = (low: number | null, high: number | null) =>
  low === null || high === null ? '–' : `${money(low)}–${money(high)}`;
const trendCell = (trend: Trend | null) =>
  trend === null ? '–' : `${trend.class} ${signed(trend.change)}`;
const pValue = (trend: Trend | null) =>
  trend === null ? '–' : trend.p < 0.001 ? '<0.001' : trend.p.toFixed(3);
const wholePercent = (share: number) => `${Math.round(share * 100)}%`;
const names = (list: readonly { name: string }[]) =>
  list.length === 0 ? 'none' : list.map((i) => short(i.name)).join(', ');

function experienceText(gap: ExperienceGap): string {
  if (gap.asked === null) return 'Its postings state no years of experience.';
  const asked = `Its postings ask a median of ${gap.asked} years of experience`;
  if (gap.yours === null) return `${asked}; give your years of experience to compare.`;
  return gap.short === 0
    ? `${asked}; you have ${gap.yours}: enough.`
    : `${asked}; you have ${gap.yours}: ${gap.short} short.`;
}

function stepRows(steps: readonly PlanStep[]): Table {
  return [
    ['step', 'kind', 'asked by', 'core', 'day rate', 'premium', 'demand (52 weeks)', 'fit after'],
    ...steps.map((s, i) => [
      `${i + 1}. ${short(s.name)}`,
      s.certification ? 'certification' : 'skill',
      percent(s.share),
      s.core ? 'core' : '',
      rate(s.dayRateMedian),
      signed(s.ratePremium),
      trendCell(s.demand),
      percent(s.fitAfter),
    ]),
  ];
}

function rateSentence(plan: CareerPlan): string {
  const { currentRate } = plan;
  switch (currentRate.basis) {
    case 'roles':
      return (
        `What your skills fetch now: ${money(currentRate.dayRate!)} a day, the postings-weighted median ` +
        `day rate of the ${currentRate.roles.length === 1 ? 'role' : `${currentRate.roles.length} roles`} you fit ${wholePercent(CURRENT_FIT)} or more.`
      );
    case 'skills':
      return (
        `What your skills fetch now: ${money(currentRate.dayRate!)} a day, the median of your skills' ` +
        `median day rates (no role you fit ${wholePercent(CURRENT_FIT)} or more has ${MIN_RATES} day rates or more).`
      );
    case 'none':
      return 'No day rates are quoted for your skills or the roles you fit: uplifts cannot be computed.';
  }
}

function youSection(plan: CareerPlan): Section {
  const where = plan.category ? ` in ${categoryName(plan.category)}` : '';
  return {
    title: 'You',
    lines: [
      `Week ${plan.label}${where}; day rates in ${plan.currency ?? 'the report currency'}.`,
      `Skills: ${names(plan.user.skills)}. Certifications: ${names(plan.user.certs)}. ` +
        `Experience: ${plan.user.years === null ? 'not given' : `${plan.user.years} years`}.`,
      rateSentence(plan),
      windowSentence(plan),
    ],
    tables: [],
  };
}

/** Where the roles' figures come from: a few postings a week are too few to read alone. */
function windowSentence(plan: CareerPlan): string {
  if (plan.window === null) return 'No role figures: no window of weeks has been rolled up.';
  return (
    `Roles' day rates, skill profiles and years asked: their postings open in the ` +
    `${plan.window.weeks} weeks to ${weekLabel(plan.window.week)}, each counted once.`
  );
}

function rolesSection(plan: CareerPlan): Section {
  if (plan.roles.length === 0) {
    return {
      title: 'Nearest better-paid roles',
      lines: [
        plan.currentRate.dayRate === null
          ? 'No current rate to compare roles with.'
          : `No role pays more than your current rate that you fit ${wholePercent(NEAREST_MIN_FIT)} or more.`,
      ],
      tables: [],
    };
  }
  const rows: Table = [
    ['role', 'postings', 'fit', 'day rate', 'p25–p75', 'uplift', '13 weeks', '52 weeks', 'score'],
    ...plan.roles.map((r) => [
      { text: short(r.name), role: r.id },
      String(r.windowPostings),
      percent(r.fit),
      rate(r.dayRateMedian),
      range(r.dayRateP25, r.dayRateP75),
      signed(r.uplift),
      signed(r.growth13w),
      signed(r.growth52w),
      r.score.toFixed(3),
    ]),
  ];
  const paths = plan.roles.slice(0, PATHS_SHOWN).map((r) => ({
    caption:
      `Path to ${short(r.name)}: fit ${percent(r.fit)} now. ${experienceText(r.experience)}` +
      (r.path.length === 0 ? ' You have every item its postings ask for.' : '') +
      (r.moreSteps > 0 ? ` (${r.moreSteps} rarer item(s) not shown.)` : ''),
    rows: stepRows(r.path),
  }));
  return {
    title: 'Nearest better-paid roles',
    lines: [
      'Postings: in the window of weeks above. Roles with fewer than ' +
        `${MIN_RATES} day rates there are left out. ` +
        'Score = fit × uplift (capped at +100%) × (1 + 13-week growth / 2, growth clamped to ±100%). ' +
        'Paths order what you lack by share of the role\u2019s postings asking × (1 + its rate premium over your rate).',
    ],
    tables: [{ rows }, ...paths],
  };
}

function targetSection(plan: CareerPlan): Section | null {
  const target = plan.target;
  if (!target) return null;
  const missingCore = target.profile.filter((i) => i.core && !i.have);
  const profile: Table = [
    ['item', 'kind', 'asked by', 'core', 'you'],
    ...target.profile.map((i) => [
      short(i.name),
      i.certification ? 'certification' : 'skill',
      percent(i.share),
      i.core ? 'core' : '',
      i.have ? 'have' : 'lack',
    ]),
  ];
  const onTheWay: Table = [
    ['role on the way', 'your fit', 'covers of target', 'day rate'],
    ...target.onTheWay.map((r) => [
      { text: short(r.name), role: r.id },
      percent(r.fit),
      percent(r.coverage),
      rate(r.dayRateMedian),
    ]),
  ];
  return {
    title: `Dream job: ${short(target.name)}`,
    lines: [
      `${target.postings} postings this week, ${target.windowPostings} in the window; ` +
        `median day rate ${rate(target.dayRateMedian)} ` +
        `(p25–p75 ${range(target.dayRateP25, target.dayRateP75)}), ${signed(target.growth13w)} over 13 weeks, ` +
        `${signed(target.growth52w)} over 52.`,
      `Fit now ${percent(target.fitNow)}; missing core items (asked by ${wholePercent(CORE_SHARE)} or more): ` +
        `${names(missingCore)}. ${experienceText(target.experience)}`,
      target.onTheWay.length === 0
        ? 'No role lies between: none you fit better whose core covers more of it.'
        : 'Roles on the way: ones you fit better whose core items cover more of the target than you do.',
    ],
    tables: [
      { caption: 'Its profile', rows: profile },
      ...(target.steps.length > 0
        ? [{ caption: 'Steps, fit after each', rows: stepRows(target.steps) }]
        : []),
      ...(target.onTheWay.length > 0 ? [{ rows: onTheWay }] : []),
    ],
  };
}

function currencySection(plan: CareerPlan): Section {
  const rows: Table = [
    ['skill', 'postings', 'demand (share)', 'p', 'day rate', 'p'],
    ...plan.currencyOfSkills.map((c) => [
      short(c.name),
      String(c.postings),
      trendCell(c.demand),
      pValue(c.demand),
      trendCell(c.rate),
      pValue(c.rate),
    ]),
  ];
  const warnings = plan.currencyOfSkills
    .filter((c) => c.class === 'fading')
    .map(
      (c) =>
        `Warning: ${short(c.name)} is fading. ` +
        (c.risingPartners.length === 0
          ? 'No rising skill is asked with it often enough to name.'
          : `Rising skills asked with it: ${c.risingPartners
              .map((p) => `${short(p.name)} (lift ${p.lift.toFixed(1)})`)
              .join(', ')}.`),
    );
  return {
    title: 'Currency of your skills',
    lines: [
      'Over the last 52 weeks: a least-squares slope of the weekly share of postings (demand) and of the ' +
        'median day rate, rising or fading when significant (p < 0.05) and at least 10% over the window; ' +
        'the change is the fitted line\u2019s over the window.',
      ...warnings,
    ],
    tables: [{ rows }],
  };
}

function forecastRow(f: NamedForecast): string[] {
  const last = f.points[f.points.length - 1];
  const tested = f.backtest;
  const errors = tested ? `${tested.holtMae.toFixed(1)} / ${tested.naiveMae.toFixed(1)}` : '–';
  const shown = f.shown && last !== undefined;
  const note = shown
    ? ''
    : tested
      ? 'not shown: seasonal-naive did as well or better'
      : 'not shown: too short to backtest';
  return [
    `${f.kind} ${short(f.name)}`,
    String(f.now),
    shown ? String(Math.round(last.mean)) : '–',
    shown ? `${Math.round(last.lower)}–${Math.round(last.upper)}` : '–',
    errors,
    note,
  ];
}

function forecastSection(plan: CareerPlan): Section {
  const rows: Table = [
    ['series', 'postings now', 'in 13 weeks', '95% interval', 'backtest MAE', ''],
    ...plan.forecasts.map(forecastRow),
  ];
  return {
    title: 'Where demand is heading',
    lines: [
      'Damped-trend exponential smoothing, 13 weeks ahead; shown only where it beat a seasonal-naive ' +
        'forecast (the value a year before, the last value on less than a year of history) on the ' +
        'series\u2019 own rolling-origin backtest. Backtest MAE: smoothing / seasonal-naive, in postings.',
    ],
    tables: [{ rows }],
  };
}

function sections(plan: CareerPlan): Section[] {
  return [
    youSection(plan),
    rolesSection(plan),
    ...[targetSection(plan)].filter((s): s is Section => s !== null),
    currencySection(plan),
    forecastSection(plan),
  ];
}

/** Terminal columns, the first left-aligned, the others right-aligned. */
function columns(rows: Table): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => textOf(row[i]!).length)));
  return rows.map((row) =>
    row
      .map(textOf)
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd(),
  );
}

/** The widest line of prose in the terminal. */
const TEXT_WIDTH = 96;

/** Prose broken at spaces into lines of TEXT_WIDTH characters or fewer (a longer word stays whole). */
export function wrap(text: string, width: number = TEXT_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  return [...lines, line];
}

export function renderCareerText(plan: CareerPlan): string {
  const lines = [`Career plan — week ${plan.label}`, ''];
  for (const section of sections(plan)) {
    lines.push(section.title, '-'.repeat(section.title.length));
    lines.push(...section.lines.flatMap((line) => wrap(line)), '');
    for (const table of section.tables) {
      if (table.caption) lines.push(...wrap(table.caption));
      if (table.rows.length > 1) lines.push(...columns(table.rows).map((line) => `  ${line}`));
      lines.push('');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** Where a role's name links to in HTML; none in the standalone page. */
export type RoleHref = (roleId: string) => string;

function htmlCell(cell: Cell, roleHref: RoleHref | undefined): Markup {
  if (typeof cell === 'string' || roleHref === undefined) return html`<td>${textOf(cell)}</td>`;
  return html`<td><a href="${roleHref(cell.role)}">${cell.text}</a></td>`;
}

function htmlTable(rows: Table, roleHref: RoleHref | undefined): Markup {
  const [head, ...body] = rows;
  const headRow = enclosed(
    'tr',
    head!.map((h) => html`<th>${textOf(h)}</th>`),
  );
  const bodyRows = body.map((row) =>
    enclosed(
      'tr',
      row.map((cell) => htmlCell(cell, roleHref)),
    ),
  );
  return enclosed('table', [enclosed('thead', [headRow]), enclosed('tbody', bodyRows)], 'named');
}

/**
 * The plan's content, as one section element: the standalone page's and the dashboard's,
 * which links each role's name with `roleHref`.
 */
export function careerBody(plan: CareerPlan, roleHref?: RoleHref): Markup {
  const parts = sections(plan).flatMap((section) => [
    html`<h2>${section.title}</h2>`,
    ...section.lines.map((line) => html`<p>${line}</p>`),
    ...section.tables.flatMap((table) => [
      ...(table.caption ? [html`<h3>${table.caption}</h3>`] : []),
      htmlTable(table.rows, roleHref),
    ]),
  ]);
  return html`<section class="career-plan">${onLines(parts)}</section>`;
}

export function renderCareer(plan: CareerPlan, format: CareerFormat): string {
  switch (format) {
    case 'text':
      return renderCareerText(plan);
    case 'html':
      return htmlDocument(
        `skillpulse: career plan, week ${plan.label}`,
        html`<h1>Career plan</h1>
          ${careerBody(plan)}`,
      );
    case 'json':
      return `${JSON.stringify(plan, null, 2)}\n`;
  }
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { storeReport } from '../../src/report/store.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { HISTORY_WEEKS, type WeeklyReport } from '../../src/report/weekly-model.js';
import { WeekNotRolledUpError } from '../../src/trends/read.js';
import { addWeeks } from '../../src/trends/weeks.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W } from '../helpers/trends.js';

// A skill name that tries markup: the taxonomy is ours, but the report must hold whatever.
const HOSTILE = '<img src=x onerror=alert(1)>|**bold** [link](http://x)\n# heading';

describe.each(BACKENDS)('weekly report (%s)', (backend) => {
  let database: TestDatabase;
  let report: WeeklyReport;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    await database.db
      .updateTable('skills')
      .set({ name: HOSTILE })
      .where('id', '=', 'splunk')
      .execute();
    // P4, the permanent role, states a salary: the one annual salary of the week.
    await database.db
      .updateTable('postings')
      .set({ annual_salary: 80000, normalized_currency: 'GBP' })
      .where('external_id', '=', 'P4')
      .execute();
    const weeks = await weeksOf(database.db, { kind: 'all' });
    await rollupWeeks(database.db, weeks, {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
    });
    report = await buildWeeklyReport(database.db, W);
  });
  afterAll(() => database?.drop());

  it('holds what the trend tables hold for the week', async () => {
    // The hand-worked market (test/helpers/trends.ts): 8 postings open in W, 7 new, 4 in W-1.
    expect(report).toMatchObject({ week: W, label: '2026-W47', currency: 'GBP' });
    expect(report.market).toMatchObject({
      postings: 8,
      newPostings: 7,
      change1w: 1,
      change13w: null,
    });
    const stored = await database.db
      .selectFrom('skill_weekly')
      .select(['skill_id', 'postings', 'rank'])
      .where('week', '=', W)
      .where('segment', '=', 'all')
      .orderBy('rank')
      .orderBy('skill_id')
      .execute();
    expect(report.overall.topSkills.map((s) => [s.id, s.postings, s.rank])).toEqual(
      stored.map((s) => [s.skill_id, s.postings, s.rank]),
    );
    const aws = report.overall.topSkills[0];
    expect(aws).toMatchObject({
      id: 'aws',
      name: 'AWS',
      postings: 5,
      share: 5 / 8,
      change1w: 4,
      rankChange1w: 1,
      smallSample: true,
    });
    // Rates 400, 500, 600: on 3 rates, under the 5 a figure needs.
    expect(aws?.dayRate).toEqual({
      p10: 420,
      p25: 450,
      median: 500,
      p75: 550,
      p90: 580,
      count: 3,
      change13w: null,
      smallSample: true,
    });
    expect(report.categories.map((c) => [c.category, c.demand?.postings])).toEqual([
      ['cloud', 7],
      ['data', 3],
      ['cybersecurity', 1],
    ]);
    expect(report.categories[0]?.topSkills.map((s) => s.id)).toEqual(['aws', 'terraform']);
    // Related to aws over the 13 weeks, by lift: splunk 1 x 11 / (6 x 1), python
    // 2 x 11 / (6 x 5), terraform 1 x 11 / (6 x 4).
    expect(
      report.overall.related[0]?.related.map((r) => [r.id, Number(r.lift.toFixed(4))]),
    ).toEqual([
      ['splunk', 1.8333],
      ['python', 0.7333],
      ['terraform', 0.4583],
    ]);
    expect(report.methodology).toMatchObject({ relatedWeek: W, duplicates: 1 });
  });

  it('shows hourly rates, annual salaries, the spread and the breakdowns readers expect', async () => {
    // P5 (freelance, aws and splunk) quotes 50 an hour; P4 (permanent, python and
    // terraform) a salary of 80,000: each its own series, never a day rate.
    const python = report.overall.topSkills.find((s) => s.id === 'python');
    expect(python?.annualSalary).toMatchObject({ median: 80000, p10: 80000, count: 1 });
    expect(python?.dayRate).toMatchObject({ median: 500, count: 1 });
    expect(report.market.hourlyRate).toMatchObject({ median: 50, count: 1, smallSample: true });
    expect(report.market.annualSalary).toMatchObject({ median: 80000, count: 1 });
    const permanent = await database.db
      .selectFrom('market_weekly')
      .select(['annual_salary_count', 'annual_salary_median', 'day_rate_count'])
      .where('week', '=', W)
      .where('segment', '=', 'permanent')
      .executeTakeFirstOrThrow();
    expect(permanent).toEqual({
      annual_salary_count: 1,
      annual_salary_median: 80000,
      day_rate_count: 0,
    });
    // The analysts' view carries them too, after its published columns.
    const view = await database.db
      .selectFrom('trend_skill_rates' as 'skill_weekly')
      .select(['annual_salary_count', 'annual_salary_median'])
      .where('week', '=', W)
      .where('skill_id', '=', 'python')
      .where('segment', '=', 'all')
      .executeTakeFirstOrThrow();
    expect(view).toEqual({ annual_salary_count: 1, annual_salary_median: 80000 });
    // No rank 52 weeks before: the year-ago change is none, and the report says why.
    expect(report.overall.topSkills.every((s) => s.rankChange52w === null)).toBe(true);
    expect(report.methodology.weeksOfHistory).toBeGreaterThan(13);
    // By country and work mode (segment all, the market): GB holds 5 of the 8 postings.
    expect(report.market.breakdowns.country[0]).toMatchObject({
      value: 'GB',
      postings: 5,
      share: 5 / 8,
    });
    expect(report.market.breakdowns.workMode.map((b) => [b.value, b.postings])).toEqual([
      ['onsite', 7],
      ['remote', 1],
    ]);
    const md = renderMarkdown(report);
    expect(md).toContain('Median hourly rate 50 (50–50) – † from 1 rate.');
    expect(md).toContain(
      'Median annual salary 80,000 (80,000–80,000) – †, p10–p90 80,000–80,000, from 1 salary.',
    );
    expect(md).toMatch(/^\| GB \| 5 \| 62\.5% \| 500 \| 3 \|$/m);
    expect(md).toMatch(/^– : no figure\. The 13-week columns need 13 weeks/m);
    const page = renderHtml(report);
    expect(page).toContain('<h2>Where and how</h2>');
    expect(page).toContain(
      '<td>80,000<span class="small-sample" title="small sample">†</span> <span class="muted">(1)</span></td>',
    );
  });

  it('writes Markdown whose tables and text no skill name can break', () => {
    const md = renderMarkdown(report);
    expect(md.startsWith('# IT contract market, week 2026-W47\n')).toBe(true);
    expect(md).toContain('8 postings open (7 new), +100% on last week');
    expect(md).toContain(
      '| 1 | AWS | 5 † | 62.5% | +400% | – | – | 500 (450–550) – † | 420–580 | 3 | 50 † (1) | – |',
    );
    expect(md).toContain('## Cloud');
    // The hostile name is text: no raw tag, no new cell, no heading, no emphasis, no link.
    expect(md).not.toMatch(/(?<!\\)</); // every < escaped, so Markdown shows it as text
    expect(md).not.toMatch(/^# heading/m);
    const row = md.split('\n').find((l) => l.includes('onerror'));
    expect(row).toBeDefined();
    expect(row).toContain(
      '\\<img src=x onerror=alert(1)>\\|\\*\\*bold\\*\\* \\[link\\](http://x) \\# heading',
    );
    expect(row?.split(/(?<!\\)\|/).length).toBe(14); // 12 cells between 13 bars, as every row
  });

  it('carries the top skills of each section week by week, as skill_weekly holds them', async () => {
    expect(report.historyWeeks).toHaveLength(HISTORY_WEEKS);
    expect(report.historyWeeks.at(-1)).toBe(W);
    expect(report.historyWeeks[0]).toBe(addWeeks(W, -(HISTORY_WEEKS - 1)));
    expect(report.overall.history.map((h) => h.id)).toEqual(
      report.overall.topSkills.slice(0, 5).map((s) => s.id),
    );
    const stored = await database.db
      .selectFrom('skill_weekly')
      .select(['week', 'skill_id', 'postings'])
      .where('segment', '=', 'all')
      .where('week', 'in', report.historyWeeks)
      .execute();
    for (const line of [report.overall, ...report.categories].flatMap((s) => s.history)) {
      const expected = report.historyWeeks.map(
        (w) => stored.find((r) => r.week === w && r.skill_id === line.id)?.postings ?? 0,
      );
      expect(line.postings, line.id).toEqual(expected);
    }
    // aws: 1 posting open in W-1, 5 in W (the hand-worked market).
    expect(report.overall.history[0]?.postings.slice(-2)).toEqual([1, 5]);
  });

  it('writes HTML with one SVG point per week and skill, every name escaped, the same each time', () => {
    const page = renderHtml(report);
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toContain('<script');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(page).toContain(
      '<td>5<span class="small-sample" title="small sample">†</span></td><td>62.5%</td>',
    );
    const demand = page.slice(
      page.indexOf('data-chart="all-demand"'),
      page.indexOf('</svg>', page.indexOf('data-chart="all-demand"')),
    );
    // Every week of every charted skill is a point, zeros included.
    const points = demand.match(/ecmeta_ssr_type="chart"/g) ?? [];
    expect(points).toHaveLength(HISTORY_WEEKS * report.overall.history.length);
    const rates = page.slice(page.indexOf('data-chart="all-rates"'));
    const medians =
      rates
        .slice(0, rates.indexOf('</svg>'))
        .match(/ecmeta_series_index="2" ecmeta_data_index="\d+" ecmeta_ssr_type="chart"/g) ?? [];
    expect(medians).toHaveLength(report.overall.topSkills.filter((s) => s.dayRate).length);
    expect(new Set(page.match(/id="[^"]+"/g)).size).toBe(page.match(/id="[^"]+"/g)?.length);
    expect(renderHtml(report)).toBe(page);
  });

  it('stores one report per week and format, replaced when made again', async () => {
    await storeReport(database.db, W, 'md', renderMarkdown(report));
    await storeReport(database.db, W, 'md', 'again');
    await storeReport(database.db, W, 'json', JSON.stringify(report));
    const rows = await database.db
      .selectFrom('reports')
      .select(['format', 'content'])
      .where('week', '=', W)
      .orderBy('format')
      .execute();
    expect(rows.map((r) => r.format)).toEqual(['json', 'md']);
    expect(rows[1]?.content).toBe('again');
    expect(JSON.parse(rows[0]?.content as string)).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it("states the movers' rules of the settings it is given, the defaults without", async () => {
    expect(report.methodology).toMatchObject({
      moverMaxPValue: DEFAULT_TREND_SETTINGS.moversMaxPValue,
      moverMinSupport: DEFAULT_TREND_SETTINGS.moversMinSupport,
      moverMinWindowPostings: DEFAULT_TREND_SETTINGS.moversMinWindowPostings,
    });
    const rules = { moversMaxPValue: 0.01, moversMinSupport: 7, moversMinWindowPostings: 300 };
    const strict = await buildWeeklyReport(database.db, W, { ...DEFAULT_TREND_SETTINGS, ...rules });
    expect(strict.methodology).toMatchObject({
      moverMaxPValue: 0.01,
      moverMinSupport: 7,
      moverMinWindowPostings: 300,
    });
    expect(renderMarkdown(strict)).toContain('at least 300 new postings in all');
  });

  it('names a week that was not rolled up', async () => {
    await expect(buildWeeklyReport(database.db, '2030-01-07')).rejects.toThrow(
      WeekNotRolledUpError,
    );
    await expect(buildWeeklyReport(database.db, '2030-01-07')).rejects.toThrow(
      /week 2030-W02 \(2030-01-07\) has not been rolled up/,
    );
  });
});

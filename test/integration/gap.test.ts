import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildGapReport, parseSkillList, ReportError } from '../../src/report/gap.js';
import { renderGap } from '../../src/report/gap-render.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W } from '../helpers/trends.js';

/*
 * The hand-worked market of test/helpers/trends.ts. Over the 13 weeks to W, 11 canonical
 * postings are open (P6 folds into P1; A1 counts in 2025). python: Q1 Q2 Q3 P2 P4 (5);
 * aws: Q3 P1 P2 P3 P5 P7 (6); terraform: Q1 P1 P4 P8 (4). With python: terraform in Q1
 * and P4 (lift 2 x 11 / (5 x 4) = 1.1), aws in Q3 and P2 (lift 2 x 11 / (5 x 6) = 0.7333).
 */
describe.each(BACKENDS)('skill-gap report (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    await database.db
      .updateTable('skills')
      .set({ name: '<b>Terraform</b>' })
      .where('id', '=', 'terraform')
      .execute();
    const weeks = await weeksOf(database.db, { kind: 'all' });
    await rollupWeeks(database.db, weeks, {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
    });
  });
  afterAll(() => database?.drop());

  it('ranks adjacent skills by lift, growth and premium, and finds the nearest bundles', async () => {
    const report = await buildGapReport(database.db, { skills: ['Python'], minPostings: 1 });
    expect(report).toMatchObject({ week: W, label: '2026-W47', currency: 'GBP', category: null });
    // python in W: P2 and P4; one rate (P2, 500), which is the baseline.
    expect(report.skills).toEqual([
      {
        id: 'python',
        name: 'PYTHON',
        category: 'data',
        postings: 2,
        growth13w: null,
        dayRateMedian: 500,
        dayRateCount: 1,
      },
    ]);
    expect(report.baselineDayRate).toBe(500);
    expect(
      report.adjacent.map((a) => [
        a.id,
        Number(a.lift.toFixed(4)),
        a.share,
        a.pairedWith,
        a.postings,
      ]),
    ).toEqual([
      ['terraform', 1.1, 0.4, 'PYTHON', 3],
      ['aws', 0.7333, 0.4, 'PYTHON', 5],
    ]);
    // Rates on 1 and 3 postings: under the 5 a premium needs; score = log2(lift).
    expect(report.adjacent.map((a) => [a.ratePremium, Number(a.score.toFixed(4))])).toEqual([
      [null, 0.1375],
      [null, -0.4475],
    ]);
    // Postings asking for python: Q1 {python, terraform}, Q2, Q3 {python, aws}, P2 {aws,
    // python}, P4 {python, terraform}: two bundles of two postings, one missing skill each.
    expect(report.window).toEqual({ from: '2026-08-24', to: W, postings: 5 });
    expect(
      report.bundles.map((b) => [b.skills.map((s) => s.id), b.missing, b.postings, b.dayRateCount]),
    ).toEqual([
      [['python', 'aws'], ['aws'], 2, 1],
      [['python', 'terraform'], ['terraform'], 2, 0],
    ]);
  });

  it('keeps to a category, and asks for the pairs minimum of postings per bundle', async () => {
    const data = await buildGapReport(database.db, { skills: ['python'], category: 'data' });
    expect(data.adjacent).toEqual([]);
    const cloud = await buildGapReport(database.db, {
      skills: parseSkillList('python, aws ,python'),
    });
    expect(cloud.skills.map((s) => s.id)).toEqual(['python', 'aws']);
    // Both owned: splunk pairs with aws in P5 (lift 11 / 6 = 1.83); terraform keeps its
    // best lift, 1.1 with python (with aws, P1 only: 11 / 24).
    expect(cloud.adjacent.map((a) => [a.id, a.pairedWith, Number(a.lift.toFixed(4))])).toEqual([
      ['splunk', 'AWS', 1.8333],
      ['terraform', 'PYTHON', 1.1],
    ]);
    expect(cloud.bundles).toEqual([]); // no bundle reaches 3 postings
  });

  it('names what it cannot use', async () => {
    await expect(
      buildGapReport(database.db, { skills: ['python', 'cobol-on-mars'] }),
    ).rejects.toThrow(/no skill "cobol-on-mars" in the taxonomy/);
    await expect(
      buildGapReport(database.db, { skills: ['cobol-on-mars', 'python', 'fortran-in-space'] }),
    ).rejects.toThrow('no skills "cobol-on-mars", "fortran-in-space" in the taxonomy');
    await expect(
      buildGapReport(database.db, { skills: ['python'], category: 'gardening' }),
    ).rejects.toThrow(
      /no category "gardening": expected one of cloud, cybersecurity, data, languages/,
    );
    await expect(buildGapReport(database.db, { skills: [] })).rejects.toThrow(ReportError);
    await expect(
      buildGapReport(database.db, { skills: ['python'], week: '2030-01-07' }),
    ).rejects.toThrow(/week 2030-W02 \(2030-01-07\) has not been rolled up/);
  });

  it('renders text, HTML and JSON with every name escaped where it matters', async () => {
    const report = await buildGapReport(database.db, { skills: ['python'], minPostings: 1 });
    const text = renderGap(report, 'text');
    // On 3 postings and 1 rate: both marked, and the mark explained.
    expect(text).toMatch(/^<b>Terraform<\/b>\s+1\.1\s+PYTHON\s+3 †\s+–\s+400 †\s+–\s+0\.14$/m);
    expect(text).toMatch(/^PYTHON \+ AWS\s+AWS\s+2 †\s+–$/m);
    expect(text).toContain('† : fewer than 10 postings or 5 day rates.');
    const page = renderGap(report, 'html');
    expect(page).not.toContain('<b>Terraform');
    expect(page).toContain('&lt;b&gt;Terraform&lt;/b&gt;');
    expect(JSON.parse(renderGap(report, 'json'))).toEqual(JSON.parse(JSON.stringify(report)));
  });
});

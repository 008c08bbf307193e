import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { renderHtml } from '../../src/report/html.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import type { WeeklyReport } from '../../src/report/weekly-model.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { addWeeks } from '../../src/trends/weeks.js';
import { seedCareerMarket } from '../helpers/career.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W, type TrendPosting } from '../helpers/trends.js';

const HOSTILE = '<script>alert(1)</script>|**Cloud**';
const OPTIONS = { currency: 'GBP', settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 } };

describe.each(BACKENDS)("the weekly report's roles (%s)", (backend) => {
  let database: TestDatabase;
  let report: WeeklyReport;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    await database.db
      .updateTable('roles')
      .set({ name: HOSTILE })
      .where('id', '=', 'cloud-engineer')
      .execute();
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), OPTIONS);
    report = await buildWeeklyReport(database.db, W);
  });
  afterAll(() => database?.drop());

  it('lists the roles of the week as the hand-worked market has them', () => {
    // In W: P1, P2, P3 and P7 are cloud engineers (P6, a devops engineer, duplicates P1
    // and counts through it); L1 and P4 data engineers; of 8 postings open.
    const roles = report.roles!;
    expect(roles.topByDemand.map((r) => [r.id, r.rank, r.postings, r.share])).toEqual([
      ['cloud-engineer', 1, 4, 0.5],
      ['data-engineer', 2, 2, 0.25],
    ]);
    const [cloud, data] = roles.topByDemand;
    // Day rates 400, 500 and 600 (P7's is excluded); years asked 3, 5 and 4 (P3 none).
    // Years are read over the 13 weeks to W, which add data-engineer's Q1 (1 year, W-1)
    // to P4's 2.
    expect(roles.window).toEqual({ week: W, weeks: 13 });
    expect(cloud).toMatchObject({ name: HOSTILE, category: 'cloud', experienceYears: 4 });
    expect(cloud!.dayRate).toMatchObject({ p25: 450, median: 500, p75: 550, count: 3 });
    expect(cloud!.smallSample).toBe(true);
    expect(data).toMatchObject({ dayRate: null, experienceYears: 1.5 });
    // Three rates, in the week and in the window, are under MIN_RATES (5): no role is
    // listed as best paid.
    expect(roles.topByRate).toEqual([]);
    // No postings in the 13 weeks before: no role can be judged a mover.
    expect(roles.risers).toEqual([]);
    expect(roles.fallers).toEqual([]);
  });

  it("reads an older week's pay and years in the week itself: no window was counted for it", async () => {
    const older = await buildWeeklyReport(database.db, addWeeks(W, -1));
    // W-1: data-engineer Q1 (1 year) and L1 (none).
    expect(older.roles!.window).toBeNull();
    expect(older.roles!.topByDemand.map((r) => [r.id, r.experienceYears])).toEqual([
      ['data-engineer', 1],
    ]);
    expect(renderMarkdown(older)).toContain('no role has enough rates this week');
  });

  it('renders them escaped in Markdown and HTML', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('## Roles');
    const row = md.split('\n').find((l) => l.includes('alert(1)'))!;
    expect(row).toContain('\\<script>alert(1)\\</script>\\|\\*\\*Cloud');
    expect(row.split(/(?<!\\)\|/).length).toBe(14);
    expect(md).toContain('no role has enough rates over the 13 weeks to 2026-W47');
    expect(md).toMatch(/\*\*Experience asked\*\* over the 13 weeks to 2026-W47 \(median years\): .*\(4 years\), Role data-engineer \(1.5 years\)\./); // prettier-ignore
    const page = renderHtml(report);
    expect(page).toContain('<section id="roles">');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });
});

describe.each(BACKENDS)("the report's best-paid roles over the window (%s)", (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedCareerMarket(database.db);
  });
  afterAll(() => database?.drop());

  it('lists the roles with 5 day rates or more in the window, best paid first', async () => {
    const report = await buildWeeklyReport(database.db, W);
    // devops-engineer: 700, 800, 900, 750, 850; cloud-engineer: 400, 500, 600, 500, 500.
    expect(
      report.roles!.topByRate.map((r) => [r.id, r.postings, r.dayRate.median, r.dayRate.p25]),
    ).toEqual([
      ['devops-engineer', 5, 800, 750],
      ['cloud-engineer', 6, 500, 500],
    ]);
    expect(renderMarkdown(report)).toMatch(/\*\*Best paid\*\* over the 13 weeks to 2026-W47 .*800 \(750–850, 5 rates\)/); // prettier-ignore
  });
});

describe.each(BACKENDS)('role risers and fallers (%s)', (backend) => {
  let database: TestDatabase;

  // Before (W-20): 1 data engineer, 5 cloud engineers and 9 postings of no role (15);
  // now (W): 6 data engineers and 4 of no role (10). Data engineers: 1/15 → 6/10,
  // z = 2.91, p = 0.004, rising; cloud engineers: 5/15 → 0/10, z = -2.04, p = 0.041,
  // falling, supported by their 5 postings before.
  const before = addWeeks(W, -20);
  const posting = (key: string, week: string, role?: string): TrendPosting => ({
    key,
    posted: week,
    firstSeen: week,
    contract: 'contract',
    skills: ['aws'],
    ...(role ? { role } : {}),
  });
  const market = [
    posting('b-data', before, 'data-engineer'),
    ...Array.from({ length: 5 }, (_, i) => posting(`b-cloud-${i}`, before, 'cloud-engineer')),
    ...Array.from({ length: 9 }, (_, i) => posting(`b-none-${i}`, before)),
    ...Array.from({ length: 6 }, (_, i) => posting(`n-data-${i}`, W, 'data-engineer')),
    ...Array.from({ length: 4 }, (_, i) => posting(`n-none-${i}`, W)),
  ];
  const settings = {
    ...DEFAULT_TREND_SETTINGS,
    moversMinWindowPostings: 10,
    moversMinSupport: 5,
  };

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, market);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), OPTIONS);
  });
  afterAll(() => database?.drop());

  it('judges roles as the skills are: support on each side and the z-test', async () => {
    const { roles } = await buildWeeklyReport(database.db, W, settings);
    expect(roles!.risers.map((m) => [m.id, m.postingsBefore, m.postingsNow])).toEqual([
      ['data-engineer', 1, 6],
    ]);
    expect(roles!.risers[0]!.pValue).toBeCloseTo(0.0036, 3);
    expect(roles!.fallers.map((m) => [m.id, m.postingsBefore, m.postingsNow])).toEqual([
      ['cloud-engineer', 5, 0],
    ]);
    // Asking 6 postings of the side moved to leaves the riser out; 100 of each window, all.
    const stricter = await buildWeeklyReport(database.db, W, { ...settings, moversMinSupport: 7 });
    expect(stricter.roles!.risers).toEqual([]);
    const defaults = await buildWeeklyReport(database.db, W);
    expect([...defaults.roles!.risers, ...defaults.roles!.fallers]).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCareerPlan } from '../../src/career/plan.js';
import { readCareerMarket, withRelatedSkills } from '../../src/career/read.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { weeksBetween } from '../../src/trends/weeks.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W, W1 } from '../helpers/trends.js';

/*
 * The planner's market read from tables the rollup wrote, on the hand-worked market of
 * test/helpers/trends.ts. In W (segment all, 8 postings): cloud-engineer P1 (400/day,
 * aws terraform, 3 years), P2 (500, aws python, 5 years), P3 (600, aws), P7 (aws, rate
 * excluded, 4 years); data-engineer L1 (kafka) and P4 (python terraform, 2 years). Rates,
 * years and profiles are read over the 13 weeks to W, which add data-engineer's Q1
 * (python terraform, 1 year, in W-1). With profiles of 2 postings or more,
 * cloud-engineer's is aws (4 of 4), data-engineer's python and terraform (2 of 3).
 * The oldest posting (A1) dates from June 2025: the series start with its week.
 */
const SETTINGS = { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 2 };

describe.each(BACKENDS)("the career planner's read (%s)", (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
      settings: SETTINGS,
    });
  });
  afterAll(() => database?.drop());

  it('reads the roles of the week with their rates, profile, years and series', async () => {
    const market = await readCareerMarket(database.db, W);
    expect(market.week).toBe(W);
    expect(market.currency).toBe('GBP');
    // From the week of A1 (posted 2025-06-03) to W.
    expect(market.weeks).toEqual(weeksBetween('2025-06-02', W));
    expect(market.marketPostings.at(-1)).toBe(8);
    // devops-engineer's only posting (P6) is a duplicate: listed, with no postings.
    expect(market.roles.map((r) => [r.id, r.postings])).toEqual([
      ['cloud-engineer', 4],
      ['data-engineer', 2],
      ['devops-engineer', 0],
    ]);
    const [cloud, data] = market.roles;
    expect(cloud).toMatchObject({
      category: 'cloud',
      postings: 4,
      windowPostings: 4,
      dayRateMedian: 500,
      dayRateP25: 450,
      dayRateP75: 550,
      dayRateCount: 3,
      experienceYearsMedian: 4,
      growth13w: null,
      profile: [{ id: 'aws', name: 'AWS', certification: false, share: 1 }],
    });
    expect(cloud!.demand.at(-1)).toBe(4);
    expect(cloud!.demand.at(-2)).toBe(0);
    expect(data).toMatchObject({ postings: 2, windowPostings: 3, experienceYearsMedian: 1.5 });
    expect(data!.profile.map((i) => [i.id, i.share])).toEqual([
      ['python', 2 / 3],
      ['terraform', 2 / 3],
    ]);
    expect(market.window).toEqual({ week: W, weeks: 13 });
    // data-engineer: L1 open W-2..W, Q1 in W-1.
    expect(data!.demand.slice(-3)).toEqual([1, 2, 2]);
    expect(market.weeks.at(-2)).toBe(W1);
  });

  it("reads every skill's series and rates, and the related skills of those asked", async () => {
    const market = await withRelatedSkills(database.db, await readCareerMarket(database.db, W), [
      'aws',
      'no-such-skill',
    ]);
    const aws = market.skills.aws!;
    // aws in W: P1, P2, P3, P5, P7 (P6 is P1's duplicate).
    expect(aws.postings).toBe(5);
    expect(aws.demand.at(-1)).toBe(5);
    expect(aws.demand).toHaveLength(market.weeks.length);
    expect(aws.rates.at(-1)).toBe(500);
    expect(aws.related.map((r) => r.id)).toContain('terraform');
    // The pairs of a week are read for the skills asked only.
    expect(market.skills.terraform!.related).toEqual([]);
  });

  it("plans from it: cloud-engineer's median is on 3 rates, so aws fetches its own median", async () => {
    const market = await readCareerMarket(database.db, W);
    const plan = buildCareerPlan(market, { skills: ['aws'], certs: [], years: 2 });
    // aws's rates in W: 400, 500, 600.
    expect(plan.currentRate).toEqual({ dayRate: 500, basis: 'skills', roles: [] });
    expect(plan.roles).toEqual([]);
  });
});

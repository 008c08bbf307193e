import { describe, expect, it } from 'vitest';
import { betterPaidRoles } from '../../src/career/fit.js';
import type { CareerMarket, RoleMarket } from '../../src/career/market.js';
import { GROWTH_WINDOW_WEEKS, windowGrowth } from '../../src/career/read.js';

/*
 * What the planner reads over windows of weeks, not single weeks: a role's growth, and
 * its rates, which rest on enough postings only over a window.
 */

describe('windowGrowth', () => {
  const weeks = (n: number, value: (t: number) => number) =>
    Array.from({ length: n }, (_, t) => value(t));

  it('compares the postings of the last 13 weeks with the 13 weeks ending 13 weeks before', () => {
    expect(GROWTH_WINDOW_WEEKS).toBe(13);
    // 26 weeks: 2 a week, then 3 a week: 39 / 26 - 1 = 0.5.
    expect(
      windowGrowth(
        weeks(26, (t) => (t < 13 ? 2 : 3)),
        13,
      ),
    ).toBeCloseTo(0.5, 12);
    // One stray week of 0 or 9 among them moves a sum of 13 weeks, not a ratio of two weeks.
    const jagged = weeks(26, (t) => (t === 25 ? 9 : t === 12 ? 0 : 3));
    expect(windowGrowth(jagged, 13)).toBeCloseTo((12 * 3 + 9) / (12 * 3) - 1, 12);
  });

  it('compares with the same 13 weeks a year before for 52 weeks', () => {
    // 65 weeks: the 13 weeks ending 52 weeks before the last (weeks 0..12) have 1 a week.
    const series = weeks(65, (t) => (t <= 12 ? 1 : 4));
    expect(windowGrowth(series, 52)).toBeCloseTo(3, 12);
  });

  it('has no growth without the whole earlier window or without postings in it', () => {
    expect(
      windowGrowth(
        weeks(25, () => 3),
        13,
      ),
    ).toBeNull();
    expect(
      windowGrowth(
        weeks(26, (t) => (t < 13 ? 0 : 5)),
        13,
      ),
    ).toBeNull();
    expect(
      windowGrowth(
        weeks(64, () => 1),
        52,
      ),
    ).toBeNull();
  });
});

describe('betterPaidRoles', () => {
  const role = (id: string, dayRateMedian: number, dayRateCount: number): RoleMarket => ({
    id,
    name: id,
    category: 'cloud',
    aliases: [],
    postings: 2,
    windowPostings: 20,
    growth13w: null,
    growth52w: null,
    dayRateMedian,
    dayRateP25: null,
    dayRateP75: null,
    dayRateCount,
    profile: [{ id: 'aws', name: 'AWS', certification: false, share: 1 }],
    experienceYearsMedian: null,
    demand: [2],
  });
  const market: CareerMarket = {
    week: '2026-11-16',
    window: { week: '2026-11-16', weeks: 13 },
    currency: 'GBP',
    weeks: ['2026-11-16'],
    marketPostings: [100],
    roles: [role('five-rates', 700, 5), role('four-rates', 900, 4)],
    skills: {},
  };

  it('leaves out a role whose median rests on fewer than 5 day rates', () => {
    const ranked = betterPaidRoles(market, { skills: ['aws'], certs: [], years: null }, 500);
    expect(ranked.map((r) => [r.id, r.postings, r.windowPostings])).toEqual([
      ['five-rates', 2, 20],
    ]);
  });
});

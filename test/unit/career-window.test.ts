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

  it('compares the postings of the last 8 weeks with the 8 weeks ending 13 weeks before', () => {
    expect(GROWTH_WINDOW_WEEKS).toBe(8);
    // 21 weeks (0..20): the last 8 (13..20) have 3 a week, weeks 0..7 have 2: 24 / 16 - 1.
    // Weeks 8..12, between the two sides, count on neither.
    const series = weeks(21, (t) => (t <= 7 ? 2 : t <= 12 ? 100 : 3));
    expect(windowGrowth(series, 13)).toBeCloseTo(0.5, 12);
    // One stray week of 0 or 9 moves a sum of 8 weeks, not a ratio of two single weeks.
    const jagged = weeks(21, (t) => (t === 20 ? 9 : t === 7 ? 0 : 3));
    expect(windowGrowth(jagged, 13)).toBeCloseTo((7 * 3 + 9) / (7 * 3) - 1, 12);
  });

  it('compares with the 8 weeks ending a year before for 52 weeks', () => {
    // 60 weeks (0..59): the 8 weeks ending 52 weeks before the last (0..7) have 1 a week.
    const series = weeks(60, (t) => (t <= 7 ? 1 : 4));
    expect(windowGrowth(series, 52)).toBeCloseTo(3, 12);
  });

  it('has no growth without the whole earlier window or without postings in it', () => {
    expect(
      windowGrowth(
        weeks(20, () => 3),
        13,
      ),
    ).toBeNull();
    expect(
      windowGrowth(
        weeks(21, (t) => (t < 8 ? 0 : 5)),
        13,
      ),
    ).toBeNull();
    expect(
      windowGrowth(
        weeks(59, () => 1),
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

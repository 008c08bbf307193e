import { describe, expect, it } from 'vitest';
import { criticalZ, rankMovers } from '../../src/trends/movers.js';
import { sparkline } from '../../src/trends/sparkline.js';
import { erfc, twoProportionZ, twoSidedP } from '../../src/trends/statistics.js';
import { addWeeks, parseWeek, weekLabel, weekNumber, weekOf, weekOfNumber, weeksBetween } from '../../src/trends/weeks.js'; // prettier-ignore

describe('ISO weeks', () => {
  it('gives the Monday of a date in UTC, whatever the weekday', () => {
    expect(weekOf(new Date('2026-11-16T00:00:00Z'))).toBe('2026-11-16'); // Monday
    expect(weekOf(new Date('2026-11-22T23:59:59Z'))).toBe('2026-11-16'); // Sunday night
    expect(weekOf(new Date('2026-11-23T00:00:00Z'))).toBe('2026-11-23');
    expect(weekOf(new Date('1970-01-01T12:00:00Z'))).toBe('1969-12-29'); // a Thursday
  });

  it('numbers weeks from the first Monday of 1970, one apart', () => {
    expect(weekNumber('1970-01-05')).toBe(0);
    expect(weekNumber('1969-12-29')).toBe(-1);
    expect(weekNumber('2026-11-23') - weekNumber('2026-11-16')).toBe(1);
    expect(weekOfNumber(weekNumber('2026-11-16'))).toBe('2026-11-16');
    expect(weekOfNumber(weekNumber('2020-12-28') + 1)).toBe('2021-01-04');
  });

  it('labels weeks by ISO year, which can differ from the calendar year', () => {
    expect(weekLabel('2026-11-16')).toBe('2026-W47');
    expect(weekLabel('2024-12-30')).toBe('2025-W01'); // Monday of 2025's first week
    expect(weekLabel('2020-12-28')).toBe('2020-W53');
    expect(weekLabel('2027-01-04')).toBe('2027-W01');
  });

  it('reads weeks as ISO labels or as any date in them', () => {
    expect(parseWeek('2026-W47')).toBe('2026-11-16');
    expect(parseWeek('2025-W01')).toBe('2024-12-30');
    expect(parseWeek('2026-11-19')).toBe('2026-11-16');
    expect(() => parseWeek('2026-W54')).toThrow(/not a week of 2026/);
    expect(() => parseWeek('2026-W00')).toThrow(/not a week of 2026/);
    expect(() => parseWeek('2026-02-30')).toThrow(/2026-W47/);
    expect(() => parseWeek('last week')).toThrow(/"last week" is not a week/);
  });

  it('steps and spans weeks', () => {
    expect(addWeeks('2026-11-16', -52)).toBe('2025-11-17');
    expect(weeksBetween('2026-12-21', '2027-01-04')).toEqual(['2026-12-21', '2026-12-28', '2027-01-04']); // prettier-ignore
    expect(weeksBetween('2026-11-16', '2026-11-09')).toEqual([]);
  });
});

describe('significance', () => {
  it('computes the pooled two-proportion z', () => {
    // 30/100 against 10/100: pooled 0.2, se = sqrt(0.2 * 0.8 * 0.02) = 0.056569.
    expect(twoProportionZ(30, 100, 10, 100)).toBeCloseTo(3.535534, 6);
    expect(twoProportionZ(10, 100, 30, 100)).toBeCloseTo(-3.535534, 6);
    expect(twoProportionZ(5, 0, 1, 10)).toBe(0);
    expect(twoProportionZ(10, 10, 10, 10)).toBe(0); // in every posting: no variance
  });

  it('gives two-sided normal p-values', () => {
    expect(twoSidedP(0)).toBeCloseTo(1, 6);
    expect(twoSidedP(1.959964)).toBeCloseTo(0.05, 6);
    expect(twoSidedP(-2.575829)).toBeCloseTo(0.01, 6);
    expect(twoSidedP(3.290527)).toBeCloseTo(0.001, 7);
    expect(erfc(-1)).toBeCloseTo(2 - 0.157299207, 7);
    expect(criticalZ(0.05)).toBeCloseTo(1.959964, 5);
  });

  it('keeps only significant moves and ranks them by |z| per direction', () => {
    const base = { week: '2026-11-16', window_weeks: 4, segment: 'all' as const, n_now: 100, n_before: 100 }; // prettier-ignore
    const movers = rankMovers(
      [
        { ...base, skill_id: 'a', x_now: 30, x_before: 10, z: 3.54 },
        { ...base, skill_id: 'b', x_now: 25, x_before: 10, z: 2.7 },
        { ...base, skill_id: 'c', x_now: 12, x_before: 10, z: 0.45 },
        { ...base, skill_id: 'd', x_now: 2, x_before: 12, z: -2.85 },
      ],
      0.05,
    );
    expect(movers.map((m) => [m.skill_id, m.direction, m.rank])).toEqual([
      ['d', 'falling', 1],
      ['a', 'rising', 1],
      ['b', 'rising', 2],
    ]);
  });
});

describe('sparkline', () => {
  it('scales from the lowest to the highest value, gaps as spaces', () => {
    expect(sparkline([0, 7, 14])).toBe('▁▅█');
    expect(sparkline([3, 3])).toBe('▁▁');
    expect(sparkline([null, 1, null, 2])).toBe(' ▁ █');
    expect(sparkline([null])).toBe(' ');
  });
});

import { describe, expect, it } from 'vitest';
import { ColumnReader, Dictionary } from '../../src/trends/columns.js';
import { criticalZ, rankMovers } from '../../src/trends/movers.js';
import { sparkline } from '../../src/trends/sparkline.js';
import { erfc, median, twoProportionZ, twoSidedP } from '../../src/trends/statistics.js';
import {
  addWeeks,
  parseWeek,
  weekLabel,
  weekNumber,
  weekOf,
  weekOfNumber,
  weeksBetween,
} from '../../src/trends/weeks.js';

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
    expect(weeksBetween('2026-12-21', '2027-01-04')).toEqual([
      '2026-12-21',
      '2026-12-28',
      '2027-01-04',
    ]);
    expect(weeksBetween('2026-11-16', '2026-11-09')).toEqual([]);
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the middle two, and none of no values', () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
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
    const base = {
      week: '2026-11-16',
      window_weeks: 4,
      segment: 'all' as const,
      n_now: 100,
      n_before: 100,
    };
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

describe('aggregated columns', () => {
  const SEP = '\x1f';

  it('reads integers, numbers and dictionary codes in place', () => {
    const ids = new ColumnReader(['12', '-3', '0'].join(SEP), 3, 'id');
    expect([ids.int(), ids.int(), ids.int()]).toEqual([12, -3, 0]);
    ids.done();
    const rates = new ColumnReader(['523.5', '', '1e-7'].join(SEP), 3, 'rate');
    expect([rates.number(), rates.number(), rates.number()]).toEqual([523.5, Number.NaN, 1e-7]);
    const countries = new Dictionary(['GB']);
    const names = new ColumnReader(['DE', 'GB', 'DE', ''].join(SEP), 4, 'country');
    expect([1, 2, 3, 4].map(() => names.code(countries))).toEqual([1, 0, 1, 2]);
    expect(countries.values).toEqual(['GB', 'DE', '']);
  });

  it('reads lists of codes, an empty value holding none', () => {
    const skills = new Dictionary(['aws', 'python']);
    const lists = new ColumnReader(['python\x1eaws\x1ego', '', 'go'].join(SEP), 3, 'skills');
    const read = () => {
      const codes: number[] = [];
      lists.codes(skills, '\x1e', (c) => codes.push(c));
      return codes;
    };
    expect([read(), read(), read()]).toEqual([[1, 0, 2], [], [2]]);
    lists.done();
  });

  it('names the column when a value holds the separator or is not a number', () => {
    // A country holding U+001F reads as one value too many.
    const names = new ColumnReader(['GB', 'D\x1fE'].join(SEP), 2, "a posting's country");
    const dictionary = new Dictionary();
    names.code(dictionary);
    names.code(dictionary);
    expect(() => names.done()).toThrow(
      /a posting's country contains the control character U\+001F/,
    );
    const ids = new ColumnReader(['1', 'x'].join(SEP), 2, 'id');
    ids.int();
    expect(() => ids.int()).toThrow(/id contains/);
    expect(
      () => new ColumnReader('1', 1, 'id').int() + new ColumnReader('', 0, 'id').int(),
    ).toThrow(/id contains/);
  });

  it('keeps codes as the dictionary grows', () => {
    const dictionary = new Dictionary();
    const words = Array.from({ length: 5000 }, (_, i) => `skill-${i * 7919}`);
    const codes = words.map((w) => dictionary.of(w));
    expect(codes).toEqual(words.map((_, i) => i));
    const text = words.join(',');
    let at = 0;
    for (const [i, word] of words.entries()) {
      expect(dictionary.ofSlice(text, at, at + word.length)).toBe(i);
      at += word.length + 1;
    }
    expect(dictionary.values).toHaveLength(5000);
  });

  it('tells apart values of one length that differ only where the slot is not picked', () => {
    // The slot comes from the length and four characters (first, last, middle, quarter):
    // these share all of them, and differ elsewhere.
    const dictionary = new Dictionary();
    const words = ['a0b0c0d0z', 'a1b0c1d0z', 'a0b1c0d1z', 'a1b1c1d1z', 'a2b0c2d0z'];
    expect(words.map((w) => dictionary.of(w))).toEqual([0, 1, 2, 3, 4]);
    const text = `x${words.join('')}`;
    expect(
      words.map((w, i) => dictionary.ofSlice(text, 1 + i * w.length, 1 + (i + 1) * w.length)),
    ).toEqual([0, 1, 2, 3, 4]);
    expect(dictionary.of('a0b0c0d0y')).toBe(5);
  });
});

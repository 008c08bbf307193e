import { describe, expect, it } from 'vitest';
import { histogramMedian, YEAR_SLOTS } from '../../src/trends/role-figures.js';
import { percentile } from '../../src/trends/tally.js';

/*
 * role_weekly's experience_years_median is counted as a histogram of whole years: it must
 * be the median percentile() gives of the same years sorted, for odd and even counts.
 */
describe('the median years of a histogram', () => {
  const median = (years: number[]) => {
    const histogram = new Int32Array(2 * YEAR_SLOTS);
    // The second group of the histogram, to read at an offset.
    for (const y of years) histogram[YEAR_SLOTS + y] = (histogram[YEAR_SLOTS + y] as number) + 1;
    return histogramMedian(histogram, YEAR_SLOTS, years.length);
  };

  it('is the middle year, or the mean of the two middle ones', () => {
    expect(median([4])).toBe(4);
    expect(median([5, 3, 4])).toBe(4);
    expect(median([2, 3])).toBe(2.5);
    expect(median([0, 0, 7, 10])).toBe(3.5);
    expect(median([1, 1, 1, 9])).toBe(1);
  });

  it('equals the sorted values percentile for many random sets', () => {
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
    for (let run = 0; run < 200; run += 1) {
      const years = Array.from({ length: 1 + Math.floor(next() * 30) }, () =>
        Math.floor(next() * 16),
      );
      const sorted = Float64Array.from(years).sort();
      expect(median(years)).toBe(percentile(sorted, 0, sorted.length, 0.5));
    }
  });
});

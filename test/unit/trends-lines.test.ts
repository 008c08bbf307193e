import { describe, expect, it } from 'vitest';
import {
  breakdownLines,
  footnotes,
  summaryLines,
  weekTable,
  type TrendWeek,
} from '../../src/cli/commands/trends-lines.js';
import type { RateFigures } from '../../src/trends/skill-rates.js';

const NONE: RateFigures = { count: 0, p10: null, p25: null, median: null, p75: null, p90: null };

function week(date: string, postings: number, day: RateFigures = NONE): TrendWeek {
  return {
    demand: {
      week: date,
      postings,
      share: postings / 100,
      rank: postings > 0 ? 3 : null,
      rank_change_1w: postings > 0 ? -1 : null,
      postings_change_13w: null,
      new_postings_13w: null,
      currency: 'GBP',
      day_rate_count: day.count,
      day_rate_p10: day.p10,
      day_rate_p25: day.p25,
      day_rate_median: day.median,
      day_rate_p75: day.p75,
      day_rate_p90: day.p90,
    },
    rates:
      postings > 0
        ? { week: date, rankChange52w: 4, dayRate: day, hourlyRate: NONE, annualSalary: NONE }
        : undefined,
  };
}

const RATES: RateFigures = {
  count: 7,
  p10: 401.25,
  p25: 437.5,
  median: 512.49,
  p75: 587.5,
  p90: 1250.5,
};
const WEEKS = [week('2026-11-02', 0), week('2026-11-09', 12, RATES), week('2026-11-16', 0)];

describe('skillpulse trends lines', () => {
  it('rounds rates to whole units, as the report does', () => {
    const text = [...summaryLines(WEEKS), ...weekTable(WEEKS)].join('\n');
    expect(text).not.toMatch(/\d\.\d\d/); // shares have one decimal, rates none
    expect(weekTable(WEEKS)[1]).toMatch(
      /^2026-W46 +12 +12\.0% +3 +−1 +\+4 +512 \(438–588\) +401–1,251 +7$/,
    );
  });

  it('writes negative figures with the minus sign, as the report does, never a hyphen', () => {
    const falling = WEEKS.map((w) => ({
      ...w,
      demand: { ...w.demand, postings_change_13w: -0.25 },
      rates: w.rates && { ...w.rates, rankChange52w: -3 },
    }));
    const text = [...summaryLines(falling.slice(0, 2)), ...weekTable(falling)].join('\n');
    expect(text).toContain('rank change on a year ago −3, 13-week change −25%');
    expect(weekTable(falling)[1]).toMatch(/ −1 +−3 /);
    expect(text).not.toMatch(/(^|\s)-\d/m);
  });

  it('prints only the weeks with postings and says how many were left out', () => {
    expect(weekTable(WEEKS)).toHaveLength(2);
    expect(footnotes(WEEKS, '2026-11-16')[0]).toBe(
      '1 of the 3 weeks to 2026-W47 have postings; the others are left out (--weeks looks further back).',
    );
    expect(footnotes(WEEKS, '2026-11-16')[1]).toMatch(/^– : no figure\./);
  });

  it('shows hourly and salary columns only when some week quotes them', () => {
    expect(weekTable(WEEKS)[0]).not.toMatch(/hourly|salary/);
    const salaried = WEEKS.map((w) =>
      w.rates ? { ...w, rates: { ...w.rates, annualSalary: { ...RATES, median: 85000.4 } } } : w,
    );
    expect(weekTable(salaried)[0]).toMatch(/ salary$/);
    expect(weekTable(salaried)[1]).toMatch(/ 85,000 \(7\)$/);
    expect(summaryLines(salaried.slice(0, 2)).join('\n')).toMatch(
      /^salary {5}▁ {2}median 85,000 GBP \(p10 401, p25 438, p75 588, p90 1,251; 7 salaries\)$/m,
    );
    const one = salaried.map((w) =>
      w.rates ? { ...w, rates: { ...w.rates, annualSalary: { ...RATES, count: 1 } } } : w,
    );
    expect(summaryLines(one.slice(0, 2)).at(-1)).toMatch(/; 1 salary\)$/);
    // The newest week without postings quotes nothing, and says so.
    expect(summaryLines(salaried).at(-1)).toBe('salary     ▁   no salaries quoted in 2026-W47');
  });

  it('breaks the newest week down by country and work mode, the rest summed up', () => {
    const line = (value: string, postings: number, ofScope: number) => ({
      value,
      postings,
      ofScope,
      share: 0.5,
      dayRateMedian: null,
      dayRateCount: 0,
    });
    const country = ['US', 'GB', 'DE', 'FR', 'NL', 'CA', 'IE'].map((value, i) =>
      line(value, 7 - i, (7 - i) / 28),
    );
    const breakdowns = { country, work_mode: [line('remote', 28, 1)] };
    expect(breakdownLines(breakdowns, '2026-11-16')).toEqual([
      'countries 2026-W47: US 7 (25%), GB 6 (21%), DE 5 (18%), FR 4 (14%), NL 3 (11%), 2 others 3',
      'work mode 2026-W47: remote 28 (100%)',
    ]);
    expect(breakdownLines({ country: [], work_mode: [] }, '2026-11-16')).toEqual([]);
  });

  it('says "not stated" where postings name no country or work mode, as the report does', () => {
    const line = (value: string, postings: number, ofScope: number) => ({
      value,
      postings,
      ofScope,
      share: 0.5,
      dayRateMedian: null,
      dayRateCount: 0,
    });
    const breakdowns = {
      country: [line('unknown', 3, 0.75), line('GB', 1, 0.25)],
      work_mode: [line('onsite', 4, 1)],
    };
    expect(breakdownLines(breakdowns, '2026-11-16')).toEqual([
      'countries 2026-W47: not stated 3 (75%), GB 1 (25%)',
      'work mode 2026-W47: on site 4 (100%)',
    ]);
  });
});

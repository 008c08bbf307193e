import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_SETTINGS } from '../../src/config/settings.js';
import { parseFxCsv } from '../../src/normalize/fx-import.js';
import { FxTable, normalizePay, ratesDisagree } from '../../src/normalize/money.js';
import { parseRate, parseStructuredRate, type ParsedRate } from '../../src/normalize/rate.js';

const fx = new FxTable([
  { currency: 'GBP', rate_date: '2025-01-01', per_usd: 0.8 },
  { currency: 'GBP', rate_date: '2026-01-01', per_usd: 0.75 },
  { currency: 'EUR', rate_date: '2026-01-01', per_usd: 0.9 },
]);
const context = (overrides: Partial<Parameters<typeof normalizePay>[1]> = {}) => ({
  date: '2026-06-01',
  fallbackCurrency: null,
  reportCurrency: 'USD',
  fx,
  settings: DEFAULT_RATE_SETTINGS,
  ...overrides,
});
const rate = (text: string) => parseRate(text) as ParsedRate;

describe('FxTable', () => {
  it('uses the rate in force on the date, else the earliest', () => {
    expect(fx.perUsd('GBP', '2025-06-30')).toBe(0.8);
    expect(fx.perUsd('GBP', '2026-01-01')).toBe(0.75);
    expect(fx.perUsd('GBP', '2020-01-01')).toBe(0.8);
    expect(fx.perUsd('USD', '2020-01-01')).toBe(1);
    expect(fx.perUsd('XYZ', '2026-01-01')).toBeNull();
    expect(fx.convert(75, 'GBP', 'EUR', '2026-02-01')).toBeCloseTo(90);
  });
});

describe('normalizePay', () => {
  it('converts a day rate at the rate of its date', () => {
    expect(normalizePay(rate('£450-500/day'), context())).toEqual({
      normalizedCurrency: 'USD',
      dayRate: 633.33,
      hourlyRate: null,
      annualSalary: null,
      excludedReason: null,
    });
    expect(normalizePay(rate('£450-500/day'), context({ date: '2025-03-01' })).dayRate).toBe(
      593.75,
    );
  });

  it('keeps hourly and day rates apart', () => {
    const hourly = normalizePay(rate('$85/hr'), context());
    expect(hourly).toMatchObject({ hourlyRate: 85, dayRate: null });
  });

  it('turns weekly and monthly figures into day rates by the configured factors', () => {
    expect(normalizePay(rate('$2,500 per week'), context()).dayRate).toBe(500);
    expect(normalizePay(rate('$10,500 per month'), context()).dayRate).toBe(500);
    const settings = { ...DEFAULT_RATE_SETTINGS, daysPerMonth: 20 };
    expect(normalizePay(rate('$10,500 per month'), context({ settings })).dayRate).toBe(525);
  });

  it('reports salaries in the report currency', () => {
    expect(
      normalizePay(rate('€90,000 per year'), context({ reportCurrency: 'GBP' })),
    ).toMatchObject({
      normalizedCurrency: 'GBP',
      annualSalary: 75000,
    });
  });

  it('keeps implausible figures, with the reason, out of statistics', () => {
    const absurd = normalizePay(rate('$9,000,000 per day'), context());
    expect(absurd.dayRate).toBe(9_000_000);
    expect(absurd.excludedReason).toMatch(/^implausible day rate: 9000000 USD outside 40-4000$/);
    expect(normalizePay(rate('$1/hr'), context()).excludedReason).toMatch(/implausible hour rate/);
  });

  it('uses the country currency for a bare figure, and says when it cannot convert', () => {
    const bare = rate('550 pd outside IR35');
    expect(bare.currency).toBeNull();
    expect(normalizePay(bare, context()).excludedReason).toBe('no currency stated');
    expect(normalizePay(bare, context({ fallbackCurrency: 'GBP' })).dayRate).toBe(733.33);
    expect(normalizePay(rate('₹5,000 per day'), context()).excludedReason).toBe(
      'no exchange rate for INR',
    );
  });
});

describe('ratesDisagree', () => {
  it('flags a structured range far from the text', () => {
    const fields = parseStructuredRate({ min: 60_000, max: 135_000, currency: 'USD', period: 'year' }) as ParsedRate; // prettier-ignore
    expect(
      ratesDisagree(fields, rate('224,000 USD - 425,500 USD per year'), fx, '2026-06-01'),
    ).toBe(true);
    expect(ratesDisagree(fields, rate('$70k-$130k per year'), fx, '2026-06-01')).toBe(false);
    expect(ratesDisagree(fields, rate('$70 per hour'), fx, '2026-06-01')).toBe(true);
  });
});

describe('parseFxCsv', () => {
  it('reads rates with the header in any order', () => {
    expect(parseFxCsv('date,currency,per_usd\n2026-11-02,gbp,0.76\n\n', 'f.csv')).toEqual([
      { currency: 'GBP', rate_date: '2026-11-02', per_usd: 0.76, source: 'f.csv' },
    ]);
  });

  it('names every bad line and imports nothing', () => {
    expect(() =>
      parseFxCsv(
        'currency,date,per_usd\nGBP,2026-11-02,0.76\nPOUNDS,2026-11-02,1\nEUR,02/11/2026,0.9\nEUR,2026-11-02,-1\n',
        'f.csv',
      ),
    ).toThrow(
      /3 bad lines, nothing imported:\n {2}line 3: currency "POUNDS".*\n {2}line 4: date "02\/11\/2026".*\n {2}line 5: per_usd "-1"/,
    );
    expect(() => parseFxCsv('a,b,c\n', 'f.csv')).toThrow(/line 1: expected a header/);
  });
});

import type { Kysely } from 'kysely';
import type { RateSettings } from '../config/settings.js';
import type { Database, RatePeriod } from '../db/schema.js';
import type { ParsedRate } from './rate.js';

/**
 * How far a source's structured pay fields are believed when its description states
 * other pay: `trusted` keeps them unless the text states amount, currency and period;
 * `doubted` gives way to any figure the text states with a currency or a period (the
 * fields stand only where the text states none); `ignored` never reads them.
 */
export type PayFieldTrust = 'trusted' | 'doubted' | 'ignored';
export const PAY_FIELD_TRUST: readonly PayFieldTrust[] = ['trusted', 'doubted', 'ignored'];

/** Dated exchange rates: units of a currency per US dollar. */
export class FxTable {
  private readonly byCurrency = new Map<string, { date: string; perUsd: number }[]>();

  constructor(rows: readonly { currency: string; rate_date: string; per_usd: number }[]) {
    for (const row of rows) {
      const list = this.byCurrency.get(row.currency) ?? [];
      list.push({ date: row.rate_date, perUsd: row.per_usd });
      this.byCurrency.set(row.currency, list);
    }
    for (const list of this.byCurrency.values()) list.sort((a, b) => a.date.localeCompare(b.date));
  }

  static async load(db: Kysely<Database>): Promise<FxTable> {
    return new FxTable(
      await db.selectFrom('fx_rates').select(['currency', 'rate_date', 'per_usd']).execute(),
    );
  }

  /** The rate in force on `date` (YYYY-MM-DD): the latest on or before it, else the earliest. */
  perUsd(currency: string, date: string): number | null {
    if (currency === 'USD') return 1;
    const list = this.byCurrency.get(currency);
    if (!list || list.length === 0) return null;
    let chosen = list[0] as { date: string; perUsd: number };
    for (const entry of list) {
      if (entry.date > date) break;
      chosen = entry;
    }
    return chosen.perUsd;
  }

  convert(amount: number, from: string, to: string, date: string): number | null {
    const fromRate = this.perUsd(from, date);
    const toRate = this.perUsd(to, date);
    if (fromRate === null || toRate === null) return null;
    return (amount / fromRate) * toRate;
  }
}

/** The currency a posting most likely means when it gives a bare figure. */
export function currencyOfCountry(country: string | null): string | null {
  if (country === null) return null;
  if (EURO.has(country)) return 'EUR';
  return LOCAL_CURRENCY[country] ?? null;
}
const EURO = new Set(['IE', 'DE', 'FR', 'NL', 'BE', 'LU', 'ES', 'PT', 'IT', 'AT', 'FI', 'GR', 'EE', 'LT', 'LV']); // prettier-ignore
const LOCAL_CURRENCY: Readonly<Record<string, string>> = {
  GB: 'GBP', US: 'USD', CA: 'CAD', AU: 'AUD', NZ: 'NZD', CH: 'CHF', SE: 'SEK', NO: 'NOK',
  DK: 'DKK', PL: 'PLN', IN: 'INR', SG: 'SGD', JP: 'JPY', ZA: 'ZAR',
}; // prettier-ignore

export interface NormalizedPay {
  readonly normalizedCurrency: string | null;
  /** Day rate in the report currency, from day, week or month figures only. */
  readonly dayRate: number | null;
  /** Hourly rate in the report currency, from hourly figures only. */
  readonly hourlyRate: number | null;
  readonly annualSalary: number | null;
  /** Why the figure is kept out of statistics, or null. */
  readonly excludedReason: string | null;
}

const NONE: NormalizedPay = {
  normalizedCurrency: null,
  dayRate: null,
  hourlyRate: null,
  annualSalary: null,
  excludedReason: null,
};

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Converts a parsed rate to the report currency at the rate of the posting's date.
 * Day and hourly rates are separate series: an hourly figure never becomes a day rate,
 * nor the reverse. A figure implausible for its period is kept, with the reason.
 */
export function normalizePay(
  rate: ParsedRate,
  context: {
    readonly date: string;
    readonly fallbackCurrency: string | null;
    readonly reportCurrency: string;
    readonly fx: FxTable;
    readonly settings: RateSettings;
  },
): NormalizedPay {
  const currency = rate.currency ?? context.fallbackCurrency;
  if (currency === null) return { ...NONE, excludedReason: 'no currency stated' };
  const mid = (rate.min + rate.max) / 2;
  const usd = context.fx.convert(mid, currency, 'USD', context.date);
  const inReport = context.fx.convert(mid, currency, context.reportCurrency, context.date);
  if (usd === null || inReport === null) {
    return { ...NONE, excludedReason: `no exchange rate for ${currency}` };
  }
  const perDay = dayDivisor(rate.period, context.settings);
  const basis: keyof RateSettings['plausibleUsd'] =
    perDay !== null
      ? 'day'
      : rate.period === 'hour'
        ? 'hour'
        : rate.period === 'year'
          ? 'year'
          : 'fixed';
  const [low, high] = context.settings.plausibleUsd[basis];
  const checked = perDay !== null ? usd / perDay : usd;
  const excludedReason =
    checked < low || checked > high
      ? `implausible ${basis === 'fixed' ? 'fixed price' : `${basis} rate`}: ${Math.round(checked)} USD outside ${low}-${high}`
      : null;
  return {
    normalizedCurrency: context.reportCurrency,
    dayRate: perDay !== null ? round2(inReport / perDay) : null,
    hourlyRate: rate.period === 'hour' ? round2(inReport) : null,
    annualSalary: rate.period === 'year' ? round2(inReport) : null,
    excludedReason,
  };
}

function dayDivisor(period: RatePeriod, settings: RateSettings): number | null {
  if (period === 'day') return 1;
  if (period === 'week') return settings.daysPerWeek;
  if (period === 'month') return settings.daysPerMonth;
  return null;
}

/**
 * Whether a structured figure and a figure in the text say different things: another
 * period, or midpoints more than 1.5 times apart once in one currency.
 */
export function ratesDisagree(a: ParsedRate, b: ParsedRate, fx: FxTable, date: string): boolean {
  if (a.period !== b.period) return true;
  const midA = (a.min + a.max) / 2;
  const midB = (b.min + b.max) / 2;
  const inB =
    a.currency && b.currency && a.currency !== b.currency
      ? fx.convert(midA, a.currency, b.currency, date)
      : midA;
  if (inB === null) return false;
  const ratio = Math.max(inB, midB) / Math.min(inB, midB);
  return ratio > 1.5;
}

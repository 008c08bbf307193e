/*
 * Counting and percentiles over groups numbered 0..n-1, in typed arrays: the rollup's
 * inner loop. A group is a (segment, skill), a (segment, category), a (dimension value,
 * scope) — whatever the caller numbers.
 */

import type { CopyText } from '../db/copy.js';

/** The percentiles every rate figure gives, by column suffix. */
export const PERCENTILES = [
  ['p10', 0.1],
  ['p25', 0.25],
  ['median', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
] as const;

/**
 * The p-th percentile of the n sorted values from `from`, by linear interpolation between
 * the closest ranks (PostgreSQL's percentile_cont, Excel's PERCENTILE.INC): position
 * (n - 1) p counted from 0. The rollup rounds it to 2 decimals as it stores it.
 */
export function percentile(sorted: Float64Array, from: number, n: number, p: number): number {
  const position = (n - 1) * p;
  const low = Math.floor(position);
  const a = sorted[from + low] as number;
  const b = sorted[from + Math.ceil(position)] as number;
  return a + (position - low) * (b - a);
}

/**
 * `x` rounded to 2 decimals as PostgreSQL's round(x::numeric, 2): the float8 cast to
 * numeric keeps 15 significant digits (%.15g), then rounds half away from zero. Written
 * as cents by a float product where the float is not near a half cent (both give the
 * same cent there); by exact decimal arithmetic on those 15 digits where it is.
 */
export function writeRate(out: CopyText, x: number): void {
  const cents = x * 100;
  if (x >= 0 && cents < 1e9 && Math.abs(cents - Math.floor(cents) - 0.5) > 1e-5) {
    out.cents(Math.round(cents));
  } else {
    out.formatted(roundedRate(x));
  }
}

/** `x` rounded as writeRate writes it, by decimal arithmetic: the text of the numeric. */
export function roundedRate(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`a rate to round is not a finite number: ${x}`);
  const [mantissa = '', exponent = '0'] = Math.abs(x).toPrecision(15).split('e');
  const point = mantissa.indexOf('.');
  let digits = point < 0 ? mantissa : mantissa.slice(0, point) + mantissa.slice(point + 1);
  // Digits before the decimal point; at least one, with leading zeros.
  let whole = (point < 0 ? mantissa.length : point) + Number(exponent);
  if (whole < 1) {
    digits = '0'.repeat(1 - whole) + digits;
    whole = 1;
  }
  const kept = digits.slice(0, whole + 2).padEnd(whole + 2, '0');
  const up = (digits[whole + 2] ?? '0') >= '5';
  const total = (BigInt(kept) + (up ? 1n : 0n)).toString().padStart(3, '0');
  const text = `${total.slice(0, -2)}.${total.slice(-2)}`;
  return x < 0 && /[1-9]/.test(total) ? `-${text}` : text;
}

class Values {
  group = new Int32Array(4096);
  value = new Float64Array(4096);
  length = 0;
  push(group: number, value: number): void {
    if (this.length === this.group.length) {
      const groups = new Int32Array(this.length * 2);
      groups.set(this.group);
      this.group = groups;
      const values = new Float64Array(this.length * 2);
      values.set(this.value);
      this.value = values;
    }
    this.group[this.length] = group;
    this.value[this.length] = value;
    this.length += 1;
  }
}

function isSorted(values: Float64Array, from: number, to: number): boolean {
  for (let i = from + 1; i < to; i += 1)
    if ((values[i - 1] as number) > (values[i] as number)) return false;
  return true;
}

/**
 * Sorts values[from..to) in place: most groups hold a handful of values, where a typed
 * array view and its sort cost more than the sorting.
 */
function insertionSort(values: Float64Array, from: number, to: number): void {
  for (let i = from + 1; i < to; i += 1) {
    const value = values[i] as number;
    let j = i - 1;
    while (j >= from && (values[j] as number) > value) {
      values[j + 1] = values[j] as number;
      j -= 1;
    }
    values[j + 1] = value;
  }
}

/** A group's values sorted: values[start[g] .. start[g + 1]). */
export interface SortedValues {
  readonly start: Int32Array;
  readonly values: Float64Array;
}

/** Postings, new postings and rate values per group; cleared and reused week by week. */
export class Tally {
  readonly postings: Int32Array;
  readonly fresh: Int32Array;
  private readonly rates: Values[];

  constructor(
    readonly groups: number,
    series: number,
  ) {
    this.postings = new Int32Array(groups);
    this.fresh = new Int32Array(groups);
    this.rates = Array.from({ length: series }, () => new Values());
  }

  clear(): void {
    this.postings.fill(0);
    this.fresh.fill(0);
    for (const values of this.rates) values.length = 0;
  }

  /**
   * One posting in `group`; its rates (NaN when it has none) are `rates[at]`, `rates[at +
   * 1]`... in series order, one per series this tally counts.
   */
  add(group: number, isNew: boolean, rates: Float64Array, at: number): void {
    this.postings[group] = (this.postings[group] as number) + 1;
    if (isNew) this.fresh[group] = (this.fresh[group] as number) + 1;
    for (let series = 0; series < this.rates.length; series += 1) {
      const value = rates[at + series] as number;
      if (value === value) (this.rates[series] as Values).push(group, value);
    }
  }

  /**
   * The values of a series grouped (a counting sort, which keeps their order) and sorted
   * within each group: added in ascending order, they need no sorting.
   */
  sorted(series: number): SortedValues {
    const { group, value, length } = this.rates[series] as Values;
    const start = new Int32Array(this.groups + 1);
    for (let i = 0; i < length; i += 1) {
      const g = (group[i] as number) + 1;
      start[g] = (start[g] as number) + 1;
    }
    for (let g = 0; g < this.groups; g += 1)
      start[g + 1] = (start[g + 1] as number) + (start[g] as number);
    const next = start.slice(0, this.groups);
    const values = new Float64Array(length);
    for (let i = 0; i < length; i += 1) {
      const g = group[i] as number;
      const at = next[g] as number;
      values[at] = value[i] as number;
      next[g] = at + 1;
    }
    for (let g = 0; g < this.groups; g += 1) {
      const from = start[g] as number;
      const to = start[g + 1] as number;
      if (to - from < 2 || isSorted(values, from, to)) continue;
      if (to - from > 32) values.subarray(from, to).sort();
      else insertionSort(values, from, to);
    }
    return { start, values };
  }

  /**
   * Ranks by postings among the groups of `from`..`to` that have any (ties share a rank,
   * the next rank skips), as SQL's rank() over postings descending; 0 for the others.
   */
  rank(from: number, to: number, into: Int32Array): void {
    const present: number[] = [];
    for (let g = from; g < to; g += 1) if ((this.postings[g] as number) > 0) present.push(g);
    present.sort((a, b) => (this.postings[b] as number) - (this.postings[a] as number));
    let rank = 0;
    for (let i = 0; i < present.length; i += 1) {
      const g = present[i] as number;
      if (i === 0 || this.postings[g] !== this.postings[present[i - 1] as number]) rank = i + 1;
      into[g] = rank;
    }
  }
}

/** A group's rate columns (tables.ts): per series, how many rates, then percentiles. */
export function writeRates(out: CopyText, sorted: SortedValues[], group: number): void {
  for (const series of sorted) {
    const from = series.start[group] as number;
    const n = (series.start[group + 1] as number) - from;
    out.number(n);
    for (const [, p] of PERCENTILES) {
      if (n > 0) writeRate(out, percentile(series.values, from, n, p));
      else out.null();
    }
  }
}

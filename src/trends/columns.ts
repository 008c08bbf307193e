import { sql, type RawBuilder, type Transaction } from 'kysely';
import { copyInto, CopyText } from '../db/copy.js';
import type { Database } from '../db/schema.js';
import { writeRate } from './tally.js';

/*
 * How the rollup reads many values in few statements: one text per column (string_agg),
 * read in place. A row object per row read cost the driver more than the rollup's work.
 * Its one update (rank changes) sends one array literal per column. Its inserts go
 * through COPY (src/db/copy.ts): the server parses each field once, with no array to
 * build and take apart, and fills pages many rows at a time. Rates are rounded here as
 * PostgreSQL's round(x::numeric, 2) rounds the float computed (writeRate).
 */

export type Value = string | number | null;

/** A column written: its name, values, and whether it is a rate rounded to 2 decimals. */
type InsertedColumn = readonly [name: string, values: readonly Value[], rate?: boolean];

/** Inserts rows given as columns, with COPY. */
export function insertColumns(
  trx: Transaction<Database>,
  table: keyof Database,
  columns: readonly InsertedColumn[],
): Promise<number> {
  const out = new CopyText();
  const length = columns[0]?.[1].length ?? 0;
  for (let i = 0; i < length; i += 1) {
    for (const [, values, rate] of columns) {
      const value = values[i] ?? null;
      if (value === null) out.null();
      else if (rate) writeRate(out, value as number);
      else if (typeof value === 'number') out.number(value);
      else out.text(value);
    }
    out.endRow();
  }
  return copyInto(
    trx,
    table,
    columns.map(([name]) => name),
    out,
  );
}

/**
 * A PostgreSQL array literal of values[from..to): numbers as JavaScript prints them (the
 * shortest text that reads back as the same float8), text quoted and escaped, null as
 * NULL. Sent as one text parameter.
 */
export function arrayLiteral(values: readonly Value[], from = 0, to = values.length): string {
  const end = Math.min(to, values.length);
  const parts = new Array<string>(Math.max(0, end - from));
  for (let i = from; i < end; i += 1) {
    const value = values[i];
    parts[i - from] =
      value === null || value === undefined
        ? 'NULL'
        : typeof value === 'number'
          ? String(value)
          : `"${value.replace(/["\\]/g, '\\$&')}"`;
  }
  return `{${parts.join(',')}}`;
}

/** Separates the values of an aggregated column. */
const SEPARATOR = '\x1f';

/** A column of many rows as one text: `text` (not null) of each row, in row order. */
export function aggregated(text: RawBuilder<unknown>): RawBuilder<string | null> {
  return sql<string | null>`string_agg(${text}, ${SEPARATOR})`;
}

/**
 * Reads an aggregated column value by value where it lies, without cutting it into a
 * string per value: a million postings' columns are read without millions of strings.
 */
export class ColumnReader {
  private at = 0;
  private read = 0;
  constructor(
    private readonly text: string,
    private readonly count: number,
    /** Names the column in errors. */
    private readonly what: string,
    private readonly separator = SEPARATOR,
  ) {}

  /** Where the next value ends (the separator's position, or the text's end). */
  private end(): number {
    if (this.read === this.count) throw this.misread();
    this.read += 1;
    const end = this.text.indexOf(this.separator, this.at);
    return end < 0 ? this.text.length : end;
  }

  private misread(): Error {
    return new Error(
      `${this.what} contains the control character U+001F or a value that is not what the rollup reads`,
    );
  }

  /** The next value, a decimal integer. */
  int(): number {
    const end = this.end();
    let at = this.at;
    const negative = this.text.charCodeAt(at) === 45;
    if (negative) at += 1;
    if (at === end) throw this.misread();
    let value = 0;
    for (; at < end; at += 1) {
      const digit = this.text.charCodeAt(at) - 48;
      if (digit < 0 || digit > 9) throw this.misread();
      value = value * 10 + digit;
    }
    this.at = end + 1;
    return negative ? -value : value;
  }

  /** The next value as a number; NaN when empty. */
  number(): number {
    const end = this.end();
    const value = end === this.at ? Number.NaN : Number(this.text.slice(this.at, end));
    this.at = end + 1;
    return value;
  }

  /** The next value's index in `dictionary` (added when new). */
  code(dictionary: Dictionary): number {
    const end = this.end();
    const code = dictionary.ofSlice(this.text, this.at, end);
    this.at = end + 1;
    return code;
  }

  /**
   * Each part of the next value, cut at `separator`, as its index in `dictionary`; an
   * empty value has none.
   */
  codes(dictionary: Dictionary, separator: string, into: (code: number) => void): void {
    const end = this.end();
    let at = this.at;
    while (at < end) {
      let to = this.text.indexOf(separator, at);
      if (to < 0 || to > end) to = end;
      into(dictionary.ofSlice(this.text, at, to));
      at = to + 1;
    }
    this.at = end + 1;
  }

  /** Throws unless every value was read and nothing is left. */
  done(): void {
    if (this.read !== this.count || (this.count > 0 && this.at !== this.text.length + 1)) {
      throw this.misread();
    }
  }
}

/**
 * Distinct strings numbered in order of arrival, looked up from a slice of a larger
 * text without cutting it out (an open-addressing hash table, slotted by the slice's
 * length and four of its characters).
 */
export class Dictionary {
  readonly values: string[] = [];
  private slots = new Int32Array(64);

  constructor(values: Iterable<string> = []) {
    for (const value of values) this.of(value);
  }

  of(value: string): number {
    return this.ofSlice(value, 0, value.length);
  }

  ofSlice(text: string, from: number, to: number): number {
    const length = to - from;
    // The length and four characters pick the slot (hashing every character cost more
    // than the probes it saves: values are short and few); the comparison decides.
    let hash = length;
    if (length > 0) {
      hash = Math.imul(hash ^ text.charCodeAt(from), 0x01000193);
      hash = Math.imul(hash ^ text.charCodeAt(to - 1), 0x01000193);
      hash = Math.imul(hash ^ text.charCodeAt(from + (length >> 1)), 0x01000193);
      hash = Math.imul(hash ^ text.charCodeAt(from + (length >> 2)), 0x01000193);
    }
    const mask = this.slots.length - 1;
    let slot = (hash ^ (hash >>> 15)) & mask;
    for (let taken = this.slots[slot] as number; taken !== 0; taken = this.slots[slot] as number) {
      const value = this.values[taken - 1] as string;
      if (value.length === length) {
        let i = 0;
        while (i < length && value.charCodeAt(i) === text.charCodeAt(from + i)) i += 1;
        if (i === length) return taken - 1;
      }
      slot = (slot + 1) & mask;
    }
    this.values.push(text.slice(from, to));
    this.slots[slot] = this.values.length;
    if (this.values.length * 4 > this.slots.length) this.grow();
    return this.values.length - 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const values = this.values.splice(0);
    for (const value of values) this.of(value);
  }
}

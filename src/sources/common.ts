import { z } from 'zod';
import { ParseError, type ListingInput, type SkippedItem } from './types.js';

/** A base URL setting: absolute http(s), without a trailing slash. */
export const baseUrl = (defaultValue: string) =>
  z
    .url({ protocol: /^https?$/ })
    .default(defaultValue)
    .transform((url) => url.replace(/\/+$/, ''));

/** A list setting that also accepts one comma-separated string. */
export const stringList = (defaultValue: string[]) =>
  z
    .union([
      z.array(z.string().min(1)),
      z.string().transform((s) =>
        s
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      ),
    ])
    .default(defaultValue);

/** Reads a field that must hold a non-empty string or number as text. */
export function requireId(value: unknown, what: string): string {
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  // JSON.stringify writes 1e309 (Infinity) as null, which would name the wrong problem.
  if (typeof value === 'number') throw new ParseError(`${what} is not a finite number`);
  throw new ParseError(`${what} is missing or not an id: ${JSON.stringify(value)?.slice(0, 80)}`);
}

export function optionalString(value: unknown): string | null {
  if (typeof value === 'string') return value.trim() === '' ? null : value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return null;
}

export function optionalNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value.replace(/[, ]/g, ''));
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

/** A date the source gives as ISO text, epoch seconds or epoch milliseconds, as ISO 8601. */
export function toIsoDate(value: unknown): string | null {
  let date: Date | undefined;
  if (typeof value === 'number' && Number.isFinite(value)) {
    date = new Date(value < 1e11 ? value * 1000 : value);
  } else if (typeof value === 'string' && value.trim() !== '') {
    const numeric = /^\d+$/.test(value.trim()) ? Number(value) : undefined;
    date =
      numeric !== undefined ? new Date(numeric < 1e11 ? numeric * 1000 : numeric) : new Date(value);
  }
  return date !== undefined && !Number.isNaN(date.getTime()) ? date.toISOString() : null;
}

/** An array the response must contain; anything else means the format changed. */
export function requireArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw new ParseError(`expected ${what} to be an array`);
  return value;
}

export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ParseError(`expected ${what} to be an object`);
  }
  return value as Record<string, unknown>;
}

/** Adds query parameters to a URL. */
export function withQuery(
  url: string,
  params: Record<string, string | number | undefined>,
): string {
  const target = new URL(url);
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined) target.searchParams.set(key, String(value));
  }
  return target.toString();
}

/** A value a handler carried in userData, as text ('' when absent or not text). */
export function userText(userData: Readonly<Record<string, unknown>>, key: string): string {
  const value = userData[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
}

/**
 * A `companies` setting of an applicant-tracking system whose API names no company (Lever,
 * Ashby): each board's (or site's) company by its slug, `{ matchgroup: Match Group }`.
 */
export const boardCompanies = () =>
  z.record(z.string().min(1), z.string().trim().min(1)).default({});

/**
 * The company of a board's postings: its name in `companies`, else the board's slug (the
 * nearest the API gives); null without a slug.
 */
export function boardCompany(
  slug: string | null,
  companies: Readonly<Record<string, string>>,
): string | null {
  if (!slug) return null;
  return Object.hasOwn(companies, slug) ? companies[slug]! : slug;
}

/** The board or site slug in a hosted job URL (jobs.lever.co/<site>/..., jobs.ashbyhq.com/<board>/...). */
export function boardOf(url: unknown, host: string): string | null {
  if (typeof url !== 'string') return null;
  try {
    const parsed = new URL(url);
    return parsed.hostname === host ? (parsed.pathname.split('/')[1] ?? null) || null : null;
  } catch {
    return null;
  }
}

/** A source's workplace word ("Hybrid", "on-site", "REMOTE") as one of ours, or null. */
export function workplaceOf(value: unknown): 'remote' | 'hybrid' | 'onsite' | null {
  if (typeof value !== 'string') return null;
  const word = value.toLowerCase().replace(/[^a-z]/g, '');
  if (word === 'remote') return 'remote';
  if (word === 'hybrid') return 'hybrid';
  if (word === 'onsite' || word === 'inoffice' || word === 'office') return 'onsite';
  return null;
}

/** What reading one item of a response gives: a listing, or a named reason to skip it. */
export type ItemOutcome = ListingInput | { readonly skip: string };

/**
 * How large one item of a response may be, checked before anything recursive reads it
 * (an adapter, JSON.stringify, the content hash), so that a broken or hostile item is
 * skipped on its own instead of overflowing the stack or the memory.
 */
export interface ItemLimits {
  /** Levels of nested objects and arrays. @defaultValue 64 */
  readonly depth: number;
  /** Characters of the item written as JSON. @defaultValue 1,000,000 */
  readonly jsonChars: number;
}

export const ITEM_LIMITS: ItemLimits = { depth: 64, jsonChars: 1_000_000 };

/** The reasons an item is skipped for its shape, or for an adapter's failure on it. */
export const SKIP_REASON = {
  tooDeep: 'too_deep',
  tooLarge: 'too_large',
  adapterError: 'adapter_error',
} as const;

/** What an item beyond the limits is skipped as, or undefined when it is within them. */
export function itemBeyondLimits(
  value: unknown,
  limits: ItemLimits = ITEM_LIMITS,
): Pick<SkippedItem, 'reason' | 'detail'> | undefined {
  const beyond = exceedsItemLimits(value, limits);
  return beyond === undefined ? undefined : skipBeyond(beyond, limits);
}

/** The reason and detail of an item skipped for passing a limit. */
export function skipBeyond(
  limit: 'depth' | 'size',
  limits: ItemLimits = ITEM_LIMITS,
): Pick<SkippedItem, 'reason' | 'detail'> {
  return limit === 'depth'
    ? { reason: SKIP_REASON.tooDeep, detail: `nested deeper than ${limits.depth} levels` }
    : { reason: SKIP_REASON.tooLarge, detail: `over ${limits.jsonChars} characters as JSON` };
}

/**
 * Which limit a JSON value passes, if any. Walked with a stack of its own, not recursion,
 * so a value nested 10,000 deep costs no call stack, and given up at the first limit
 * passed, so a huge value costs no more than the limit. Strings count by their length
 * (escapes aside); objects that are neither arrays nor plain (a Date, a parsed HTML node)
 * count as one short value and are not entered.
 */
export function exceedsItemLimits(
  value: unknown,
  limits: ItemLimits = ITEM_LIMITS,
): 'depth' | 'size' | undefined {
  const pending: unknown[] = [value];
  const depths: number[] = [0];
  let chars = 0;
  while (pending.length > 0) {
    const current = pending.pop();
    const depth = depths.pop() as number;
    if (typeof current === 'string') chars += current.length + 2;
    else if (typeof current === 'number')
      chars += Number.isFinite(current) ? String(current).length : 4;
    else if (!isPlainContainer(current)) chars += 5;
    else {
      if (depth + 1 > limits.depth) return 'depth';
      if (Array.isArray(current)) {
        chars += 1 + current.length;
        for (const element of current) {
          pending.push(element);
          depths.push(depth + 1);
        }
      } else {
        for (const key of Object.keys(current)) {
          chars += key.length + 4;
          pending.push((current as Record<string, unknown>)[key]);
          depths.push(depth + 1);
        }
        chars += 2;
      }
    }
    if (chars > limits.jsonChars) return 'size';
  }
  return undefined;
}

function isPlainContainer(value: unknown): value is object {
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return true;
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * Reads each item of a response on its own: an item that is not a listing (a notice, a
 * deleted comment) is skipped with its reason; a malformed one (a missing id, not an
 * object) is skipped as malformed, and so is one nested too deep or too large to read
 * safely (`ITEM_LIMITS`) and one the adapter fails on in any other way, so one bad item
 * never costs the rest of the page.
 */
export function readItems(
  items: readonly unknown[],
  read: (item: unknown, index: number) => ItemOutcome,
): { listings: ListingInput[]; skipped: SkippedItem[] } {
  const { results, skipped } = readEach(items, read);
  return { listings: results, skipped };
}

/** `readItems` for items that become something else than listings (requests to follow). */
export function readEach<T extends object>(
  items: readonly unknown[],
  read: (item: unknown, index: number) => T | { readonly skip: string },
): { results: T[]; skipped: SkippedItem[] } {
  const results: T[] = [];
  const skipped: SkippedItem[] = [];
  items.forEach((item, index) => {
    const label = itemLabel(item, index);
    const beyond = isPlainContainer(item) ? itemBeyondLimits(item) : undefined;
    if (beyond !== undefined) {
      skipped.push({ item: label, ...beyond, malformed: true });
      return;
    }
    try {
      const outcome = read(item, index);
      if ('skip' in outcome) skipped.push({ item: label, reason: outcome.skip, malformed: false });
      else results.push(outcome);
    } catch (error) {
      skipped.push(
        error instanceof ParseError
          ? { item: label, reason: error.message, malformed: true }
          : {
              item: label,
              reason: SKIP_REASON.adapterError,
              malformed: true,
              detail: String(error),
            },
      );
    }
  });
  return { results, skipped };
}

function itemLabel(item: unknown, index: number): string {
  if (item !== null && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    for (const key of ['id', 'slug', 'objectID', 'guid']) {
      const value = record[key];
      if ((typeof value === 'string' && value !== '') || Number.isFinite(value)) {
        return String(value).slice(0, 100);
      }
    }
  }
  return `#${index}`;
}

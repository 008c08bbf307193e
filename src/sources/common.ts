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
 * Reads each item of a response on its own: an item that is not a listing (a notice, a
 * deleted comment) is skipped with its reason, and a malformed one (a missing id, not an
 * object) is skipped as malformed, so one bad item never costs the rest of the page.
 */
export function readItems(
  items: readonly unknown[],
  read: (item: unknown, index: number) => ItemOutcome,
): { listings: ListingInput[]; skipped: SkippedItem[] } {
  const listings: ListingInput[] = [];
  const skipped: SkippedItem[] = [];
  items.forEach((item, index) => {
    try {
      const outcome = read(item, index);
      if ('skip' in outcome)
        skipped.push({ item: itemLabel(item, index), reason: outcome.skip, malformed: false }); // prettier-ignore
      else listings.push(outcome);
    } catch (error) {
      if (!(error instanceof ParseError)) throw error;
      skipped.push({ item: itemLabel(item, index), reason: error.message, malformed: true });
    }
  });
  return { listings, skipped };
}

function itemLabel(item: unknown, index: number): string {
  if (item !== null && typeof item === 'object') {
    const record = item as Record<string, unknown>;
    for (const key of ['id', 'slug', 'objectID', 'guid']) {
      const value = record[key];
      if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
        return String(value).slice(0, 100);
      }
    }
  }
  return `#${index}`;
}

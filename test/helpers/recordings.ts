import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { readSavedResponse } from '../../src/crawl/import-file.js';
import { workModeOf } from '../../src/normalize/location.js';
import { cleanLine } from '../../src/normalize/text.js';
import { parseRate, parseStructuredRate, type ParsedRate } from '../../src/normalize/rate.js';
import { importSource } from '../../src/sources/registry.js';
import type { ListingInput, PageResult } from '../../src/sources/types.js';

/** The corpus of real recordings: test/recordings/<source>/, each with PROVENANCE.md. */
export const RECORDINGS = new URL('../recordings/', import.meta.url);

/** Labels of one recording, written by reading it (expected.yaml beside it). */
export interface RecordingLabels {
  readonly file: string;
  /** The configured source that reads it, for generic adapters' sites (a preset such as python-jobs). */
  readonly source?: string;
  /** The URL the response came from, where known. */
  readonly url?: string;
  /** The handler that reads it, where import would not pick it. */
  readonly label?: string;
  /** Elements of the response's list: jobs, feed items, comments, result rows. */
  readonly items: number;
  /** Items that are no listings, by id or "#index". */
  readonly notListings?: readonly { item: string; reason: string }[];
  /** Search pages: result rows that link to a posting page. */
  readonly detailLinks?: number;
  readonly listings: readonly ListingLabels[];
}

export interface ListingLabels {
  readonly id: string;
  readonly title: string;
  readonly company: string | null;
  readonly location: string | null;
  readonly remote: boolean | null;
  readonly postedAt: string | null;
  readonly url: string;
  /** min null: "up to"; max null: "from" (a floor). */
  readonly pay: {
    min: number | null;
    max: number | null;
    currency: string | null;
    period: ParsedRate['period'];
  } | null;
}

export interface SourceLabels {
  readonly source: string;
  /** Fields the labels hold that the source's responses cannot give, with the reason. */
  readonly unchecked: Readonly<Record<string, string>>;
  readonly recordings: readonly RecordingLabels[];
}

/** Every source folder of the corpus, with its labels where it has recordings. */
export function corpus(): { source: string; files: string[]; labels: SourceLabels | null }[] {
  return readdirSync(RECORDINGS, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const dir = new URL(`${d.name}/`, RECORDINGS);
      const names = readdirSync(dir);
      // A folder inside holds one crawl's responses (HN's official API, one file a request).
      const files = readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((f) => f.isFile() && f.name !== 'PROVENANCE.md' && !f.name.endsWith('.yaml'))
        .map((f) => path.relative(dir.pathname, path.join(f.parentPath, f.name)))
        .sort();
      const labels = names.includes('expected.yaml')
        ? (parseYaml(readFileSync(new URL('expected.yaml', dir), 'utf8')) as Omit<SourceLabels, 'source'>) // prettier-ignore
        : null;
      return {
        source: d.name,
        files,
        labels: labels ? { source: d.name, unchecked: labels.unchecked ?? {}, recordings: labels.recordings } : null, // prettier-ignore
      };
    })
    .sort((a, b) => a.source.localeCompare(b.source));
}

export function recordingPath(source: string, file: string): string {
  return new URL(`${source}/${file}`, RECORDINGS).pathname;
}

/** The URL a recording came from: its label's, else the file's own. */
export function recordingUrl(
  source: string,
  labels: Pick<RecordingLabels, 'file' | 'url'>,
): string {
  return labels.url ?? new URL(`${source}/${labels.file}`, RECORDINGS).toString();
}

/** Reads a recording with its source's adapter, exactly as `skillpulse import` does. */
export function readRecording(source: string, labels: RecordingLabels): PageResult {
  const id = labels.source ?? source;
  const instance = importSource({ sources: {} }, id);
  if (!instance) throw new Error(`no source or generic adapter named ${id}`);
  const body = readFileSync(recordingPath(source, labels.file), 'utf8');
  const url = recordingUrl(source, labels);
  return readSavedResponse(instance, body, url, labels.label).result;
}

/** Whether an adapter's id is a labelled item's id (Craigslist prefixes the city). */
export function sameItem(externalId: string, id: string): boolean {
  return externalId === id || externalId.endsWith(`:${id}`);
}

/** The adapter's listing for a labelled item, by its id. */
export function listingOf(result: PageResult, id: string): ListingInput | undefined {
  return result.listings?.find((l) => sameItem(l.externalId, id));
}

/** The pay an adapter's stated pay comes to: its fields, else its text. */
export function payOf(listing: ListingInput): ParsedRate | null {
  const pay = listing.pay;
  if (!pay) return null;
  return parseStructuredRate(pay) ?? (pay.text ? parseRate(pay.text) : null);
}

const REMOTE_ONLY = /^(remote|worldwide|anywhere)\b/i;

/**
 * The differences between what the adapter read and what a reader of the recording
 * wrote, field by field, as messages; empty when they agree.
 */
export function compareListing(
  listing: ListingInput,
  expected: ListingLabels,
  unchecked: Readonly<Record<string, string>>,
): string[] {
  const problems: string[] = [];
  const check = (field: string, ok: boolean, actual: unknown) => {
    if (!(field in unchecked) && !ok) {
      problems.push(`${field}: read ${JSON.stringify(actual)}, labelled ${JSON.stringify(expected[field as keyof ListingLabels])}`); // prettier-ignore
    }
  };
  const line = (text: string | null | undefined) => cleanLine(text, 1_000);
  check('title', line(listing.title) === line(expected.title), listing.title);
  check('company', line(listing.company) === line(expected.company), listing.company);
  const location = line(listing.location);
  const labelled = line(expected.location);
  check(
    'location',
    labelled === null
      ? location === null || REMOTE_ONLY.test(location)
      : location !== null && location.toLowerCase().includes(labelled.toLowerCase()),
    listing.location,
  );
  // Remote as the item says it: its remote flag, or its workplace and words as processing reads them.
  const saysRemote =
    listing.remote === true ||
    (listing.workplace ??
      workModeOf({ remote: listing.remote ?? null, location: listing.location ?? null, title: listing.title, text: listing.description ?? null })) === 'remote'; // prettier-ignore
  if (expected.remote !== null) check('remote', saysRemote === expected.remote, listing.remote);
  const posted = listing.postedAt ? Date.parse(listing.postedAt) : null;
  check(
    'postedAt',
    expected.postedAt === null ? posted === null : posted === Date.parse(expected.postedAt),
    listing.postedAt,
  );
  check('url', listing.url === expected.url, listing.url);
  const pay = payOf(listing);
  const want = expected.pay;
  check(
    'pay',
    want === null
      ? pay === null
      : pay !== null &&
          (want.max === null ? pay.min === want.min : pay.max === want.max) &&
          (want.min === null ? pay.min === want.max || pay.min === null : pay.min === want.min) &&
          pay.currency === want.currency &&
          pay.period === want.period,
    pay && { min: pay.min, max: pay.max, currency: pay.currency, period: pay.period },
  );
  return problems;
}

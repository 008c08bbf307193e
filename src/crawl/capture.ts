import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { toJson, type Database } from '../db/schema.js';
import { itemBeyondLimits, SKIP_REASON } from '../sources/common.js';
import type { StoredListing, StoredPay } from '../normalize/stored-listing.js';
import type { ListingInput, SkippedItem, StatedPay } from '../sources/types.js';

/** Crawled text is untrusted: every field has a size bound before it is stored. */
export const LIMITS = {
  title: 1_000,
  company: 500,
  location: 500,
  url: 2_000,
  shortText: 1_000,
  description: 200_000,
  tags: 50,
  tag: 200,
  sourceJson: 500_000,
} as const;

export interface CapturedListing {
  readonly externalId: string;
  readonly url: string;
  readonly contentHash: string;
  readonly payload: StoredListing;
}

function bound(value: string | null | undefined, max: number): string | null {
  if (value === null || value === undefined) return null;
  // Strip NUL, which PostgreSQL text cannot hold, and cut at the bound.
  const clean = value.replaceAll('\u0000', '');
  return clean.length <= max ? clean : clean.slice(0, max);
}

function boundPay(pay: StatedPay | null | undefined): StoredPay | null {
  if (!pay) return null;
  const number = (n: number | null | undefined) =>
    typeof n === 'number' && Number.isFinite(n) ? n : null;
  return {
    min: number(pay.min),
    max: number(pay.max),
    currency: bound(pay.currency, 16),
    period: bound(pay.period, 64),
    text: bound(pay.text, LIMITS.shortText),
  };
}

/**
 * The source's item as stored, or a note of its size when it is too long to keep. Kept as
 * it is, not copied: toJson writes it jsonb-safe (NUL and lone surrogates replaced), and
 * a parsed copy of each item outlived the young generation (100 MB of old heap for an
 * import of 600,000 items).
 */
function boundSource(source: unknown): unknown {
  const json = JSON.stringify(source ?? null) ?? 'null';
  return json.length <= LIMITS.sourceJson
    ? (source ?? null)
    : { truncated: true, bytes: json.length };
}

/**
 * The listing as stored: bounded, with a hash over what the listing says (not over the
 * source's volatile bookkeeping), so an unchanged listing hashes the same on every crawl.
 */
export function captureListing(listing: ListingInput): CapturedListing {
  const externalId = bound(listing.externalId, LIMITS.shortText) ?? '';
  const url = bound(listing.url, LIMITS.url) ?? '';
  // Built up in place, never spread: an object spread into a new one outlives the young
  // generation (another 90 MB of old heap for 600,000 listings).
  const fields: StoredListing = {
    externalId,
    url,
    title: bound(listing.title, LIMITS.title) ?? '',
    company: bound(listing.company, LIMITS.company),
    location: bound(listing.location, LIMITS.location),
    postedAt: bound(listing.postedAt, 64),
    employmentType: bound(listing.employmentType, 200),
    pay: boundPay(listing.pay),
    description: bound(listing.description, LIMITS.description),
    tags: (listing.tags ?? []).slice(0, LIMITS.tags).map((t) => bound(t, LIMITS.tag) ?? ''),
    remote: typeof listing.remote === 'boolean' ? listing.remote : null,
  };
  // Only when stated, so that listings of sources without the field hash as before.
  if (listing.workplace) fields.workplace = listing.workplace;
  if (listing.country) fields.country = bound(listing.country, 2);
  const contentHash = createHash('sha256').update(JSON.stringify(fields)).digest('hex');
  // The payload is the fields and the source's item, which the hash leaves out.
  fields.source = boundSource(listing.source);
  return { externalId, url, contentHash, payload: fields };
}

/** How a skipped listing is named in the log: its id where it has one, else its position. */
function listingLabel(listing: ListingInput, index: number): string {
  const id: unknown = listing.externalId;
  return typeof id === 'string' && id !== '' ? id.slice(0, 100) : `#${index}`;
}

/**
 * Captures a response's listings one at a time: a listing whose source item is nested
 * too deep or too large (`ITEM_LIMITS`: hashing and storing it would overflow the stack or
 * bloat the row), or that fails to capture, is skipped with its reason while the others
 * are kept. Whatever adapter read the response, no listing costs the rest of the page.
 */
export function captureListings(listings: readonly ListingInput[]): {
  captured: CapturedListing[];
  skipped: SkippedItem[];
} {
  const captured: CapturedListing[] = [];
  const skipped: SkippedItem[] = [];
  listings.forEach((listing, index) => {
    const item = listingLabel(listing, index);
    const beyond = itemBeyondLimits(listing.source);
    if (beyond !== undefined) {
      skipped.push({ item, ...beyond, malformed: true });
      return;
    }
    try {
      captured.push(captureListing(listing));
    } catch (error) {
      const detail = String(error);
      skipped.push({ item, reason: SKIP_REASON.adapterError, malformed: true, detail });
    }
  });
  return { captured, skipped };
}

export interface StoreResult {
  readonly stored: number;
  readonly inserted: number;
  /** Postings of these listings seen again: their last_seen_at moved to this fetch. */
  readonly seenAgain: number;
}

/** Writes listings idempotently: content already stored for that listing adds nothing. */
export async function storeListings(
  db: Kysely<Database>,
  target: { sourceId: string; crawlRunId: number | null; fetchedAt: Date },
  listings: readonly CapturedListing[],
): Promise<StoreResult> {
  if (listings.length === 0) return { stored: 0, inserted: 0, seenAgain: 0 };
  // One page may list the same job twice (pinned and in the list): store it once.
  const unique = [
    ...new Map(listings.map((l) => [`${l.externalId}\u0000${l.contentHash}`, l])).values(),
  ];
  let inserted = 0;
  let seenAgain = 0;
  // In chunks under PostgreSQL's 65,535 bind parameters a statement: a response of 10,000
  // listings is one INSERT too many. Each chunk is idempotent, so a retry after a failed
  // one stores the same rows.
  for (const chunk of chunks(unique, ROWS_PER_STATEMENT)) {
    const rows = await db
      .insertInto('raw_listings')
      .values(
        chunk.map((l) => ({
          source_id: target.sourceId,
          external_id: l.externalId,
          url: l.url,
          content_hash: l.contentHash,
          fetched_at: target.fetchedAt,
          crawl_run_id: target.crawlRunId,
          payload: toJson(l.payload),
        })),
      )
      .onConflict((oc) => oc.columns(['source_id', 'external_id', 'content_hash']).doNothing())
      .returning('id')
      .execute();
    inserted += rows.length;
    // A sighting: the weeks a posting counts as open run to the last crawl that saw it,
    // whether or not its content changed.
    const seen = await db
      .updateTable('postings')
      .set({ last_seen_at: target.fetchedAt })
      .where('source_id', '=', target.sourceId)
      .where('external_id', 'in', [...new Set(chunk.map((l) => l.externalId))])
      .where('last_seen_at', '<', target.fetchedAt)
      .executeTakeFirst();
    seenAgain += Number(seen.numUpdatedRows);
  }
  return { stored: listings.length, inserted, seenAgain };
}

/** Rows a statement writes at most: 7 parameters a row, well under the 65,535 a statement takes. */
export const ROWS_PER_STATEMENT = 5_000;

function* chunks<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let start = 0; start < items.length; start += size) yield items.slice(start, start + size);
}

/**
 * The values of one raw_listings column (external ids, or URLs) that a source already
 * holds, among those given, each with whether processing has finished one of its
 * listings: what the incremental crawl treats as known. A listing stored by a crawl that
 * stopped before handing it on is stored, not yet processed.
 */
export async function knownValues(
  db: Kysely<Database>,
  sourceId: string,
  column: 'external_id' | 'url',
  values: readonly string[],
): Promise<Map<string, { readonly processed: boolean }>> {
  const known = new Map<string, { processed: boolean }>();
  for (const chunk of chunks([...new Set(values)], ROWS_PER_STATEMENT)) {
    const rows = await db
      .selectFrom('raw_listings')
      .select([column, sql<boolean>`bool_or(processed_at is not null)`.as('processed')])
      .where('source_id', '=', sourceId)
      .where(column, 'in', chunk)
      .groupBy(column)
      .execute();
    for (const row of rows) known.set(row[column], { processed: row.processed });
  }
  return known;
}

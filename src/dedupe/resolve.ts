import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { hammingDistance } from './simhash.js';

/**
 * Descriptions whose SimHashes differ in at most this many of 64 bits are the same
 * text, lightly edited. Tuned on the dedupe pairs in test/unit/dedupe.test.ts: reposts
 * and cross-posts with a changed sentence or boilerplate land at 0-8 bits, different jobs of
 * one employer under one title at 26.
 */
export const NEAR_DUPLICATE_BITS = 12;

const EMPTY_TEXT = '0000000000000000';

export interface DedupeCandidate {
  readonly id: number;
  readonly dedupe_key: string | null;
  readonly content_hash: string;
  readonly text_simhash: string | null;
  /** The date the source gives the posting; null when it gives none. */
  readonly posted_at: Date | null;
  readonly source_id: string;
  readonly external_id: string;
  readonly canonical_id: number | null;
}

export function similarText(a: string | null, b: string | null): boolean {
  // Without a description on one side, title, company and place have to do.
  if (a === null || b === null || a === EMPTY_TEXT || b === EMPTY_TEXT) return true;
  return hammingDistance(a, b) <= NEAR_DUPLICATE_BITS;
}

/** The postings columns duplicate resolution reads: a DedupeCandidate. */
export const DEDUPE_COLUMNS = [
  'id',
  'dedupe_key',
  'content_hash',
  'text_simhash',
  'posted_at',
  'source_id',
  'external_id',
  'canonical_id',
] as const;

/**
 * The order postings are taken in: by the date they were posted (undated ones last),
 * then by source and the source's id. Everything in it is the postings' own content, so
 * the same input gives the same canonicals however it was crawled, retried or numbered.
 */
export function byPostingOrder(a: DedupeCandidate, b: DedupeCandidate): number {
  const at = (c: DedupeCandidate) => c.posted_at?.getTime() ?? Number.POSITIVE_INFINITY;
  return (
    at(a) - at(b) ||
    compareText(a.source_id, b.source_id) ||
    compareText(a.external_id, b.external_id)
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The canonical posting of each candidate, or null when it is canonical itself. Postings
 * are taken earliest posted first (byPostingOrder); each one joins the earliest posting
 * with the same content, or else the earliest canonical posting with its key and similar
 * text. The answer depends only on the candidates' content, never on the order they
 * were crawled or processed in, nor on their row ids.
 */
export function assignCanonical(
  candidates: readonly DedupeCandidate[],
): Map<number, number | null> {
  const ordered = [...candidates].sort(byPostingOrder);
  const result = new Map<number, number | null>();
  const byContent = new Map<string, number>();
  const canonicalByKey = new Map<string, DedupeCandidate[]>();
  for (const posting of ordered) {
    let canonical = byContent.get(posting.content_hash) ?? null;
    if (canonical === null && posting.dedupe_key !== null) {
      const earlier = canonicalByKey.get(posting.dedupe_key) ?? [];
      canonical = earlier.find((c) => similarText(c.text_simhash, posting.text_simhash))?.id ?? null; // prettier-ignore
      if (canonical === null) canonicalByKey.set(posting.dedupe_key, [...earlier, posting]);
    }
    result.set(posting.id, canonical);
    if (!byContent.has(posting.content_hash)) byContent.set(posting.content_hash, canonical ?? posting.id); // prettier-ignore
  }
  return result;
}

/**
 * Recomputes canonical_id for every posting that shares a key or a content hash with the
 * given ones (and those that pointed at them), and writes what changed.
 * Returns how many postings are duplicates among those looked at.
 */
export async function resolveDuplicates(
  db: Kysely<Database>,
  touched: { readonly ids: readonly number[]; readonly keys: readonly string[]; readonly hashes: readonly string[] }, // prettier-ignore
): Promise<number> {
  if (touched.ids.length === 0) return 0;
  const candidates = await db
    .selectFrom('postings')
    .select(DEDUPE_COLUMNS)
    .where((eb) =>
      eb.or([
        eb('id', 'in', [...touched.ids]),
        eb('canonical_id', 'in', [...touched.ids]),
        ...(touched.keys.length > 0 ? [eb('dedupe_key', 'in', [...new Set(touched.keys)])] : []),
        eb('content_hash', 'in', [...new Set(touched.hashes)]),
      ]),
    )
    .execute();
  const canonical = assignCanonical(candidates);
  // In id order: two workers resolving overlapping groups lock rows in the same order.
  const changed = candidates
    .filter((c) => (canonical.get(c.id) ?? null) !== c.canonical_id)
    .sort((a, b) => a.id - b.id);
  if (changed.length > 0) {
    // One statement for the whole batch; the builder has no multi-row UPDATE ... FROM.
    await sql`
      update postings as p set canonical_id = v.canonical_id
      from unnest(${changed.map((c) => c.id)}::bigint[], ${changed.map((c) => canonical.get(c.id) ?? null)}::bigint[]) as v(id, canonical_id)
      where p.id = v.id`.execute(db);
  }
  return [...canonical.values()].filter((c) => c !== null).length;
}

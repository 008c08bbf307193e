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
      canonical =
        earlier.find((c) => similarText(c.text_simhash, posting.text_simhash))?.id ?? null;
      if (canonical === null) canonicalByKey.set(posting.dedupe_key, [...earlier, posting]);
    }
    result.set(posting.id, canonical);
    if (!byContent.has(posting.content_hash))
      byContent.set(posting.content_hash, canonical ?? posting.id);
  }
  return result;
}

/** What a batch changed: its postings, and the keys and content hashes they carry. */
export interface TouchedPostings {
  readonly ids: readonly number[];
  readonly keys: readonly string[];
  readonly hashes: readonly string[];
}

/**
 * Every posting whose canonical can depend on the touched ones: the whole group linked to
 * them by shared keys, shared content hashes or canonical links, followed to the end. A
 * posting's canonical is decided within its group, so a partial group (one hop) gives
 * answers that depend on which batch came last.
 */
export async function loadDuplicateGroup(
  db: Kysely<Database>,
  touched: TouchedPostings,
): Promise<DedupeCandidate[]> {
  const found = new Map<number, DedupeCandidate>();
  const seen = { ids: new Set<number>(), keys: new Set<string>(), hashes: new Set<string>() };
  let frontier = { ids: [...touched.ids], keys: [...touched.keys], hashes: [...touched.hashes] };
  for (;;) {
    const ids = [...new Set(frontier.ids)].filter((id) => !seen.ids.has(id));
    const keys = [...new Set(frontier.keys)].filter((key) => !seen.keys.has(key));
    const hashes = [...new Set(frontier.hashes)].filter((hash) => !seen.hashes.has(hash));
    if (ids.length + keys.length + hashes.length === 0) break;
    for (const id of ids) seen.ids.add(id);
    for (const key of keys) seen.keys.add(key);
    for (const hash of hashes) seen.hashes.add(hash);
    const rows = await db
      .selectFrom('postings')
      .select(DEDUPE_COLUMNS)
      .where((eb) =>
        eb.or([
          // Arrays, one parameter each: a large group must not meet the bind limit.
          eb('id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)),
          eb('canonical_id', '=', eb.fn.any(sql<number[]>`${ids}::bigint[]`)),
          eb('dedupe_key', '=', eb.fn.any(sql<string[]>`${keys}::text[]`)),
          eb('content_hash', '=', eb.fn.any(sql<string[]>`${hashes}::text[]`)),
        ]),
      )
      .execute();
    frontier = { ids: [], keys: [], hashes: [] };
    for (const row of rows) {
      if (found.has(row.id)) continue;
      found.set(row.id, row);
      frontier.ids.push(row.id);
      if (row.canonical_id !== null) frontier.ids.push(row.canonical_id);
      if (row.dedupe_key !== null) frontier.keys.push(row.dedupe_key);
      frontier.hashes.push(row.content_hash);
    }
  }
  return [...found.values()];
}

/**
 * Recomputes canonical_id over the whole duplicate group of the touched postings and
 * writes what changed. Returns how many postings of the group are duplicates.
 *
 * Call it inside a transaction: it holds an advisory lock until commit, so two workers
 * never resolve at once, each from a view that lacks the other's postings (the later one
 * would overwrite the earlier one's answers with answers from half a group).
 */
export async function resolveDuplicates(
  db: Kysely<Database>,
  touched: TouchedPostings,
): Promise<number> {
  if (touched.ids.length === 0) return 0;
  await sql`select pg_advisory_xact_lock(hashtext('skillpulse dedupe'))`.execute(db);
  const candidates = await loadDuplicateGroup(db, touched);
  const canonical = assignCanonical(candidates);
  // In id order: two transactions updating overlapping rows lock them in the same order.
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

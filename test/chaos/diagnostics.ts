/**
 * Checks of a round against itself, that say why its tables differ from the reference:
 * whether its canonical links are what resolving every posting at once gives (duplicate
 * resolution is incremental, batch by batch; if the outcome depends on the order batches
 * came in, two runs of the same input disagree).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { assignCanonical, DEDUPE_COLUMNS } from '../../src/dedupe/resolve.js';

export interface CanonicalCheck {
  /** Postings whose stored canonical differs from the one resolving all postings at once gives. */
  readonly off: number;
  readonly examples: readonly string[];
}

/** The stored canonical links against `assignCanonical` over every posting at once. */
export async function canonicalsAgainstAllAtOnce(db: Kysely<Database>): Promise<CanonicalCheck> {
  const postings = await db.selectFrom('postings').select(DEDUPE_COLUMNS).execute();
  const resolved = assignCanonical(postings);
  const keys = new Map(postings.map((p) => [p.id, `${p.source_id}|${p.external_id}`]));
  const name = (id: number | null | undefined) => (id == null ? 'itself' : (keys.get(id) ?? `#${id}`)); // prettier-ignore
  const off = postings.filter((p) => (resolved.get(p.id) ?? null) !== p.canonical_id);
  return {
    off: off.length,
    examples: off.slice(0, 3).map((p) => `${keys.get(p.id)}: stored ${name(p.canonical_id)}, all at once ${name(resolved.get(p.id))}`), // prettier-ignore
  };
}

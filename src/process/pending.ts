import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Raw listings per process job: small job data, one transaction's worth of work. */
export const PROCESS_BATCH = 500;

/**
 * The stored raw listings processing has not finished, in id order and in batches of
 * `PROCESS_BATCH`: processing is owed to every one of them, whichever run stored them
 * and whether or not that run ended well. `storedBefore` leaves out listings a crawl
 * running now has just stored (it hands them on itself when it ends).
 */
export async function pendingBatches(
  db: Kysely<Database>,
  options: { readonly sourceId?: string; readonly storedBefore?: Date } = {},
): Promise<number[][]> {
  let query = db
    .selectFrom('raw_listings')
    .select('id')
    .where('processed_at', 'is', null)
    .orderBy('id');
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  if (options.storedBefore !== undefined)
    query = query.where('fetched_at', '<', options.storedBefore);
  const ids = (await query.execute()).map((r) => r.id);
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += PROCESS_BATCH) batches.push(ids.slice(i, i + PROCESS_BATCH));
  return batches;
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { NotFoundError } from '../errors.js';

/**
 * What a command that reads the default week says when no week has been rolled up: the
 * step that would actually give it one. An empty database needs listings first (`demo` to
 * try skillpulse, `run` to crawl), crawled listings need processing, postings a rollup.
 * Any other error is given back as it is.
 */
export async function nothingToReport(db: Kysely<Database>, error: unknown): Promise<unknown> {
  const { latestWeek, WeekNotRolledUpError } = await import('../trends/read.js');
  if (!(error instanceof WeekNotRolledUpError) || (await latestWeek(db)) !== null) return error;
  const posting = await db.selectFrom('postings').select('id').limit(1).executeTakeFirst();
  if (posting) return error;
  const listing = await db.selectFrom('raw_listings').select('id').limit(1).executeTakeFirst();
  return new NotFoundError(
    listing
      ? 'no week to report: the crawled listings have not been processed yet: run `skillpulse process`, then `skillpulse rollup` (or `skillpulse run`, which does both after crawling)'
      : 'no week to report: the database holds no postings yet: run `skillpulse demo` to try skillpulse on a simulated market, or `skillpulse run` to crawl the enabled sources (see `skillpulse sources`)',
    { cause: error },
  );
}

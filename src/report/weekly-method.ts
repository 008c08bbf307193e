import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { addWeeks, weeksBetween } from '../trends/weeks.js';
import type { SourceRuns } from './weekly-model.js';

/*
 * What the weekly report's method section says of its week: the crawls, the duplicates
 * folded and how many weeks of history lie behind its figures.
 */

/** Run statuses from best to worst: a source shows its worst run of the week. */
const SEVERITY = ['ok', 'running', 'degraded', 'failed'];

/** Each source's crawl runs started in the week, with the status of its worst. */
export async function sourceRuns(db: Kysely<Database>, week: string): Promise<SourceRuns[]> {
  const runs = await db
    .selectFrom('crawl_runs')
    .select(['source_id', 'status', 'listings', 'new_listings', 'message'])
    .where('started_at', '>=', new Date(`${week}T00:00:00Z`))
    .where('started_at', '<', new Date(`${addWeeks(week, 1)}T00:00:00Z`))
    .orderBy('source_id')
    .execute();
  const sources = new Map<string, SourceRuns>();
  for (const run of runs) {
    const s = sources.get(run.source_id) ?? {
      sourceId: run.source_id,
      runs: 0,
      listings: 0,
      newListings: 0,
      status: 'ok',
      message: null,
    };
    s.runs += 1;
    s.listings += run.listings;
    s.newListings += run.new_listings;
    if (SEVERITY.indexOf(run.status) > SEVERITY.indexOf(s.status)) {
      s.status = run.status;
      s.message = run.message;
    }
    sources.set(run.source_id, s);
  }
  return [...sources.values()];
}

/** Postings first open in the week that were found to duplicate another. */
export async function duplicatesOf(db: Kysely<Database>, week: string): Promise<number> {
  const { n } = await db
    .selectFrom('postings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('canonical_id', 'is not', null)
    .where('active_from', '=', week)
    .executeTakeFirstOrThrow();
  return n;
}

/** Weeks from the first rolled up to `week`: how far back the figures can look. */
export async function weeksOfHistory(db: Kysely<Database>, week: string): Promise<number> {
  const { first } = await db
    .selectFrom('market_weekly')
    .select((eb) => eb.fn.min('week').as('first'))
    .where('segment', '=', 'all')
    .where('week', '<=', week)
    .executeTakeFirstOrThrow();
  return first === null ? 0 : weeksBetween(String(first), week).length;
}

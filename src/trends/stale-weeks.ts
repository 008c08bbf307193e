import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { weeksBetween } from './weeks.js';

/**
 * The weeks whose figures are older than their postings: weeks some posting processed
 * since `since` is open in, never rolled up or rolled up before that posting was
 * written. A rollup job lost with Redis, or a worker killed in a rollup, leaves such
 * weeks; rolling them up again puts the trend tables back in line with the postings.
 */
export async function staleWeeks(db: Kysely<Database>, since: Date): Promise<string[]> {
  const postings = await db
    .selectFrom('postings')
    .select(['active_from', 'active_until', 'processed_at'])
    .where('processed_at', '>=', since)
    .execute();
  if (postings.length === 0) return [];
  const newest = new Map<string, number>();
  for (const posting of postings) {
    const at = posting.processed_at.getTime();
    for (const week of weeksBetween(posting.active_from, posting.active_until)) {
      newest.set(week, Math.max(newest.get(week) ?? 0, at));
    }
  }
  const rolled = await db
    .selectFrom('rollup_weeks')
    .select(['week', 'computed_at'])
    .where('week', 'in', [...newest.keys()])
    .execute();
  const computedAt = new Map(rolled.map((r) => [r.week, r.computed_at.getTime()]));
  return [...newest]
    .filter(([week, at]) => (computedAt.get(week) ?? 0) < at)
    .map(([week]) => week)
    .sort();
}

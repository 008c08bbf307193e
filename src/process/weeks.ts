import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** Posting ids per statement: keeps its parameters well under PostgreSQL's limit. */
const IDS_PER_STATEMENT = 10_000;

/**
 * The weeks (Mondays) a rollup must redo after these postings changed: every week each
 * was open, and every week any posting of their duplicate groups was open, since which
 * posting is canonical, and what it counts, may have changed with them.
 */
export async function weeksOfPostings(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<string[]> {
  const weeks = new Set<string>();
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    const canonicals = db
      .selectFrom('postings')
      .select('canonical_id')
      .where('id', 'in', chunk)
      .where('canonical_id', 'is not', null)
      .$narrowType<{ canonical_id: number }>();
    // active_from and active_until are Mondays: the weeks between are a weekly series.
    const rows = await db
      .selectFrom('postings')
      .select(
        sql<string>`generate_series(active_from, active_until, interval '1 week')::date`.as('week'),
      )
      .distinct()
      .where((eb) =>
        eb.or([eb('id', 'in', chunk), eb('canonical_id', 'in', chunk), eb('id', 'in', canonicals)]),
      )
      .execute();
    for (const row of rows) weeks.add(row.week);
  }
  return [...weeks].sort();
}

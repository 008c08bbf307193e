import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { MOVER_WINDOWS } from '../trends/settings.js';

/** A skill of a category that rose or fell in share over a window, as skill_movers holds it. */
export interface CategoryMover {
  readonly id: string;
  readonly name: string;
  readonly direction: 'rising' | 'falling';
  readonly windowWeeks: number;
  readonly postingsNow: number;
  readonly postingsBefore: number;
  readonly shareNow: number;
  readonly shareBefore: number;
  readonly pValue: number;
}

/** Movers listed per direction and window on a category's page. */
const CATEGORY_MOVERS = 10;

/**
 * The rising and falling skills of a category in `week` (segment all), for each mover
 * window, strongest first: read as the rollup stored them (trends/movers.ts decides
 * what a mover is).
 */
export async function categoryMovers(
  db: Kysely<Database>,
  category: string,
  week: string,
): Promise<CategoryMover[]> {
  const rows = await db
    .selectFrom('skill_movers as m')
    .innerJoin('skills as s', 's.id', 'm.skill_id')
    .select([
      'm.skill_id as id',
      's.name',
      'm.direction',
      'm.window_weeks as windowWeeks',
      'm.postings_now as postingsNow',
      'm.postings_before as postingsBefore',
      'm.share_now as shareNow',
      'm.share_before as shareBefore',
      'm.p_value as pValue',
      'm.rank',
    ])
    .where('m.week', '=', week)
    .where('m.segment', '=', 'all')
    .where('s.category', '=', category)
    .orderBy('m.window_weeks')
    .orderBy('m.direction', 'desc')
    .orderBy('m.rank')
    .execute();
  return MOVER_WINDOWS.flatMap((weeks) =>
    (['rising', 'falling'] as const).flatMap((direction) =>
      rows
        .filter((r) => r.windowWeeks === weeks && r.direction === direction)
        .slice(0, CATEGORY_MOVERS)
        .map(({ rank: _rank, ...mover }) => mover),
    ),
  );
}

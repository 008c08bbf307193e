import type { Transaction } from 'kysely';
import { copyInto, CopyText } from '../db/copy.js';
import type { Database } from '../db/schema.js';
import type { OpenPostings, SkillIndex } from './open-postings.js';
import { weekNumber } from './weeks.js';
import type { TrendSettings } from '../config/settings.js';

/**
 * skill_pairs for the window of `pairsWindowWeeks` weeks ending at `week`: for each two
 * skills asked for together by at least `pairsMinPostings` canonical postings open in the
 * window, how many (postings), what share of the first skill's postings also ask for the
 * second (share), and lift = P(both) / (P(first) P(second)), 1 being independence. Both
 * orders are stored, so a skill's related skills are one index range. Replaces the
 * window's rows with `rows`, as countPairs counted them.
 */
export async function writePairs(
  trx: Transaction<Database>,
  week: string,
  settings: TrendSettings,
  rows: CopyText,
): Promise<number> {
  await trx
    .deleteFrom('skill_pairs')
    .where('week', '=', week)
    .where('window_weeks', '=', settings.pairsWindowWeeks)
    .execute();
  return copyInto(trx, 'skill_pairs', PAIR_COLUMNS, rows);
}

/** The weeks (numbers) whose postings the related skills of `week` count. */
export function pairsWindow(week: string, settings: TrendSettings): number[] {
  const last = weekNumber(week);
  return Array.from({ length: settings.pairsWindowWeeks }, (_, i) => last - i);
}

/**
 * The skill_pairs rows of `week` from the postings open in its window, counted in
 * memory: a skills × skills matrix of counts, one pass over each posting's skills.
 */
export function countPairs(
  week: string,
  settings: TrendSettings,
  open: OpenPostings,
  index: SkillIndex,
): CopyText {
  const window = settings.pairsWindowWeeks;
  const n = index.ids.length;
  const single = new Int32Array(n);
  const together = new Int32Array(n * n);
  for (let i = 0; i < open.count; i += 1) {
    const from = open.skillStart[i] as number;
    const to = open.skillStart[i + 1] as number;
    for (let a = from; a < to; a += 1) {
      const x = open.skills[a] as number;
      single[x] = (single[x] as number) + 1;
      for (let b = a + 1; b < to; b += 1) {
        const y = open.skills[b] as number;
        const cell = x < y ? x * n + y : y * n + x;
        together[cell] = (together[cell] as number) + 1;
      }
    }
  }
  // Both orders, in the order of the table's keys: the index inserts then append.
  const out = new CopyText();
  const total = open.count;
  for (let x = 0; x < n; x += 1) {
    const sx = single[x] as number;
    for (let y = 0; y < n; y += 1) {
      const count = x === y ? 0 : (together[x < y ? x * n + y : y * n + x] as number);
      if (count < settings.pairsMinPostings) continue;
      out
        .text(week)
        .number(window)
        .text(index.ids[x] as string)
        .text(index.ids[y] as string);
      out
        .number(count)
        .number(count / sx)
        .number((count * total) / (sx * (single[y] as number)));
      out.endRow();
    }
  }
  return out;
}

const PAIR_COLUMNS = [
  'week',
  'window_weeks',
  'skill_id',
  'related_skill_id',
  'postings',
  'share',
  'lift',
];

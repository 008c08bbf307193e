import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { loadOpenPostings, loadSkillIndex } from './open-postings.js';
import { weekNumber } from './weeks.js';
import type { TrendSettings } from './settings.js';
import { insertColumns } from './write-figures.js';
import type { LoadedWeeks } from './write-weeks.js';

/**
 * skill_pairs for the window of `pairsWindowWeeks` weeks ending at `week`: for each two
 * skills asked for together by at least `pairsMinPostings` canonical postings open in the
 * window, how many (postings), what share of the first skill's postings also ask for the
 * second (share), and lift = P(both) / (P(first) P(second)), 1 being independence. Both
 * orders are stored, so a skill's related skills are one index range. Counted in memory:
 * a skills × skills matrix of counts, one pass over each posting's skills.
 */
export async function writePairs(
  trx: Transaction<Database>,
  week: string,
  settings: TrendSettings,
  currency: string,
  loaded: LoadedWeeks | null = null,
): Promise<number> {
  const window = settings.pairsWindowWeeks;
  await trx.deleteFrom('skill_pairs').where('week', '=', week).where('window_weeks', '=', window).execute(); // prettier-ignore
  const last = weekNumber(week);
  const weeks = Array.from({ length: window }, (_, i) => last - i);
  // The rollup may have just read the postings of exactly these weeks.
  const reuse = loaded !== null && loaded.weeks.length === window && weeks.every((w) => loaded.weeks.includes(w)); // prettier-ignore
  const index = loaded?.index ?? (await loadSkillIndex(trx));
  const open = reuse ? loaded.open : await loadOpenPostings(trx, weeks, currency, index);
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
  const rows = { skill: [] as string[], related: [] as string[], postings: [] as number[], share: [] as number[], lift: [] as number[] }; // prettier-ignore
  const total = open.count;
  const add = (x: number, y: number, count: number) => {
    const sx = single[x] as number;
    rows.skill.push(index.ids[x] as string);
    rows.related.push(index.ids[y] as string);
    rows.postings.push(count);
    rows.share.push(count / sx);
    rows.lift.push((count * total) / (sx * (single[y] as number)));
  };
  // Both orders, in the order of the table's keys: the index inserts then append.
  for (let x = 0; x < n; x += 1) {
    for (let y = 0; y < n; y += 1) {
      const count = x === y ? 0 : (together[x < y ? x * n + y : y * n + x] as number);
      if (count >= settings.pairsMinPostings) add(x, y, count);
    }
  }
  return insertColumns(trx, 'skill_pairs', [
    ['week', 'date', rows.skill.map(() => week)],
    ['window_weeks', 'int', rows.skill.map(() => window)],
    ['skill_id', 'text', rows.skill],
    ['related_skill_id', 'text', rows.related],
    ['postings', 'int', rows.postings],
    ['share', 'float8', rows.share],
    ['lift', 'float8', rows.lift],
  ]);
}

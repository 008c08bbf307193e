import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { RANK_LAGS, WeekFigures, type Ranks } from './figures.js';
import type { ComputedWeeks, SkillWeek } from './movers.js';
import { loadOpenPostings, loadSkillIndex, postingsByWeek, weekNumber, weekOfNumber } from './open-postings.js'; // prettier-ignore
import { correctRankChanges, readSkillWeeks, readStoredWeeks, writeSkillWeeks, type StoredWeek } from './stored-weeks.js'; // prettier-ignore
import { insertBreakdowns, insertMarket, insertWeekly } from './write-figures.js';

/** Times a step of the rollup: repeated steps add up. */
export type Step = <T>(name: string, work: Promise<T>) => Promise<T>;

/** Weeks loaded and counted at a time: bounds the memory a long rollup holds. */
const WEEKS_PER_LOAD = 13;

/**
 * market_weekly, skill_weekly, category_weekly and breakdown_weekly for `weeks` (whose
 * old rows are gone), counted in memory from their open postings (open-postings.ts,
 * figures.ts) a run of weeks at a time; then the rank changes of stored later weeks that
 * read them. Rank changes read the ranks just computed, or the stored ones of weeks not
 * recomputed.
 */
export async function writeFigures(
  trx: Transaction<Database>,
  weeks: readonly string[],
  currency: string,
  step: Step,
): Promise<{
  skillRows: number;
  categoryRows: number;
  computed: ComputedWeeks;
  skillKeys: string[];
}> {
  const index = await loadSkillIndex(trx);
  const skillKeys = index.ids.slice(0, index.known);
  const numbers = weeks.map(weekNumber);
  const set = new Set(numbers);
  const around = (of: readonly number[], sign: 1 | -1) =>
    [...new Set(RANK_LAGS.flatMap((lag) => of.map((w) => w + sign * lag)))].filter((w) => !set.has(w)); // prettier-ignore
  // Stored weeks after these whose rank changes read them, and every stored week read.
  const later = await storedWeeksAmong(trx, around(numbers, 1));
  const read = [...new Set([...around(numbers, -1), ...later, ...around(later, -1)])];
  // Later weeks' rank changes are read from skill_weekly, to be corrected; the ranks of
  // the others from rollup_weeks.
  const [laterSkills, skillRanks, categories] = await step('ranksRead', Promise.all([
    readStoredWeeks(trx, 'skill_weekly', later, skillKeys),
    readSkillWeeks(trx, read.filter((w) => !later.includes(w)), skillKeys),
    readStoredWeeks(trx, 'category_weekly', read, index.categories),
  ])); // prettier-ignore
  const stored = [new Map<number, SkillWeek>([...skillRanks, ...laterSkills]), categories] as const; // prettier-ignore
  const computed = { skills: new Map<number, SkillWeek>(), categories: new Map<number, Ranks>(), market: new Map<number, Int32Array>() }; // prettier-ignore
  const earlier = {
    skills: (week: number) => computed.skills.get(week)?.ranks ?? stored[0].get(week)?.ranks,
    categories: (week: number) => computed.categories.get(week) ?? stored[1].get(week)?.ranks,
  };
  let skillRows = 0;
  let categoryRows = 0;
  for (let from = 0; from < numbers.length; from += WEEKS_PER_LOAD) {
    const chunk = numbers.slice(from, from + WEEKS_PER_LOAD);
    const open = await step('load', loadOpenPostings(trx, chunk, currency, index));
    const figures = await step('count', Promise.resolve().then(() => {
      const byWeek = postingsByWeek(open, chunk);
      const counted = new WeekFigures(open, index);
      for (const week of chunk) {
        const result = counted.add(weekOfNumber(week), week, byWeek.get(week) as Int32Array, earlier); // prettier-ignore
        computed.skills.set(week, result.skills);
        computed.categories.set(week, result.categories);
        computed.market.set(week, result.marketNewPostings);
      }
      return counted;
    })); // prettier-ignore
    await step('write', (async () => {
      await insertMarket(trx, figures.market, currency);
      skillRows += await insertWeekly(trx, 'skill_weekly', figures.skills);
      categoryRows += await insertWeekly(trx, 'category_weekly', figures.categories);
      await writeSkillWeeks(trx, new Map(chunk.map((w) => [w, computed.skills.get(w) as SkillWeek])), skillKeys); // prettier-ignore
      await insertBreakdowns(trx, figures.breakdowns);
    })()); // prettier-ignore
  }
  const only = (all: Map<number, StoredWeek>) => new Map(later.map((w) => [w, all.get(w)]).filter((e): e is [number, StoredWeek] => e[1] !== undefined)); // prettier-ignore
  await step(
    'rankChanges',
    (async () => {
      await correctRankChanges(trx, 'skill_weekly', only(laterSkills), skillKeys, earlier.skills);
      await correctRankChanges(trx, 'category_weekly', only(stored[1]), index.categories, earlier.categories); // prettier-ignore
    })(),
  );
  return { skillRows, categoryRows, computed, skillKeys };
}

/** Which of `weeks` (week numbers) are rolled up and stored. */
async function storedWeeksAmong(
  trx: Transaction<Database>,
  weeks: readonly number[],
): Promise<number[]> {
  // prettier-ignore
  if (weeks.length === 0) return [];
  const { rows } = await sql<{ week: number }>`
    select distinct (week - date '1970-01-05') / 7 as week from market_weekly
    where week = any(${weeks.map(weekOfNumber)}::date[])`.execute(trx);
  return rows.map((r) => r.week);
}

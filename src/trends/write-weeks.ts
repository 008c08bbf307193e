import type { Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { WeekFigures } from './figures.js';
import {
  loadOpenPostings,
  postingsByWeek,
  type OpenPostings,
  type SkillIndex,
} from './open-postings.js';
import type { ComputedWeeks, IndexedSkillWeek, Ranks, Step, StoredWeek } from './shapes.js';
import {
  correctRankChanges,
  readSkillWeeks,
  readStoredWeeks,
  storedWeeksAmong,
  writeSkillWeeks,
} from './stored-weeks.js';
import { CATEGORY_WEEKLY, RANK_LAGS, ROLE_WEEKLY, SKILL_WEEKLY } from './tables.js';
import { weekNumber, weekOfNumber } from './weeks.js';
import { writeFigures } from './write-figures.js';
import { DEFAULT_TREND_SETTINGS } from '../config/settings.js';

/** Weeks loaded and counted at a time: bounds the memory a long rollup holds. */
const WEEKS_PER_LOAD = 13;

/**
 * market_weekly, skill_weekly, category_weekly, breakdown_weekly, role_weekly and
 * role_profile_weekly for `weeks` (whose old rows are gone), counted in memory from their open postings (open-postings.ts,
 * figures.ts) a run of weeks at a time; then the rank changes of stored later weeks that
 * read them. Rank changes read the ranks just computed, or the stored ones of weeks not
 * recomputed.
 */
export async function writeWeeks(
  trx: Transaction<Database>,
  /** Where postings are read: `trx`, or a transaction on the same snapshot (rollup.ts). */
  reader: Transaction<Database>,
  weeks: readonly string[],
  currency: string,
  /** The skills as the rollup numbers them (loadSkillIndex). */
  index: SkillIndex,
  step: Step,
  /** Called with the postings of the newest run of weeks as soon as they are read. */
  withNewestRun: (newest: LoadedWeeks) => void = () => undefined,
  /** Resolves when the old rows are deleted: the writes wait for it. */
  deleted: Promise<unknown> = Promise.resolve(),
  /** Postings a role and a skill of its profile each need (TrendSettings). */
  roleProfileMinPostings = DEFAULT_TREND_SETTINGS.roleProfileMinPostings,
): Promise<{
  skillRows: number;
  categoryRows: number;
  computed: ComputedWeeks;
}> {
  const skillKeys = index.ids.slice(0, index.known);
  const numbers = weeks.map(weekNumber);
  // Pipelined: the server reads the next run of weeks and writes the last one while this
  // one is counted here. Statements queue on each connection. The newest run is read
  // first, while the stored ranks are read on the other connection, and handed to
  // `withNewestRun`, whose writes then share the server's time with the counting of the
  // others.
  const chunks = loadChunks(numbers);
  const load = (chunk: readonly number[]) =>
    handled(loadOpenPostings(reader, chunk, currency, index));
  const newest = chunks.length - 1;
  const newestRun = load(chunks[newest] as number[]);
  let next = newest > 0 ? load(chunks[0] as number[]) : newestRun;
  const set = new Set(numbers);
  const around = (of: readonly number[], sign: 1 | -1) =>
    [...new Set(RANK_LAGS.flatMap((lag) => of.map((w) => w + sign * lag)))].filter(
      (w) => !set.has(w),
    );
  // Stored weeks after these whose rank changes read them, and every stored week read.
  const later = await storedWeeksAmong(trx, around(numbers, 1));
  const read = [...new Set([...around(numbers, -1), ...later, ...around(later, -1)])];
  // Later weeks' rank changes are read from skill_weekly, to be corrected; the ranks of
  // the others from rollup_weeks.
  const [laterSkills, skillRanks, categories, roles] = await step(
    'ranksRead',
    Promise.all([
      readStoredWeeks(trx, SKILL_WEEKLY, later, skillKeys),
      readSkillWeeks(
        trx,
        read.filter((w) => !later.includes(w)),
        skillKeys,
      ),
      readStoredWeeks(trx, CATEGORY_WEEKLY, read, index.categories),
      readStoredWeeks(trx, ROLE_WEEKLY, read, index.roles),
    ]),
  );
  const stored = [
    new Map<number, IndexedSkillWeek>([...skillRanks, ...laterSkills]),
    categories,
    roles,
  ] as const;
  const computed = {
    skills: new Map<number, IndexedSkillWeek>(),
    categories: new Map<number, Ranks>(),
    roles: new Map<number, Ranks>(),
    market: new Map<number, Int32Array>(),
  };
  const earlier = {
    skills: (week: number) => computed.skills.get(week)?.ranks ?? stored[0].get(week)?.ranks,
    categories: (week: number) => computed.categories.get(week) ?? stored[1].get(week)?.ranks,
    roles: (week: number) => computed.roles.get(week) ?? stored[2].get(week)?.ranks,
  };
  let skillRows = 0;
  let categoryRows = 0;
  // The writes are queued on the connection at once: the server runs them one after the
  // other while this process goes on counting.
  const write = async (chunk: readonly number[], figures: WeekFigures) => {
    const [written] = await Promise.all([
      writeFigures(trx, figures),
      writeSkillWeeks(
        trx,
        new Map(chunk.map((w) => [w, computed.skills.get(w) as IndexedSkillWeek])),
        skillKeys,
      ),
    ]);
    skillRows += written.skillRows;
    categoryRows += written.categoryRows;
  };
  withNewestRun({ weeks: chunks[newest] as number[], open: await step('load', newestRun), index });
  let writing: Promise<unknown> = deleted;
  for (let c = 0; c < chunks.length; c += 1) {
    const chunk = chunks[c] as number[];
    const open = await step('load', next);
    if (c + 1 < newest) next = load(chunks[c + 1] as number[]);
    else if (c + 1 === newest) next = newestRun;
    const figures = await step(
      'count',
      (async () => {
        const byWeek = postingsByWeek(open, chunk);
        const counted = new WeekFigures(open, index, currency, roleProfileMinPostings);
        for (const week of chunk) {
          const result = counted.add(
            weekOfNumber(week),
            week,
            byWeek.get(week) as Int32Array,
            earlier,
          );
          computed.skills.set(week, result.skills);
          computed.categories.set(week, result.categories);
          computed.roles.set(week, result.roles);
          computed.market.set(week, result.marketNewPostings);
          // Between weeks, the driver gets to send the next queued statement.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        return counted;
      })(),
    );
    writing = handled(writing.then(() => write(chunk, figures)));
  }
  await step('write', writing);
  const only = (all: Map<number, StoredWeek>) =>
    new Map(
      later
        .map((w) => [w, all.get(w)])
        .filter((e): e is [number, StoredWeek] => e[1] !== undefined),
    );
  await step(
    'rankChanges',
    (async () => {
      await correctRankChanges(trx, SKILL_WEEKLY, only(laterSkills), skillKeys, earlier.skills);
      await correctRankChanges(
        trx,
        CATEGORY_WEEKLY,
        only(stored[1]),
        index.categories,
        earlier.categories,
      );
      await correctRankChanges(trx, ROLE_WEEKLY, only(stored[2]), index.roles, earlier.roles);
    })(),
  );
  return { skillRows, categoryRows, computed };
}

/** The postings of a run of weeks, read and counted. */
export interface LoadedWeeks {
  readonly weeks: readonly number[];
  readonly open: OpenPostings;
  readonly index: SkillIndex;
}

/**
 * Runs of at most WEEKS_PER_LOAD weeks, oldest first, cut from the newest: the last run
 * is the newest weeks, which related skills read again when it is their window.
 */
function loadChunks(weeks: readonly number[]): number[][] {
  const chunks: number[][] = [];
  for (let end = weeks.length; end > 0; end -= WEEKS_PER_LOAD) {
    chunks.unshift(weeks.slice(Math.max(0, end - WEEKS_PER_LOAD), end));
  }
  return chunks;
}

/**
 * The promise itself, marked as handled: it is awaited later, and a failure meanwhile
 * must not end the process as an unhandled rejection.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

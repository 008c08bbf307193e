import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { addWeeks } from '../../src/trends/weeks.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

/*
 * The demo's 2026-W47 in small: one stray posting (with python) five weeks before the
 * week, then four weeks of 120 postings, 54 of them with python (11.3%). Read as shares
 * of each window without asking for support, python went from 100% to 11.3%: "falling",
 * z = -2.78, p = 0.006.
 */
const WEEK = '2026-11-16';
const PER_WEEK = 120;
const PYTHON = [14, 14, 13, 13];

function strayMarket(): TrendPosting[] {
  const stray = `${addWeeks(WEEK, -5)}T09:00:00Z`;
  const postings: TrendPosting[] = [
    { key: 'S', posted: stray, firstSeen: stray, contract: 'contract', skills: ['python'] },
  ];
  PYTHON.forEach((python, w) => {
    const day = `${addWeeks(WEEK, w - 3)}T09:00:00Z`;
    for (let i = 0; i < PER_WEEK; i += 1) {
      postings.push({
        key: `N${w}-${i}`,
        posted: day,
        firstSeen: day,
        contract: 'contract',
        skills: i < python ? ['python', 'aws'] : ['aws'],
      });
    }
  });
  return postings;
}

describe.each(BACKENDS)('movers after a window of one stray posting (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, strayMarket());
  });
  afterAll(() => database?.drop());

  const rollup = async (settings = DEFAULT_TREND_SETTINGS) =>
    rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
      settings,
    });
  const pythonMoves = () =>
    database.db
      .selectFrom('skill_movers')
      .select(['week', 'window_weeks', 'segment', 'direction', 'postings_now', 'postings_before'])
      .where('skill_id', '=', 'python')
      .where('segment', '=', 'all')
      .orderBy('week')
      .orderBy('window_weeks')
      .execute();

  it('never lists a skill going from 1 posting to 54 as falling', async () => {
    await rollup();
    expect(await pythonMoves()).toEqual([]);
  });

  it('would, were a window of one posting enough to compare shares', async () => {
    // What the rollup wrote before support was asked of each window: the false faller.
    await rollup({ ...DEFAULT_TREND_SETTINGS, moversMinWindowPostings: 1, moversMinSupport: 1 });
    const moves = await pythonMoves();
    expect(moves).toContainEqual({
      week: WEEK,
      window_weeks: 4,
      segment: 'all',
      direction: 'falling',
      postings_now: 54,
      postings_before: 1,
    });
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { NotFoundError } from '../../src/errors.js';
import {
  defaultWeek,
  findSkill,
  latestCompleteWeek,
  latestRelatedWeek,
  latestWeek,
  readBreakdowns,
  relatedSkills,
  rolledUpWeek,
  skillSeries,
  weeklySeries,
  WeekNotRolledUpError,
} from '../../src/trends/read.js';
import { relatedSkillsWeek, rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import {
  BREAKDOWN_WEEKLY,
  CATEGORY_WEEKLY,
  MARKET_WEEKLY,
  SKILL_WEEKLY,
  ROLE_WEEKLY,
  ROLE_PROFILE_WEEKLY,
  ROLE_WINDOW,
  ROLE_PROFILE_WINDOW,
} from '../../src/trends/tables.js';
import { addWeeks, weeksBetween } from '../../src/trends/weeks.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W, W1 } from '../helpers/trends.js';

const W2 = addWeeks(W, -2);
const OPTIONS = {
  currency: 'GBP',
  settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
};

describe.each(BACKENDS)('the trend tables read (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    // Every week, with related skills of the newest (W); then W-1 alone, with its own.
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), OPTIONS);
    await rollupWeeks(database.db, [W1], OPTIONS);
  });
  afterAll(() => database?.drop());

  it('finds the newest week rolled up, and a week asked for only when rolled up', async () => {
    expect(await latestWeek(database.db)).toBe(W);
    expect(await rolledUpWeek(database.db)).toBe(W);
    expect(await rolledUpWeek(database.db, W1)).toBe(W1);
    const missing = rolledUpWeek(database.db, '2030-01-07');
    await expect(missing).rejects.toThrow(WeekNotRolledUpError);
    await expect(missing).rejects.toThrow(NotFoundError);
    await expect(missing).rejects.toThrow(
      'week 2030-W02 (2030-01-07) has not been rolled up: run `skillpulse rollup --week 2030-W02`',
    );
  });

  it('reads the latest related-skills week at or before a week', async () => {
    expect(await latestRelatedWeek(database.db, W)).toBe(W);
    expect(await latestRelatedWeek(database.db, addWeeks(W, 10))).toBe(W);
    expect(await latestRelatedWeek(database.db, W1)).toBe(W1);
    expect(await latestRelatedWeek(database.db, addWeeks(W1, -1))).toBeNull();
  });

  it('lists related skills by lift, with their names', async () => {
    // As the report test works out: splunk, python, terraform by lift with aws in W.
    const related = await relatedSkills(database.db, 'aws', { week: W, limit: 2 });
    expect(related.map((r) => [r.id, r.name])).toEqual([
      ['splunk', 'SPLUNK'],
      ['python', 'PYTHON'],
    ]);
    expect(await relatedSkills(database.db, 'aws', { week: W2, limit: 2 })).toEqual([]);
  });

  it('finds a skill by id, name or any case', async () => {
    expect((await findSkill(database.db, ' Aws '))?.id).toBe('aws');
    expect(await findSkill(database.db, 'cobol')).toBeUndefined();
  });

  it('fills the weeks without a row with each figure zero', async () => {
    const weeks = weeksBetween(addWeeks(W, -3), W);
    const series = await weeklySeries(database.db, SKILL_WEEKLY, {
      keys: ['aws', 'rust'],
      columns: ['postings', 'day_rate_median'],
      last: W,
      weeks: 4,
    });
    // aws: P1, P2, P3, P5, P7 in W (A1 counts in June 2025); Q3 in W-1; none before.
    expect(series.get('aws')).toEqual([
      { week: weeks[0], postings: 0, day_rate_median: null },
      { week: W2, postings: 0, day_rate_median: null },
      { week: W1, postings: 1, day_rate_median: null },
      { week: W, postings: 5, day_rate_median: 500 },
    ]);
    expect(series.get('rust')).toEqual(
      weeks.map((week) => ({ week, postings: 0, day_rate_median: null })),
    );
    const cloud = await weeklySeries(database.db, CATEGORY_WEEKLY, {
      keys: ['cloud'],
      columns: ['postings', 'rank'],
      last: W,
      weeks: 3,
    });
    expect(cloud.get('cloud')).toEqual([
      { week: W2, postings: 0, rank: null },
      { week: W1, postings: 2, rank: 2 },
      { week: W, postings: 7, rank: 1 },
    ]);
  });

  it('breaks a week down by country and work mode, for the market and for a skill', async () => {
    const { db } = database;
    const stored = await db
      .selectFrom('breakdown_weekly')
      .selectAll()
      .where('week', '=', W)
      .execute();
    const skill = stored.find((r) => r.scope === 'skill')!.scope_id;
    const expected = (scope: string, id: string, dimension: string) =>
      stored
        .filter((r) => r.scope === scope && r.scope_id === id && r.dimension === dimension)
        .sort((a, b) => b.postings - a.postings || (a.value < b.value ? -1 : 1));
    const mine = await readBreakdowns(db, W, { scope: 'skill', id: skill });
    for (const dimension of ['country', 'work_mode'] as const) {
      const rows = expected('skill', skill, dimension);
      expect(rows.length).toBeGreaterThan(0);
      expect(mine[dimension].map((l) => [l.value, l.postings, l.share, l.dayRateCount])).toEqual(
        rows.map((r) => [r.value, r.postings, r.share, r.day_rate_count]),
      );
      // Of the skill's postings counted in the dimension: the shares add up to one.
      const total = mine[dimension].reduce((sum, l) => sum + l.ofScope, 0);
      expect(total).toBeCloseTo(1, 10);
    }
    const market = await readBreakdowns(db, W, { scope: 'market', of: 1000 });
    const countries = expected('market', '', 'country');
    expect(market.country.map((l) => [l.value, l.ofScope])).toEqual(
      countries.map((r) => [r.value, r.postings / 1000]),
    );
    const none = await readBreakdowns(db, W, { scope: 'skill', id: 'no-such-skill' });
    expect(none).toEqual({ country: [], work_mode: [] });
  });

  it("gives a skill's series week by week, zero where it had no postings", async () => {
    const series = await skillSeries(database.db, 'aws', { segment: 'all', last: W, weeks: 3 });
    expect(series.map((w) => [w.week, w.postings])).toEqual([
      [W2, 0],
      [W1, 1],
      [W, 5],
    ]);
    expect(series[2]).toMatchObject({ rank: 1, currency: 'GBP', day_rate_median: 500 });
    expect(series[0]).toEqual({
      week: W2,
      postings: 0,
      share: 0,
      rank: null,
      rank_change_1w: null,
      postings_change_13w: null,
      new_postings_13w: null,
      currency: null,
      day_rate_count: 0,
      day_rate_p10: null,
      day_rate_p25: null,
      day_rate_median: null,
      day_rate_p75: null,
      day_rate_p90: null,
    });
  });
});

describe.each(BACKENDS)(
  'the default week, rolled up while W is the current week (%s)',
  (backend) => {
    let database: TestDatabase;
    /** Thursday of W: W is rolled up but partial, W-1 the latest complete week. */
    const DURING_W = new Date('2026-11-19T12:00:00Z');
    let pairsWeek: string | null;

    beforeAll(async () => {
      database = await createTestDatabase(backend);
      await seedTrendPostings(database.db, MARKET);
      const weeks = await weeksOf(database.db, { kind: 'all' });
      ({ pairsWeek } = await rollupWeeks(database.db, weeks, { ...OPTIONS, now: DURING_W }));
    });
    afterAll(() => database?.drop());

    it('is the latest complete week, not the newest rolled up', async () => {
      expect(await latestWeek(database.db)).toBe(W);
      expect(await latestCompleteWeek(database.db, DURING_W)).toBe(W1);
      expect(await defaultWeek(database.db, DURING_W)).toBe(W1);
      // What `report`, `gap` and the dashboard read when no week is asked for.
      expect(await rolledUpWeek(database.db, undefined, DURING_W)).toBe(W1);
    });

    it('still reads the current week when it is asked for', async () => {
      expect(await rolledUpWeek(database.db, W, DURING_W)).toBe(W);
    });

    it('moves on to W once W has ended, at midnight on its Sunday', async () => {
      expect(await defaultWeek(database.db, new Date('2026-11-22T23:59:59Z'))).toBe(W1);
      expect(await defaultWeek(database.db, new Date('2026-11-23T00:00:00Z'))).toBe(W);
      expect(await defaultWeek(database.db, new Date('2027-06-01T00:00:00Z'))).toBe(W);
    });

    it('is the newest rolled up when no rolled-up week has ended yet', async () => {
      const firstWeek = new Date('2025-06-04T12:00:00Z'); // in A1's week, the first rolled up
      expect(await latestCompleteWeek(database.db, firstWeek)).toBeNull();
      expect(await defaultWeek(database.db, firstWeek)).toBe(W);
    });

    it('is the week the rollup computed related skills for, so its report is complete', async () => {
      expect(pairsWeek).toBe(W1);
      expect(await latestRelatedWeek(database.db, W)).toBe(W1);
      expect(relatedSkillsWeek([W2, W1, W], DURING_W)).toBe(W1);
      expect(relatedSkillsWeek([W], DURING_W)).toBe(W);
      expect(relatedSkillsWeek([W2, W1, W], new Date('2026-11-23T00:00:00Z'))).toBe(W);
    });
  },
);

describe.each(BACKENDS)('the trend tables read before any rollup (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(() => database?.drop());

  it('has the weekly tables as tables.ts declares them', async () => {
    for (const table of [
      MARKET_WEEKLY,
      SKILL_WEEKLY,
      CATEGORY_WEEKLY,
      BREAKDOWN_WEEKLY,
      ROLE_WEEKLY,
      ROLE_PROFILE_WEEKLY,
      ROLE_WINDOW,
      ROLE_PROFILE_WINDOW,
    ]) {
      const { rows } = await sql<{ name: string; type: string }>`
        select column_name as name, data_type as type from information_schema.columns
        where table_name = ${table.name} and column_name <> 'computed_at'`.execute(database.db);
      const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : 1);
      const declared = table.columns.map((column) => ({ name: column.name, type: column.type }));
      expect(rows.sort(byName)).toEqual(declared.sort(byName));
    }
  });

  it('has no week, and says to roll one up', async () => {
    expect(await latestWeek(database.db)).toBeNull();
    expect(await defaultWeek(database.db)).toBeNull();
    await expect(rolledUpWeek(database.db)).rejects.toThrow(
      'no week has been rolled up yet: run `skillpulse rollup`',
    );
  });
});

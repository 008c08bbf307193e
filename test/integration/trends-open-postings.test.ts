import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { addWeeks, weekOf, weeksBetween } from '../../src/trends/weeks.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

/*
 * How long a posting counts as open, at the newest weeks. A steady stream: 5 postings a
 * day for 12 weeks, to the last crawl C on Thursday of W (2026-W47). A week holds 35
 * postings of the stream; the newest complete week (W-1) must count what the older weeks
 * count, and the current week (W, partial) no more than a week of them.
 */
const DAY = 86_400_000;
const C = Date.parse('2026-11-19T12:00:00Z');
const W = weekOf(new Date(C));
const W1 = addWeeks(W, -1);
const PER_DAY = 5;
const DAYS = 12 * 7;
/** The first week all of whose days the stream covers, and the weeks from it to W-1. */
const FIRST_FULL = addWeeks(weekOf(new Date(C - (DAYS - 1) * DAY)), 1);
const COMPLETE = weeksBetween(FIRST_FULL, W1);

const iso = (ms: number) => new Date(ms).toISOString();

/** The stream's posting times, newest first: day d, posting i at C - d days - i hours. */
function stream(): number[] {
  const times: number[] = [];
  for (let d = 0; d < DAYS; d += 1) {
    for (let i = 0; i < PER_DAY; i += 1) times.push(C - d * DAY - i * 3_600_000);
  }
  return times;
}

/** The first crawl of a source (and the demo's): every posting seen once, at C. */
function firstCrawl(): TrendPosting[] {
  return stream().map((posted, n) => ({
    key: `F${n}`,
    posted: iso(posted),
    firstSeen: iso(C),
    contract: 'contract',
    skills: ['aws'],
  }));
}

/**
 * Crawled every day at noon for as long as the stream ran: each posting first seen at
 * the crawl after it was posted, seen again every day of the 10 it stays up (the newest
 * last seen at C).
 */
function dailyCrawls(): TrendPosting[] {
  const crawlAfter = (t: number) => Math.ceil((t - C) / DAY) * DAY + C;
  return stream().map((posted, n) => ({
    key: `D${n}`,
    posted: iso(posted),
    firstSeen: iso(crawlAfter(posted)),
    lastSeen: iso(Math.min(C, crawlAfter(posted + 10 * DAY) - DAY)),
    contract: 'contract',
    skills: ['aws'],
  }));
}

describe.each(BACKENDS)('open postings at the newest weeks (%s)', (backend) => {
  const databases: TestDatabase[] = [];
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  /** A database of `postings`, every week rolled up at `now`; market postings by week. */
  async function rolledUp(postings: TrendPosting[], now: Date) {
    const database = await createTestDatabase(backend);
    databases.push(database);
    await seedTrendPostings(database.db, postings);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
      relatedSkills: false,
      now,
    });
    return { database, postings: () => marketPostings(database) };
  }

  async function marketPostings(database: TestDatabase): Promise<Map<string, number>> {
    const rows = await database.db
      .selectFrom('market_weekly')
      .select(['week', 'postings'])
      .where('segment', '=', 'all')
      .execute();
    return new Map(rows.map((r) => [r.week, r.postings]));
  }

  describe('seen once, by a first crawl', () => {
    let weekly: Map<string, number>;
    let database: TestDatabase;

    beforeAll(async () => {
      const rolled = await rolledUp(firstCrawl(), new Date(C + DAY));
      database = rolled.database;
      weekly = await rolled.postings();
    });

    it('counts every complete week alike, the newest too: each posting in its posted week', () => {
      expect(COMPLETE.length).toBeGreaterThanOrEqual(10);
      // Were postings under 30 days old open until the crawl, W-1 would count some 130.
      expect(COMPLETE.map((week) => weekly.get(week))).toEqual(COMPLETE.map(() => 7 * PER_DAY));
    });

    it('counts in the current week no more than the 7 days of postings to the crawl', () => {
      const lastSevenDays = stream().filter((t) => C - t <= 7 * DAY).length;
      expect(weekly.get(W)).toBe(lastSevenDays);
      expect(weekly.get(W)).toBeLessThanOrEqual(7 * PER_DAY + 1);
      // Nothing after the week of the last sighting.
      expect([...weekly.keys()].every((week) => week <= W)).toBe(true);
    });

    it('gives a week the same count rolled up the day after or a year after', async () => {
      await rollupWeeks(database.db, [W1], {
        currency: 'GBP',
        relatedSkills: false,
        now: new Date(Date.parse(`${W}T00:00:00Z`) + DAY),
      });
      const dayAfter = (await marketPostings(database)).get(W1);
      await rollupWeeks(database.db, [W1], {
        currency: 'GBP',
        relatedSkills: false,
        now: new Date(C + 365 * DAY),
      });
      expect((await marketPostings(database)).get(W1)).toBe(dayAfter);
      expect(dayAfter).toBe(7 * PER_DAY);
    });
  });

  describe('seen every day while up, by daily crawls', () => {
    let weekly: Map<string, number>;

    beforeAll(async () => {
      weekly = await (await rolledUp(dailyCrawls(), new Date(C + DAY))).postings();
    });

    it('counts the newest complete week as the older ones, once the stream is under way', () => {
      // A posting up 10 days is open in two or three weeks: 35 of the week and the ones
      // still up from the week before. The first two complete weeks are still filling.
      const steady = COMPLETE.slice(2).map((week) => weekly.get(week));
      expect(new Set(steady).size).toBe(1);
      expect(steady[0]).toBeGreaterThan(7 * PER_DAY);
      expect(weekly.get(W1)).toBe(steady[0]);
      // The current week: no more than a complete one.
      expect(weekly.get(W)).toBeLessThanOrEqual(steady[0]!);
    });
  });
});

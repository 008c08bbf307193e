import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { openDatabase } from '../../src/db/connect.js';
import { createLogger } from '../../src/log/logger.js';
import type { Segment } from '../../src/db/schema.js';
import { weeksOfPostings } from '../../src/process/weeks.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { addWeeks, weeksBetween } from '../../src/trends/weeks.js';
import { arrayLiteral } from '../../src/trends/columns.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import {
  MARKET,
  seedTrendPostings,
  trendSnapshot,
  type TrendPosting,
  W,
  W1,
} from '../helpers/trends.js';

const SETTINGS = { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 2 };

describe.each(BACKENDS)('rollup array parameters (%s)', (backend) => {
  it('carry any text and number through unchanged', async () => {
    const database = await createTestDatabase(backend, { migrate: false });
    try {
      // Crawled values (a country, a work mode) reach the arrays: quotes, commas,
      // backslashes, braces, the word NULL, blanks and non-ASCII must all survive.
      const texts = [
        'a,b',
        'quote"d',
        'back\\slash',
        '{braces}',
        'NULL',
        '',
        ' spaced ',
        'Zürich',
        null,
      ];
      const numbers = [1.5, -0.25, 1e-7, 123456789.123, 0.1 + 0.2, null];
      const { rows } = await sql<{
        t: string | null;
      }>`select unnest(${arrayLiteral(texts)}::text[]) as t`.execute(database.db);
      expect(rows.map((r) => r.t)).toEqual(texts);
      const floats = await sql<{
        n: number | null;
      }>`select unnest(${arrayLiteral(numbers)}::float8[]) as n`.execute(database.db);
      expect(floats.rows.map((r) => r.n)).toEqual(numbers);
      expect(arrayLiteral(numbers, 1, 3)).toBe('{-0.25,1e-7}');
    } finally {
      await database.drop();
    }
  });
});

describe.each(BACKENDS)('rollup on a hand-worked market (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    const weeks = await weeksOf(database.db, { kind: 'all' });
    await rollupWeeks(database.db, weeks, { currency: 'GBP', settings: SETTINGS });
  });
  afterAll(() => database?.drop());

  const market = (week: string, segment: Segment) =>
    database.db
      .selectFrom('market_weekly')
      .selectAll()
      .where('week', '=', week)
      .where('segment', '=', segment)
      .executeTakeFirst();
  const skills = (week: string, segment: Segment) =>
    database.db
      .selectFrom('skill_weekly')
      .selectAll()
      .where('week', '=', week)
      .where('segment', '=', segment)
      .orderBy('skill_id')
      .execute();

  it('derives the weeks each posting was open', async () => {
    const rows = await database.db
      .selectFrom('postings')
      .select(['external_id', 'active_from', 'active_until'])
      .orderBy('external_id')
      .execute();
    const byKey = Object.fromEntries(
      rows.map((r) => [r.external_id, [r.active_from, r.active_until]]),
    );
    expect(byKey.L1).toEqual(['2026-11-02', W]);
    expect(byKey.A1).toEqual(['2025-06-02', '2025-06-02']);
    expect(byKey.Q3).toEqual([W1, W1]); // no posting date: first seen
  });

  it("keeps each posting's skill ids equal to its posting_skills rows", async () => {
    const skillIds = async (db: typeof database.db, key: string) =>
      (
        await db
          .selectFrom('postings')
          .select('skill_ids')
          .where('external_id', '=', key)
          .executeTakeFirstOrThrow()
      ).skill_ids;
    expect(await skillIds(database.db, 'P6')).toEqual(['aws', 'splunk', 'terraform']);
    const id = async (db: typeof database.db, key: string) =>
      (
        await db
          .selectFrom('postings')
          .select('id')
          .where('external_id', '=', key)
          .executeTakeFirstOrThrow()
      ).id;
    const undo = new Error('undo');
    await expect(
      database.db.transaction().execute(async (trx) => {
        const [q1, q2] = [await id(trx, 'Q1'), await id(trx, 'Q2')];
        await trx
          .deleteFrom('posting_skills')
          .where('posting_id', '=', q1)
          .where('skill_id', '=', 'python')
          .execute();
        await trx
          .insertInto('posting_skills')
          .values([
            { posting_id: q1, skill_id: 'kafka' },
            { posting_id: q1, skill_id: 'aws' },
          ])
          .execute();
        expect(await skillIds(trx, 'Q1')).toEqual(['aws', 'kafka', 'terraform']);
        // A tag moved to another posting: both postings change.
        await trx
          .updateTable('posting_skills')
          .set({ posting_id: q2 })
          .where('posting_id', '=', q1)
          .where('skill_id', '=', 'kafka')
          .execute();
        expect(await skillIds(trx, 'Q1')).toEqual(['aws', 'terraform']);
        expect(await skillIds(trx, 'Q2')).toEqual(['kafka', 'python']);
        await trx.deleteFrom('posting_skills').where('posting_id', '=', q1).execute();
        expect(await skillIds(trx, 'Q1')).toEqual([]);
        throw undo;
      }),
    ).rejects.toBe(undo);
    expect(await skillIds(database.db, 'Q1')).toEqual(['python', 'terraform']);
  });

  it('counts distinct canonical postings open in the week, per segment', async () => {
    // W: P1 P2 P3 P4 P5 P7 P8 and L1 (still open); not P6 (duplicate), not A1 (archive).
    expect(await market(W, 'all')).toMatchObject({ postings: 8, new_postings: 7, currency: 'GBP' });
    // Contract: P1 P2 P3 (temporary counts as contract) P7 L1; P8's type is unknown.
    expect(await market(W, 'contract')).toMatchObject({ postings: 5, new_postings: 4 });
    expect(await market(W, 'freelance')).toMatchObject({ postings: 1 });
    expect(await market(W, 'permanent')).toMatchObject({ postings: 1 });
    // W-1: Q1 Q2 Q3 and L1.
    expect(await market(W1, 'all')).toMatchObject({ postings: 4, new_postings: 3 });
    expect(await market('2026-11-02', 'all')).toMatchObject({ postings: 1, new_postings: 1 });
    expect(await market('2025-06-02', 'all')).toMatchObject({ postings: 1, new_postings: 1 });
  });

  it('gives day-rate percentiles by linear interpolation, without excluded or foreign rates', async () => {
    // aws in W, day rates in GBP: P1 400, P2 500, P3 600 (P7 excluded, P6 a duplicate).
    // Positions (n-1)p = 0.2, 0.5, 1, 1.5, 1.8: 420, 450, 500, 550, 580.
    const aws = (await skills(W, 'all')).find((r) => r.skill_id === 'aws');
    expect(aws).toMatchObject({
      postings: 5, // P1 P2 P3 P5 P7
      day_rate_count: 3,
      day_rate_p10: 420,
      day_rate_p25: 450,
      day_rate_median: 500,
      day_rate_p75: 550,
      day_rate_p90: 580,
      hourly_rate_count: 1,
      hourly_rate_median: 50,
    });
    expect(aws?.share).toBeCloseTo(5 / 8, 12);
    const terraform = (await skills(W, 'all')).find((r) => r.skill_id === 'terraform');
    expect(terraform).toMatchObject({ postings: 3, day_rate_count: 1, day_rate_median: 400 }); // P1 P4 P8
  });

  it('ranks by postings with shared ranks for ties, and rank changes against earlier weeks', async () => {
    // W: aws 5, terraform 3, python 2, kafka 1, splunk 1.
    // W-1: python 3; aws, kafka, terraform 1 each (rank 2).
    const rows = await skills(W, 'all');
    const ranks = Object.fromEntries(rows.map((r) => [r.skill_id, [r.rank, r.rank_change_1w]]));
    expect(ranks).toEqual({
      aws: [1, 1], // 2 -> 1
      terraform: [2, 0], // 2 -> 2
      python: [3, -2], // 1 -> 3
      kafka: [4, -2], // 2 -> 4
      splunk: [4, null], // not there a week before
    });
    expect(rows.every((r) => r.rank_change_4w === null)).toBe(true);
  });

  it('counts a posting once per category however many of its skills fall in it', async () => {
    const rows = await database.db
      .selectFrom('category_weekly')
      .select(['category', 'postings', 'rank'])
      .where('week', '=', W)
      .where('segment', '=', 'all')
      .orderBy('category')
      .execute();
    // cloud: P1 P2 P3 P4 P5 P7 P8; data: P2 P4 L1; cybersecurity: P5.
    expect(rows).toEqual([
      { category: 'cloud', postings: 7, rank: 1 },
      { category: 'cybersecurity', postings: 1, rank: 3 },
      { category: 'data', postings: 3, rank: 2 },
    ]);
  });

  it('breaks the week down by country and work mode', async () => {
    const rows = await database.db
      .selectFrom('breakdown_weekly')
      .selectAll()
      .where('week', '=', W)
      .where('dimension', '=', 'country')
      .where('value', '=', 'GB')
      .orderBy(['scope', 'scope_id'])
      .execute();
    const byScope = Object.fromEntries(
      rows.map((r) => [`${r.scope}:${r.scope_id}`, [r.postings, r.share, r.day_rate_median]]),
    );
    // GB in W: P1 P2 P3 P7 P8. Rates: 400 500 600 (P7 excluded, P8 in EUR).
    expect(byScope['market:']).toEqual([5, 1, 500]);
    expect(byScope['skill:aws']).toEqual([4, 0.8, 500]);
    expect(byScope['skill:terraform']).toEqual([2, 0.4, 400]);
    expect(byScope['category:cloud']).toEqual([5, 1, 500]);
    const remote = await database.db
      .selectFrom('breakdown_weekly')
      .select(['postings', 'share'])
      .where('week', '=', W)
      .where('dimension', '=', 'work_mode')
      .where('value', '=', 'remote')
      .where('scope', '=', 'skill')
      .where('scope_id', '=', 'aws')
      .executeTakeFirst();
    expect(remote).toEqual({ postings: 1, share: 1 }); // P1 is the only remote posting
  });

  it('measures related skills by co-occurrence and lift over 13 weeks', async () => {
    // Open in W-12..W: Q1 Q2 Q3 L1 P1 P2 P3 P4 P5 P7 P8 = 11 canonical postings.
    // aws: Q3 P1 P2 P3 P5 P7 = 6; terraform: Q1 P1 P4 P8 = 4; python: Q1 Q2 Q3 P2 P4 = 5.
    const pairs = await database.db
      .selectFrom('skill_pairs')
      .selectAll()
      .where('week', '=', W)
      .where('window_weeks', '=', 13)
      .execute();
    const pair = (a: string, b: string) =>
      pairs.find((p) => p.skill_id === a && p.related_skill_id === b);
    expect(pair('aws', 'terraform')).toMatchObject({ postings: 1 }); // P1
    expect(pair('aws', 'terraform')?.lift).toBeCloseTo((1 * 11) / (6 * 4), 12);
    expect(pair('aws', 'terraform')?.share).toBeCloseTo(1 / 6, 12);
    expect(pair('python', 'terraform')?.lift).toBeCloseTo((2 * 11) / (5 * 4), 12); // Q1 P4
    expect(pair('terraform', 'python')?.share).toBeCloseTo(2 / 4, 12);
    expect(pair('aws', 'python')?.lift).toBeCloseTo((2 * 11) / (6 * 5), 12); // Q3 P2
    // P6 (a duplicate) is the only posting with terraform and splunk together.
    expect(pair('terraform', 'splunk')).toBeUndefined();
  });

  it('serves the figures through the analysts views', async () => {
    const demand = await database.db
      .selectFrom('trend_skill_demand' as never)
      .selectAll()
      .where('skill_id' as never, '=', 'aws' as never)
      .where('segment' as never, '=', 'all' as never)
      .where('week' as never, '=', W as never)
      .executeTakeFirstOrThrow();
    // aws: 1 posting in W-1, 5 in W; new in the 4 weeks to W: Q3, P1 P2 P3 P5 P7 = 6 of
    // 3 + 7 + 1 (L1 in W-2) = 11 new postings.
    expect(demand).toMatchObject({
      skill: 'AWS',
      category: 'cloud',
      postings: 5,
      postings_1w_before: 1,
      postings_change_1w: 4,
      new_postings_4w: 6,
    });
    expect((demand as { share_4w: number }).share_4w).toBeCloseTo(6 / 11, 12);
  });

  it('leaves the same rows when a week is recomputed', async () => {
    const before = await trendSnapshot(database.db);
    await rollupWeeks(database.db, [W1, W], { currency: 'GBP', settings: SETTINGS });
    await rollupWeeks(database.db, [W], { currency: 'GBP', settings: SETTINGS });
    expect(await trendSnapshot(database.db)).toEqual(before);
  });
});

/*
 * Movers, worked by hand: 8 weeks of 25 postings, all with aws. The 4 weeks to W2 against
 * the 4 before: rust 30 of 100 against 10 of 100, kafka 4 against 24, rare 8 against 0.
 */
const W2 = '2026-11-09';
function moverMarket(): TrendPosting[] {
  const postings: TrendPosting[] = [];
  const perWeek = {
    rust: [3, 3, 2, 2, 8, 8, 7, 7],
    kafka: [6, 6, 6, 6, 1, 1, 1, 1],
    rare: [0, 0, 0, 0, 2, 2, 2, 2],
  };
  for (let w = 0; w < 8; w += 1) {
    const day = new Date(Date.parse('2026-09-22T09:00:00Z') + w * 7 * 86_400_000).toISOString();
    for (let i = 0; i < 25; i += 1) {
      const skills = ['aws'];
      if (i < perWeek.rust[w]!) skills.push('rust');
      if (i >= 10 && i < 10 + perWeek.kafka[w]!) skills.push('kafka');
      if (i >= 20 && i < 20 + perWeek.rare[w]!) skills.push('rare');
      postings.push({
        key: `M${w}-${i}`,
        posted: day,
        firstSeen: day,
        contract: 'contract',
        skills,
        // Roles whose ranks move week by week, for the role tables' rank changes.
        ...(i % 3 === 0
          ? { role: 'devops-engineer' }
          : i < 4 + 2 * w
            ? { role: 'cloud-engineer' }
            : {}),
        ...(i % 4 === 0 ? {} : { years: i % 7 }),
      });
    }
  }
  return postings;
}

describe.each(BACKENDS)('movers on a hand-worked market (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, moverMarket());
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
    });
  });
  afterAll(() => database?.drop());

  const movers = () =>
    database.db
      .selectFrom('skill_movers')
      .selectAll()
      .where('week', '=', W2)
      .where('segment', '=', 'all')
      .orderBy(['window_weeks', 'direction', 'rank'])
      .execute();

  it('ranks significant risers and fallers by a two-proportion z-test', async () => {
    const rows = await movers();
    expect(rows.map((r) => [r.window_weeks, r.direction, r.skill_id, r.rank])).toEqual([
      [4, 'falling', 'kafka', 1],
      [4, 'rising', 'rust', 1],
    ]);
    const rust = rows.find((r) => r.skill_id === 'rust');
    // p1 = 0.30, p2 = 0.10, pooled 0.20: z = 0.2 / sqrt(0.2 * 0.8 * (1/100 + 1/100)) = 3.5355.
    expect(rust).toMatchObject({
      postings_now: 30,
      postings_before: 10,
      share_now: 0.3,
      share_before: 0.1,
    });
    expect(rust?.z_score).toBeCloseTo(0.2 / Math.sqrt(0.2 * 0.8 * 0.02), 9);
    expect(rust?.p_value).toBeCloseTo(4.07e-4, 5); // P(|Z| >= 3.5355)
    const kafka = rows.find((r) => r.skill_id === 'kafka');
    // p1 = 0.04, p2 = 0.24, pooled 0.14: z = -0.2 / sqrt(0.14 * 0.86 * 0.02) = -4.0757.
    expect(kafka?.z_score).toBeCloseTo(-0.2 / Math.sqrt(0.14 * 0.86 * 0.02), 9);
  });

  it('never ranks a skill under the minimum support, however steep its rise', async () => {
    // rare: 8 against 0 gives z = 2.89 (p = 0.004), but 8 postings are under 20.
    const all = await database.db
      .selectFrom('skill_movers')
      .select('skill_id')
      .distinct()
      .execute();
    expect(all.map((r) => r.skill_id)).not.toContain('rare');
    // A skill in every posting cannot change its share: never a mover either.
    expect(all.map((r) => r.skill_id)).not.toContain('aws');
  });

  it('lists rare once the support is lowered to its 8 postings', async () => {
    await rollupWeeks(database.db, [W2], {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, moversMinSupport: 8 },
    });
    const rare = (await movers()).find((r) => r.skill_id === 'rare');
    expect(rare).toMatchObject({
      direction: 'rising',
      rank: 2,
      postings_now: 8,
      postings_before: 0,
    });
    expect(rare?.z_score).toBeCloseTo(0.08 / Math.sqrt(0.04 * 0.96 * 0.02), 9);
  });
});

describe('incremental rollup', () => {
  const databases: TestDatabase[] = [];
  afterAll(() => Promise.all(databases.map((d) => d.drop())));

  it.each(BACKENDS)(
    'equals a full recompute after new postings, sightings and a repost (%s)',
    async (backend) => {
      const database = await createTestDatabase(backend);
      databases.push(database);
      const { db } = database;
      const [early, late] = [MARKET.filter((p) => p.key < 'P'), MARKET.filter((p) => p.key >= 'P')];
      await seedTrendPostings(db, early);
      await rollupWeeks(db, await weeksOf(db, { kind: 'all' }), {
        currency: 'GBP',
        settings: SETTINGS,
      });

      const ids = await seedTrendPostings(db, [
        ...late,
        // A repost of Q2 in W: Q2's group is open in W, and not new there.
        { key: 'R1', posted: '2026-11-19', firstSeen: '2026-11-19', contract: 'contract', skills: ['python', 'rust'], duplicateOf: 'Q2' }, // prettier-ignore
      ]);
      // Q1 seen again by a crawl in W: open from W-1 to W now.
      const sighted = await db
        .updateTable('postings')
        .set({ last_seen_at: '2026-11-20T08:00:00Z' })
        .where('external_id', '=', 'Q1')
        .returning('id')
        .execute();
      const changed = [...ids.values(), ...sighted.map((r) => r.id)];
      const weeks = await weeksOfPostings(db, changed);
      expect(weeks).toContain(W1);
      expect(weeks).toContain(W);
      await rollupWeeks(db, weeks, { currency: 'GBP', settings: SETTINGS });
      const incremental = await trendSnapshot(db);

      await rollupWeeks(db, await weeksOf(db, { kind: 'all' }), {
        currency: 'GBP',
        settings: SETTINGS,
      });
      expect(await trendSnapshot(db)).toEqual(incremental);
      // Q1 and Q2 (through its repost) now count in W: 8 + 2.
      const all = await db
        .selectFrom('market_weekly')
        .select(['postings', 'new_postings'])
        .where('week', '=', W)
        .where('segment', '=', 'all')
        .executeTakeFirst();
      expect(all).toEqual({ postings: 10, new_postings: 7 });
    },
  );

  it('finds the same movers and rank changes for a week rolled up alone as with every week', async () => {
    // With every week (some 75 here), movers and rank changes read the weeks just
    // computed; alone, a week reads the others back from rollup_weeks, or, for weeks rolled
    // up before that table existed, from skill_weekly: three ways to one answer.
    const database = await createTestDatabase('postgres');
    databases.push(database);
    await seedTrendPostings(database.db, [...MARKET, ...moverMarket()]);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
      settings: SETTINGS,
    });
    const movers = () =>
      database.db
        .selectFrom('skill_movers')
        .select([
          'week',
          'window_weeks',
          'segment',
          'skill_id',
          'direction',
          'rank',
          'postings_now',
          'postings_before',
          'z_score',
        ])
        .orderBy(['week', 'window_weeks', 'segment', 'skill_id'])
        .execute();
    const full = await movers();
    const figures = await trendSnapshot(database.db);
    expect(full.filter((m) => m.week === W2).length).toBeGreaterThan(0);
    expect(
      (await database.db.selectFrom('rollup_weeks').select('week').execute()).length,
    ).toBeGreaterThan(50);
    await rollupWeeks(database.db, [W2], {
      currency: 'GBP',
      settings: SETTINGS,
      relatedSkills: false,
    });
    expect(await movers()).toEqual(full);
    expect(await trendSnapshot(database.db)).toEqual(figures);
    await database.db.deleteFrom('rollup_weeks').execute();
    await rollupWeeks(database.db, [W2], {
      currency: 'GBP',
      settings: SETTINGS,
      relatedSkills: false,
    });
    expect(await movers()).toEqual(full);
    expect(await trendSnapshot(database.db)).toEqual(figures);
  });

  it('gives the same figures on PGlite and PostgreSQL', async () => {
    const snapshots = [];
    for (const backend of BACKENDS) {
      const database = await createTestDatabase(backend);
      databases.push(database);
      await seedTrendPostings(database.db, [...MARKET, ...moverMarket()]);
      await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
        currency: 'GBP',
        settings: SETTINGS,
      });
      snapshots.push(await trendSnapshot(database.db));
    }
    expect(snapshots[0]?.skill_weekly?.length).toBeGreaterThan(20);
    expect(snapshots[0]?.skill_movers?.length).toBeGreaterThan(0);
    expect(snapshots[1]).toEqual(snapshots[0]);
  });

  it('reads on its own connection when the pool has no second one to lend, with the same figures', async () => {
    const database = await createTestDatabase('postgres');
    databases.push(database);
    await seedTrendPostings(database.db, [...MARKET, ...moverMarket()]);
    const weeks = await weeksOf(database.db, { kind: 'all' });
    // A free pool: the rollup reads on a second connection at its own snapshot.
    await rollupWeeks(database.db, weeks, { currency: 'GBP', settings: SETTINGS });
    const figures = await trendSnapshot(database.db);
    // A pool of two with one connection held elsewhere: no second connection to be had.
    const narrow = await openDatabase({
      backend: 'postgres',
      url: database.url as string,
      poolSize: 2,
    });
    let release!: () => void;
    const holding = narrow.db
      .connection()
      .execute(() => new Promise<void>((resolve) => (release = resolve)));
    const lines: string[] = [];
    const logger = createLogger(
      { logLevel: 'warn', logFormat: 'json' },
      {
        stream: new Writable({
          write: (chunk: Buffer, _encoding, done) => {
            lines.push(chunk.toString());
            done();
          },
        }),
      },
    );
    try {
      await rollupWeeks(narrow.db, weeks, { currency: 'GBP', settings: SETTINGS, logger });
    } finally {
      release();
      await holding;
      await narrow.close();
    }
    expect(lines.join('')).toMatch(/rollup reads on its own connection/);
    expect(await trendSnapshot(database.db)).toEqual(figures);
  }, 30_000);

  it.each(BACKENDS)(
    'reports the failure of a write queued ahead, and keeps the stored figures (%s)',
    async (backend) => {
      const database = await createTestDatabase(backend);
      databases.push(database);
      const { db } = database;
      await seedTrendPostings(db, [...MARKET, ...moverMarket()]);
      // 21 weeks: the newest 13 are a run of their own, whose related skills are written
      // ahead of the older weeks' figures.
      const weeks = weeksBetween(addWeeks(W, -20), W);
      await rollupWeeks(db, weeks, { currency: 'GBP', settings: SETTINGS });
      const figures = await trendSnapshot(db);
      await sql`create function refuse_pairs() returns trigger language plpgsql as $$
      begin raise exception 'related skills refused'; end $$`.execute(db);
      await sql`create trigger refuse_pairs before insert on skill_pairs for each row execute function refuse_pairs()`.execute(
        db,
      );
      await expect(rollupWeeks(db, weeks, { currency: 'GBP', settings: SETTINGS })).rejects.toThrow(
        /related skills refused/,
      );
      expect(await trendSnapshot(db)).toEqual(figures);
    },
  );
});

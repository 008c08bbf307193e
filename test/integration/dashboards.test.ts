import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { toJson } from '../../src/db/schema.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { dashboardQueries, expandMacros } from '../helpers/grafana.js';
import { MARKET, seedTrendPostings, W } from '../helpers/trends.js';

const queries = dashboardQueries();

describe('Grafana dashboards', () => {
  it('have panel queries, all of them free of unexpanded macros once expanded', () => {
    expect(queries.length).toBeGreaterThanOrEqual(5);
    for (const query of queries) expect(expandMacros(query.rawSql)).not.toMatch(/\$__/);
  });

  it('use only the template variables they define', () => {
    for (const query of queries) {
      const used = [...query.rawSql.matchAll(/\$(?!__)(\w+)/g)].map((m) => m[1]);
      for (const name of used) expect(query.variables, `${query.dashboard}: ${query.panel}`).toContain(name); // prettier-ignore
    }
  });

  it('cover demand, rates, movers, categories, roles and source health', () => {
    const titles = queries.map((q) => q.panel.toLowerCase()).join('\n');
    for (const topic of [
      'postings open per week',
      'day rate',
      'risers and fallers',
      'categor',
      'crawl runs',
      'top roles by demand',
      'role profile',
    ]) {
      expect(titles).toContain(topic);
    }
  });
});

describe.each(BACKENDS)('dashboard SQL on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const { db } = database;
    await db
      .insertInto('sources')
      .values([
        { id: 'greenhouse', name: 'Greenhouse', adapter: 'greenhouse' },
        { id: 'remoteok', name: 'RemoteOK', adapter: 'remoteok' },
      ])
      .execute();
    const run = await db
      .insertInto('crawl_runs')
      .values({
        source_id: 'greenhouse',
        crawl_status: 'ok',
        started_at: '2026-11-20T06:00:00Z',
        finished_at: '2026-11-20T06:05:00Z',
        pages: 3,
        listings: 2,
        new_listings: 2,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const raw = await db
      .insertInto('raw_listings')
      .values(
        ['1', '2'].map((id) => ({
          source_id: 'greenhouse',
          external_id: id,
          url: `https://boards.example/${id}`,
          content_hash: `hash-${id}`,
          fetched_at: '2026-11-20T06:01:00Z',
          crawl_run_id: run.id,
          payload: toJson({ title: 'Security Engineer' }),
        })),
      )
      .returning('id')
      .execute();
    await db
      .insertInto('postings')
      .values({
        source_id: 'greenhouse',
        external_id: '1',
        raw_listing_id: raw[0]!.id,
        url: 'https://boards.example/1',
        title: 'Security Engineer',
        contract_type: 'contract',
        posted_at: '2026-11-19T00:00:00Z',
        first_seen_at: '2026-11-20T06:01:00Z',
        last_seen_at: '2026-11-20T06:01:00Z',
        content_hash: 'hash-1',
      })
      .execute();
    // The hand-worked trend market, rolled up, and a mover of the newest week (the small
    // market has none significant) so every trend panel has rows to show.
    await seedTrendPostings(db, MARKET);
    await rollupWeeks(db, await weeksOf(db, { kind: 'all' }), { currency: 'GBP', settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 } }); // prettier-ignore
    await db.insertInto('skill_movers').values({ week: W, window_weeks: 13, segment: 'all', skill_id: 'aws', direction: 'rising', rank: 1, postings_now: 30, postings_before: 5, share_now: 0.3, share_before: 0.05, z_score: 4.2, p_value: 0.00003 }).execute(); // prettier-ignore
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each(queries.map((q) => [`${q.dashboard}: ${q.panel}`, q] as const))(
    '%s runs on the schema and returns rows',
    async (_name, query) => {
      const result = await sql
        .raw<Record<string, unknown>>(expandMacros(query.rawSql))
        .execute(database.db);
      expect(result.rows.length).toBeGreaterThan(0);
    },
  );
});

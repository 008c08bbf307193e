import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { toJson } from '../../src/db/schema.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

const rows: Record<string, unknown> = {};

describe.each(BACKENDS)('database on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await database.db
      .insertInto('sources')
      .values({ id: 'greenhouse', name: 'Greenhouse', adapter: 'greenhouse' })
      .execute();
  });
  afterAll(async () => {
    await database?.drop();
  });

  const listing = (hash: string) => ({
    source_id: 'greenhouse',
    external_id: '4012345',
    url: 'https://boards.example/jobs/4012345',
    content_hash: hash,
    fetched_at: new Date('2026-11-23T10:00:00Z'),
    payload: toJson({ title: 'Cloud Engineer', tags: ['aws', 'terraform'], rate: null }),
  });

  it('stores the same listing content once, however often it is written', async () => {
    for (let i = 0; i < 3; i++) {
      await database.db
        .insertInto('raw_listings')
        .values(listing('a1'))
        .onConflict((oc) => oc.columns(['source_id', 'external_id', 'content_hash']).doNothing())
        .execute();
    }
    await database.db
      .insertInto('raw_listings')
      .values(listing('b2'))
      .onConflict((oc) => oc.columns(['source_id', 'external_id', 'content_hash']).doNothing())
      .execute();
    const stored = await database.db
      .selectFrom('raw_listings')
      .select(['content_hash'])
      .orderBy('id')
      .execute();
    expect(stored.map((r) => r.content_hash)).toEqual(['a1', 'b2']);
  });

  it('rejects a second insert of the same content without the conflict clause', async () => {
    await expect(
      database.db.insertInto('raw_listings').values(listing('a1')).execute(),
    ).rejects.toThrow(/raw_listings_source_external_hash_key/);
  });

  it('returns the same JavaScript types on both backends', async () => {
    await database.db
      .insertInto('fx_rates')
      .values({ currency: 'GBP', rate_date: '2026-11-23', per_usd: '0.7891' })
      .execute();
    const listingRow = await database.db
      .selectFrom('raw_listings')
      .selectAll()
      .where('content_hash', '=', 'a1')
      .executeTakeFirstOrThrow();
    const fx = await database.db
      .selectFrom('fx_rates')
      .selectAll()
      .where('currency', '=', 'GBP')
      .where('rate_date', '=', '2026-11-23')
      .executeTakeFirstOrThrow();
    const counted = await database.db
      .selectFrom('raw_listings')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const row = {
      id: listingRow.id,
      fetched_at: listingRow.fetched_at.toISOString(),
      payload: listingRow.payload,
      processed_at: listingRow.processed_at,
      per_usd: fx.per_usd,
      rate_date: fx.rate_date,
      count: counted.n,
    };
    expect(row).toEqual({
      id: 1,
      fetched_at: '2026-11-23T10:00:00.000Z',
      payload: { title: 'Cloud Engineer', tags: ['aws', 'terraform'], rate: null },
      processed_at: null,
      per_usd: 0.7891,
      rate_date: '2026-11-23',
      count: 2,
    });
    rows[backend] = row;
  });

  it('enforces the check constraints', async () => {
    await expect(
      database.db
        .insertInto('fx_rates')
        .values({ currency: 'pounds', rate_date: '2026-11-23', per_usd: 1 })
        .execute(),
    ).rejects.toThrow(/check constraint/);
    await expect(
      database.db
        .insertInto('crawl_runs')
        .values({ source_id: 'greenhouse', crawl_status: 'maybe' as 'ok' })
        .execute(),
    ).rejects.toThrow(/check constraint/);
  });

  it('rolls a failed transaction back whole', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('sources')
          .values({ id: 'lever', name: 'Lever', adapter: 'lever' })
          .execute();
        await trx
          .insertInto('sources')
          .values({ id: 'lever', name: 'Lever', adapter: 'lever' })
          .execute();
      }),
    ).rejects.toThrow(/sources_pkey/);
    const sources = await database.db.selectFrom('sources').select('id').execute();
    expect(sources.map((s) => s.id)).toEqual(['greenhouse']);
  });

  it('runs concurrent queries and transactions without mixing them', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `source-${i}`);
    await Promise.all(
      ids.map((id, i) =>
        i % 2 === 0
          ? database.db.transaction().execute(async (trx) => {
              await trx.insertInto('sources').values({ id, name: id, adapter: 'rss' }).execute();
              await trx
                .updateTable('sources')
                .set({ enabled: false })
                .where('id', '=', id)
                .execute();
            })
          : database.db.insertInto('sources').values({ id, name: id, adapter: 'rss' }).execute(),
      ),
    );
    const disabled = await database.db
      .selectFrom('sources')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('enabled', '=', false)
      .executeTakeFirstOrThrow();
    expect(disabled.n).toBe(10);
  });

  it('streams a large result in chunks and frees the connection when stopped early', async () => {
    const values = Array.from({ length: 2500 }, (_, i) => ({
      source_id: 'greenhouse',
      external_id: `s-${i}`,
      url: `https://boards.example/jobs/s-${i}`,
      content_hash: `h-${i}`,
      fetched_at: new Date('2026-11-23T10:00:00Z'),
      payload: toJson({ n: i }),
    }));
    await database.db.insertInto('raw_listings').values(values).execute();
    let seen = 0;
    for await (const row of database.db
      .selectFrom('raw_listings')
      .select(['external_id'])
      .where('external_id', 'like', 's-%')
      .stream(500)) {
      expect(row.external_id.startsWith('s-')).toBe(true);
      seen++;
    }
    expect(seen).toBe(2500);

    let early = 0;
    for await (const row of database.db.selectFrom('raw_listings').select('id').stream(100)) {
      expect(row.id).toBeGreaterThan(0);
      if (++early === 150) break;
    }
    // The connection is usable again, and no transaction was left open.
    const after = await sql<{ n: number }>`select count(*)::int as n from raw_listings`.execute(
      database.db,
    );
    expect(after.rows[0]?.n).toBe(2502);
    await database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('sources')
        .values({ id: 'after-stream', name: 'x', adapter: 'rss' })
        .execute();
    });
  });

  it('counts affected rows for updates and deletes', async () => {
    const updated = await database.db
      .updateTable('raw_listings')
      .set({ processed_at: new Date('2026-11-24T00:00:00Z') })
      .where('external_id', 'like', 's-1%')
      .executeTakeFirst();
    expect(updated.numUpdatedRows).toBe(1111n);
    const deleted = await database.db
      .deleteFrom('raw_listings')
      .where('external_id', 'like', 's-2%')
      .executeTakeFirst();
    expect(deleted.numDeletedRows).toBe(611n);
  });
});

describe('PGlite and PostgreSQL rows', () => {
  it('are identical for the same writes', () => {
    expect(rows.pglite).toBeDefined();
    expect(rows.pglite).toEqual(rows.postgres);
  });
});

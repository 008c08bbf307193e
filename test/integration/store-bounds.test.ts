import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  captureListing,
  knownValues,
  ROWS_PER_STATEMENT,
  storeListings,
} from '../../src/crawl/capture.js';
import type { Database } from '../../src/db/schema.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** Listings as an adapter hands them over, `count` of them. */
function listings(count: number, from = 0) {
  return Array.from({ length: count }, (_, i) =>
    captureListing({
      externalId: String(from + i),
      url: `https://jobs.test/${from + i}`,
      title: `Go Engineer ${from + i}`,
      description: 'Go and PostgreSQL.',
      source: { id: from + i },
    }),
  );
}

describe.each(BACKENDS)('storing listings on %s', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  const target = () => ({
    sourceId: 'bulk',
    crawlRunId: null,
    fetchedAt: new Date('2026-11-20T10:00:00Z'),
  });

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = database.db;
    await db.insertInto('sources').values({ id: 'bulk', name: 'bulk', adapter: 'rss' }).execute();
  });
  afterAll(async () => database.drop());

  it('stores a response larger than one statement can bind, once however often it is stored', async () => {
    // 7 parameters a row: 12,000 rows in one INSERT would need 84,000, over PostgreSQL's 65,535.
    const count = 2 * ROWS_PER_STATEMENT + 2_000;
    const first = await storeListings(db, target(), listings(count));
    expect(first).toMatchObject({ stored: count, inserted: count });
    const again = await storeListings(db, target(), listings(count));
    expect(again).toMatchObject({ stored: count, inserted: 0 });
    const rows = await db
      .selectFrom('raw_listings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('source_id', '=', 'bulk')
      .executeTakeFirstOrThrow();
    expect(Number(rows.n)).toBe(count);
    const ids = Array.from({ length: count + 10 }, (_, i) => String(i));
    expect((await knownValues(db, 'bulk', 'external_id', ids)).size).toBe(count);
  });

  it('stores text that JSON allows and jsonb does not (a lone surrogate, NUL), replaced', async () => {
    const odd = captureListing({
      externalId: 'odd',
      url: 'https://jobs.test/odd',
      title: 'Rust \ud800Engineer',
      description: 'Tokio\udc00 and axum',
      source: { note: 'raw\u0000 item \ud83d', ['key\ud800']: 1 },
    });
    const result = await storeListings(db, target(), [odd, ...listings(2, 100_000)]);
    expect(result.inserted).toBe(3);
    const row = await db
      .selectFrom('raw_listings')
      .select('payload')
      .where('external_id', '=', 'odd')
      .executeTakeFirstOrThrow();
    const payload = row.payload as {
      title: string;
      description: string;
      source: Record<string, unknown>;
    };
    expect(payload.title).toBe('Rust \ufffdEngineer');
    expect(payload.description).toBe('Tokio\ufffd and axum');
    expect(payload.source).toEqual({ note: 'raw item \ufffd', 'key\ufffd': 1 });
  });
});

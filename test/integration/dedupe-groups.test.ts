import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import {
  assignCanonical,
  DEDUPE_COLUMNS,
  resolveDuplicates,
  type TouchedPostings,
} from '../../src/dedupe/resolve.js';
import { prng } from '../../src/demo/market.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

interface Spec {
  readonly name: string;
  readonly key: string;
  readonly hash: string;
  /** Descriptions 'a' and 'a2' are near duplicates; 'b' is another text. */
  readonly text: 'a' | 'a2' | 'b';
  readonly day: number;
}

const SIMHASH = { a: 'aaaaaaaaaaaaaaaa', a2: 'aaaaaaaaaaaaaaab', b: '5555555555555555' };

async function seedSource(db: Kysely<Database>): Promise<number> {
  await db
    .insertInto('sources')
    .values({ id: 't', name: 't', adapter: 'rss' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const raw = await db
    .insertInto('raw_listings')
    .values({
      source_id: 't',
      external_id: 'raw',
      url: 'u',
      content_hash: 'raw',
      fetched_at: new Date(),
      payload: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return raw.id;
}

/** Writes one batch of postings and resolves it, as the process stage does. */
async function writeBatch(
  db: Kysely<Database>,
  rawId: number,
  batch: readonly Spec[],
): Promise<TouchedPostings> {
  const rows = await db
    .insertInto('postings')
    .values(
      batch.map((p) => ({
        source_id: 't',
        external_id: p.name,
        raw_listing_id: rawId,
        url: `https://example.test/${p.name}`,
        title: `Job ${p.name}`,
        dedupe_key: p.key,
        content_hash: p.hash,
        text_simhash: SIMHASH[p.text],
        posted_at: new Date(Date.UTC(2026, 10, p.day)),
        first_seen_at: new Date(),
        last_seen_at: new Date(),
        contract_type: 'contract' as const,
        work_mode: 'remote' as const,
      })),
    )
    .returning('id')
    .execute();
  return {
    ids: rows.map((r) => r.id),
    keys: batch.map((p) => p.key),
    hashes: batch.map((p) => p.hash),
  };
}

/** Each posting's canonical, by name: what the stored rows say, and what all of them give. */
async function canonicals(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('postings')
    .select([...DEDUPE_COLUMNS])
    .execute();
  const name = new Map(rows.map((r) => [r.id, r.external_id]));
  const byName = (id: number | null | undefined) => (id == null ? null : name.get(id));
  const whole = assignCanonical(rows);
  return {
    stored: Object.fromEntries(rows.map((r) => [r.external_id, byName(r.canonical_id)])),
    whole: Object.fromEntries(rows.map((r) => [r.external_id, byName(whole.get(r.id))])),
  };
}

function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

describe.each(BACKENDS)('duplicate groups on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => {
    await database?.drop();
  });

  async function fresh(): Promise<number> {
    await database.db.deleteFrom('postings').execute();
    await database.db.deleteFrom('raw_listings').execute();
    return seedSource(database.db);
  }

  it('follows a group beyond one hop: a later batch does not undo an earlier link', async () => {
    const rawId = await fresh();
    // T and Q share a key and near-identical text, so Q is T's duplicate. P has Q's
    // content under another key: it is T's duplicate too, and Q must stay one.
    await writeBatch(database.db, rawId, [
      { name: 'T', key: 'k3', hash: 'hT', text: 'a', day: 1 },
    ]).then((t) => database.db.transaction().execute((trx) => resolveDuplicates(trx, t)));
    await writeBatch(database.db, rawId, [
      { name: 'Q', key: 'k3', hash: 'h2', text: 'a2', day: 2 },
    ]).then((t) => database.db.transaction().execute((trx) => resolveDuplicates(trx, t)));
    await writeBatch(database.db, rawId, [
      { name: 'P', key: 'k1', hash: 'h2', text: 'b', day: 3 },
    ]).then((t) => database.db.transaction().execute((trx) => resolveDuplicates(trx, t)));
    const { stored } = await canonicals(database.db);
    expect(stored).toEqual({ T: null, Q: 'T', P: 'T' });
  });

  it('gives the answer of the whole input whatever the batches and their order', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = prng(seed);
      const rawId = await fresh();
      const specs: Spec[] = Array.from({ length: 40 }, (_, i) => ({
        name: `p${i}`,
        key: `k${Math.floor(random() * 6)}`,
        hash: `h${Math.floor(random() * 25)}`,
        text: (['a', 'a2', 'b'] as const)[Math.floor(random() * 3)] as Spec['text'],
        day: 1 + Math.floor(random() * 10),
      }));
      const order = shuffle(specs, random);
      for (let start = 0; start < order.length;) {
        const size = 1 + Math.floor(random() * 6);
        const touched = await writeBatch(database.db, rawId, order.slice(start, start + size));
        await database.db.transaction().execute((trx) => resolveDuplicates(trx, touched));
        start += size;
      }
      const { stored, whole } = await canonicals(database.db);
      // The random input must hold duplicates through both links, or this proves little.
      expect(Object.values(whole).filter((c) => c !== null).length, `seed ${seed}`).toBeGreaterThan(
        10,
      );
      expect(stored, `seed ${seed}`).toEqual(whole);
    }
  });
});

describe('duplicate resolvers on two connections', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('never resolves in two transactions at once: the second waits for the first to commit', async () => {
    await seedSource(database.db);
    const rawId = (
      await database.db.selectFrom('raw_listings').select('id').executeTakeFirstOrThrow()
    ).id;
    const first = await writeBatch(database.db, rawId, [
      { name: 'X', key: 'k', hash: 'hx', text: 'a', day: 2 },
    ]);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let resolvedFirst!: () => void;
    const firstResolved = new Promise<void>((resolve) => (resolvedFirst = resolve));
    const one = database.db.transaction().execute(async (trx) => {
      await resolveDuplicates(trx, first);
      resolvedFirst();
      await held;
    });
    await firstResolved;
    // Y is written while the first resolver, which has not seen it, still holds its
    // transaction: on its own the second would not touch any row the first locked.
    const second = await writeBatch(database.db, rawId, [
      { name: 'Y', key: 'k', hash: 'hy', text: 'a2', day: 1 },
    ]);
    let secondDone = false;
    const two = database.db
      .transaction()
      .execute((trx) => resolveDuplicates(trx, second))
      .then(() => (secondDone = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondDone).toBe(false);
    release();
    await Promise.all([one, two]);
    const { stored, whole } = await canonicals(database.db);
    expect(stored).toEqual({ X: 'Y', Y: null });
    expect(stored).toEqual(whole);
  });
});

/**
 * Raw capture throughput: how fast listings are written to raw_listings, first as new
 * rows and then as an idempotent re-crawl of the same content, on both backends.
 * Prints its figures; it asserts nothing (tests check behaviour, benchmarks speed).
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { toJson, type NewRawListing } from '../../src/db/schema.js';
import { BACKENDS, createTestDatabase } from '../helpers/database.js';

const LISTINGS = Number(process.argv[2] ?? 20_000);
const BATCH = 500;

function listing(i: number): NewRawListing {
  const payload = {
    title: `Senior Cloud Security Engineer ${i}`,
    company: `Company ${i % 997}`,
    location: i % 3 === 0 ? 'Remote (UK)' : 'London, UK',
    rate: `£${450 + (i % 200)}-${550 + (i % 200)}/day outside IR35`,
    description: 'AWS, Terraform, Kubernetes, Python. '.repeat(60),
  };
  const json = toJson(payload);
  return {
    source_id: 'bench',
    external_id: String(i),
    url: `https://jobs.example/${i}`,
    content_hash: createHash('sha256').update(json).digest('hex'),
    fetched_at: new Date(),
    payload: json,
  };
}

async function writeAll(db: Awaited<ReturnType<typeof createTestDatabase>>['db']) {
  const started = performance.now();
  for (let start = 0; start < LISTINGS; start += BATCH) {
    const values = Array.from({ length: Math.min(BATCH, LISTINGS - start) }, (_, k) =>
      listing(start + k),
    );
    await db
      .insertInto('raw_listings')
      .values(values)
      .onConflict((oc) => oc.columns(['source_id', 'external_id', 'content_hash']).doNothing())
      .execute();
  }
  return performance.now() - started;
}

export async function benchDbWrite(): Promise<void> {
  console.log(`raw_listings writes: ${LISTINGS} listings of ~2.3 KB in batches of ${BATCH}`);
  for (const backend of BACKENDS) {
    const database = await createTestDatabase(backend);
    try {
      await database.db
        .insertInto('sources')
        .values({ id: 'bench', name: 'bench', adapter: 'rss' })
        .execute();
      const fresh = await writeAll(database.db);
      const again = await writeAll(database.db);
      const count = await database.db
        .selectFrom('raw_listings')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      console.log(
        `  ${backend.padEnd(8)} new: ${Math.round((LISTINGS / fresh) * 1000)} rows/s  ` +
          `re-crawl (no-op): ${Math.round((LISTINGS / again) * 1000)} rows/s  stored: ${count.n}`,
      );
    } finally {
      await database.drop();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchDbWrite();

import { describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/config.js';
import { closeStaleRuns, STALE_RUN_MS } from '../../src/crawl/run-state.js';
import { toJson } from '../../src/db/schema.js';
import { SourceLocks } from '../../src/pipeline/source-lock.js';
import { runCrawl } from '../../src/pipeline/stages.js';
import { processListings, processSettings } from '../../src/process/process-listings.js';
import { postingsOf } from '../../src/demo/market.js';
import { crawlFixture, quietLogger, storedListings, useCrawlFixture } from '../helpers/crawl.js';
import { FAST_CRAWL, TEST_REDIS_URL } from '../helpers/pipeline.js';

const fixture = useCrawlFixture({
  marketOptions: { weeks: 4, perWeek: 60, sources: ['freelancer', 'remotive'] },
});
const settings = () => ({
  baseUrl: `${fixture.web.url}/freelancer`,
  queries: ['software'],
  pageSize: 10,
});
// The fixture's freelancer API answers "software" with every project it lists.
const expected = () => postingsOf(fixture.web.market, 'freelancer').length;

async function runs(sourceId: string) {
  return fixture.database.db
    .selectFrom('crawl_runs')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('id')
    .execute();
}

describe('a crawl that stops early', () => {
  it('is resumed where it stopped by the next crawl, though the pages it stored are known', async () => {
    const { db } = fixture.database;
    // The database fails once, on the third page: the crawl stops there, as when
    // PostgreSQL goes away, with two pages stored.
    let pages = 0;
    let failures = 0;
    const failing = db.withPlugin({
      transformQuery: (args) => {
        if (pages >= 2 && failures === 0 && args.node.kind === 'SelectQueryNode') {
          failures++;
          throw new Error('Connection terminated unexpectedly');
        }
        return args.node;
      },
      transformResult: (args) => Promise.resolve(args.result),
    });
    const first = await crawlFixture(failing, 'freelancer', settings(), {
      politeness: { maxConcurrency: 1 },
      onProgress: () => void pages++,
    });
    expect(failures).toBe(1);
    expect(first.status).toBe('failed');
    const stored = (await storedListings(db, 'freelancer')).length;
    expect(stored).toBeGreaterThanOrEqual(10);
    expect(stored).toBeLessThan(expected());
    const [stopped] = await runs('freelancer');
    expect(stopped?.resume?.requests.length).toBeGreaterThan(0);

    // Processing of what it stored is done meanwhile (the sweep, say): its pages are
    // known and processed, and an incremental crawl would stop at the first of them.
    await processListings(db, { ...processSettings(loadConfig({ env: {} })), logger: quietLogger });
    const second = await crawlFixture(db, 'freelancer', settings());
    expect(second.status).toBe('ok');
    const listings = await storedListings(db, 'freelancer');
    expect(listings).toHaveLength(expected());
    expect(new Set(listings.map((l) => l.external_id)).size).toBe(expected());
    const after = await runs('freelancer');
    expect(after.map((r) => r.resume)).toEqual([null, null]);
  });

  it('does not end the paging at listings it stored but never handed on', async () => {
    const { db } = fixture.database;
    await db.deleteFrom('postings').execute();
    await db.updateTable('raw_listings').set({ processed_at: null }).execute();
    // Every listing stored, none processed: the crawl pages on through all of them
    // instead of stopping at the first page.
    const summary = await crawlFixture(db, 'freelancer', settings());
    expect(summary.pages).toBeGreaterThan(Math.floor(expected() / 10));
  });
});

describe('runs left running by a worker that died', () => {
  it('are closed as failed with the reason, by the next crawl of the source or the sweep', async () => {
    const { db } = fixture.database;
    const longAgo = new Date(Date.now() - STALE_RUN_MS - 60_000);
    await db
      .insertInto('sources')
      .values([
        { id: 'stale-a', name: 'a', adapter: 'rss' },
        { id: 'stale-b', name: 'b', adapter: 'rss' },
      ])
      .execute();
    const dead = await db
      .insertInto('crawl_runs')
      .values({ source_id: 'stale-a', heartbeat_at: longAgo, resume: toJson({ requests: [] }) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const alive = await db
      .insertInto('crawl_runs')
      .values({ source_id: 'stale-b', heartbeat_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow();
    expect(await closeStaleRuns(db)).toBe(1);
    const rows = await db
      .selectFrom('crawl_runs')
      .select(['id', 'status', 'message', 'finished_at'])
      .where('id', 'in', [dead.id, alive.id])
      .orderBy('id')
      .execute();
    expect(rows[0]?.status).toBe('failed');
    expect(rows[0]?.message).toMatch(/^interrupted: the crawl stopped without finishing/);
    expect(rows[0]?.finished_at).not.toBeNull();
    expect(rows[1]).toMatchObject({ status: 'running' });
    // The caller that holds the source's lock knows the fresh one is dead too.
    expect(await closeStaleRuns(db, { sourceId: 'stale-b', exclusive: true })).toBe(1);
  });
});

describe('processing owed', () => {
  it('covers every unprocessed listing of the source, whichever run stored it', async () => {
    const { db } = fixture.database;
    const config = {
      ...loadConfig({ env: {} }),
      sources: { remotive: { baseUrl: `${fixture.web.url}/remotive` } },
    };
    const context = { db, config, logger: quietLogger, crawl: FAST_CRAWL };
    const first = await runCrawl(context, { sourceId: 'remotive' }, 'job-1');
    const ids = first.batches.flat();
    expect(ids.length).toBeGreaterThan(10);
    // The worker died before handing them on: the next crawl stores nothing new, and
    // still names every one of them.
    const second = await runCrawl(context, { sourceId: 'remotive' }, 'job-2');
    expect(second.summary.newListings).toBe(0);
    expect(second.batches.flat()).toEqual(ids);
  });
});

describe('the source lock', () => {
  it('is re-entrant for the job that holds it and busy for any other', async () => {
    const prefix = `skillpulse-test-lock-${process.pid}-${Date.now()}`;
    const locks = new SourceLocks(TEST_REDIS_URL, prefix, quietLogger, 5_000);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      // Held by job 7, whose worker died: its retry gets it at once, job 8 does not.
      await redis.set(`${prefix}:source-lock:freelancer`, '7', 'PX', 5_000);
      expect(await locks.withLock('freelancer', '8', () => Promise.resolve('crawled'))).toEqual({
        busy: true,
      });
      expect(await locks.withLock('freelancer', '7', () => Promise.resolve('crawled'))).toEqual({
        busy: false,
        value: 'crawled',
      });
      // Given back after the work, and its lifetime is the job lock's.
      expect(await redis.exists(`${prefix}:source-lock:freelancer`)).toBe(0);
      const ttl = await locks.withLock('freelancer', '9', () =>
        redis.pttl(`${prefix}:source-lock:freelancer`),
      );
      expect(ttl).toMatchObject({ busy: false });
      expect((ttl as { value: number }).value).toBeLessThanOrEqual(5_000);
      expect((ttl as { value: number }).value).toBeGreaterThan(0);
    } finally {
      await redis.quit();
      await locks.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { crawlFixture, storedListings } from '../helpers/crawl.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { generateMarket } from '../../src/demo/generate-market.js';
import { postingsOf } from '../../src/demo/market.js';

let database: TestDatabase;
const webs: FixtureWeb[] = [];

async function web(options: Parameters<typeof startFixtureWeb>[0]): Promise<FixtureWeb> {
  const started = await startFixtureWeb(options);
  webs.push(started);
  return started;
}

beforeAll(async () => {
  database = await createTestDatabase('postgres');
});
afterAll(async () => {
  await Promise.all(webs.map((w) => w.close()));
  await database?.drop();
});

describe('crawl faults', () => {
  it('retries a 429 after its Retry-After, then stores the page', async () => {
    const site = await web({
      faults: [{ path: '/remoteok/api', status: 429, retryAfter: '1', times: 1 }],
    });
    const summary = await crawlFixture(database.db, 'remoteok-429', {
      adapter: 'remoteok',
      baseUrl: `${site.url}/remoteok`,
    });
    expect(summary).toMatchObject({
      status: 'ok',
      errorCount: 0,
      listings: postingsOf(site.market, 'remoteok').length,
    });
    const [throttled, served] = site.requestsFor('/remoteok/api');
    expect([throttled?.status, served?.status]).toEqual([429, 200]);
    expect(served!.at - throttled!.at).toBeGreaterThanOrEqual(900);
  });

  it('honours a 503 Retry-After given as an HTTP date', async () => {
    const retryAt = new Date(Date.now() + 2000).toUTCString();
    const site = await web({
      faults: [{ path: '/remotive/', status: 503, retryAfter: retryAt, times: 1 }],
    });
    const summary = await crawlFixture(database.db, 'remotive-503', {
      adapter: 'remotive',
      baseUrl: `${site.url}/remotive`,
      categories: ['software-dev'],
    });
    expect(summary).toMatchObject({ status: 'ok', errorCount: 0 });
    const [first, second] = site.requestsFor('/remotive/');
    expect(first?.status).toBe(503);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(500);
  });

  it('records repeated 5xx as an error after the last retry, with backoff between tries', async () => {
    const site = await web({ faults: [{ path: '/greenhouse/', status: 502 }] });
    const summary = await crawlFixture(
      database.db,
      'greenhouse-5xx',
      { adapter: 'greenhouse', baseUrl: `${site.url}/greenhouse`, boards: ['gitlab'] },
      { politeness: { maxRetries: 2 }, backoffBaseMs: 100 },
    );
    expect(summary).toMatchObject({
      status: 'failed',
      pages: 0,
      errorCount: 1,
      errors: { http_5xx: 1 },
    });
    const tries = site.requestsFor('/greenhouse/');
    expect(tries.map((r) => r.status)).toEqual([502, 502, 502]);
    // Exponential: the second wait is longer than the first.
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThan(tries[1]!.at - tries[0]!.at);
    const run = await database.db
      .selectFrom('crawl_runs')
      .selectAll()
      .where('id', '=', summary.runId)
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'failed', error_count: 1, errors: { http_5xx: 1 } });
    expect(run.message).toMatch(/no page could be fetched/);
  });

  it('records a truncated response as a parse error and goes on with the rest', async () => {
    const site = await web({
      faults: [{ path: '/remotive/api/remote-jobs', truncate: true, times: 1 }],
    });
    const summary = await crawlFixture(
      database.db,
      'remotive-truncated',
      {
        adapter: 'remotive',
        baseUrl: `${site.url}/remotive`,
        categories: ['software-dev', 'devops'],
      },
      { politeness: { maxConcurrency: 1 } },
    );
    expect(summary.errors).toEqual({ parse: 1 });
    expect(summary.pages).toBe(1);
    expect(summary.listings).toBeGreaterThan(0);
    // A parse error is not retried: two requests in all.
    expect(site.requestsFor('/remotive/api/remote-jobs')).toHaveLength(2);
  });

  it('gives up on a response slower than the timeout, as a timeout', async () => {
    const site = await web({ faults: [{ path: '/remoteok/api', delayMs: 2500 }] });
    const summary = await crawlFixture(
      database.db,
      'remoteok-slow',
      { adapter: 'remoteok', baseUrl: `${site.url}/remoteok` },
      { politeness: { timeoutSecs: 1, maxRetries: 0 } },
    );
    expect(summary).toMatchObject({ status: 'failed', errors: { timeout: 1 } });
  });

  it('marks a run degraded when it yields far less than the recent median', async () => {
    const full = await web({ marketOptions: { seed: 42 } });
    for (let i = 0; i < 3; i++) {
      const run = await crawlFixture(database.db, 'remoteok-health', {
        adapter: 'remoteok',
        baseUrl: `${full.url}/remoteok`,
      });
      expect(run.status).toBe('ok');
    }
    const thin = await web({ market: generateMarket({ seed: 42 }).slice(0, 40) });
    const degraded = await crawlFixture(database.db, 'remoteok-health', {
      adapter: 'remoteok',
      baseUrl: `${thin.url}/remoteok`,
    });
    expect(degraded.status).toBe('degraded');
    expect(degraded.message).toMatch(/listings against a median of \d+ over the last 3 runs/);
    // Degraded, not lost: what it did find is stored.
    expect((await storedListings(database.db, 'remoteok-health')).length).toBe(
      postingsOf(full.market, 'remoteok').length,
    );
  });

  it('completes a crawl of a busy site that answers some requests 503 or slowly', async () => {
    const site = await web({ chaos: { errorRate: 0.3, slowRate: 0.2, seed: 3 } });
    const summary = await crawlFixture(
      database.db,
      'lever-chaos',
      { adapter: 'lever', baseUrl: `${site.url}/lever`, sites: ['skillpulse'], pageSize: 5 },
      { politeness: { maxRetries: 6 } },
    );
    expect(summary).toMatchObject({
      status: 'ok',
      errorCount: 0,
      listings: postingsOf(site.market, 'lever').length,
    });
    expect(site.requests.some((r) => r.status === 503)).toBe(true);
  });
});

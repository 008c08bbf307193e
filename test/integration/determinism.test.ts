import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/demo/sources.js';
import { loadConfig } from '../../src/config/config.js';
import { runInline } from '../../src/pipeline/inline.js';
import type { StageContext } from '../../src/pipeline/stages.js';
import { processListings, processSettings } from '../../src/process/process-listings.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { FAST_CRAWL } from '../helpers/pipeline.js';
import { snapshot } from '../helpers/snapshot.js';
import { trendSnapshot } from '../helpers/trends.js';

// Sources that cross-post the same jobs, so that duplicates have to be resolved.
const SOURCES = ['greenhouse', 'lever', 'remotive', 'arbeitnow', 'remoteok', 'hackernews'];

let web: FixtureWeb;
let first: TestDatabase;
let second: TestDatabase;

function stage(database: TestDatabase): StageContext {
  const config = { ...loadConfig({ env: {} }), sources: demoSources(web.url) };
  return { db: database.db, config, logger: quietLogger, crawl: FAST_CRAWL };
}

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 4, perWeek: 60, sources: SOURCES } });
  [first, second] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]); // prettier-ignore
});

afterAll(async () => {
  await web?.close();
  await Promise.all([first?.drop(), second?.drop()]);
});

describe('two clean runs of the same input', () => {
  it('give the same postings, canonicals and trend tables, whatever the crawl order', async () => {
    // One source after another, and the other way round three at once: the rows are
    // numbered and first seen in different orders.
    const a = await runInline(stage(first), SOURCES, { concurrency: 1 });
    const b = await runInline(stage(second), [...SOURCES].reverse(), { concurrency: 3 });
    expect(a.failures).toEqual([]);
    expect(b.failures).toEqual([]);
    // A retry of processing (every listing again, in other batches) changes nothing.
    await processListings(second.db, { scope: { kind: 'all' }, batchSize: 37, ...processSettings(stage(second).config) }); // prettier-ignore

    const [rowsA, rowsB] = [await snapshot(first.db, { clocks: false }), await snapshot(second.db, { clocks: false })]; // prettier-ignore
    const [postingsA] = rowsA as [{ canonical: string | null }[], unknown[]];
    // The input holds duplicates, or the comparison proves nothing.
    expect(postingsA.filter((p) => p.canonical !== null).length).toBeGreaterThan(20);
    expect(rowsB).toEqual(rowsA);
    const [trendsA, trendsB] = [await trendSnapshot(first.db), await trendSnapshot(second.db)];
    expect(trendsA.skill_weekly?.length).toBeGreaterThan(50);
    expect(trendsB).toEqual(trendsA);
  });
});

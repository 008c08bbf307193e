import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/demo/sources.js';
import { loadConfig } from '../../src/config/config.js';
import { runInline } from '../../src/pipeline/inline.js';
import { addJob } from '../../src/pipeline/queues.js';
import type { StageContext } from '../../src/pipeline/stages.js';
import { startPipelineWorkers, type PipelineWorkers } from '../../src/pipeline/workers.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import {
  FAST_CRAWL,
  processQueueDrained,
  queueDrained,
  testQueues,
  TEST_REDIS_URL,
} from '../helpers/pipeline.js';
import { snapshot } from '../helpers/snapshot.js';
import { trendSnapshot } from '../helpers/trends.js';

const SOURCES = ['greenhouse', 'lever', 'remotive', 'arbeitnow'];
const redis = testQueues();
const { queues } = redis;

let web: FixtureWeb;
let inline: TestDatabase;
let queued: TestDatabase;
let workers: PipelineWorkers;

function stage(database: TestDatabase): StageContext {
  return {
    db: database.db,
    config: { ...loadConfig({ env: {} }), sources: demoSources(web.url) },
    logger: quietLogger,
    crawl: FAST_CRAWL,
  };
}

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 3, perWeek: 40 } });
  [inline, queued] = await Promise.all([
    createTestDatabase('postgres'),
    createTestDatabase('postgres'),
  ]);
  workers = startPipelineWorkers({
    redisUrl: TEST_REDIS_URL,
    prefix: redis.prefix,
    queues: ['crawl', 'process', 'rollup'],
    concurrency: 3,
    context: stage(queued),
  });
});

afterAll(async () => {
  await workers?.close();
  await redis.dispose();
  await web?.close();
  await Promise.all([inline?.drop(), queued?.drop()]);
});

describe('the inline and the BullMQ runner', () => {
  it('leave the same rows for the same fixture input', async () => {
    const summary = await runInline(stage(inline), SOURCES);
    expect(summary.failures).toEqual([]);
    expect(summary.crawls.map((c) => c.sourceId)).toEqual(SOURCES);
    expect(summary.processed.postings).toBeGreaterThan(20);

    const jobs = await Promise.all(
      SOURCES.map((sourceId) => addJob(queues, 'crawl', { sourceId })),
    );
    const deadline = Date.now() + 90_000;
    for (;;) {
      const states = await Promise.all(jobs.map((j) => j.getState()));
      const drained = (await processQueueDrained(queues)) && (await queueDrained(queues, 'rollup'));
      const pending = await queued.db
        .selectFrom('raw_listings')
        .select('id')
        .where('processed_at', 'is', null)
        .execute();
      if (states.every((s) => s === 'completed') && drained && pending.length === 0) break;
      if (states.includes('failed') || Date.now() > deadline)
        throw new Error(`queued run did not finish: ${states.join(',')}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await snapshot(queued.db, { clocks: false })).toEqual(
      await snapshot(inline.db, { clocks: false }),
    );
    // The trend tables too: the queue's rollups, one per week and batch, end where the
    // inline run's one rollup does. Related skills and the roles' window figures, written
    // with them, are the exception by design: the queue leaves them to the weekly rollup.
    const [fromQueue, fromInline] = [
      await trendSnapshot(queued.db),
      await trendSnapshot(inline.db),
    ];
    expect(fromInline.skill_weekly?.length).toBeGreaterThan(50);
    const weeklyOnly = ['skill_pairs', 'role_window', 'role_profile_window'] as const;
    for (const table of weeklyOnly) {
      expect(fromInline[table]?.length, table).toBeGreaterThan(0);
      expect(fromQueue[table], table).toEqual([]);
    }
    const without = (tables: Record<string, unknown[]>) => {
      const rest = { ...tables };
      for (const table of weeklyOnly) delete rest[table];
      return rest;
    };
    expect(without(fromQueue)).toEqual(without(fromInline));
  });
});

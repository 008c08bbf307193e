import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/cli/commands/demo.js';
import { loadConfig } from '../../src/config/config.js';
import { runInline } from '../../src/pipeline/inline.js';
import {
  addJob,
  closeQueues,
  createQueues,
  type PipelineQueues,
} from '../../src/pipeline/queues.js';
import type { StageContext } from '../../src/pipeline/stages.js';
import { startPipelineWorkers, type PipelineWorkers } from '../../src/pipeline/workers.js';
import { startFixtureWeb, type FixtureWeb } from '../fixture-web/server.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { snapshot } from '../helpers/snapshot.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SOURCES = ['greenhouse', 'lever', 'remotive', 'arbeitnow'];
const prefix = `skillpulse-test-${randomUUID()}`;

let web: FixtureWeb;
let inline: TestDatabase;
let queued: TestDatabase;
let queues: PipelineQueues;
let workers: PipelineWorkers;

function stage(database: TestDatabase): StageContext {
  return {
    db: database.db,
    config: { ...loadConfig({ env: {} }), sources: demoSources(web.url) },
    logger: quietLogger,
    crawl: {
      backoffBaseMs: 20,
      politeness: { maxRequestsPerMinute: 10_000, sameDomainDelaySecs: 0, maxRetries: 2, timeoutSecs: 10, maxConcurrency: 4 }, // prettier-ignore
    },
  };
}

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 3, perWeek: 40 } });
  [inline, queued] = await Promise.all([createTestDatabase('postgres'), createTestDatabase('postgres')]); // prettier-ignore
  queues = createQueues(REDIS_URL, prefix, quietLogger);
  workers = startPipelineWorkers({ redisUrl: REDIS_URL, prefix, queues: ['crawl', 'process'], concurrency: 3, context: stage(queued) }); // prettier-ignore
});

afterAll(async () => {
  await workers?.close();
  if (queues) {
    await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
    await closeQueues(queues);
  }
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
      const counts = await queues.process.getJobCounts(
        'waiting',
        'active',
        'delayed',
        'prioritized',
      );
      const pending = await queued.db.selectFrom('raw_listings').select('id').where('processed_at', 'is', null).execute(); // prettier-ignore
      if (states.every((s) => s === 'completed') && Object.values(counts).every((n) => n === 0) && pending.length === 0) break; // prettier-ignore
      if (states.includes('failed') || Date.now() > deadline) throw new Error(`queued run did not finish: ${states.join(',')}`); // prettier-ignore
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(await snapshot(queued.db, { clocks: false })).toEqual(await snapshot(inline.db, { clocks: false })); // prettier-ignore
  });
});

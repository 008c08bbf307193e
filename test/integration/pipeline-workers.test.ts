import type { Job } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/demo/sources.js';
import { loadConfig } from '../../src/config/config.js';
import { addJob, queueRollups } from '../../src/pipeline/queues.js';
import {
  listCrawlSchedules,
  rollupSchedule,
  syncCrawlSchedules,
  syncRollupSchedule,
} from '../../src/pipeline/schedule.js';
import { startPipelineWorkers, type PipelineWorkers } from '../../src/pipeline/workers.js';
import { resolveSources } from '../../src/sources/registry.js';
import { weeksBetween } from '../../src/trends/weeks.js';
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

const REDIS_URL = TEST_REDIS_URL;
const redis = testQueues();
const { prefix, queues } = redis;

let web: FixtureWeb;
let database: TestDatabase;
let workers: PipelineWorkers;

async function settled(job: Job, timeoutMs = 60_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await job.getState();
    if (state === 'completed' || state === 'failed') return state;
    if (Date.now() > deadline) throw new Error(`job ${job.id} still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function drained(): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const pending = await database.db
      .selectFrom('raw_listings')
      .select('id')
      .where('processed_at', 'is', null)
      .execute();
    if ((await processQueueDrained(queues)) && pending.length === 0) return;
    if (Date.now() > deadline) throw new Error('process queue not drained');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const count = async (table: 'postings' | 'posting_skills' | 'raw_listings') =>
  (
    await database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 3, perWeek: 30 } });
  database = await createTestDatabase('postgres');
  const config = { ...loadConfig({ env: {} }), sources: demoSources(web.url) };
  workers = startPipelineWorkers({
    redisUrl: REDIS_URL,
    prefix,
    queues: ['crawl', 'process', 'rollup', 'report'],
    concurrency: 2,
    context: {
      db: database.db,
      config,
      logger: quietLogger,
      crawl: FAST_CRAWL,
    },
  });
});

afterAll(async () => {
  await workers?.close();
  await redis.dispose();
  await web?.close();
  await database?.drop();
});

describe('pipeline workers on Redis', () => {
  it('crawls sources, queues their listings by id and processes every one', async () => {
    const jobs = await Promise.all([
      addJob(queues, 'crawl', { sourceId: 'greenhouse' }),
      addJob(queues, 'crawl', { sourceId: 'remotive' }),
    ]);
    for (const job of jobs) expect(await settled(job)).toBe('completed');
    await drained();
    const raw = await count('raw_listings');
    expect(raw).toBeGreaterThan(10);
    expect(await count('postings')).toBeGreaterThan(0);
    const unprocessed = await database.db
      .selectFrom('raw_listings')
      .select('id')
      .where('processed_at', 'is', null)
      .execute();
    expect(unprocessed).toEqual([]);
    const crawl = await queues.crawl.getJob(jobs[0].id!);
    expect(crawl?.returnvalue).toMatchObject({ status: 'ok', processJobs: 1 });
  });

  it('rolls up every week the processed postings are open in, one job per week', async () => {
    const deadline = Date.now() + 60_000;
    while (!(await queueDrained(queues, 'rollup'))) {
      if (Date.now() > deadline) throw new Error('rollup queue not drained');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const spans = await database.db
      .selectFrom('postings')
      .select(['active_from', 'active_until'])
      .execute();
    const weeks = new Set(spans.flatMap((s) => weeksBetween(s.active_from, s.active_until)));
    const rolled = await database.db
      .selectFrom('market_weekly')
      .select('week')
      .distinct()
      .execute();
    expect(rolled.map((r) => r.week).sort()).toEqual([...weeks].sort());
    const skills = await database.db
      .selectFrom('skill_weekly')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(skills.n).toBeGreaterThan(0);
    // Two crawls' batches touched these weeks; each week was rolled up once or twice
    // (once more if a batch came while it ran), never once per batch and week.
    const done = await queues.rollup.getJobs(['completed']);
    const perWeek = new Map<string, number>();
    for (const job of done)
      perWeek.set(
        String((job.data as { week: string }).week),
        (perWeek.get(String((job.data as { week: string }).week)) ?? 0) + 1,
      );
    expect([...perWeek.keys()].sort()).toEqual([...weeks].sort());
    expect(Math.max(...perWeek.values())).toBeLessThanOrEqual(2);
  });

  it("follows a rollup with related skills (the weekly one) by the week's report", async () => {
    const newest = (
      await database.db
        .selectFrom('market_weekly')
        .select((eb) => eb.fn.max('week').as('week'))
        .executeTakeFirstOrThrow()
    ).week;
    const job = await addJob(queues, 'rollup', { week: newest, relatedSkills: true });
    expect(await settled(job)).toBe('completed');
    const deadline = Date.now() + 60_000;
    for (;;) {
      const reports = await database.db
        .selectFrom('reports')
        .select(['format', 'content'])
        .where('week', '=', newest)
        .orderBy('format')
        .execute();
      if (reports.length === 3) {
        expect(reports.map((r) => r.format)).toEqual(['html', 'json', 'md']);
        expect(reports[0]?.content).toMatch(/^<!doctype html>/);
        expect(JSON.parse(reports[1]?.content as string)).toMatchObject({ week: newest });
        expect(reports[2]?.content).toMatch(/^# IT contract market, week \d{4}-W\d\d\n/);
        break;
      }
      if (Date.now() > deadline) throw new Error('no report after the weekly rollup');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const pairs = await database.db.selectFrom('skill_pairs').select('week').distinct().execute();
    expect(pairs.map((p) => p.week)).toEqual([newest]);
  });

  it('fails a report of a week never rolled up at once, as bad job data', async () => {
    const job = await addJob(queues, 'report', { week: '2030-01-07' });
    expect(await settled(job)).toBe('failed');
    const failed = await queues.report.getJob(job.id!);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.failedReason).toMatch(/2030-W02 \(2030-01-07\) has not been rolled up/);
  });

  it('queues a week waiting for its rollup once, however often it is asked', async () => {
    await queues.rollup.pause();
    try {
      for (let i = 0; i < 5; i += 1) await queueRollups(queues, ['2020-01-06', '2020-01-13']);
      const waiting = await queues.rollup.getJobs(['delayed', 'waiting']);
      expect(waiting.map((j) => (j.data as { week: string }).week).sort()).toEqual([
        '2020-01-06',
        '2020-01-13',
      ]);
      for (const job of waiting) await job.remove();
    } finally {
      await queues.rollup.resume();
    }
  });

  it('leaves the same rows when a crawl or a process job runs again', async () => {
    const before = [
      await count('postings'),
      await count('posting_skills'),
      await count('raw_listings'),
    ];
    const ids = (
      await database.db.selectFrom('raw_listings').select('id').orderBy('id').execute()
    ).map((r) => r.id);
    const jobs = await Promise.all([
      addJob(queues, 'crawl', { sourceId: 'greenhouse' }),
      addJob(queues, 'process', { rawListingIds: ids }),
      addJob(queues, 'process', { rawListingIds: ids }),
    ]);
    for (const job of jobs) expect(await settled(job)).toBe('completed');
    await drained();
    expect([
      await count('postings'),
      await count('posting_skills'),
      await count('raw_listings'),
    ]).toEqual(before);
  });

  it('fails bad job data at once, without retries, and keeps the job for inspection', async () => {
    await expect(addJob(queues, 'process', { rawListingIds: [] })).rejects.toThrow();
    const bad = await queues.process.add('process', { rawListingIds: ['x'] });
    const unknown = await addJob(queues, 'crawl', { sourceId: 'no-such-source' });
    expect(await settled(bad)).toBe('failed');
    expect(await settled(unknown)).toBe('failed');
    const failedBad = await queues.process.getJob(bad.id!);
    expect(failedBad?.failedReason).toMatch(/^bad process job data: rawListingIds\.0: /);
    expect(failedBad?.attemptsMade).toBe(1);
    const failedUnknown = await queues.crawl.getJob(unknown.id!);
    expect(failedUnknown?.failedReason).toBe('unknown source "no-such-source"');
    expect(failedUnknown?.attemptsMade).toBe(1);
  });

  it('crawls a source in one place at a time: a second crawl waits for the first', async () => {
    const redis = new Redis(REDIS_URL);
    try {
      await redis.set(`${prefix}:source-lock:remotive`, 'another-worker', 'PX', 60_000);
      const runsBefore = await database.db
        .selectFrom('crawl_runs')
        .select('id')
        .where('source_id', '=', 'remotive')
        .execute();
      const job = await addJob(queues, 'crawl', { sourceId: 'remotive' });
      const deadline = Date.now() + 20_000;
      while ((await job.getState()) !== 'delayed' && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
      expect(await job.getState()).toBe('delayed');
      const runsAfter = await database.db
        .selectFrom('crawl_runs')
        .select('id')
        .where('source_id', '=', 'remotive')
        .execute();
      expect(runsAfter).toHaveLength(runsBefore.length);
      expect(await redis.get(`${prefix}:source-lock:remotive`)).toBe('another-worker');
      await job.remove();
    } finally {
      await redis.del(`${prefix}:source-lock:remotive`);
      await redis.quit();
    }
  });
});

describe('crawl schedules', () => {
  it('holds one schedule per enabled source, follows the configuration and unschedules the removed', async () => {
    const sources = (settings: Record<string, Record<string, unknown>>) =>
      resolveSources({ sources: settings }).filter((s) =>
        ['remoteok', 'remotive', 'arbeitnow'].includes(s.id),
      );
    const first = await syncCrawlSchedules(
      queues,
      sources({ remotive: { schedule: '15 */4 * * *' } }),
    );
    expect([...first.added].sort()).toEqual(['arbeitnow', 'remoteok', 'remotive']);
    const listed = await listCrawlSchedules(queues);
    expect(listed.map((s) => [s.sourceId, s.pattern])).toEqual([
      ['arbeitnow', '0 */6 * * *'],
      ['remoteok', '0 */6 * * *'],
      ['remotive', '15 */4 * * *'],
    ]);
    expect(listed.every((s) => s.next instanceof Date && s.next.getTime() > Date.now())).toBe(true);
    const again = await syncCrawlSchedules(
      queues,
      sources({ remotive: { schedule: '15 */4 * * *' } }),
    );
    expect(again).toMatchObject({ added: [], changed: [], removed: [] });
    const changed = await syncCrawlSchedules(
      queues,
      sources({ remotive: { schedule: '0 3 * * *' }, arbeitnow: { enabled: false } }),
    );
    expect(changed).toMatchObject({ added: [], changed: ['remotive'], removed: ['arbeitnow'] });
    expect((await listCrawlSchedules(queues)).map((s) => s.sourceId)).toEqual([
      'remoteok',
      'remotive',
    ]);
    for (const s of await listCrawlSchedules(queues)) await queues.crawl.removeJobScheduler(s.id);
  });

  it('holds the weekly rollup schedule, Mondays at 06:00 UTC unless configured', async () => {
    expect(await syncRollupSchedule(queues, '0 6 * * 1')).toBe('added');
    expect(await syncRollupSchedule(queues, '0 6 * * 1')).toBe('unchanged');
    const schedule = await rollupSchedule(queues);
    expect(schedule?.pattern).toBe('0 6 * * 1');
    expect(schedule?.next?.getUTCDay()).toBe(1);
    expect(schedule?.next?.getUTCHours()).toBe(6);
    expect(await syncRollupSchedule(queues, '30 5 * * 1')).toBe('changed');
    await queues.rollup.removeJobScheduler('rollup-weekly');
  });
});

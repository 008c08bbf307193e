import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, Socket, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase } from '../../src/db/connect.js';
import { toJson, type NewRawListing } from '../../src/db/schema.js';
import type { PipelineQueues } from '../../src/pipeline/queues.js';
import { PROCESS_BATCH } from '../../src/pipeline/stages.js';
import { startPipelineWorkers, type PipelineWorkers } from '../../src/pipeline/workers.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { processQueueDrained, testQueues, TEST_REDIS_URL } from '../helpers/pipeline.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A database with `count` raw listings of realistic size, and their ids in job batches. */
async function databaseWithListings(
  count: number,
): Promise<{ database: TestDatabase; batches: number[][] }> {
  const database = await createTestDatabase('postgres');
  cleanups.push(() => database.drop());
  await database.db
    .insertInto('sources')
    .values({ id: 'bench', name: 'bench', adapter: 'rss' })
    .execute();
  const rows: NewRawListing[] = Array.from({ length: count }, (_, i) => {
    const payload = toJson({
      title: `Senior Cloud Engineer ${i}`,
      company: `Company ${i % 97}`,
      location: 'London, UK',
      description: `<p>${'Kubernetes, Terraform and AWS on a platform team; Python and Go. '.repeat(40)} Role ${i}.</p><p>Rate: £${500 + (i % 100)}/day outside IR35</p>`,
    });
    return {
      source_id: 'bench',
      external_id: String(i),
      url: `https://x.test/${i}`,
      content_hash: createHash('sha256').update(payload).digest('hex'),
      fetched_at: new Date(),
      payload,
    };
  });
  for (let i = 0; i < rows.length; i += 1_000)
    await database.db
      .insertInto('raw_listings')
      .values(rows.slice(i, i + 1_000))
      .execute();
  const ids = (
    await database.db.selectFrom('raw_listings').select('id').orderBy('id').execute()
  ).map((r) => r.id);
  const batches: number[][] = [];
  for (let i = 0; i < ids.length; i += PROCESS_BATCH) batches.push(ids.slice(i, i + PROCESS_BATCH));
  return { database, batches };
}

async function until(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 90_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // While Redis is away a check may fail: that is "not yet", not an answer.
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function everyListingOnce(database: TestDatabase, count: number): Promise<void> {
  const postings = await database.db
    .selectFrom('postings')
    .select(['source_id', 'external_id'])
    .execute();
  expect(postings).toHaveLength(count);
  expect(new Set(postings.map((p) => p.external_id)).size).toBe(count);
  const pending = await database.db
    .selectFrom('raw_listings')
    .select('id')
    .where('processed_at', 'is', null)
    .execute();
  expect(pending).toEqual([]);
  const tags = await database.db
    .selectFrom('posting_skills')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  expect(tags.n).toBeGreaterThanOrEqual(count * 3);
}

function inProcessWorkers(
  database: TestDatabase,
  redisUrl: string,
  prefix: string,
): PipelineWorkers {
  const workers = startPipelineWorkers({
    redisUrl,
    prefix,
    queues: ['process'],
    context: { db: database.db, config: loadConfig({ env: {} }), logger: quietLogger },
    lockDurationMs: 2_000,
    stalledIntervalMs: 500,
  });
  cleanups.push(() => workers.close());
  return workers;
}

function queuesOn(redisUrl: string): { prefix: string; queues: PipelineQueues } {
  const redis = testQueues(redisUrl);
  cleanups.push(() => redis.dispose());
  return { prefix: redis.prefix, queues: redis.queues };
}

const drained = (queues: PipelineQueues) => () => processQueueDrained(queues);

describe('pipeline faults', () => {
  it('a worker killed with SIGKILL in the middle of a batch: its job goes to another, every listing stored once', async () => {
    const redisUrl = TEST_REDIS_URL;
    const { database, batches } = await databaseWithListings(2_000);
    const { prefix, queues } = queuesOn(redisUrl);
    const child: ChildProcess = spawn(
      process.execPath,
      [CLI, 'worker', '--queues=process', '--no-metrics', '--lock-duration=2000'],
      {
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          DATABASE_URL: database.url as string,
          REDIS_URL: redisUrl,
          QUEUE_PREFIX: prefix,
          LOG_LEVEL: 'warn',
        },
        stdio: 'ignore',
      },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    await queues.process.addBulk(
      batches.map((ids) => ({ name: 'process', data: { rawListingIds: ids } })),
    );
    await until(
      'the worker to take a job',
      async () => (await queues.process.getJobCounts('active')).active === 1,
    );
    await sleep(300);
    child.kill('SIGKILL');
    await exited;
    const interrupted = await queues.process.getJobCounts('completed');
    expect(interrupted.completed).toBeLessThan(batches.length);

    inProcessWorkers(database, redisUrl, prefix);
    await until('the queue to drain', drained(queues));
    await everyListingOnce(database, 2_000);
  });

  it('PostgreSQL unreachable for 10 s: jobs retry and nothing is lost', async () => {
    const redisUrl = TEST_REDIS_URL;
    const { database, batches } = await databaseWithListings(3_000);
    const proxy = await pgProxy();
    cleanups.push(() => proxy.down());
    const through = await openDatabase({
      backend: 'postgres',
      url: proxy.url(new URL(database.url as string).pathname.slice(1)),
      poolSize: 4,
    });
    cleanups.push(() => through.close());
    const { prefix, queues } = queuesOn(redisUrl);
    const workers = startPipelineWorkers({
      redisUrl,
      prefix,
      queues: ['process'],
      context: { db: through.db, config: loadConfig({ env: {} }), logger: quietLogger },
    });
    cleanups.push(() => workers.close());
    await queues.process.addBulk(
      batches.map((ids) => ({ name: 'process', data: { rawListingIds: ids } })),
    );
    await until(
      'the first job to finish',
      async () => ((await queues.process.getJobCounts('completed')).completed ?? 0) >= 1,
    );

    await proxy.down();
    await sleep(10_000);
    const meanwhile = await queues.process.getJobCounts('failed', 'delayed', 'completed');
    expect(meanwhile.failed).toBe(0);
    expect(meanwhile.completed).toBeLessThan(batches.length);
    await proxy.up();

    await until('the queue to drain', drained(queues), 120_000);
    expect((await queues.process.getJobCounts('failed')).failed).toBe(0);
    // The outage was felt: some job failed an attempt and was retried.
    const completed = await queues.process.getCompleted(0, batches.length);
    expect(completed.some((job) => job.attemptsMade > 1)).toBe(true);
    await everyListingOnce(database, 3_000);
  }, 180_000);

  it('Redis restarted in the middle of a run: workers reconnect and the run completes', async () => {
    const port = await freePort();
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-redis-'));
    const startRedis = async () => {
      const redis = spawn(
        'redis-server',
        [
          '--port',
          String(port),
          '--dir',
          dir,
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
          '--save',
          '',
        ],
        { stdio: 'ignore' },
      );
      const stopped = new Promise((resolve) => redis.once('exit', resolve));
      await until('redis to listen', async () => await canConnect(port), 10_000);
      return {
        stop: async () => {
          redis.kill('SIGTERM');
          await stopped;
        },
      };
    };
    let redis = await startRedis();
    cleanups.push(() => redis.stop());
    const redisUrl = `redis://127.0.0.1:${port}`;
    const { database, batches } = await databaseWithListings(3_000);
    const { prefix, queues } = queuesOn(redisUrl);
    inProcessWorkers(database, redisUrl, prefix);
    await queues.process.addBulk(
      batches.map((ids) => ({ name: 'process', data: { rawListingIds: ids } })),
    );
    await until(
      'the first job to finish',
      async () => ((await queues.process.getJobCounts('completed')).completed ?? 0) >= 1,
    );

    await redis.stop();
    await sleep(2_000);
    redis = await startRedis();

    await until('the queue to drain', drained(queues));
    await everyListingOnce(database, 3_000);
  });
});

/**
 * A TCP proxy in front of PostgreSQL that can go away: `down()` cuts every connection and
 * refuses new ones, `up()` accepts them again on the same port.
 */
async function pgProxy(): Promise<{
  url: (database: string) => string;
  down(): Promise<void>;
  up(): Promise<void>;
}> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = new Socket();
        upstream.connect(5432, '127.0.0.1');
        for (const socket of [client, upstream]) {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
          socket.on('error', () => undefined);
        }
        client.pipe(upstream).pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      server.listen(port, '127.0.0.1', () => resolve());
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      if (server) server.close(() => resolve());
      else resolve();
      server = null;
    });
  await up();
  return { url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`, up, down };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

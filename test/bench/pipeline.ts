/**
 * The pipeline's cost (`npm run bench:pipeline`): 100,000 synthetic listings through the
 * process queue with one and with two worker processes (the built CLI, as deployed), and
 * through the inline runner, on PostgreSQL and Redis. Prints listings/s for each and the
 * queue's overhead against inline. It asserts nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../../src/config/config.js';
import { closeQueues, createQueues } from '../../src/pipeline/queues.js';
import { PROCESS_BATCH, runProcess } from '../../src/pipeline/stages.js';
import { processListings } from '../../src/process/process-listings.js';
import { CLI, ROOT } from '../helpers/cli.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase } from '../helpers/database.js';
import { insertSyntheticListings } from './process.js';

const LISTINGS = Number(process.env.BENCH_PIPELINE_LISTINGS ?? 100_000);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

function startWorker(env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    [CLI, 'worker', '--queues=process', '--concurrency=1', '--no-metrics'],
    {
      // prettier-ignore
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: 'ignore',
    },
  );
}

export async function benchPipeline(): Promise<void> {
  const database = await createTestDatabase('postgres');
  const prefix = `skillpulse-bench-${randomUUID()}`;
  const queues = createQueues(REDIS_URL, prefix, quietLogger);
  try {
    const db = database.db;
    await insertSyntheticListings(db, LISTINGS, 23);
    const ids = (await db.selectFrom('raw_listings').select('id').orderBy('id').execute()).map((r) => r.id); // prettier-ignore
    const batches: number[][] = [];
    for (let i = 0; i < ids.length; i += PROCESS_BATCH)
      batches.push(ids.slice(i, i + PROCESS_BATCH));
    console.log(`pipeline: ${LISTINGS} listings of ~3.5 KB in ${batches.length} process jobs of ${PROCESS_BATCH}`); // prettier-ignore
    // The taxonomy synced and the stage warm before any clock starts.
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'ids', ids: [] } });

    const config = { ...loadConfig({ env: {} }) };
    const started = performance.now();
    for (const batch of batches) await runProcess({ db, config, logger: quietLogger }, { rawListingIds: batch }); // prettier-ignore
    const inlineRate = LISTINGS / ((performance.now() - started) / 1000);
    console.log(`  inline runner:       ${Math.round(inlineRate)} listings/s`);

    const rates: number[] = [];
    for (const count of [1, 2]) {
      const env = { DATABASE_URL: database.url as string, REDIS_URL, QUEUE_PREFIX: prefix, LOG_LEVEL: 'warn' }; // prettier-ignore
      const workers = Array.from({ length: count }, () => startWorker(env));
      // Let the workers start before the clock does.
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const began = performance.now();
      await queues.process.addBulk(batches.map((batch, n) => ({ name: 'process', data: { rawListingIds: batch }, opts: { jobId: `bench-${count}-${n}` } }))); // prettier-ignore
      for (;;) {
        const counts = await queues.process.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed'); // prettier-ignore
        if ((counts.failed ?? 0) > 0) throw new Error(`${counts.failed} process jobs failed`);
        if (Object.values(counts).every((n) => n === 0)) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const rate = LISTINGS / ((performance.now() - began) / 1000);
      rates.push(rate);
      console.log(`  queue, ${count} worker process${count > 1 ? 'es' : ''}: ${Math.round(rate)} listings/s`); // prettier-ignore
      await Promise.all(workers.map((w) => new Promise((resolve) => { w.once('exit', resolve); w.kill('SIGTERM'); }))); // prettier-ignore
    }
    const overhead = (1 - (rates[0] as number) / inlineRate) * 100;
    console.log(`  queue overhead against inline (one worker): ${overhead.toFixed(1)}%; two workers: ${((rates[1] as number) / (rates[0] as number)).toFixed(2)} times one`); // prettier-ignore
  } finally {
    await Promise.all(Object.values(queues).map((q) => q.obliterate({ force: true })));
    await closeQueues(queues);
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchPipeline();

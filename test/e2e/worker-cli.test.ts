import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { addJob } from '../../src/pipeline/queues.js';
import { CLI, ROOT, runCli } from '../helpers/cli.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { testQueues, TEST_REDIS_URL } from '../helpers/pipeline.js';
import { trendSnapshot } from '../helpers/trends.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';

const redis = testQueues();
const { prefix, queues } = redis;
let web: FixtureWeb;
let database: TestDatabase;
let env: Record<string, string>;

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 2, perWeek: 20 } });
  database = await createTestDatabase('postgres');
  const cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-worker-cli-'));
  const configFile = path.join(cwd, 'skillpulse.yaml');
  writeFileSync(
    configFile,
    stringify({
      sources: {
        remoteok: { baseUrl: `${web.url}/remoteok`, schedule: '5 * * * *', politeness: { sameDomainDelaySecs: 0 } }, // prettier-ignore
        remotive: { enabled: false },
        arbeitnow: { baseUrl: `${web.url}/arbeitnow`, politeness: { sameDomainDelaySecs: 0 } },
      },
    }),
  );
  env = {
    REDIS_URL: TEST_REDIS_URL,
    DATABASE_URL: database.url as string,
    QUEUE_PREFIX: prefix,
    SKILLPULSE_CONFIG: configFile,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  };
});

afterAll(async () => {
  await redis.dispose();
  await web?.close();
  await database?.drop();
});

/** A `skillpulse worker` process, once it says it started. */
async function startWorker(concurrency: number) {
  const child = spawn(
    process.execPath,
    [CLI, 'worker', '--concurrency', String(concurrency), '--metrics-port', '0'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const output = { stderr: '' };
  child.stderr.on('data', (chunk: Buffer) => (output.stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const deadline = Date.now() + 30_000;
  while (!output.stderr.includes('worker started') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100)); // prettier-ignore
  expect(output.stderr).toContain('worker started');
  return { child, output, exited };
}

describe('skillpulse worker', () => {
  it('works the queues until SIGTERM, then finishes and exits 0', async () => {
    const { child, output, exited } = await startWorker(2);

    const job = await addJob(queues, 'crawl', { sourceId: 'remoteok' });
    const until = Date.now() + 60_000;
    for (;;) {
      const pending = await database.db.selectFrom('raw_listings').select('id').where('processed_at', 'is', null).execute(); // prettier-ignore
      const postings = await database.db.selectFrom('postings').select('id').execute();
      const rolledUp = await database.db.selectFrom('market_weekly').select('week').execute();
      const rollups = await queues.rollup.getJobCounts('waiting', 'active', 'delayed');
      if ((await job.getState()) === 'completed' && postings.length > 0 && pending.length === 0 && rolledUp.length > 0 && Object.values(rollups).every((n) => n === 0)) break; // prettier-ignore
      if (Date.now() > until) throw new Error(`not processed in time: ${output.stderr.slice(-2_000)}`); // prettier-ignore
      await new Promise((r) => setTimeout(r, 200));
    }
    const { stderr } = output;
    const started = stderr.split('\n').map((l) => (l ? (JSON.parse(l) as Record<string, unknown>) : {})).find((l) => l.msg === 'worker started'); // prettier-ignore
    const metricsUrl = String(started?.metrics);
    expect(metricsUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${metricsUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      queues: ['crawl', 'process', 'rollup', 'report'],
    });
    const metrics = await (await fetch(`${metricsUrl}/metrics`)).text();
    expect(metrics).toMatch(/^skillpulse_jobs_completed_total\{queue="crawl"\} 1$/m);
    expect(metrics).toMatch(/^skillpulse_jobs_completed_total\{queue="process"\} [1-9]/m);
    expect(metrics).toMatch(/^skillpulse_pages_fetched_total\{source="remoteok"\} [1-9]/m);
    expect(metrics).toMatch(/^skillpulse_listings_new_total\{source="remoteok"\} [1-9]/m);
    expect(metrics).toMatch(/^skillpulse_postings_written_total [1-9]/m);
    expect(metrics).toMatch(/^skillpulse_job_duration_seconds_count\{queue="crawl"\} 1$/m);
    expect(metrics).toMatch(/^skillpulse_jobs_completed_total\{queue="rollup"\} [1-9]/m);
    expect(metrics).toMatch(/^skillpulse_queue_jobs\{queue="process",state="waiting"\} 0$/m);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    const lines = output.stderr.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>); // prettier-ignore
    expect(lines.some((l) => l.msg === 'worker stopped')).toBe(true);
    // Logs of a job carry its queue, id and source.
    expect(lines.some((l) => l.queue === 'crawl' && l.jobId === job.id && l.source === 'remoteok')).toBe(true); // prettier-ignore
  });

  it('crawls, processes, rolls up and reports on two worker processes, as one full rollup would', async () => {
    const workers = await Promise.all([startWorker(1), startWorker(1)]);
    const jobs = await Promise.all(['remoteok', 'arbeitnow'].map((sourceId) => addJob(queues, 'crawl', { sourceId }))); // prettier-ignore
    const until = Date.now() + 90_000;
    for (;;) {
      const states = await Promise.all(jobs.map((j) => j.getState()));
      const pending = await database.db.selectFrom('raw_listings').select('id').where('processed_at', 'is', null).execute(); // prettier-ignore
      const busy = await Promise.all([queues.process, queues.rollup].map((q) => q.getJobCounts('waiting', 'active', 'delayed'))); // prettier-ignore
      if (states.every((s) => s === 'completed') && pending.length === 0 && busy.every((c) => Object.values(c).every((n) => n === 0))) break; // prettier-ignore
      if (states.includes('failed') || Date.now() > until) throw new Error(`run did not finish: ${states.join(',')}`); // prettier-ignore
      await new Promise((r) => setTimeout(r, 250));
    }
    // The weekly rollup of the newest week, then its report, on the same two processes.
    const newest = (await database.db.selectFrom('market_weekly').select((eb) => eb.fn.max('week').as('week')).executeTakeFirstOrThrow()).week; // prettier-ignore
    await addJob(queues, 'rollup', { week: newest, relatedSkills: true });
    for (;;) {
      const reports = await database.db.selectFrom('reports').select('format').where('week', '=', newest).execute(); // prettier-ignore
      if (reports.length === 3) break;
      if (Date.now() > until) throw new Error('no report from the worker processes');
      await new Promise((r) => setTimeout(r, 250));
    }
    for (const w of workers) w.child.kill('SIGTERM');
    expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
    const arbeitnow = await database.db.selectFrom('postings').select('id').where('source_id', '=', 'arbeitnow').execute(); // prettier-ignore
    expect(arbeitnow.length).toBeGreaterThan(0);
    // What the two processes rolled up, week by week, is what one full rollup gives
    // (related skills of the newest week included, as the weekly rollup made them).
    const byWorkers = await trendSnapshot(database.db);
    expect(byWorkers.skill_weekly?.length).toBeGreaterThan(0);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), { currency: 'USD' }); // prettier-ignore
    expect(await trendSnapshot(database.db)).toEqual(byWorkers);
  });

  it('says it needs REDIS_URL', async () => {
    const { REDIS_URL: _omit, ...rest } = env;
    const result = await runCli(['worker'], { env: rest });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/skillpulse worker needs REDIS_URL/);
  });

  it.each(['worker', 'schedule list', 'schedule sync', 'run hackernews'])(
    'skillpulse %s exits 1 naming Redis when it cannot be reached',
    async (command) => {
      const result = await runCli(command.split(' '), { env: { ...env, REDIS_URL: 'redis://127.0.0.1:1' } }); // prettier-ignore
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/Redis at redis:\/\/127\.0\.0\.1:1\/? cannot be reached \(connect ECONNREFUSED/); // prettier-ignore
    },
  );
});

describe('skillpulse schedule', () => {
  it('syncs the configured schedules and lists them', async () => {
    const synced = await runCli(['schedule', 'sync'], { env });
    expect(synced.code).toBe(0);
    expect(synced.stdout).toMatch(/^schedules: \d+ added, 0 changed, 0 removed, 0 unchanged$/m);
    expect(synced.stdout).toMatch(/^weekly rollup \(0 6 \* \* 1\): added$/m);
    const listed = await runCli(['schedule', 'list'], { env });
    expect(listed.stdout).toMatch(
      /^remoteok +5 \* \* \* \* +next \d{4}-\d\d-\d\dT\d\d:05:00\.000Z$/m,
    );
    expect(listed.stdout).not.toMatch(/^remotive /m);
    expect(listed.stdout).toMatch(
      /^\(weekly rollup\) +0 6 \* \* 1 +next \d{4}-\d\d-\d\dT06:00:00\.000Z$/m,
    );
    const again = await runCli(['schedule', 'sync'], { env });
    expect(again.stdout).toMatch(/^schedules: 0 added, 0 changed, 0 removed, \d+ unchanged$/m);
  });
});

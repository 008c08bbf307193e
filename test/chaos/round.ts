/**
 * One round of a chaos run, as an operator runs the pipeline: a fresh database migrated by
 * `skillpulse migrate`, two supervised `skillpulse worker` processes, a `skillpulse run`
 * (the fault strikes during it), the queues left to drain, then a second `skillpulse run`
 * as the next scheduled one, drained too, and the workers stopped. Every command and wait
 * has a bound; whatever overruns it is recorded as a hang.
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { openDatabase } from '../../src/db/connect.js';
import type { Database } from '../../src/db/schema.js';
import type { QueueName } from '../../src/pipeline/queues.js';
import { SupervisedWorker, type CommandRecord, type UnexpectedExit } from './children.js';
import type { ChaosEnvironment } from './environment.js';
import { injectFault, type FaultOutcome, type FaultPlan, type RunFigures } from './faults.js';
import { RoundMonitor } from './monitor.js';

export interface Hang {
  /** What did not end: a command, the queues, a worker's stop. */
  readonly what: string;
  readonly boundMs: number;
  readonly detail: string;
}

export interface CrawlRunRow {
  readonly source_id: string;
  readonly job_id: string | null;
  readonly crawl_status: string;
  readonly pages: number;
  readonly listings: number;
  readonly new_listings: number;
  readonly processed: number;
  readonly crawl_message: string | null;
}

export interface RoundResult {
  readonly label: string;
  readonly database: string;
  readonly fault: FaultOutcome | null;
  readonly commands: readonly CommandRecord[];
  readonly hangs: readonly Hang[];
  readonly unexpectedExits: readonly UnexpectedExit[];
  readonly crawlRuns: readonly CrawlRunRow[];
  /** Raw listings never processed, by source. */
  readonly unprocessed: Readonly<Record<string, number>>;
  readonly failedJobs: readonly { queue: QueueName; id: string; reason: string; attempts: number }[]; // prettier-ignore
  /** What the first run did (the reference's are the scale of the fault points). */
  readonly figures: RunFigures;
  readonly logDir: string;
}

export interface Round {
  readonly result: RoundResult;
  /** The round's database, straight to the server, for the comparison. */
  readonly db: Kysely<Database>;
  /** Closes the connection and drops the database (unless kept). */
  dispose(): Promise<void>;
}

function pendingText(pending: Record<string, Record<string, number>> | null): string {
  if (!pending) return 'Redis unreachable';
  return Object.entries(pending).map(([q, c]) => `${q}: ${Object.entries(c).filter(([, n]) => n > 0).map(([s, n]) => `${s}=${n}`).join(',') || 'empty'}`).join('; '); // prettier-ignore
}

/** Waits until no queue has had work left for a second (rollups come 5 s after a batch, delayed); false at the bound. */
async function drained(
  monitor: RoundMonitor,
  boundMs: number,
): Promise<{ drained: boolean; left: string }> {
  const deadline = Date.now() + boundMs;
  let quietSince: number | undefined;
  let last: Awaited<ReturnType<RoundMonitor['pending']>> = null;
  while (Date.now() < deadline) {
    last = await monitor.pending();
    const empty = last !== null && Object.values(last).every((c) => Object.values(c).every((n) => n === 0)); // prettier-ignore
    if (!empty) quietSince = undefined;
    else if (quietSince === undefined) quietSince = Date.now();
    else if (Date.now() - quietSince >= 1_000) return { drained: true, left: '' };
    await sleep(250);
  }
  return { drained: false, left: pendingText(last) };
}

/**
 * Runs one round: with `plan`, its fault strikes during the first run, at a point scaled
 * on the reference's `figures`.
 */
export async function runRound(
  env: ChaosEnvironment,
  label: string,
  plan: FaultPlan | null,
  reference: RunFigures | null,
): Promise<Round> {
  const logDir = path.join(env.logDir, label);
  mkdirSync(logDir, { recursive: true });
  const database = `chaos_${process.pid}_${label.replace(/\W/g, '_')}`;
  await env.createDatabase(database);
  const cliEnv = {
    DATABASE_URL: env.proxy.urlFor(env.directUrl(database)),
    REDIS_URL: env.redis.url,
    QUEUE_PREFIX: env.queuePrefix(label),
    SKILLPULSE_CONFIG: env.configFile,
    LOG_LEVEL: 'info',
    LOG_FORMAT: 'json',
  };
  const commands: CommandRecord[] = [];
  const hangs: Hang[] = [];
  const handle = await openDatabase({ backend: 'postgres', url: env.directUrl(database), poolSize: 2 }); // prettier-ignore
  const monitor = new RoundMonitor(env.redis.url, cliEnv.QUEUE_PREFIX);
  try {
    const result = await playRound(env, { label, database, logDir, cliEnv, commands, hangs }, monitor, handle.db, plan, reference); // prettier-ignore
    return {
      result,
      db: handle.db,
      dispose: async () => {
        await handle.close();
        if (!env.options.keep) await env.dropDatabase(database);
      },
    };
  } catch (error) {
    await handle.close();
    throw error;
  } finally {
    await monitor.close();
  }
}

interface RoundSetup {
  readonly label: string;
  readonly database: string;
  readonly logDir: string;
  readonly cliEnv: Readonly<Record<string, string>>;
  readonly commands: CommandRecord[];
  readonly hangs: Hang[];
}

async function playRound(
  env: ChaosEnvironment,
  { label, database, logDir, cliEnv, commands, hangs }: RoundSetup,
  monitor: RoundMonitor,
  db: Kysely<Database>,
  plan: FaultPlan | null,
  reference: RunFigures | null,
): Promise<RoundResult> {
  const { bounds, registry } = env;
  const lockMs = env.options.lockDurationMs ?? 5_000;
  const workers = ['worker-a', 'worker-b'].map(
    (name) =>
      new SupervisedWorker(
        name,
        registry,
        ['worker', '--concurrency', '1', '--lock-duration', String(lockMs), '--no-metrics'],
        cliEnv,
        createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' }),
      ),
  );
  let fault: FaultOutcome | null = null;
  let figures: RunFigures = { durationMs: 0, webRequests: 0, completed: { crawl: 0, process: 0, rollup: 0, report: 0 } }; // prettier-ignore
  try {
    // The workers start while `skillpulse migrate` runs (each CLI process takes seconds to
    // load): they bring the schema up to date themselves, under the migrator's lock.
    const [migrate, started] = await Promise.all([
      registry.run('migrate', ['migrate'], { env: cliEnv, logFile: path.join(logDir, 'migrate.log'), boundMs: bounds.migrateMs }), // prettier-ignore
      Promise.all(workers.map((w) => w.start(bounds.startMs))),
    ]);
    commands.push(migrate);
    for (const [i, ok] of started.entries()) {
      const worker = workers[i] as SupervisedWorker;
      if (!ok) hangs.push({ what: `${worker.name} start`, boundMs: bounds.startMs, detail: `no 'worker started' within ${bounds.startMs / 1000} s: ${lastLines(worker.stderrTail(), 3)}` }); // prettier-ignore
    }
    if (migrate.code !== 0) throw new Error(`skillpulse migrate failed (${migrate.hung ? 'hung' : `exit ${migrate.code}`}): ${migrate.stderrTail}`); // prettier-ignore
    for (const n of [1, 2]) {
      const webRequestsAtStart = env.web.requests.length;
      const runStarted = Date.now();
      let ended = false;
      const run = registry
        .run(`run ${n}`, ['run', ...env.sources], {
          env: cliEnv,
          logFile: path.join(logDir, `run-${n}.log`),
          boundMs: bounds.runMs,
        })
        .finally(() => (ended = true));
      const injected =
        n === 1 && plan && reference
          ? injectFault(plan, { monitor, workers, redis: env.redis, proxy: env.proxy, runStarted, runEnded: () => ended }, reference) // prettier-ignore
          : null;
      const record = await run;
      commands.push(record);
      if (record.hung) hangs.push({ what: `skillpulse run (${n})`, boundMs: bounds.runMs, detail: `killed after ${record.boundMs / 1000} s; its last output: ${lastLines(record.stderrTail, 3)}` }); // prettier-ignore
      if (injected) fault = await injected;
      await Promise.all(workers.map((w) => w.settled()));
      const drain = await drained(monitor, bounds.drainMs);
      if (!drain.drained) hangs.push({ what: `queues after run ${n}`, boundMs: bounds.drainMs, detail: `not drained: ${drain.left}` }); // prettier-ignore
      if (n === 1) {
        const completed = await monitor.completed();
        figures = { durationMs: record.ms, webRequests: env.web.requests.length - webRequestsAtStart, completed: completed ?? figures.completed }; // prettier-ignore
      }
      if (env.options.failFast && hangs.length > 0) break;
    }
  } finally {
    const stops = await Promise.all(workers.map((w) => w.stop(bounds.stopMs)));
    for (const [i, stop] of stops.entries()) {
      const worker = workers[i] as SupervisedWorker;
      if (stop.hung) hangs.push({ what: `${worker.name} stop`, boundMs: bounds.stopMs, detail: `no exit ${bounds.stopMs / 1000} s after SIGTERM: ${lastLines(worker.stderrTail(), 3)}` }); // prettier-ignore
    }
  }
  const crawlRuns = (await db
    .selectFrom('crawl_runs')
    .select([
      'source_id',
      'job_id',
      'crawl_status',
      'pages',
      'listings',
      'new_listings',
      'processed',
      'crawl_message',
    ])
    .orderBy('id')
    .execute()) as CrawlRunRow[];
  const unprocessedRows = await db
    .selectFrom('raw_listings')
    .select((eb) => ['source_id', eb.fn.countAll<string>().as('n')])
    .where('processed_at', 'is', null)
    .groupBy('source_id')
    .execute();
  const failedJobs = (await monitor.failed()) ?? [];
  return {
    label,
    database,
    fault,
    commands,
    hangs,
    unexpectedExits: workers.flatMap((w) => w.unexpectedExits),
    crawlRuns,
    unprocessed: Object.fromEntries(unprocessedRows.map((r) => [r.source_id, Number(r.n)])),
    failedJobs,
    figures,
    logDir,
  };
}

/** The last lines of a log, messages only where they are JSON. */
export function lastLines(text: string, count: number): string {
  const lines = text.trim().split('\n').filter(Boolean).slice(-count);
  return lines
    .map((line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; err?: unknown };
        return `${entry.msg ?? ''}${entry.err ? ` (${typeof entry.err === 'string' ? entry.err : JSON.stringify(entry.err).slice(0, 200)})` : ''}`; // prettier-ignore
      } catch {
        return line.slice(0, 200);
      }
    })
    .join(' | ');
}

/**
 * The faults a chaos round injects into its first `skillpulse run`, each at a random point
 * measured in jobs against what the clean reference run did: kill -9 of a worker process while it
 * holds a crawl, process or rollup job; Redis stopped and started again empty 5 s later;
 * every PostgreSQL connection cut and new ones refused for 10 s.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { QueueName } from '../../src/pipeline/queues.js';
import type { SupervisedWorker } from './children.js';
import type { RoundMonitor } from './monitor.js';
import type { PostgresProxy, RedisServer } from './services.js';

export const FAULT_KINDS = ['kill-crawl', 'kill-process', 'kill-rollup', 'redis', 'postgres'] as const; // prettier-ignore
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How long Redis stays away, and PostgreSQL unreachable. */
export const REDIS_DOWN_MS = 5_000;
export const POSTGRES_DOWN_MS = 10_000;

export interface FaultPlan {
  readonly kind: FaultKind;
  /**
   * Where in the first run, from 0 to 1, counted in jobs so that a busy machine does not
   * move it: the share of the reference run's jobs of the stage that have started
   * (kill-crawl, kill-process, kill-rollup), or of all its jobs that have completed
   * (redis, postgres).
   */
  readonly at: number;
  /**
   * How far into its job the killed worker is, from 0 to 1 of the stage's HOLD_MS: the
   * first worker process to have held a job of the stage that long is killed.
   */
  readonly hold: number;
  /** How Redis is stopped: SHUTDOWN NOSAVE or kill -9. */
  readonly redisStop: 'shutdown' | 'kill';
}

/** What the reference's first run did: its completed jobs are the scale fault points are drawn on. */
export interface RunFigures {
  readonly durationMs: number;
  readonly webRequests: number;
  readonly completed: Readonly<Record<QueueName, number>>;
}

export interface FaultOutcome {
  readonly kind: FaultKind;
  /** False when the point never came before the run ended (nothing was broken). */
  readonly injected: boolean;
  /** What was done, to which process or job, and what the queues held at that moment. */
  readonly detail: string;
  /** When, in ms from the start of the run. */
  readonly atMs: number | null;
}

/** A plan for a kind: the point drawn from `random` (seeded: the same seed, the same plans). */
export function planFault(kind: FaultKind, random: () => number): FaultPlan {
  return { kind, at: 0.05 + random() * 0.85, hold: random(), redisStop: random() < 0.5 ? 'shutdown' : 'kill' }; // prettier-ignore
}

/** What a fault acts on: the round's processes, services and views. */
export interface FaultTarget {
  readonly monitor: RoundMonitor;
  readonly workers: readonly SupervisedWorker[];
  readonly redis: RedisServer;
  readonly proxy: PostgresProxy;
  readonly runStarted: number;
  readonly runEnded: () => boolean;
}

const STAGE: Partial<Record<FaultKind, QueueName>> = { 'kill-crawl': 'crawl', 'kill-process': 'process', 'kill-rollup': 'rollup' }; // prettier-ignore

/** The longest a victim has held its job before the kill (a job's typical length here). */
const HOLD_MS: Partial<Record<QueueName, number>> = { crawl: 2_000, process: 1_500, rollup: 150 };

/** Polling interval: rollup jobs last a few hundred milliseconds. */
const POLL_MS = 20;

export async function injectFault(
  plan: FaultPlan,
  target: FaultTarget,
  reference: RunFigures,
): Promise<FaultOutcome> {
  const queue = STAGE[plan.kind];
  return queue ? killHolder(plan, queue, target, reference) : breakService(plan, target, reference); // prettier-ignore
}

/** What each queue holds, by state: "crawl active=2; process -; ...". */
async function queueState(target: FaultTarget): Promise<string> {
  const pending = await target.monitor.pending();
  if (!pending) return 'queues unreadable';
  const states = (counts: Record<string, number>) =>
    Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([state, n]) => `${state}=${n}`)
      .join(',');
  return Object.entries(pending)
    .map(([queue, counts]) => `${queue} ${states(counts) || '-'}`)
    .join('; ');
}

/** The other jobs a process holds (a worker works every queue, one job of each at a time). */
async function otherJobsOf(
  target: FaultTarget,
  pid: number | undefined,
  except: { queue: QueueName; id: string },
): Promise<string> {
  const held: string[] = [];
  for (const queue of ['crawl', 'process', 'rollup', 'report'] as const) {
    for (const job of (await target.monitor.active(queue)) ?? []) {
      if (job.pid === pid && !(queue === except.queue && job.id === except.id)) held.push(`${queue} job ${job.id} ${JSON.stringify(job.data).slice(0, 40)}`); // prettier-ignore
    }
  }
  return held.join(', ');
}

/**
 * kill -9 of a worker process holding a job of the stage, once the point is reached and
 * it has held that job for the plan's share of HOLD_MS.
 */
async function killHolder(
  plan: FaultPlan,
  queue: QueueName,
  target: FaultTarget,
  reference: RunFigures,
): Promise<FaultOutcome> {
  const goal = Math.floor(plan.at * reference.completed[queue]);
  const holdMs = Math.round(plan.hold * (HOLD_MS[queue] ?? 0));
  const point = `${goal} of the reference's ${reference.completed[queue]} ${queue} jobs started, ${holdMs} ms into a job`; // prettier-ignore
  const heldSince = new Map<string, number>();
  while (!target.runEnded()) {
    const active = await target.monitor.active(queue);
    const started = ((await target.monitor.completed())?.[queue] ?? 0) + (active?.length ?? 0);
    for (const job of started >= goal ? (active ?? []) : []) {
      const worker = target.workers.find((w) => w.pid !== undefined && w.pid === job.pid);
      if (!worker) continue;
      const key = `${job.id}@${job.pid}`;
      const since = heldSince.get(key) ?? Date.now();
      heldSince.set(key, since);
      if (Date.now() - since < holdMs) continue;
      const state = await queueState(target);
      const others = await otherJobsOf(target, job.pid, { queue, id: job.id });
      const pid = worker.killNine();
      if (pid === undefined) continue;
      const atMs = Date.now() - target.runStarted;
      const data = JSON.stringify(job.data);
      return { kind: plan.kind, injected: true, atMs, detail: `kill -9 of ${worker.name} (pid ${pid}) holding ${queue} job ${job.id} ${data.length > 80 ? `${data.slice(0, 77)}...` : data}${others ? `, and ${others},` : ''} at ${(atMs / 1000).toFixed(1)} s of the run, aimed at ${point} [${state}]` }; // prettier-ignore
    }
    await sleep(POLL_MS);
  }
  return { kind: plan.kind, injected: false, atMs: null, detail: `no worker process held a ${queue} job for ${holdMs} ms after ${point}, to the end of the run` }; // prettier-ignore
}

/** Redis or PostgreSQL away for a while, from a point in time of the run. */
async function breakService(
  plan: FaultPlan,
  target: FaultTarget,
  reference: RunFigures,
): Promise<FaultOutcome> {
  const total = Object.values(reference.completed).reduce((sum, n) => sum + n, 0);
  const goal = Math.floor(plan.at * total);
  for (;;) {
    if (target.runEnded()) {
      return { kind: plan.kind, injected: false, atMs: null, detail: `the run ended before ${goal} of the reference's ${total} jobs completed` }; // prettier-ignore
    }
    const completed = await target.monitor.completed();
    if (completed && Object.values(completed).reduce((sum, n) => sum + n, 0) >= goal) break;
    await sleep(POLL_MS);
  }
  const state = await queueState(target);
  const atMs = Date.now() - target.runStarted;
  const at = `at ${(atMs / 1000).toFixed(1)} s of the run, after ${goal} of the reference's ${total} jobs completed`;
  if (plan.kind === 'redis') {
    await target.redis.stop(plan.redisStop);
    await sleep(REDIS_DOWN_MS);
    await target.redis.restart();
    const how = plan.redisStop === 'kill' ? 'kill -9' : 'SHUTDOWN NOSAVE';
    return { kind: plan.kind, injected: true, atMs, detail: `Redis stopped by ${how} ${at}, started again empty ${REDIS_DOWN_MS / 1000} s later [${state}]` }; // prettier-ignore
  }
  const before = target.proxy.stats.cut;
  await target.proxy.cut(POSTGRES_DOWN_MS);
  return { kind: plan.kind, injected: true, atMs, detail: `PostgreSQL cut ${at} for ${POSTGRES_DOWN_MS / 1000} s (${target.proxy.stats.cut - before} connections dropped, new ones refused) [${state}]` }; // prettier-ignore
}

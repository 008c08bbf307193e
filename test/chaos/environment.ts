/**
 * What every round of a chaos run shares: the fixture web (one market, one URL, so that
 * every database stores the same listings), the suite's own Redis, the PostgreSQL proxy,
 * the CLI's configuration and the log directory. Closing it kills every child, stops
 * Redis and the proxy and drops the databases, also on Ctrl-C.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { generateMarket } from '../../src/demo/generate-market.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { ADMIN_DATABASE_URL, adminQuery } from '../helpers/database.js';
import { ChildRegistry } from './children.js';
import { PostgresProxy, RedisServer } from './services.js';

/** The sources a chaos run crawls: paged APIs and sites, and single-response ones. */
export const CHAOS_SOURCES: Readonly<
  Record<string, { market: string; settings: (url: string) => Record<string, unknown> }>
> = {
  // prettier-ignore
  arbeitnow: { market: 'arbeitnow', settings: (url) => ({ baseUrl: `${url}/arbeitnow` }) },
  freelancer: { market: 'freelancer', settings: (url) => ({ baseUrl: `${url}/freelancer`, queries: ['software'] }) }, // prettier-ignore
  onsiter: { market: 'onsiter', settings: (url) => ({ startUrls: [`${url}/onsiter/jobs`] }) },
  lever: { market: 'lever', settings: (url) => ({ baseUrl: `${url}/lever`, sites: ['skillpulse'] }) }, // prettier-ignore
  remoteok: { market: 'remoteok', settings: (url) => ({ baseUrl: `${url}/remoteok` }) },
  greenhouse: { market: 'greenhouse', settings: (url) => ({ baseUrl: `${url}/greenhouse`, boards: ['skillpulse'] }) }, // prettier-ignore
  weworkremotely: { market: 'weworkremotely', settings: (url) => ({ baseUrl: `${url}/weworkremotely`, categories: ['remote-programming-jobs'] }) }, // prettier-ignore
  'chaos-feed': { market: 'feed', settings: (url) => ({ adapter: 'rss', feeds: [`${url}/feed/atom.xml`] }) }, // prettier-ignore
};

/** No politeness delays against the fixture web; a few retries, as in production. */
const FAST = { sameDomainDelaySecs: 0, maxRequestsPerMinute: 100_000, maxConcurrency: 4, timeoutSecs: 10, maxRetries: 3 }; // prettier-ignore

export interface ChaosBounds {
  /** A `skillpulse run`. @defaultValue 5 min */
  readonly runMs: number;
  /** The queues emptying after a run. @defaultValue 3 min */
  readonly drainMs: number;
  /** A worker's exit after SIGTERM. @defaultValue 30 s */
  readonly stopMs: number;
  /** `skillpulse migrate`. @defaultValue 90 s */
  readonly migrateMs: number;
  /** A worker's 'worker started' line (loading the CLI takes 7-30 s on a busy machine). @defaultValue 90 s */
  readonly startMs: number;
}

export const DEFAULT_BOUNDS: ChaosBounds = { runMs: 300_000, drainMs: 180_000, stopMs: 30_000, migrateMs: 90_000, startMs: 90_000 }; // prettier-ignore

export interface ChaosOptions {
  readonly postings: number;
  readonly weeks: number;
  /** Seed of the market (the fault points have their own, see run.ts). @defaultValue 42 */
  readonly marketSeed?: number;
  /** Source ids of CHAOS_SOURCES. @defaultValue all of them */
  readonly sources?: readonly string[];
  /** Latency of every fixture response, so that a crawl lasts long enough to be hit. @defaultValue 20 */
  readonly latencyMs?: number;
  /** BullMQ lock duration of the workers: a killed worker's jobs move on after it. @defaultValue 5000 */
  readonly lockDurationMs?: number;
  readonly bounds?: Partial<ChaosBounds>;
  /**
   * The built CLI to drive (main.js), to try another build against the same market.
   * @defaultValue this checkout's dist/src/cli/main.js
   */
  readonly cli?: string;
  /** Keep databases and logs. @defaultValue false */
  readonly keep?: boolean;
  /** End a round at its first hang instead of going on to the second run. @defaultValue false */
  readonly failFast?: boolean;
  /**
   * After the comparison, run a full rollup of each round's postings and say which trend
   * rows it changes (rollups lost or run on stale data). @defaultValue true
   */
  readonly fullRollup?: boolean;
}

export class ChaosEnvironment {
  readonly registry: ChildRegistry;
  readonly databases = new Set<string>();
  private closed = false;
  private rounds = 0;

  private constructor(
    readonly options: ChaosOptions,
    readonly web: FixtureWeb,
    readonly redis: RedisServer,
    readonly proxy: PostgresProxy,
    readonly logDir: string,
    readonly configFile: string,
    readonly sources: readonly string[],
    readonly bounds: ChaosBounds,
  ) {
    this.registry = new ChildRegistry({}, options.cli);
  }

  static async start(options: ChaosOptions): Promise<ChaosEnvironment> {
    const sources = options.sources ?? Object.keys(CHAOS_SOURCES);
    if (options.cli !== undefined && !existsSync(options.cli)) throw new Error(`no built CLI at ${options.cli}`); // prettier-ignore
    const unknown = sources.filter((s) => !(s in CHAOS_SOURCES));
    if (unknown.length > 0) throw new Error(`unknown chaos sources: ${unknown.join(', ')} (known: ${Object.keys(CHAOS_SOURCES).join(', ')})`); // prettier-ignore
    const logDir = path.join(tmpdir(), `skillpulse-chaos-${process.pid}`);
    mkdirSync(logDir, { recursive: true });
    const market = generateMarket({
      seed: options.marketSeed ?? 42,
      weeks: options.weeks,
      perWeek: Math.ceil(options.postings / options.weeks),
      sources: sources.map((s) => CHAOS_SOURCES[s]?.market ?? s),
    });
    const latency = options.latencyMs ?? 20;
    const web = await startFixtureWeb({ market, faults: latency > 0 ? [{ path: /^\//, delayMs: latency }] : [] }); // prettier-ignore
    let redis: RedisServer | undefined;
    try {
      redis = await RedisServer.start(path.join(logDir, 'redis.log'));
      const upstream = new URL(ADMIN_DATABASE_URL);
      const proxy = await PostgresProxy.start({ host: upstream.hostname, port: Number(upstream.port || 5432) }); // prettier-ignore
      const configFile = path.join(logDir, 'skillpulse.yaml');
      writeFileSync(configFile, stringify({ sources: Object.fromEntries(sources.map((s) => [s, { ...CHAOS_SOURCES[s]?.settings(web.url), politeness: FAST }])) })); // prettier-ignore
      return new ChaosEnvironment(options, web, redis, proxy, logDir, configFile, sources, { ...DEFAULT_BOUNDS, ...options.bounds }); // prettier-ignore
    } catch (error) {
      redis?.killNow();
      await web.close();
      throw error;
    }
  }

  /**
   * A Redis key prefix no round used before: a round run again under the same label
   * must not see the jobs, counters or source locks of the one before.
   */
  queuePrefix(label: string): string {
    this.rounds += 1;
    return `chaos-${label}-${this.rounds}`;
  }

  /** The connection string of a database, straight to the server (not through the proxy). */
  directUrl(database: string): string {
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${database}`;
    return url.toString();
  }

  /** A new empty database, dropped on close unless kept. */
  async createDatabase(database: string): Promise<void> {
    if (!/^[a-z0-9_]+$/.test(database)) throw new Error(`bad database name ${database}`);
    await adminQuery(`drop database if exists ${database} with (force)`);
    await adminQuery(`create database ${database}`);
    this.databases.add(database);
  }

  async dropDatabase(database: string): Promise<void> {
    await adminQuery(`drop database if exists ${database} with (force)`);
    this.databases.delete(database);
  }

  /**
   * Kills every child and stops the services; drops the databases and removes the logs
   * unless they are kept (`keepLogs`: a failed run keeps its logs as evidence).
   */
  async close(options: { keepLogs?: boolean } = {}): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.registry.killAll();
    this.redis.killNow();
    await this.proxy.close();
    await this.web.close();
    if (!this.options.keep) {
      for (const database of [...this.databases]) {
        await this.dropDatabase(database).catch((error: unknown) => console.error(`could not drop ${database}: ${(error as Error).message}`)); // prettier-ignore
      }
      if (!options.keepLogs) rmSync(this.logDir, { recursive: true, force: true });
    }
  }

  /** Synchronous last resort (process 'exit'): no child outlives the run. */
  killNow(): void {
    this.registry.killAll();
    this.redis.killNow();
  }
}

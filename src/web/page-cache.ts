import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';

export interface PageCacheOptions {
  /** Bytes of response bodies kept at most; the least recently used go first. @defaultValue 64 MiB */
  readonly maxBytes?: number;
  /** Responses kept at most. @defaultValue 1000 */
  readonly maxEntries?: number;
  /**
   * How long the rollup stamp read last is trusted, in milliseconds: a rollup shows on
   * the pages within this, at the cost of one small query per interval. @defaultValue 1000
   */
  readonly checkEveryMs?: number;
  /** Called with the key of each response built (not served from the cache). @defaultValue undefined */
  readonly onBuild?: ((key: string) => void) | undefined;
}

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;
const DEFAULT_MAX_ENTRIES = 1000;
const DEFAULT_CHECK_EVERY_MS = 1000;

/**
 * What the dashboard's cached answers are made of, as one string: the newest rolled-up
 * week, the newest rollup's time and the rows rolled up (a rollup rewrites its weeks'
 * market rows, stamping them now), and the same of the stored reports. A rollup, a
 * report stored or either deleted changes it.
 */
export class RollupStamp {
  private value: string | undefined;
  private readAt = Number.NEGATIVE_INFINITY;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly checkEveryMs = DEFAULT_CHECK_EVERY_MS,
  ) {}

  /**
   * The stamp, read again once it is older than `checkEveryMs`, one read at a time; the
   * newest known when the caller resumes, so that no caller goes back to an older one.
   */
  async current(): Promise<string> {
    if (this.value === undefined || performance.now() - this.readAt >= this.checkEveryMs) {
      await (this.reading ??= this.read().finally(() => (this.reading = undefined)));
    }
    return this.value as string;
  }

  private async read(): Promise<void> {
    const startedAt = performance.now();
    const row = await this.db
      .selectNoFrom((eb) => [
        eb
          .selectFrom('market_weekly')
          .select((m) => m.fn.max('week').as('w'))
          .as('week'),
        eb
          .selectFrom('market_weekly')
          .select((m) => m.fn.max('computed_at').as('c'))
          .as('rolled_up_at'),
        eb
          .selectFrom('market_weekly')
          .select((m) => m.fn.countAll<number>().as('n'))
          .as('rows'),
        eb
          .selectFrom('reports')
          .select((r) => r.fn.max('created_at').as('c'))
          .as('reported_at'),
        eb
          .selectFrom('reports')
          .select((r) => r.fn.countAll<number>().as('n'))
          .as('reports'),
      ])
      .executeTakeFirstOrThrow();
    const time = (at: Date | string | null) => (at === null ? '' : new Date(at).toISOString());
    this.value = [
      row.week ?? '',
      time(row.rolled_up_at),
      row.rows,
      time(row.reported_at),
      row.reports,
    ].join('|');
    this.readAt = startedAt;
  }
}

/** A response as kept: built once, answered as a new Response each time. */
interface Kept {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array<ArrayBuffer>;
  /** The body gzip'd with its headers, for clients that take it; none for small or binary bodies. */
  readonly gzip:
    | { readonly headers: Readonly<Record<string, string>>; readonly body: Uint8Array<ArrayBuffer> }
    | undefined;
  /** What it holds in memory, near enough. */
  readonly bytes: number;
}

const gzipped = promisify(gzip);
/** Bodies smaller than this go as they are: gzip would save less than a packet. */
const GZIP_MIN_BYTES = 1024;

/** Whether an Accept-Encoding header takes gzip (`gzip` or `*` with no `q=0`). */
export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding = '', ...parameters] = part.split(';').map((p) => p.trim().toLowerCase());
    if (coding !== 'gzip' && coding !== '*') return false;
    const q = parameters.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

const answer = (kept: Kept, acceptEncoding: string | undefined) =>
  kept.gzip && acceptsGzip(acceptEncoding)
    ? new Response(kept.gzip.body, { status: kept.status, headers: kept.gzip.headers })
    : new Response(kept.body, { status: kept.status, headers: kept.headers });

/** A route's answer as kept, with its gzip'd body when it is text worth compressing. */
async function keep(response: Response): Promise<Kept> {
  const body = new Uint8Array(await response.arrayBuffer());
  const headers = Object.fromEntries(response.headers.entries());
  const text = /^(text\/|application\/json)/.test(headers['content-type'] ?? '');
  if (response.status !== 200 || !text || body.byteLength < GZIP_MIN_BYTES) {
    return { status: response.status, headers, body, gzip: undefined, bytes: body.byteLength };
  }
  const vary = { ...headers, vary: 'accept-encoding' };
  const zipped = new Uint8Array(await gzipped(body));
  return {
    status: response.status,
    headers: vary,
    body,
    gzip: { headers: { ...vary, 'content-encoding': 'gzip' }, body: zipped },
    bytes: body.byteLength + zipped.byteLength,
  };
}

/**
 * The dashboard's rendered answers, kept until the next rollup: each is built once
 * however many visitors ask at once (they wait for the one build), kept while the
 * rollup stamp stays, least recently used dropped past `maxEntries` or `maxBytes`.
 * Only 200s are kept; everyone waiting on a build gets its answer, whatever it is.
 * Text is kept gzip'd too, and answered so to clients that take it: a 450 KB report
 * page is 40 KB on the wire, compressed once per rollup instead of once per visit.
 */
export class PageCache {
  private readonly stamp: RollupStamp;
  private readonly maxBytes: number;
  private readonly maxEntries: number;
  private readonly onBuild: ((key: string) => void) | undefined;
  /** The stamp the kept responses were built under. */
  private keptStamp: string | undefined;
  private readonly kept = new Map<string, Kept>();
  private keptBytes = 0;
  /** Builds under way, by stamp and key. */
  private readonly building = new Map<string, Promise<Kept>>();

  constructor(
    db: Kysely<Database>,
    private readonly logger: Logger,
    options: PageCacheOptions = {},
  ) {
    this.stamp = new RollupStamp(db, options.checkEveryMs ?? DEFAULT_CHECK_EVERY_MS);
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.onBuild = options.onBuild;
  }

  /**
   * Route middleware: answers from the cache under the request's path and the
   * normalized parameters `keyOf` gives (everything the route's answer depends on
   * besides the path), or builds the answer with the route and keeps it.
   */
  cached(keyOf: (c: Context) => string = () => ''): MiddlewareHandler {
    return async (c, next) => {
      const key = `${c.req.path}\n${keyOf(c)}`;
      const stamp = await this.stamp.current();
      if (stamp !== this.keptStamp) this.clear(stamp);
      const hit = this.kept.get(key);
      if (hit) {
        // Most recently used last: the first in the map is the first to go.
        this.kept.delete(key);
        this.kept.set(key, hit);
        c.res = answer(hit, c.req.header('accept-encoding'));
        return;
      }
      const flight = `${stamp}\n${key}`;
      let build = this.building.get(flight);
      if (!build) {
        build = this.build(c, next, key, stamp).finally(() => this.building.delete(flight));
        this.building.set(flight, build);
      }
      c.res = answer(await build, c.req.header('accept-encoding'));
    };
  }

  private async build(
    c: Context,
    next: () => Promise<void>,
    key: string,
    stamp: string,
  ): Promise<Kept> {
    const started = performance.now();
    this.onBuild?.(key);
    // The route runs for this request; an error it throws is already its error page.
    await next();
    const kept = await keep(c.res);
    this.logger.debug(
      {
        key,
        status: kept.status,
        bytes: kept.body.byteLength,
        gzipBytes: kept.gzip?.body.byteLength,
        ms: Math.round(performance.now() - started),
      },
      'dashboard answer built',
    );
    // Built under a stamp since replaced: answered, not kept.
    if (kept.status === 200 && stamp === this.keptStamp) this.keep(key, kept);
    return kept;
  }

  private keep(key: string, kept: Kept): void {
    // One answer bigger than a quarter of the cache would push out everything else.
    if (kept.bytes > this.maxBytes / 4) return;
    const replaced = this.kept.get(key);
    if (replaced) this.keptBytes -= replaced.bytes;
    this.kept.delete(key);
    this.kept.set(key, kept);
    this.keptBytes += kept.bytes;
    while (this.kept.size > this.maxEntries || this.keptBytes > this.maxBytes) {
      const [oldest, dropped] = this.kept.entries().next().value as [string, Kept];
      this.kept.delete(oldest);
      this.keptBytes -= dropped.bytes;
    }
  }

  private clear(stamp: string): void {
    this.kept.clear();
    this.keptBytes = 0;
    this.keptStamp = stamp;
  }
}

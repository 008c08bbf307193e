import { setTimeout as sleep } from 'node:timers/promises';
import * as cheerio from 'cheerio';
import type { Kysely } from 'kysely';
import { NonRetryableError, type RequestOptions } from 'crawlee';
import { toJson, type CrawlRunStatus, type Database, type RequestSpec } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import type { SourceInstance } from '../sources/registry.js';
import { ParseError, type PageInput, type Politeness, type SkippedItem } from '../sources/types.js';
import { captureListings, type StoreResult } from './capture.js';
import { ListingWriter } from './listing-writer.js';
import {
  createCrawler,
  DEFAULT_POLITENESS,
  type FetchedPage,
  type RequestContext,
} from './crawlers.js';
import { errorForStatus, errorKind, ThrottledError, type CrawlErrorKind } from './errors.js';
import { judgeRun } from './health.js';
import { followUps, knownOf } from './incremental.js';
import { saveSource } from './source-rows.js';
import { closeStaleRuns, CrawlRunState, requestKey, takeOverResume } from './run-state.js';

export interface CrawlOptions {
  /** Listings older than this end the paging. @defaultValue undefined (page to the end) */
  readonly since?: Date | undefined;
  /** The most list pages fetched per source, start pages included. @defaultValue unlimited */
  readonly maxPages?: number | undefined;
  readonly userAgent: string;
  readonly chromiumPath: string;
  readonly logger: Logger;
  /** The BullMQ job (or inline run) that started the crawl, for crawl_runs and logs. */
  readonly jobId?: string | undefined;
  /** Overrides the adapter's politeness (tests and the demo go faster). */
  readonly politeness?: Partial<Politeness> | undefined;
  /** The longest Retry-After honoured; longer ones fail the request. @defaultValue 120 */
  readonly maxRetryAfterSecs?: number | undefined;
  /** The first backoff delay; doubles with every retry. @defaultValue 1000 */
  readonly backoffBaseMs?: number | undefined;
  /**
   * No other crawl of this source can be running (the caller holds the source's lock):
   * every run of it still marked `running` was left by a worker that died, and what it
   * had left to fetch is taken up now. Otherwise only runs silent for STALE_RUN_MS are.
   * @defaultValue false
   */
  readonly exclusive?: boolean | undefined;
  /** Called after every page with the counts so far. */
  readonly onProgress?: ((progress: CrawlProgress) => void) | undefined;
}

export interface CrawlProgress {
  readonly sourceId: string;
  readonly pages: number;
  readonly listings: number;
  readonly newListings: number;
  readonly errorCount: number;
}

export interface CrawlSummary extends CrawlProgress {
  readonly runId: number;
  /** Postings this crawl saw again: the weeks they count in now reach this week. */
  readonly seenAgain: number;
  readonly status: CrawlRunStatus;
  readonly errors: Readonly<Record<string, number>>;
  readonly message: string | null;
}

/** Reads a response body with the same lazy JSON and HTML parsing the import command uses. */
export function pageInput<TConfig>(
  url: string,
  body: string,
  userData: Readonly<Record<string, unknown>>,
  config: TConfig,
  parsed?: cheerio.CheerioAPI,
): PageInput<TConfig> {
  let $: cheerio.CheerioAPI | undefined = parsed;
  return {
    url,
    body,
    userData,
    config,
    json<T>(): T {
      try {
        return JSON.parse(body) as T;
      } catch (error) {
        throw new ParseError(`not valid JSON: ${(error as Error).message}`, { cause: error });
      }
    },
    $() {
      $ ??= cheerio.load(body, { xml: /^\s*<\?xml|^\s*<(rss|feed|urlset)\b/.test(body) });
      return $;
    },
  };
}

function toRequest(spec: RequestSpec, headers: Record<string, string>): RequestOptions {
  const method = spec.method ?? 'GET';
  return {
    url: spec.url,
    label: spec.label,
    method,
    ...(spec.payload !== undefined ? { payload: spec.payload } : {}),
    headers: { ...headers, ...spec.headers },
    userData: { ...spec.userData, role: spec.role ?? 'page' },
    uniqueKey: requestKey(spec),
  };
}

/** What a run counts as it goes: pages, listings, errors by kind, skipped items by reason. */
class RunTally {
  readonly counts = { pages: 0, listings: 0, newListings: 0, errorCount: 0 };
  readonly errors: Record<string, number> = {};
  readonly skipped: Record<string, number> = {};
  seenAgain = 0;

  constructor(private readonly log: Logger) {}

  stored(result: StoreResult): void {
    this.counts.listings += result.stored;
    this.counts.newListings += result.inserted;
    this.seenAgain += result.seenAgain;
  }

  error(kind: CrawlErrorKind, url: string, error: unknown): void {
    this.counts.errorCount++;
    this.errors[kind] = (this.errors[kind] ?? 0) + 1;
    this.log.warn(
      { url, kind, err: error instanceof Error ? error.message : String(error) },
      'request failed',
    );
  }
}

/** Keeps the page requests within `maxPages` over the whole run; detail pages are not counted. */
function pageBudget(
  maxPages: number | undefined,
): (specs: readonly RequestSpec[]) => RequestSpec[] {
  let queued = 0;
  return (specs) =>
    specs.filter((spec) => {
      if ((spec.role ?? 'page') !== 'page') return true;
      if (maxPages !== undefined && queued >= maxPages) return false;
      queued++;
      return true;
    });
}

/**
 * Opens the source's crawl run: its row in crawl_runs, and what runs interrupted before it
 * left to fetch, taken over.
 */
async function openRun(
  db: Kysely<Database>,
  source: SourceInstance,
  options: CrawlOptions,
  log: Logger,
): Promise<{ runId: number; resumed: RequestSpec[] }> {
  await saveSource(db, source);
  const run = await db
    .insertInto('crawl_runs')
    .values({
      source_id: source.id,
      job_id: options.jobId ?? null,
      since: options.since ?? null,
      heartbeat_at: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const interrupted = await closeStaleRuns(db, {
    sourceId: source.id,
    exceptRunId: run.id,
    exclusive: options.exclusive,
  });
  const resumed = await takeOverResume(db, source.id, run.id);
  if (interrupted > 0 || resumed.length > 0) {
    log.info(
      { runId: run.id, interrupted, resumed: resumed.length },
      'taking over an interrupted crawl',
    );
  }
  return { runId: run.id, resumed };
}

/** The wait before a request's next try: the Retry-After asked for, else exponential backoff. */
function retryDelay(error: Error, retryCount: number, backoffBaseMs: number): number {
  return error instanceof ThrottledError && error.retryAfterMs !== undefined
    ? error.retryAfterMs
    : backoffBaseMs * 2 ** retryCount * (1 + Math.random() * 0.25);
}

/** Judges the finished run and records it in crawl_runs, with what is left to fetch. */
async function recordRun(
  db: Kysely<Database>,
  run: { sourceId: string; runId: number },
  tally: RunTally,
  end: { crashed: Error | undefined; stored: boolean; left: readonly RequestSpec[] },
): Promise<{ status: CrawlRunStatus; message: string | null }> {
  try {
    const verdict = await judgeRun(db, { ...run, ...tally.counts, crashed: end.crashed });
    await db
      .updateTable('crawl_runs')
      .set({
        crawl_status: verdict.status,
        crawl_message: verdict.message,
        finished_at: new Date(),
        heartbeat_at: new Date(),
        pages: tally.counts.pages,
        listings: tally.counts.listings,
        new_listings: tally.counts.newListings,
        error_count: tally.counts.errorCount,
        errors: toJson(tally.errors),
        skipped: toJson(tally.skipped),
        // What is left to fetch, for the next crawl; when listings were lost in the
        // writing, the last state saved (before them) stands instead.
        ...(end.stored
          ? { resume: end.crashed && end.left.length > 0 ? toJson({ requests: end.left }) : null }
          : {}),
      })
      .where('id', '=', run.runId)
      .execute();
    return verdict;
  } catch (error) {
    // The run stays `running`: the next crawl of the source closes it and resumes it.
    throw new Error(
      `crawl of ${run.sourceId} (run ${run.runId}) could not be recorded: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

/**
 * Crawls one source once: every start request, pagination and detail pages, storing
 * listings in raw_listings as they come and the run's counts in crawl_runs. A page that
 * cannot be parsed is recorded and skipped; the run goes on.
 */
export async function crawlSource(
  db: Kysely<Database>,
  source: SourceInstance,
  options: CrawlOptions,
): Promise<CrawlSummary> {
  const { adapter } = source;
  const politeness = {
    ...DEFAULT_POLITENESS,
    ...adapter.politeness,
    ...source.politeness,
    ...options.politeness,
  };
  const maxRetryAfterSecs = options.maxRetryAfterSecs ?? 120;
  const backoffBaseMs = options.backoffBaseMs ?? 1000;
  const log = options.logger.child({
    source: source.id,
    ...(options.jobId ? { jobId: options.jobId } : {}),
  });
  const headers = adapter.headers?.(source.config) ?? {};

  const { runId, resumed } = await openRun(db, source, options, log);
  const tally = new RunTally(log);
  const { counts } = tally;
  const progress = () => options.onProgress?.({ sourceId: source.id, ...counts });
  const writer = new ListingWriter(db, { sourceId: source.id, crawlRunId: runId }, (stored) =>
    tally.stored(stored),
  );
  const state = new CrawlRunState(db, runId, () => writer.flush(), log);
  /** The crawlee request for a spec, kept in the run's state until it is handled. */
  const track = (spec: RequestSpec): RequestOptions => {
    const request = toRequest(spec, headers);
    state.queued(request.uniqueKey as string, spec);
    return request;
  };
  const budget = pageBudget(options.maxPages);
  // The database failing mid-crawl stops the crawl: nothing fetched after could be kept.
  let storageFailure: Error | undefined;

  const crawler = createCrawler({
    adapter,
    politeness,
    userAgent: options.userAgent,
    chromiumPath: options.chromiumPath,
    maxRetryAfterSecs,
    logger: log,
    hooks: {
      onPage: async ({ request }: RequestContext, fetched: FetchedPage) => {
        const statusError = errorForStatus(fetched.status, fetched.retryAfter);
        if (statusError) throw statusError;
        const handler = adapter.handlers[request.label ?? ''];
        if (handler === undefined)
          throw new NonRetryableError(`no handler for label ${request.label}`);
        let result;
        try {
          const url = request.loadedUrl ?? request.url;
          result = handler(
            pageInput(url, fetched.body, request.userData, source.config, fetched.$),
          );
        } catch (error) {
          // A page that does not parse will not parse on a retry either.
          tally.error('parse', request.url, error);
          state.handled(request.uniqueKey);
          return;
        }
        counts.pages++;
        const { captured, skipped: refused } = captureListings(result.listings ?? []);
        countSkipped(tally.skipped, [...(result.skipped ?? []), ...refused], (item) =>
          log.warn(
            { url: request.url, item: item.item, reason: item.reason, detail: item.detail },
            'malformed item skipped',
          ),
        );
        try {
          const known = await knownOf(db, source.id, result, captured);
          await writer.add(captured);
          const { stop, requests } = followUps(result, captured.length, known, options.since);
          const next = budget(requests).map(track);
          if (stop) log.debug({ url: request.url }, 'incremental stop: nothing new on this page');
          if (next.length > 0) await crawler.addRequests(next);
          state.handled(request.uniqueKey);
        } catch (error) {
          // The page stays to be fetched: the next crawl resumes from it.
          tally.error('storage', request.url, error);
          if (storageFailure === undefined) {
            storageFailure = error as Error;
            void crawler.stop('the database failed: crawl stopped, to be resumed');
          }
          return;
        }
        progress();
      },
      onRetry: async ({ request }: RequestContext, error: Error) => {
        const delay = retryDelay(error, request.retryCount, backoffBaseMs);
        if (delay > maxRetryAfterSecs * 1000) {
          request.noRetry = true;
          return;
        }
        log.debug(
          { url: request.url, retry: request.retryCount + 1, delayMs: Math.round(delay) },
          error.message,
        );
        await sleep(delay);
      },
      onFailed: ({ request }: RequestContext, error: Error) => {
        tally.error(errorKind(error), request.url, error);
        state.handled(request.uniqueKey);
        progress();
      },
      onRobotsSkip: (url: string) => {
        state.handledUrl(url);
        tally.errors.robots_disallowed = (tally.errors.robots_disallowed ?? 0) + 1;
        log.info({ url }, 'disallowed by robots.txt: not fetched');
      },
    },
  });

  // The start requests, then what an interrupted run left (the same page once).
  const start = new Map<string, RequestOptions>();
  const starts = budget(adapter.startRequests(source.config, { since: options.since }));
  for (const spec of [...starts, ...resumed]) {
    const request = track(spec);
    start.set(request.uniqueKey as string, request);
  }
  let crashed: Error | undefined;
  try {
    await state.save();
    state.start();
    await crawler.run([...start.values()]);
  } catch (error) {
    crashed = error as Error;
    log.error({ err: crashed }, 'crawl stopped');
  } finally {
    await crawler.teardown().catch(() => undefined);
    await state.stop();
  }
  crashed ??= storageFailure;
  // What was fetched is stored even when the crawl stopped early.
  let stored = true;
  try {
    await writer.flush();
  } catch (error) {
    tally.error('storage', source.id, error);
    crashed ??= error as Error;
    stored = false;
  }
  const run = { sourceId: source.id, runId };
  const verdict = await recordRun(db, run, tally, { crashed, stored, left: state.remaining() });
  const summary = {
    runId,
    sourceId: source.id,
    ...counts,
    seenAgain: tally.seenAgain,
    errors: tally.errors,
    status: verdict.status,
    message: verdict.message,
  };
  log.info({ ...summary, sourceId: undefined }, `crawl ${verdict.status}`);
  return summary;
}

/** Adds a page's skipped items to the run's counts by reason; malformed ones are reported. */
export function countSkipped(
  into: Record<string, number>,
  items: readonly SkippedItem[] | undefined,
  reportMalformed: (item: SkippedItem) => void,
): void {
  for (const item of items ?? []) {
    into[item.reason] = (into[item.reason] ?? 0) + 1;
    if (item.malformed) reportMalformed(item);
  }
}

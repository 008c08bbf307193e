import { setTimeout as sleep } from 'node:timers/promises';
import * as cheerio from 'cheerio';
import type { Kysely } from 'kysely';
import { NonRetryableError, type RequestOptions } from 'crawlee';
import { toJson, type CrawlRunStatus, type Database, type RequestSpec } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import type { SourceInstance } from '../sources/registry.js';
import { ParseError, type PageInput, type Politeness, type SkippedItem } from '../sources/types.js';
import { captureListings, knownValues } from './capture.js';
import { ListingWriter } from './listing-writer.js';
import {
  createCrawler,
  DEFAULT_POLITENESS,
  type FetchedPage,
  type RequestContext,
} from './crawlers.js';
import { errorForStatus, errorKind, ThrottledError, type CrawlErrorKind } from './errors.js';
import { judgeRun } from './health.js';
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

  const counts = { pages: 0, listings: 0, newListings: 0, errorCount: 0 };
  let seenAgain = 0;
  const writer = new ListingWriter(db, { sourceId: source.id, crawlRunId: run.id }, (stored) => {
    counts.listings += stored.stored;
    counts.newListings += stored.inserted;
    seenAgain += stored.seenAgain;
  });
  const state = new CrawlRunState(db, run.id, () => writer.flush(), log);
  /** The crawlee request for a spec, kept in the run's state until it is handled. */
  const track = (spec: RequestSpec): RequestOptions => {
    const request = toRequest(spec, headers);
    state.queued(request.uniqueKey as string, spec);
    return request;
  };
  // The database failing mid-crawl stops the crawl: nothing fetched after could be kept.
  let storageFailure: Error | undefined;
  const errors: Record<string, number> = {};
  const skipped: Record<string, number> = {};
  let pagesQueued = 0;
  const recordError = (kind: CrawlErrorKind, url: string, error: unknown) => {
    counts.errorCount++;
    errors[kind] = (errors[kind] ?? 0) + 1;
    log.warn(
      { url, kind, err: error instanceof Error ? error.message : String(error) },
      'request failed',
    );
  };
  const budget = (specs: readonly RequestSpec[]): RequestSpec[] => {
    const kept: RequestSpec[] = [];
    for (const spec of specs) {
      if ((spec.role ?? 'page') === 'page') {
        if (options.maxPages !== undefined && pagesQueued >= options.maxPages) continue;
        pagesQueued++;
      }
      kept.push(spec);
    }
    return kept;
  };

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
          result = handler(
            pageInput(
              request.loadedUrl ?? request.url,
              fetched.body,
              request.userData,
              source.config,
              fetched.$,
            ),
          );
        } catch (error) {
          // A page that does not parse will not parse on a retry either.
          recordError('parse', request.url, error);
          state.handled(request.uniqueKey);
          return;
        }
        counts.pages++;
        const { captured, skipped: refused } = captureListings(result.listings ?? []);
        countSkipped(skipped, [...(result.skipped ?? []), ...refused], (item) =>
          log.warn(
            { url: request.url, item: item.item, reason: item.reason, detail: item.detail },
            'malformed item skipped',
          ),
        );
        const requests = result.requests ?? [];
        const isPaged = requests.some((r) => (r.role ?? 'page') === 'page');
        const details = requests.filter((r) => r.role === 'detail');
        try {
          // Known for the incremental stop: listings processing has finished. One stored
          // by a crawl that stopped before handing it on does not end the paging.
          const [knownIds, knownUrls] = await Promise.all([
            isPaged
              ? knownValues(
                  db,
                  source.id,
                  'external_id',
                  captured.map((l) => l.externalId),
                )
              : new Map<string, { processed: boolean }>(),
            knownValues(
              db,
              source.id,
              'url',
              details.map((r) => r.url),
            ),
          ]);
          const known = new Set([...knownIds].filter(([, k]) => k.processed).map(([id]) => id));
          await writer.add(captured);
          // Incremental: known detail pages are not fetched again, and a page that brings
          // nothing new (only known or too old listings) ends the paging.
          const freshDetails = details.filter((r) => !knownUrls.has(r.url));
          const nothingNew =
            captured.length > 0
              ? shouldStopPaging(result.listings ?? [], known, options.since)
              : details.length > 0 && details.every((r) => knownUrls.get(r.url)?.processed);
          const stop = isPaged && nothingNew;
          const pages = requests.filter((r) => (r.role ?? 'page') === 'page' && !stop);
          const next = budget([...pages, ...freshDetails]).map(track);
          if (stop) log.debug({ url: request.url }, 'incremental stop: nothing new on this page');
          if (next.length > 0) await crawler.addRequests(next);
          state.handled(request.uniqueKey);
        } catch (error) {
          // The page stays to be fetched: the next crawl resumes from it.
          recordError('storage', request.url, error);
          if (storageFailure === undefined) {
            storageFailure = error as Error;
            void crawler.stop('the database failed: crawl stopped, to be resumed');
          }
          return;
        }
        options.onProgress?.({ sourceId: source.id, ...counts });
      },
      onRetry: async ({ request }: RequestContext, error: Error) => {
        const delay =
          error instanceof ThrottledError && error.retryAfterMs !== undefined
            ? error.retryAfterMs
            : backoffBaseMs * 2 ** request.retryCount * (1 + Math.random() * 0.25);
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
        recordError(errorKind(error), request.url, error);
        state.handled(request.uniqueKey);
        options.onProgress?.({ sourceId: source.id, ...counts });
      },
      onRobotsSkip: (url: string) => {
        state.handledUrl(url);
        errors.robots_disallowed = (errors.robots_disallowed ?? 0) + 1;
        log.info({ url }, 'disallowed by robots.txt: not fetched');
      },
    },
  });

  // The start requests, then what an interrupted run left (the same page once).
  const start = new Map<string, RequestOptions>();
  for (const spec of [
    ...budget(adapter.startRequests(source.config, { since: options.since })),
    ...resumed,
  ]) {
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
    recordError('storage', source.id, error);
    crashed ??= error as Error;
    stored = false;
  }
  const left = state.remaining();

  let verdict;
  try {
    verdict = await judgeRun(db, { sourceId: source.id, runId: run.id, ...counts, crashed });
    await db
      .updateTable('crawl_runs')
      .set({
        crawl_status: verdict.status,
        crawl_message: verdict.message,
        finished_at: new Date(),
        heartbeat_at: new Date(),
        pages: counts.pages,
        listings: counts.listings,
        new_listings: counts.newListings,
        error_count: counts.errorCount,
        errors: toJson(errors),
        skipped: toJson(skipped),
        // What is left to fetch, for the next crawl; when listings were lost in the
        // writing, the last state saved (before them) stands instead.
        ...(stored
          ? { resume: crashed && left.length > 0 ? toJson({ requests: left }) : null }
          : {}),
      })
      .where('id', '=', run.id)
      .execute();
  } catch (error) {
    // The run stays `running`: the next crawl of the source closes it and resumes it.
    throw new Error(
      `crawl of ${source.id} (run ${run.id}) could not be recorded: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const summary = {
    runId: run.id,
    sourceId: source.id,
    ...counts,
    seenAgain,
    errors,
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

/** A page whose every listing is already stored, or older than `since`, ends the paging. */
function shouldStopPaging(
  listings: readonly { externalId: string; postedAt?: string | null }[],
  known: ReadonlySet<string>,
  since: Date | undefined,
): boolean {
  const allKnown = listings.every((l) => known.has(l.externalId));
  const allOld =
    since !== undefined &&
    listings.every(
      (l) => l.postedAt !== null && l.postedAt !== undefined && new Date(l.postedAt) < since,
    );
  return allKnown || allOld;
}

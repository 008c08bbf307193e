import type * as cheerio from 'cheerio';
import {
  CheerioCrawler,
  Configuration,
  createCheerioRouter,
  createHttpRouter,
  createPlaywrightRouter,
  HttpCrawler,
  Log,
  Logger,
  LogLevel,
  PlaywrightCrawler,
  type BasicCrawler,
  type BasicCrawlingContext,
  type CheerioCrawlingContext,
  type Request,
  type HttpCrawlingContext,
  type PlaywrightCrawlingContext,
} from 'crawlee';
import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type Readable } from 'node:stream';
import { chromium } from 'playwright';
import type { Logger as AppLogger } from '../log/logger.js';
import type { AnyAdapter } from '../sources/registry.js';
import type { Politeness } from '../sources/types.js';
import { ResponseTooLargeError } from './errors.js';

/** The flags every Chromium launch uses: no sandbox as root, no calls home on a closed network. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--disable-dev-shm-usage',
] as const;

export const DEFAULT_POLITENESS: Politeness = {
  maxConcurrency: 2,
  maxRequestsPerMinute: 60,
  sameDomainDelaySecs: 0.5,
  maxRetries: 4,
  timeoutSecs: 30,
};

/**
 * The most bytes of one response body a crawl reads: far above any page or API answer of
 * the sources (the largest, a full Remotive category, is a few MB), well below what would
 * strain the process. A longer response fails its request as `too_large`.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 20 * 1024 * 1024;

/** One fetched response, whichever crawler fetched it. */
export interface FetchedPage {
  readonly status: number;
  readonly retryAfter: string | undefined;
  readonly body: string;
  /** Cheerio's parse when the crawler already made one. */
  readonly $?: cheerio.CheerioAPI;
}

/** What the hooks need of a crawling context, whichever crawler made it. */
export interface RequestContext {
  readonly request: Request;
}

export interface CrawlerHooks {
  /** Reads one response; throws to have the request retried (or failed). */
  onPage(context: RequestContext, page: FetchedPage): Promise<void>;
  /** Before a retry: the place for backoff. */
  onRetry(context: RequestContext, error: Error): Promise<void>;
  /** After the last retry, or at once for errors that are never retried. */
  onFailed(context: RequestContext, error: Error): void;
  onRobotsSkip(url: string): void;
}

export interface CrawlerSetup {
  readonly adapter: AnyAdapter;
  readonly politeness: Politeness;
  readonly userAgent: string;
  readonly chromiumPath: string;
  /** The longest Retry-After a request waits for before it counts as failed. */
  readonly maxRetryAfterSecs: number;
  readonly logger: AppLogger;
  readonly hooks: CrawlerHooks;
  /** The longest response body read. @defaultValue DEFAULT_MAX_RESPONSE_BYTES (20 MiB) */
  readonly maxResponseBytes?: number;
}

/** Crawlee's own log lines go to our logger, at debug (its warnings at warn). */
class CrawleeLogBridge extends Logger {
  constructor(private readonly target: AppLogger) {
    super({});
  }
  override _log(level: LogLevel, message: string, data?: unknown, exception?: unknown): void {
    const fields = {
      component: 'crawlee',
      ...(data as object | undefined),
      ...(exception ? { err: exception } : {}),
    };
    // Retries and final failures of requests are logged by the crawl with their kind;
    // crawlee's own lines about them would only repeat that.
    const aboutRequest =
      /^(Reclaiming failed request|Request failed and reached maximum retries)/.test(message);
    if (level <= LogLevel.ERROR && !aboutRequest) this.target.error(fields, message);
    else if (level === LogLevel.WARNING && !aboutRequest) this.target.warn(fields, message);
    else this.target.debug(fields, message);
  }
}

const SERVER_ERRORS = Array.from({ length: 100 }, (_, i) => 500 + i);
const TEXT_TYPES = [
  'application/json',
  'application/ld+json',
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
  'text/plain',
];

/** The response of the HTTP and Cheerio crawlers, as the crawl reads it. */
function fetchedOverHttp(context: {
  readonly response: {
    readonly statusCode?: number;
    readonly headers: Record<string, string | string[] | undefined>;
  };
  readonly body: string | Buffer;
}): FetchedPage {
  const retryAfter = context.response.headers['retry-after'];
  return {
    status: context.response.statusCode ?? 0,
    retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter,
    body: context.body.toString(),
  };
}

/** What a post-navigation hook of the HTTP crawlers gets: the response before its body is read. */
interface NavigatedContext {
  readonly request: Request;
  response?: IncomingMessage & Readable;
}

/**
 * A post-navigation hook that keeps a response body within `maxBytes`: a response that
 * declares a longer Content-Length is refused before its body is read; one that sends
 * more than that (or declares nothing) is cut off as soon as the bytes passed exceed it.
 * Counted after decompression, so a small gzip of a huge body is refused too.
 */
function limitResponseSize(maxBytes: number) {
  return (context: NavigatedContext): void => {
    const { request, response } = context;
    if (response === undefined) return;
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > maxBytes) {
      request.noRetry = true;
      response.destroy();
      throw new ResponseTooLargeError(request.url, maxBytes, declared);
    }
    let passed = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        passed += chunk.length;
        if (passed <= maxBytes) return done(null, chunk);
        request.noRetry = true;
        done(new ResponseTooLargeError(request.url, maxBytes));
      },
    });
    // The crawler reads the body from the context's response, and its status, headers and
    // URL from the same object: the counted stream carries them over.
    for (const key of RESPONSE_PROPERTIES) {
      Object.defineProperty(counted, key, {
        value: response[key],
        enumerable: true,
        writable: true,
      });
    }
    pipeline(response, counted, () => undefined);
    context.response = counted as unknown as IncomingMessage & Readable;
  };
}

const RESPONSE_PROPERTIES = ['statusCode', 'statusMessage', 'headers', 'httpVersion', 'rawHeaders', 'url', 'complete'] as const; // prettier-ignore

/** What every crawler kind is set up with: the source's politeness, the hooks, the log. */
function crawlerOptions(setup: CrawlerSetup) {
  const { adapter, politeness, hooks } = setup;
  return {
    // Autoscaling starts at one request and grows slowly; the source's limits are the
    // politeness settings, so run at them from the start.
    minConcurrency: politeness.maxConcurrency,
    maxConcurrency: politeness.maxConcurrency,
    maxRequestsPerMinute: politeness.maxRequestsPerMinute,
    sameDomainDelaySecs: politeness.sameDomainDelaySecs,
    maxRequestRetries: politeness.maxRetries,
    navigationTimeoutSecs: politeness.timeoutSecs,
    requestHandlerTimeoutSecs: politeness.timeoutSecs * 2 + setup.maxRetryAfterSecs,
    respectRobotsTxtFile: true,
    onSkippedRequest: ({ url, reason }: { url: string; reason: string }) => {
      if (reason === 'robotsTxt') hooks.onRobotsSkip(url);
    },
    errorHandler: (context: RequestContext, error: Error) => hooks.onRetry(context, error),
    failedRequestHandler: (context: RequestContext, error: Error) => hooks.onFailed(context, error),
    statusMessageLoggingInterval: 3600,
    log: new Log({
      level: LogLevel.DEBUG,
      logger: new CrawleeLogBridge(setup.logger),
      prefix: adapter.id,
    }),
  };
}

/** Hands a rendered page to `onPage`, its size bounded as an HTTP response's is. */
function browserPageHandler(setup: CrawlerSetup, label: string, maxResponseBytes: number) {
  const { adapter, politeness, hooks } = setup;
  return async (context: PlaywrightCrawlingContext) => {
    const status = context.response?.status() ?? 0;
    const declared = Number((await context.response?.headerValue('content-length')) ?? NaN);
    if (declared > maxResponseBytes) {
      context.request.noRetry = true;
      throw new ResponseTooLargeError(context.request.url, maxResponseBytes, declared);
    }
    const selector = adapter.waitFor?.[label];
    if (status < 400 && selector) {
      await context.page.waitForSelector(selector, { timeout: politeness.timeoutSecs * 1000 });
    }
    const retryAfter =
      status >= 400 ? await context.response?.headerValue('retry-after') : undefined;
    // The browser has the page already; what the crawl takes from it is bounded all the same.
    const body = await context.page.content();
    if (Buffer.byteLength(body) > maxResponseBytes) {
      context.request.noRetry = true;
      throw new ResponseTooLargeError(context.request.url, maxResponseBytes);
    }
    await hooks.onPage(context, { status, retryAfter: retryAfter ?? undefined, body });
  };
}

/** A Playwright crawler: one browser and one context for the crawl, no sessions. */
function browserCrawler(
  setup: CrawlerSetup,
  options: ReturnType<typeof crawlerOptions>,
  config: Configuration,
  maxResponseBytes: number,
): BasicCrawler<BasicCrawlingContext> {
  const router = createPlaywrightRouter();
  for (const label of Object.keys(setup.adapter.handlers)) {
    router.addHandler(label, browserPageHandler(setup, label, maxResponseBytes));
  }
  return new PlaywrightCrawler(
    {
      ...options,
      requestHandler: router,
      headless: true,
      // Sessions exist to rotate identities through proxies, which we do not do; with
      // them, every request gets a new session and pages cannot share a browser.
      useSessionPool: false,
      persistCookiesPerSession: false,
      browserPoolOptions: { useFingerprints: false },
      launchContext: {
        launcher: chromium,
        userAgent: setup.userAgent,
        // One context for the crawl: a fresh one per page costs more than the page.
        useIncognitoPages: false,
        launchOptions: {
          executablePath: setup.chromiumPath,
          headless: true,
          args: [...CHROMIUM_FLAGS],
        },
      },
    },
    config,
  ) as unknown as BasicCrawler<BasicCrawlingContext>;
}

/**
 * A crawlee crawler of the kind the adapter needs, with one router whose handlers all
 * pass the response to `hooks.onPage`. Every crawl gets its own in-memory storage, so
 * runs never share a request queue and nothing is written to ./storage.
 */
export function createCrawler(setup: CrawlerSetup): BasicCrawler<BasicCrawlingContext> {
  const { adapter, hooks } = setup;
  const maxResponseBytes = setup.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const config = new Configuration({ persistStorage: false, purgeOnStart: true });
  const labels = Object.keys(adapter.handlers);
  const common = crawlerOptions(setup);

  if (adapter.crawler === 'playwright') {
    return browserCrawler(setup, common, config, maxResponseBytes);
  }

  const httpOptions = {
    ...common,
    useSessionPool: false,
    persistCookiesPerSession: false,
    ignoreHttpErrorStatusCodes: SERVER_ERRORS,
    additionalMimeTypes: TEXT_TYPES,
    preNavigationHooks: [
      (_context: unknown, gotOptions: { headers?: unknown }) => {
        // Say who we are: no generated browser headers.
        Object.assign(gotOptions, { useHeaderGenerator: false });
        gotOptions.headers = { ...(gotOptions.headers as object), 'user-agent': setup.userAgent };
      },
    ],
    postNavigationHooks: [limitResponseSize(maxResponseBytes)],
  };

  if (adapter.crawler === 'cheerio') {
    const router = createCheerioRouter();
    for (const label of labels) {
      router.addHandler(label, async (context: CheerioCrawlingContext) => {
        await hooks.onPage(context, {
          ...fetchedOverHttp(context),
          $: context.$ as unknown as cheerio.CheerioAPI,
        });
      });
    }
    return new CheerioCrawler(
      { ...httpOptions, requestHandler: router },
      config,
    ) as unknown as BasicCrawler<BasicCrawlingContext>;
  }

  const router = createHttpRouter();
  for (const label of labels) {
    router.addHandler(label, async (context: HttpCrawlingContext) => {
      await hooks.onPage(context, fetchedOverHttp(context));
    });
  }
  return new HttpCrawler<HttpCrawlingContext>(
    { ...httpOptions, requestHandler: router },
    config,
  ) as unknown as BasicCrawler<BasicCrawlingContext>;
}

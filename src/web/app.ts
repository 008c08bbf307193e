import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import type { TrendSettings } from '../config/settings.js';
import type { Database } from '../db/schema.js';
import { errorKind, type ErrorKind } from '../errors.js';
import type { Logger } from '../log/logger.js';
import { mountQueueBoard, QUEUES_PATH, type QueueBoardOptions } from './admin.js';
import { registerApi } from './api.js';
import { CareerMarkets } from './career-data.js';
import { registerCareerRoutes } from './career-routes.js';
import { allowedMethods, refuseNul } from './guards.js';
import { PageCache, type PageCacheOptions } from './page-cache.js';
import { pageError, registerPages } from './pages.js';
import { WebError } from './params.js';
import { ReportCache } from './report-cache.js';
import { withSecurityHeaders } from './security.js';
import type { ConfiguredSource } from './source-health.js';

export interface WebAppOptions {
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  /**
   * The pipeline's queues and the admin token: with both, Bull Board is mounted at
   * /admin/queues behind the token; without either, it is not mounted at all.
   * @defaultValue undefined (no queue dashboard)
   */
  readonly queueBoard?: QueueBoardOptions | undefined;
  /** How rendered answers are kept between rollups (see PageCache). @defaultValue {} */
  readonly cache?: PageCacheOptions | undefined;
  /**
   * The configured sources (resolveSources of the config), so /sources lists those that
   * never ran; or a function giving them, called on the first visit of /sources (the
   * registry of adapters takes a while to load, which `serve` need not wait for).
   * @defaultValue undefined (the sources that crawled once)
   */
  readonly sources?:
    readonly ConfiguredSource[] | (() => Promise<readonly ConfiguredSource[]>) | undefined;
  /**
   * The configuration's `trends:` settings, whose mover rules the reports state.
   * @defaultValue DEFAULT_TREND_SETTINGS
   */
  readonly trends?: TrendSettings | undefined;
}

/**
 * The web dashboard: server-rendered pages (latest report and archive, skill explorer,
 * categories, skill gap, career planner and roles, source health), the JSON API under
 * /api, and the queue board.
 * What is read from the trend tables is rendered once per rollup (PageCache); source
 * health and /api/health are read on every request.
 */
export function createWebApp(options: WebAppOptions): Hono {
  const app = new Hono();
  const reports = new ReportCache(options.db, options.trends);
  const cache = new PageCache(options.db, options.logger, options.cache);
  const queuesMounted = options.queueBoard !== undefined;
  const given = options.sources;
  let configured: Promise<readonly ConfiguredSource[] | undefined> | undefined;
  const sources = () =>
    (configured ??= typeof given === 'function' ? given() : Promise.resolve(given));
  const markets = new CareerMarkets(options.db);
  const pageOptions = { db: options.db, reports, cache, markets, queuesMounted, sources };

  app.use(withSecurityHeaders(QUEUES_PATH));
  app.use(refuseNul());
  app.use(allowedMethods(app, QUEUES_PATH));
  if (options.queueBoard) mountQueueBoard(app, options.queueBoard);
  registerApi(app, pageOptions);
  registerCareerRoutes(app, pageOptions);
  registerPages(app, pageOptions);

  app.onError((error, c) => {
    // Hono's own answers, such as basic authentication's 401.
    if (error instanceof HTTPException) return error.getResponse();
    const known = webErrorOf(error);
    if (!known) {
      const request = { url: c.req.url, method: c.req.method };
      options.logger.error({ err: error, ...request }, 'dashboard request failed');
      return c.req.path.startsWith('/api/')
        ? c.json({ error: 'internal error: see the server log' }, 500)
        : c.text('internal error: see the server log', 500);
    }
    const response = c.req.path.startsWith('/api/')
      ? c.json({ error: known.message }, known.status)
      : pageError(c, pageOptions, known);
    if (known.allow) response.headers.set('allow', known.allow);
    return response;
  });
  return app;
}

/** The one place the error vocabulary meets HTTP statuses. */
const HTTP_STATUS_OF_KIND = {
  'bad-input': 400,
  'not-found': 404,
  'retry-later': 503,
} as const satisfies Record<ErrorKind, number>;

/**
 * The answer to a failure the dashboard knows: a WebError keeps its own status (a 405
 * with its Allow header), any other error of the vocabulary gets its kind's; undefined
 * for errors outside it (bugs: a 500).
 */
function webErrorOf(error: Error): WebError | undefined {
  if (error instanceof WebError) return error;
  const kind = errorKind(error);
  return kind === undefined ? undefined : new WebError(HTTP_STATUS_OF_KIND[kind], error.message);
}

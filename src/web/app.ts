import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import type { PipelineQueues } from '../pipeline/queues.js';
import { ReportError, WeekNotRolledUpError } from '../report/weekly.js';
import { mountQueueBoard } from './admin.js';
import { registerApi } from './api.js';
import { pageError, registerPages } from './pages.js';
import { WebError } from './params.js';
import { ReportCache } from './report-cache.js';

export interface WebAppOptions {
  readonly db: Kysely<Database>;
  readonly logger: Logger;
  /**
   * The pipeline's queues and the admin token: with both, Bull Board is mounted at
   * /admin/queues behind the token; without either, it is not mounted at all.
   * @defaultValue undefined (no queue dashboard)
   */
  readonly queueBoard?: { readonly queues: PipelineQueues; readonly token: string } | undefined;
}

/**
 * The web dashboard: server-rendered pages (latest report and archive, skill explorer,
 * categories, skill gap, source health), the JSON API under /api, and the queue board.
 */
export function createWebApp(options: WebAppOptions): Hono {
  const app = new Hono();
  const reports = new ReportCache(options.db);
  const pageOptions = { db: options.db, reports, queuesMounted: options.queueBoard !== undefined };

  app.use(async (c, next) => {
    await next();
    // Pages carry inline styles and SVG, never scripts (Bull Board, under /admin, has its own).
    if (!c.req.path.startsWith('/admin/')) {
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"); // prettier-ignore
      c.header('x-content-type-options', 'nosniff');
      c.header('referrer-policy', 'no-referrer');
    }
  });
  if (options.queueBoard) mountQueueBoard(app, options.queueBoard.queues, options.queueBoard.token);
  registerApi(app, options.db, reports);
  registerPages(app, pageOptions);

  app.onError((error, c) => {
    // Hono's own answers, such as basic authentication's 401.
    if (error instanceof HTTPException) return error.getResponse();
    const known =
      error instanceof WebError
        ? error
        : error instanceof ReportError
          ? new WebError(error instanceof WeekNotRolledUpError ? 404 : 400, error.message)
          : undefined;
    if (!known) {
      options.logger.error({ err: error, url: c.req.url, method: c.req.method }, 'dashboard request failed'); // prettier-ignore
      return c.req.path.startsWith('/api/')
        ? c.json({ error: 'internal error: see the server log' }, 500)
        : c.text('internal error: see the server log', 500);
    }
    if (c.req.path.startsWith('/api/')) return c.json({ error: known.message }, known.status);
    return pageError(c, pageOptions, known);
  });
  return app;
}

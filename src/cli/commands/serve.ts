import { Command } from 'commander';
import type { Logger } from '../../log/logger.js';
import type { CliContext } from '../context.js';
import { parsePort } from '../options.js';
import { firstSignal } from './worker.js';

/** How long stopping waits for the server and the queue board before it gives up on them. */
const SERVE_CLOSE_TIMEOUT_MS = 5_000;

/** Waits for `work` at most `ms`, then logs what was left and goes on. */
async function within(work: Promise<unknown>, ms: number, what: string, logger: Logger) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(resolve, ms, 'late')));
  const outcome = await Promise.race([
    work.then(
      () => 'done' as const,
      (error: unknown) => {
        logger.error({ err: error }, `${what} failed`);
        return 'failed' as const;
      },
    ),
    late,
  ]);
  clearTimeout(timer);
  if (outcome === 'late')
    logger.warn({ ms }, `${what} took longer than ${ms} ms: stopping without it`);
}

export function serveCommand(context: CliContext): Command {
  return new Command('serve')
    .description(
      'the web dashboard: latest report and archive, skill explorer, categories, skill gap, source health, a JSON API under /api, and with ADMIN_TOKEN and REDIS_URL the queue board at /admin/queues; runs until SIGTERM or SIGINT',
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 opens it to the network)', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .action(async (options: { host: string; port: number }) => {
      const config = context.getConfig();
      const logger = context.getLogger();
      const { db } = await context.openDatabase();
      const [{ openBoardQueues }, { createWebApp }, { startWebServer }] = await Promise.all([
        import('../../web/admin.js'),
        import('../../web/app.js'),
        import('../../web/server.js'),
      ]);
      // The board's own connection: a Redis that is away or goes away is logged once and
      // never holds up a request or the stop.
      const board =
        config.redisUrl && config.adminToken
          ? openBoardQueues(config.redisUrl, config.queuePrefix, logger)
          : undefined;
      if (config.adminToken && !config.redisUrl)
        logger.warn('ADMIN_TOKEN is set but REDIS_URL is not: no queues, so no queue board');
      const app = createWebApp({
        db,
        logger,
        sources: async () => (await import('../../sources/registry.js')).resolveSources(config),
        trends: config.trends,
        queueBoard:
          board && config.adminToken
            ? { queues: board.queues, token: config.adminToken, reachable: board.reachable }
            : undefined,
      });
      const server = await startWebServer(app, options).catch(async (error: unknown) => {
        await board?.close();
        throw error;
      });
      context.print(
        `dashboard at ${server.url}/${board ? ` (queue board at ${server.url}/admin/queues)` : ''}`,
      );
      logger.info({ url: server.url, queueBoard: board !== undefined }, 'dashboard started');
      try {
        await firstSignal(logger);
      } finally {
        await within(
          Promise.all([server.close(), board?.close()]),
          SERVE_CLOSE_TIMEOUT_MS,
          'closing the dashboard',
          logger,
        );
        logger.info('dashboard stopped');
      }
    });
}

import { Command } from 'commander';
import { closeQueues, createQueues } from '../../pipeline/queues.js';
import { createWebApp } from '../../web/app.js';
import { startWebServer } from '../../web/server.js';
import type { CliContext } from '../context.js';
import { firstSignal, parsePort } from './worker.js';

export function serveCommand(context: CliContext): Command {
  return new Command('serve')
    .description(
      'the web dashboard: latest report and archive, skill explorer, categories, skill gap, source health, a JSON API under /api, and with ADMIN_TOKEN and REDIS_URL the queue board at /admin/queues; runs until SIGTERM or SIGINT',
    )
    .option('--host <host>', 'address to listen on (0.0.0.0 opens it to the network)', '127.0.0.1') // prettier-ignore
    .option('--port <port>', 'port to listen on (0: any free port)', parsePort, 8080)
    .action(async (options: { host: string; port: number }) => {
      const config = context.getConfig();
      const logger = context.getLogger();
      const { db } = await context.openDatabase();
      const queues = config.redisUrl && config.adminToken ? createQueues(config.redisUrl, config.queuePrefix, logger) : undefined; // prettier-ignore
      if (config.adminToken && !config.redisUrl) logger.warn('ADMIN_TOKEN is set but REDIS_URL is not: no queues, so no queue board'); // prettier-ignore
      const app = createWebApp({ db, logger, queueBoard: queues && config.adminToken ? { queues, token: config.adminToken } : undefined }); // prettier-ignore
      const server = await startWebServer(app, options);
      context.print(`dashboard at ${server.url}/${queues ? ` (queue board at ${server.url}/admin/queues)` : ''}`); // prettier-ignore
      logger.info({ url: server.url, queueBoard: queues !== undefined }, 'dashboard started');
      try {
        await firstSignal(logger);
      } finally {
        await server.close();
        if (queues) await closeQueues(queues);
        logger.info('dashboard stopped');
      }
    });
}

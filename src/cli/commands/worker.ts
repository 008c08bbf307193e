import { Command, InvalidArgumentError } from 'commander';
import type { Logger } from '../../log/logger.js';
import { QUEUE_NAMES, type QueueName } from '../../pipeline/names.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { parsePort, parsePositiveInt } from '../options.js';

function parseQueues(value: string): QueueName[] {
  const names = value
    .split(',')
    .map((q) => q.trim())
    .filter(Boolean);
  const unknown = names.filter((q) => !(QUEUE_NAMES as readonly string[]).includes(q));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(`expected a comma-separated list of ${QUEUE_NAMES.join(', ')}`);
  }
  return names as QueueName[];
}

/** REDIS_URL, once Redis has answered: a command never waits on a Redis that is away. */
async function redisUrlOf(context: CliContext, command: string): Promise<string> {
  const url = context.getConfig().redisUrl;
  if (!url) {
    throw new UsageError(
      `skillpulse ${command} needs REDIS_URL: the queues live in Redis (without it, stages run inline)`,
    );
  }
  const { assertRedisReachable } = await import('../../pipeline/queues.js');
  await assertRedisReachable(url);
  return url;
}

/**
 * Resolves on the first SIGTERM or SIGINT; a second one ends the process at once, for the
 * operator whose running jobs take too long to finish.
 */
export function firstSignal(logger: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const force = (signal: NodeJS.Signals) => {
      logger.warn({ signal }, 'second signal: stopping now, running jobs return to the queue');
      process.exit(130);
    };
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGTERM', first);
      process.off('SIGINT', first);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      logger.info({ signal }, 'stopping: no new jobs, running ones finish (signal again to force)');
      resolve(signal);
    };
    process.on('SIGTERM', first);
    process.on('SIGINT', first);
  });
}

export function workerCommand(context: CliContext): Command {
  return new Command('worker')
    .description(
      'work on the pipeline queues in Redis (needs REDIS_URL); runs until SIGTERM or SIGINT',
    )
    .option('--queues <list>', `queues to work on: ${QUEUE_NAMES.join(',')}`, parseQueues, [
      ...QUEUE_NAMES,
    ])
    .option('--concurrency <n>', 'jobs of each queue at once in this process', parsePositiveInt, 1)
    .option(
      '--metrics-port <port>',
      'port of /metrics and /health (0: any free port)',
      parsePort,
      9464,
    )
    .option('--metrics-host <host>', 'address /metrics and /health listen on', '127.0.0.1')
    .option('--no-metrics', 'serve no /metrics or /health')
    .option(
      '--lock-duration <ms>',
      'how long a job stays locked without renewal: a dead worker loses its jobs to another after this',
      parsePositiveInt,
      30_000,
    )
    .option(
      '--sweep-interval <ms>',
      'how often pending listings, stale runs and stale weeks are looked for (also at start)',
      parsePositiveInt,
      300_000,
    )
    .action(
      async (options: {
        queues: QueueName[];
        concurrency: number;
        metrics: boolean;
        metricsPort: number;
        metricsHost: string;
        lockDuration: number;
        sweepInterval: number;
      }) => {
        const redisUrl = await redisUrlOf(context, 'worker');
        const config = context.getConfig();
        const logger = context.getLogger();
        const { db } = await context.openDatabase();
        const [{ PipelineMetrics, startMetricsServer }, { startPipelineWorkers }] =
          await Promise.all([
            import('../../pipeline/metrics.js'),
            import('../../pipeline/workers.js'),
          ]);
        const metrics = options.metrics ? new PipelineMetrics() : undefined;
        const workers = startPipelineWorkers({
          redisUrl,
          prefix: config.queuePrefix,
          queues: options.queues,
          concurrency: options.concurrency,
          context: { db, config, logger },
          metrics,
          lockDurationMs: options.lockDuration,
          stalledIntervalMs: Math.min(30_000, options.lockDuration),
          sweepIntervalMs: options.sweepInterval,
        });
        metrics?.watchQueues(workers.queues);
        const server = metrics
          ? await startMetricsServer(metrics, {
              host: options.metricsHost,
              port: options.metricsPort,
              healthy: () =>
                Promise.resolve(
                  workers.running()
                    ? { status: 'ok', queues: options.queues, pid: process.pid }
                    : null,
                ),
            })
          : undefined;
        logger.info(
          {
            queues: options.queues,
            concurrency: options.concurrency,
            pid: process.pid,
            metrics: server?.url,
          },
          'worker started',
        );
        await firstSignal(logger);
        await workers.close();
        await server?.close();
        logger.info('worker stopped');
      },
    );
}

export function scheduleCommand(context: CliContext): Command {
  const schedule = new Command('schedule').description(
    'the crawl and rollup schedules in Redis (needs REDIS_URL)',
  );
  schedule
    .command('list')
    .description('every source schedule: cron pattern (UTC) and next run')
    .action(async () => {
      const [{ closeQueues, createQueues }, { listCrawlSchedules, rollupSchedule }] =
        await Promise.all([
          import('../../pipeline/queues.js'),
          import('../../pipeline/schedule.js'),
        ]);
      const queues = createQueues(
        await redisUrlOf(context, 'schedule list'),
        context.getConfig().queuePrefix,
        context.getLogger(),
      );
      try {
        const schedules = await listCrawlSchedules(queues);
        if (schedules.length === 0)
          context.print('no crawl schedules: run `skillpulse schedule sync`');
        for (const s of schedules) {
          context.print(
            `${s.sourceId.padEnd(20)} ${s.pattern.padEnd(16)} next ${s.next?.toISOString() ?? '-'}`,
          );
        }
        const rollup = await rollupSchedule(queues);
        if (rollup)
          context.print(
            `${'(weekly rollup)'.padEnd(20)} ${rollup.pattern.padEnd(16)} next ${rollup.next?.toISOString() ?? '-'}`,
          );
      } finally {
        await closeQueues(queues);
      }
    });
  schedule
    .command('sync')
    .description(
      "apply the configuration: each enabled source's `schedule` cron, removed or switched-off sources unscheduled, and the weekly rollup's (`trends.schedule`)",
    )
    .action(async () => {
      const [
        { closeQueues, createQueues },
        { syncCrawlSchedules, syncRollupSchedule },
        { resolveSources },
      ] = await Promise.all([
        import('../../pipeline/queues.js'),
        import('../../pipeline/schedule.js'),
        import('../../sources/registry.js'),
      ]);
      const config = context.getConfig();
      const queues = createQueues(
        await redisUrlOf(context, 'schedule sync'),
        config.queuePrefix,
        context.getLogger(),
      );
      try {
        const changes = await syncCrawlSchedules(queues, resolveSources(config));
        const rollup = await syncRollupSchedule(queues, config.trends.schedule);
        context.print(
          `schedules: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.removed.length} removed, ${changes.unchanged.length} unchanged`,
        );
        for (const [what, ids] of Object.entries({
          added: changes.added,
          changed: changes.changed,
          removed: changes.removed,
        })) {
          if (ids.length > 0) context.print(`${what}: ${ids.join(', ')}`);
        }
        context.print(`weekly rollup (${config.trends.schedule}): ${rollup}`);
      } finally {
        await closeQueues(queues);
      }
    });
  return schedule;
}

import { timingSafeEqual } from 'node:crypto';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { Queue } from 'bullmq';
import type { Hono } from 'hono';
import { basicAuth } from 'hono/basic-auth';
import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { DEFAULT_JOB_OPTIONS, QUEUE_NAMES, type PipelineQueues } from '../pipeline/queues.js';

export const QUEUES_PATH = '/admin/queues';

/** Compares without leaking through timing how much of the token was right. */
function sameToken(given: string, token: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface QueueBoardOptions {
  readonly queues: PipelineQueues;
  /** The admin token: the basic-authentication password. */
  readonly token: string;
  /**
   * Whether Redis answers now: while it does not, the board's API answers 503 naming
   * it instead of waiting for it. @defaultValue undefined (the board's API always asked)
   */
  readonly reachable?: (() => boolean) | undefined;
}

/**
 * Mounts Bull Board for the pipeline's queues at /admin/queues, behind HTTP basic
 * authentication whose password is the admin token (any user name): the board can retry
 * and delete jobs, so it is never open.
 */
export function mountQueueBoard(app: Hono, options: QueueBoardOptions): void {
  const serverAdapter = new HonoAdapter(serveStatic).setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: Object.values(options.queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter,
  });
  const auth = basicAuth({
    verifyUser: (_user, password) => sameToken(password, options.token),
    realm: 'skillpulse queues',
  });
  app.use(QUEUES_PATH, auth);
  app.use(`${QUEUES_PATH}/*`, auth);
  const { reachable } = options;
  if (reachable) {
    app.use(`${QUEUES_PATH}/api/*`, async (c, next) => {
      if (reachable()) return next();
      return c.json(
        { error: 'Redis cannot be reached: the queue board works again when it is back' },
        503,
      );
    });
  }
  app.route(QUEUES_PATH, serverAdapter.registerPlugin());
}

/** The queue board's connection to Redis, and its queues. */
export interface BoardQueues {
  readonly queues: PipelineQueues;
  /** Whether the connection is up now. */
  readonly reachable: () => boolean;
  /** Closes the queues and drops the connection at once, whether Redis answers or not. */
  close(): Promise<void>;
}

/**
 * The pipeline's queues for the queue board, on one Redis connection of the board's own
 * that reconnects by itself. Commands fail at once while Redis is away (no offline
 * queue), so no request of the board waits on it. A lost connection is logged once, as
 * is its return; closing never waits on Redis.
 */
export function openBoardQueues(redisUrl: string, prefix: string, logger: Logger): BoardQueues {
  const redis = new Redis(redisUrl, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 5_000,
  });
  const where = `${redis.options.host ?? '127.0.0.1'}:${redis.options.port ?? 6379}`;
  // Lost: reported, not yet back. Closing: our own disconnect, no loss to report.
  let lost = false;
  let closing = false;
  const reportLoss = (reason: string) => {
    if (lost || closing) return;
    lost = true;
    logger.error(
      { redis: where, err: reason },
      `Redis at ${where} cannot be reached: the queue board answers 503 until it is back (retrying)`,
    );
  };
  // A Redis that never answered says so in an error; one that went away may only close
  // the connection, the error coming with the first reconnection that fails.
  redis.on('error', (error: Error) => reportLoss(error.message));
  redis.on('close', () => reportLoss('connection closed'));
  redis.on('ready', () => {
    if (!lost) return;
    lost = false;
    logger.info({ redis: where }, `Redis at ${where} is back: the queue board works again`);
  });
  const make = (name: (typeof QUEUE_NAMES)[number]) => {
    const queue = new Queue(name, {
      connection: redis,
      prefix,
      defaultJobOptions: DEFAULT_JOB_OPTIONS,
    });
    // The connection's errors come here too, once per queue and attempt; they are
    // reported once above. What is left is a command that failed with Redis up.
    queue.on('error', (error) => {
      if (redis.status === 'ready')
        logger.warn({ queue: name, err: error.message }, 'queue board: Redis command failed');
    });
    return queue;
  };
  const queues = Object.fromEntries(
    QUEUE_NAMES.map((name) => [name, make(name)]),
  ) as unknown as PipelineQueues;
  return {
    queues,
    reachable: () => redis.status === 'ready',
    close: async () => {
      closing = true;
      const queuesClosed = Promise.all(Object.values(queues).map((queue) => queue.close()));
      // Queues on a shared connection leave it open: it is dropped here, at once, without
      // the QUIT that would wait for a Redis that is away.
      redis.disconnect();
      await queuesClosed;
    },
  };
}

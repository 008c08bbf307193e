import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { redisOptions, reportConnection } from './queues.js';

// Taken when free, or taken back by the job that holds it: a job whose worker died is
// run again under the same id, and must not lock itself out.
const TAKE = `local held = redis.call('get', KEYS[1])
if held == false or held == ARGV[1] then return redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return false`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * One crawl per source at a time, however many workers on however many machines: a Redis
 * key per source, held by the job that crawls it (re-entrant for that job, so its retry
 * after a dead worker gets it at once), kept alive while it runs and given back after.
 * Its lifetime is the job's lock duration and it is renewed as often as BullMQ renews
 * the job's lock: a worker that dies lets both lapse together.
 */
export class SourceLocks {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    private readonly logger: Logger,
    /** The job lock's duration (the worker's `lockDuration`). @defaultValue 30,000 ms */
    private readonly ttlMs = 30_000,
  ) {
    this.redis = new Redis(redisOptions(redisUrl, 'worker'));
    reportConnection(this.redis, logger, 'source lock');
  }

  private key(sourceId: string): string {
    return `${this.prefix}:source-lock:${sourceId}`;
  }

  /**
   * Runs `work` holding the source's lock; `busy` when another job holds it. The lock is
   * renewed every third of its lifetime while the work runs.
   */
  async withLock<T>(
    sourceId: string,
    owner: string,
    work: () => Promise<T>,
  ): Promise<{ busy: true } | { busy: false; value: T }> {
    const key = this.key(sourceId);
    const taken = await this.redis.eval(TAKE, 1, key, owner, String(this.ttlMs));
    if (taken !== 'OK') return { busy: true };
    // Renewed at half the lifetime, as BullMQ renews a job's lock.
    const timer = setInterval(() => {
      void this.redis.eval(RENEW, 1, key, owner, String(this.ttlMs)).catch(() => undefined);
    }, this.ttlMs / 2);
    try {
      return { busy: false, value: await work() };
    } finally {
      clearInterval(timer);
      // Redis away: the lock lapses by itself; the work's own outcome is what matters.
      await this.redis
        .eval(RELEASE, 1, key, owner)
        .catch((error: Error) =>
          this.logger.warn(
            { sourceId, err: error.message },
            'source lock not released; it lapses by itself',
          ),
        );
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }

  /** Drops the connection without waiting for Redis. */
  disconnect(): void {
    this.redis.disconnect();
  }
}

import { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { redisOptions } from './queues.js';

const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;

/**
 * One crawl per source at a time, however many workers on however many machines: a Redis
 * key per source, taken with SET NX by the job that crawls it, kept alive while it runs
 * and given back after. A worker that dies lets it expire.
 */
export class SourceLocks {
  private readonly redis: Redis;

  constructor(
    redisUrl: string,
    private readonly prefix: string,
    logger: Logger,
    private readonly ttlMs = 10 * 60_000,
  ) {
    this.redis = new Redis(redisOptions(redisUrl, 'worker'));
    this.redis.on('error', (error: Error) => logger.warn({ err: error.message }, 'source lock connection error')); // prettier-ignore
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
    const taken = await this.redis.set(key, owner, 'PX', this.ttlMs, 'NX');
    if (taken !== 'OK') return { busy: true };
    const timer = setInterval(() => {
      void this.redis.eval(RENEW, 1, key, owner, String(this.ttlMs)).catch(() => undefined);
    }, this.ttlMs / 3);
    try {
      return { busy: false, value: await work() };
    } finally {
      clearInterval(timer);
      await this.redis.eval(RELEASE, 1, key, owner);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}

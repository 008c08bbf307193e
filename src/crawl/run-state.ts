import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { toJson, type CrawlResume, type Database, type RequestSpec } from '../db/schema.js';
import type { Logger } from '../log/logger.js';

/** How often a running crawl beats its heartbeat and saves what it has left to fetch. */
export const HEARTBEAT_MS = 5_000;
/** A `running` run without a heartbeat for this long was left by a worker that died. */
export const STALE_RUN_MS = 60_000;
/** What an interrupted run left to fetch is taken up only this long after it started. */
export const RESUME_WITHIN_MS = 24 * 3_600_000;

/**
 * Closes runs left `running` by a worker that died, as failed with the reason: those
 * without a heartbeat for `STALE_RUN_MS`, or every other one of the source when the
 * caller knows no other crawl of it can be running (it holds the source's lock).
 * Returns how many it closed.
 */
export async function closeStaleRuns(
  db: Kysely<Database>,
  options: {
    readonly sourceId?: string | undefined;
    readonly exceptRunId?: number | undefined;
    readonly exclusive?: boolean | undefined;
    readonly now?: Date | undefined;
  } = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const staleBefore = new Date(now.getTime() - STALE_RUN_MS);
  let query = db
    .updateTable('crawl_runs')
    .set({
      crawl_status: 'failed',
      finished_at: now,
      crawl_message: sql<string>`'interrupted: the crawl stopped without finishing (last sign of life ' || to_char(coalesce(heartbeat_at, started_at) at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || ' UTC); a worker died or lost the database'`,
    })
    .where('crawl_status', '=', 'running')
    .where('kind', '=', 'crawl');
  if (options.sourceId !== undefined) query = query.where('source_id', '=', options.sourceId);
  if (options.exceptRunId !== undefined) query = query.where('id', '<>', options.exceptRunId);
  if (!options.exclusive) {
    query = query.where((eb) => eb(eb.fn.coalesce('heartbeat_at', 'started_at'), '<', staleBefore));
  }
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The requests earlier runs of the source left unfetched, taken over by this run: each
 * run's `resume` is cleared as it is read, so two runs never take up the same requests.
 * Only runs that are over (or stale, see closeStaleRuns) are taken over.
 */
export async function takeOverResume(
  db: Kysely<Database>,
  sourceId: string,
  runId: number,
  now: Date = new Date(),
): Promise<RequestSpec[]> {
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('crawl_runs')
      .select(['id', 'resume'])
      .where('source_id', '=', sourceId)
      .where('id', '<', runId)
      .where('resume', 'is not', null)
      .where('crawl_status', '<>', 'running')
      .where('started_at', '>=', new Date(now.getTime() - RESUME_WITHIN_MS))
      .orderBy('id')
      .forUpdate()
      .execute();
    if (rows.length === 0) return [];
    const specs = new Map<string, RequestSpec>();
    for (const spec of rows.flatMap((r) => r.resume?.requests ?? []))
      specs.set(requestKey(spec), spec);
    const taken = [...specs.values()];
    // Moved, not copied: the new run holds them from the same commit on.
    await trx
      .updateTable('crawl_runs')
      .set({ resume: null })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    await trx
      .updateTable('crawl_runs')
      .set({ resume: toJson({ requests: taken } satisfies CrawlResume) })
      .where('id', '=', runId)
      .execute();
    return taken;
  });
}

/**
 * One key per distinct request, the crawlee uniqueKey of the crawl's requests too: a POST
 * API answers different queries on one URL.
 */
export function requestKey(spec: RequestSpec): string {
  const payload = spec.payload ? createHash('sha1').update(spec.payload).digest('hex') : '';
  return `${spec.method ?? 'GET'} ${spec.url} ${payload}`;
}

/**
 * A crawl's bookkeeping of what it has still to fetch, kept in crawl_runs so that a
 * crawl that stops early (a worker killed, the database gone) is resumed by the next
 * one. Every few seconds it beats the run's heartbeat and saves the requests queued and
 * not yet handled, after the listings of the pages handled so far are written: a saved
 * state never claims a page whose listings could still be lost.
 */
export class CrawlRunState {
  private readonly outstanding = new Map<string, RequestSpec>();
  /** Bumped by every change; what the last save wrote is `savedVersion`. */
  private version = 0;
  private savedVersion = 0;
  private timer: NodeJS.Timeout | undefined;
  private saving: Promise<void> = Promise.resolve();
  private warned = false;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly runId: number,
    /** Writes the listings captured so far. */
    private readonly flushListings: () => Promise<void>,
    private readonly logger: Logger,
  ) {}

  /** Starts the heartbeat. */
  start(): void {
    this.timer = setInterval(() => void this.save(), HEARTBEAT_MS);
    this.timer.unref();
  }

  queued(key: string, spec: RequestSpec): void {
    this.outstanding.set(key, spec);
    this.version++;
  }

  handled(key: string): void {
    if (this.outstanding.delete(key)) this.version++;
  }

  /** A request that will never be fetched (robots.txt), known only by its URL. */
  handledUrl(url: string): void {
    for (const [key, spec] of this.outstanding) if (spec.url === url) this.handled(key);
  }

  /** The requests not handled yet. */
  remaining(): RequestSpec[] {
    return [...this.outstanding.values()];
  }

  /** Beats the heartbeat, and saves the requests left when they changed. */
  save(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const version = this.version;
      const changed = version !== this.savedVersion;
      const requests = this.remaining();
      try {
        if (changed) await this.flushListings();
        await this.db
          .updateTable('crawl_runs')
          .set({
            heartbeat_at: new Date(),
            ...(changed ? { resume: toJson({ requests } satisfies CrawlResume) } : {}),
          })
          .where('id', '=', this.runId)
          .where('crawl_status', '=', 'running')
          .execute();
        this.savedVersion = version;
        this.warned = false;
      } catch (error) {
        // The crawl itself meets the same fault and fails; say it once here.
        if (!this.warned) {
          this.logger.warn(
            { runId: this.runId, err: (error as Error).message },
            'crawl state not saved',
          );
          this.warned = true;
        }
      }
    });
    return this.saving;
  }

  /** Stops the heartbeat; what is left to fetch is what the run's final row records. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.saving;
  }
}

import type { SourceInstance } from '../sources/registry.js';
import type { PipelineQueues } from './queues.js';

/** A crawl schedule as Redis holds it. */
export interface CrawlSchedule {
  readonly id: string;
  readonly sourceId: string;
  readonly pattern: string;
  /** The next run, or null when Redis has none yet. */
  readonly next: Date | null;
}

const PREFIX = 'crawl-';

/** The BullMQ job scheduler id of a source's crawl. */
export function crawlScheduleId(sourceId: string): string {
  return `${PREFIX}${sourceId}`;
}

/** Every crawl schedule in Redis, by source. */
export async function listCrawlSchedules(queues: PipelineQueues): Promise<CrawlSchedule[]> {
  const schedulers = await queues.crawl.getJobSchedulers(0, -1, true);
  return schedulers
    .map((s) => ({
      id: s.id ?? s.key,
      pattern: s.pattern ?? '',
      next: s.next ? new Date(s.next) : null,
    }))
    .filter((s) => s.id.startsWith(PREFIX))
    .map((s) => ({ ...s, sourceId: s.id.slice(PREFIX.length) }))
    .sort((a, b) => a.sourceId.localeCompare(b.sourceId));
}

export interface ScheduleChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
  readonly unchanged: readonly string[];
}

/**
 * Makes Redis hold one crawl schedule per enabled source, with its cron (UTC): new and
 * changed ones written, those of removed or switched-off sources taken out. Idempotent.
 */
export async function syncCrawlSchedules(
  queues: PipelineQueues,
  sources: readonly SourceInstance[],
): Promise<ScheduleChanges> {
  const existing = new Map((await listCrawlSchedules(queues)).map((s) => [s.sourceId, s]));
  const wanted = sources.filter((s) => s.enabled);
  const changes = {
    added: [] as string[],
    changed: [] as string[],
    removed: [] as string[],
    unchanged: [] as string[],
  };
  for (const source of wanted) {
    const current = existing.get(source.id);
    if (current?.pattern === source.schedule) {
      changes.unchanged.push(source.id);
      continue;
    }
    await queues.crawl.upsertJobScheduler(
      crawlScheduleId(source.id),
      { pattern: source.schedule, tz: 'UTC' },
      { name: 'crawl', data: { sourceId: source.id } },
    );
    (current ? changes.changed : changes.added).push(source.id);
  }
  const keep = new Set(wanted.map((s) => s.id));
  for (const sourceId of existing.keys()) {
    if (keep.has(sourceId)) continue;
    await queues.crawl.removeJobScheduler(crawlScheduleId(sourceId));
    changes.removed.push(sourceId);
  }
  return changes;
}

/** The BullMQ job scheduler id of the weekly rollup. */
export const ROLLUP_SCHEDULE_ID = 'rollup-weekly';

/**
 * The weekly rollup's schedule (a job without a week: the last whole week when it runs),
 * written when missing or changed. Returns what it did.
 */
export async function syncRollupSchedule(
  queues: PipelineQueues,
  pattern: string,
): Promise<'added' | 'changed' | 'unchanged'> {
  const current = await rollupSchedule(queues);
  if (current?.pattern === pattern) return 'unchanged';
  await queues.rollup.upsertJobScheduler(
    ROLLUP_SCHEDULE_ID,
    { pattern, tz: 'UTC' },
    { name: 'rollup', data: {} },
  );
  return current ? 'changed' : 'added';
}

/** The weekly rollup's schedule in Redis, if any. */
export async function rollupSchedule(
  queues: PipelineQueues,
): Promise<{ pattern: string; next: Date | null } | null> {
  const scheduler = await queues.rollup.getJobScheduler(ROLLUP_SCHEDULE_ID);
  if (!scheduler) return null;
  return {
    pattern: scheduler.pattern ?? '',
    next: scheduler.next ? new Date(scheduler.next) : null,
  };
}

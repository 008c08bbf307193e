import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import { crawlSource, type CrawlOptions, type CrawlSummary } from '../crawl/crawl-source.js';
import type { Database } from '../db/schema.js';
import { BadInputError, RetryLaterError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import {
  processListings,
  processSettings,
  type ProcessResult,
} from '../process/process-listings.js';
import { resolveSources } from '../sources/registry.js';
import { rollupOptions, rollupWeeks, type RollupResult } from '../trends/rollup.js';
import { addWeeks, weekOf } from '../trends/weeks.js';
import { storeWeeklyReport } from '../report/store.js';
import { buildWeeklyReport } from '../report/weekly.js';
import { VERSION } from '../version.js';
import type { JobData } from './queues.js';
import { pendingBatches } from '../process/pending.js';

/** What a stage needs from the process that runs it, on either runner. */
export interface StageContext {
  readonly db: Kysely<Database>;
  readonly config: Config;
  readonly logger: Logger;
  /** Crawl settings that override the sources' own (tests and the demo go faster). */
  readonly crawl?: Partial<Pick<CrawlOptions, 'politeness' | 'backoffBaseMs' | 'onProgress'>>;
}

/** How skillpulse introduces itself to sites: its name, version and the operator's contact. */
export function userAgentFor(config: Pick<Config, 'crawlContact'>): string {
  return `skillpulse/${VERSION} (+${config.crawlContact ?? 'contact not configured'})`;
}

/** The crawl settings every crawl of the context shares, on either runner. */
export function crawlOptionsFor(context: StageContext): CrawlOptions {
  return {
    userAgent: userAgentFor(context.config),
    chromiumPath: context.config.chromiumPath,
    logger: context.logger,
    ...context.crawl,
  };
}

export { PROCESS_BATCH } from '../process/pending.js';

/**
 * The crawl stage for one source: crawls it, then names every raw listing of the source
 * that processing still owes (this crawl's new ones, and any an interrupted crawl stored
 * and never handed on) in batches for the process stage. A source that does not exist
 * or cannot run is bad job data. `exclusive`: the caller holds the source's lock (see
 * CrawlOptions).
 */
export async function runCrawl(
  context: StageContext,
  data: JobData<'crawl'>,
  jobId: string | undefined,
  exclusive = false,
): Promise<{ summary: CrawlSummary; batches: number[][] }> {
  const source = resolveSources(context.config).find((s) => s.id === data.sourceId);
  if (!source) throw new BadInputError(`unknown source "${data.sourceId}"`);
  if (!source.enabled && source.disabledReason !== 'disabled in the configuration') {
    throw new BadInputError(`source ${source.id} cannot run: ${source.disabledReason}`);
  }
  const summary = await crawlSource(context.db, source, {
    ...crawlOptionsFor(context),
    jobId,
    since: data.since === undefined ? undefined : new Date(data.since),
    maxPages: data.maxPages,
    exclusive,
  });
  if (summary.status === 'failed') {
    // Thrown, not returned: the queue retries the crawl later with backoff.
    throw new RetryLaterError(
      `crawl of ${source.id} failed: ${summary.message ?? 'see crawl_runs'}`,
    );
  }
  return { summary, batches: await pendingBatches(context.db, { sourceId: source.id }) };
}

/** The process stage for the raw listings a job names; running it twice leaves the same rows. */
export async function runProcess(
  context: StageContext,
  data: JobData<'process'>,
): Promise<ProcessResult> {
  return processListings(context.db, {
    scope: { kind: 'ids', ids: data.rawListingIds },
    ...processSettings(context.config),
    logger: context.logger,
  });
}

/**
 * The rollup stage for one week: the trend tables recomputed for it, and the rank
 * changes, movers and related skills that read it. Without a week, the last whole one
 * (what the weekly schedule sends), with its related skills.
 */
export async function runRollup(
  context: StageContext,
  data: JobData<'rollup'>,
  now: Date = new Date(),
): Promise<RollupResult> {
  const week = data.week ?? addWeeks(weekOf(now), -1);
  return rollupWeeks(context.db, [week], {
    ...rollupOptions(context.config, context.logger),
    relatedSkills: data.relatedSkills ?? true,
  });
}

/**
 * The report stage for one rolled-up week: the weekly report built from the trend tables
 * and stored in each format (HTML, Markdown, JSON), replacing the week's
 * earlier ones. A week that was never rolled up fails it for good (WeekNotRolledUpError).
 */
export async function runReport(
  context: StageContext,
  data: JobData<'report'>,
): Promise<{ week: string; formats: string[] }> {
  const report = await buildWeeklyReport(context.db, data.week, context.config.trends);
  const texts = await storeWeeklyReport(context.db, report);
  context.logger.info({ week: data.week }, 'weekly report stored');
  return { week: data.week, formats: Object.keys(texts) };
}

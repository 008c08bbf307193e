import { existsSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { CrawlProgress } from '../crawl/crawl-source.js';
import { sourceCrawlSummaries } from '../crawl/source-rows.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import { runInline, type RunSummary } from '../pipeline/inline.js';
import { resolveSources } from '../sources/registry.js';
import { rolledUpWeek } from '../trends/read.js';
import { addWeeks, weekOf } from '../trends/weeks.js';
import { startFixtureWeb } from './server.js';
import { demoSources } from './sources.js';

export interface DemoOptions {
  readonly seed: number;
  /** Whole weeks of simulated postings, the last of them the week before `now`'s. */
  readonly weeks: number;
  readonly perWeek: number;
  /** Crawl the sources that need Chromium, where it is installed. */
  readonly browser: boolean;
  /** @defaultValue new Date() */
  readonly now?: Date;
}

export interface DemoHooks {
  /** After every page a source's crawl fetched, with its counts so far. */
  readonly onProgress?: (progress: CrawlProgress) => void;
  /** A source's crawl ended (with its counts; none when it failed) and its listings are processed. */
  readonly onSourceDone?: (sourceId: string, progress: CrawlProgress | undefined) => void;
  /** The demo moved on to a stage of its own ('crawl', then 'rollup'). */
  readonly onStage?: (stage: 'crawl' | 'rollup', sources: readonly string[]) => void;
}

/** One crawled source: what its crawl fetched and stored, and what the database holds of it. */
export interface DemoSourceCount {
  readonly sourceId: string;
  readonly status: string;
  readonly pages: number;
  /** Listings the crawl read from the source. */
  readonly fetched: number;
  /** Of them, listings stored that were not stored before. */
  readonly stored: number;
  /** The source's listings in the database: what `skillpulse sources` shows as stored. */
  readonly inDatabase: number;
  readonly message: string | null;
}

export interface DemoResult {
  readonly market: {
    readonly postings: number;
    readonly weeks: number;
    readonly firstWeek: string;
    readonly lastWeek: string;
    readonly seed: number;
  };
  readonly sources: readonly DemoSourceCount[];
  /** Sources that need Chromium, not crawled: with why ('--no-browser' or 'Chromium not found'). */
  readonly skipped: readonly { readonly sourceId: string; readonly reason: string }[];
  readonly failures: RunSummary['failures'];
  readonly processed: Omit<RunSummary['processed'], 'weeks'>;
  /** The weeks rolled up, oldest first; empty when nothing changed. */
  readonly rolledUp: readonly string[];
  /** The week `skillpulse report` shows by default, with its market figures. */
  readonly report: {
    readonly week: string;
    readonly postings: number;
    readonly newPostings: number;
  } | null;
}

/**
 * `skillpulse demo`: the fixture web in simulator mode with a market of whole weeks up to
 * the last one before `now`, every demo source crawled from it, processed and rolled up
 * by the inline runner on the configured database; then the counts a user can check
 * against `skillpulse sources` and `skillpulse report`.
 */
export async function runDemo(
  stage: { readonly db: Kysely<Database>; readonly config: Config; readonly logger: Logger },
  options: DemoOptions,
  hooks: DemoHooks = {},
): Promise<DemoResult> {
  const lastWeek = addWeeks(weekOf(options.now ?? new Date()), -1);
  const web = await startFixtureWeb({
    marketOptions: {
      seed: options.seed,
      weeks: options.weeks,
      perWeek: options.perWeek,
      lastWeek,
    },
    // Its data outlives the fixture web: recorded dates in the market's span, real links.
    demo: true,
    // A busy site now and then; the data calls of the browser pages' own scripts are spared.
    chaos: { errorRate: 0.03, slowRate: 0.05, seed: options.seed, exclude: /\.json$|\/api\/gigs$/ },
  });
  try {
    const config = { ...stage.config, sources: demoSources(web.url) };
    const browser = options.browser && existsSync(config.chromiumPath);
    if (options.browser && !browser) {
      stage.logger.warn(
        { chromiumPath: config.chromiumPath },
        'Chromium not found: skipping the sources that need it (install Debian package chromium)',
      );
    }
    const enabled = resolveSources(config).filter((s) => s.enabled);
    const crawled = enabled.filter((s) => browser || s.adapter.crawler !== 'playwright');
    const reason = options.browser ? 'Chromium not found' : '--no-browser';
    const skipped = enabled
      .filter((s) => !crawled.includes(s))
      .map((s) => ({ sourceId: s.id, reason }));
    const ids = crawled.map((s) => s.id);
    hooks.onStage?.('crawl', ids);
    let done = 0;
    const run = await runInline(
      { db: stage.db, config, logger: stage.logger, crawl: demoCrawl(hooks.onProgress) },
      ids,
      {
        concurrency: 4,
        // The rollup and the report follow the last source.
        onSourceDone: (id, summary) => {
          hooks.onSourceDone?.(id, summary);
          if (++done === ids.length) hooks.onStage?.('rollup', ids);
        },
      },
    );
    return {
      market: {
        postings: web.market.length,
        weeks: options.weeks,
        firstWeek: addWeeks(lastWeek, 1 - options.weeks),
        lastWeek,
        seed: options.seed,
      },
      sources: await sourceCounts(stage.db, run),
      skipped,
      failures: run.failures,
      processed: {
        listings: run.processed.listings,
        postings: run.processed.postings,
        duplicates: run.processed.duplicates,
        failed: run.processed.failed,
      },
      rolledUp: run.rollup?.weeks ?? [],
      report: await reportWeek(stage.db, options.now),
    };
  } finally {
    await web.close();
  }
}

async function sourceCounts(db: Kysely<Database>, run: RunSummary): Promise<DemoSourceCount[]> {
  const health = await sourceCrawlSummaries(db);
  return run.crawls.map((crawl) => ({
    sourceId: crawl.sourceId,
    status: crawl.status,
    pages: crawl.pages,
    fetched: crawl.listings,
    stored: crawl.newListings,
    inDatabase: health.get(crawl.sourceId)?.rawListings ?? 0,
    message: crawl.message,
  }));
}

/** The report's default week and its market figures, as the report states them. */
async function reportWeek(db: Kysely<Database>, now?: Date): Promise<DemoResult['report']> {
  const week = await rolledUpWeek(db, undefined, now).catch(() => null);
  if (week === null) return null;
  const row = await db
    .selectFrom('market_weekly')
    .select(['postings', 'new_postings'])
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .executeTakeFirst();
  return row ? { week, postings: row.postings, newPostings: row.new_postings } : null;
}

/**
 * The fixture web is local and answers at once: no politeness delays, a short backoff,
 * and the crawls' progress to whoever shows it.
 */
function demoCrawl(onProgress: DemoHooks['onProgress']) {
  return {
    politeness: {
      maxRequestsPerMinute: 1200,
      sameDomainDelaySecs: 0,
      maxRetries: 5,
      timeoutSecs: 10,
      maxConcurrency: 4,
    },
    backoffBaseMs: 200,
    ...(onProgress ? { onProgress } : {}),
  };
}

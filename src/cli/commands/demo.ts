import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { startFixtureWeb } from '../../demo/server.js';
import { demoSources } from '../../demo/sources.js';
import { runInline, type RunSummary } from '../../pipeline/inline.js';
import type { StageContext } from '../../pipeline/stages.js';
import { resolveSources } from '../../sources/registry.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../options.js';
import { CrawlProgressLine } from '../progress.js';
import { printSummaries } from './crawl.js';
import { printRollup } from './rollup.js';

export function demoCommand(context: CliContext): Command {
  return new Command('demo')
    .description(
      'start the fixture web in simulator mode, crawl every source from it and process the listings, on the configured database',
    )
    .addOption(
      new Option('--seed <n>', 'seed of the simulated market')
        .argParser(parsePositiveInt)
        .default(42),
    )
    .addOption(
      new Option('--weeks <n>', 'weeks of simulated postings')
        .argParser(parsePositiveInt)
        .default(8),
    )
    .addOption(
      new Option('--per-week <n>', 'postings per week').argParser(parsePositiveInt).default(60),
    )
    .option('--no-browser', 'skip the sources that need Chromium')
    .action(async (options: DemoOptions) => {
      const web = await startFixtureWeb({
        marketOptions: { seed: options.seed, weeks: options.weeks, perWeek: options.perWeek },
        // A busy site now and then; the data calls of the browser pages' own scripts are spared.
        chaos: {
          errorRate: 0.03,
          slowRate: 0.05,
          seed: options.seed,
          exclude: /\.json$|\/api\/gigs$/,
        },
      });
      try {
        context.print(
          `fixture web at ${web.url}: ${web.market.length} simulated postings over ${options.weeks} weeks (seed ${options.seed})`,
        );
        await runDemo(context, web.url, options.browser);
      } finally {
        await web.close();
      }
    });
}

interface DemoOptions {
  readonly seed: number;
  readonly weeks: number;
  readonly perWeek: number;
  readonly browser: boolean;
}

/**
 * The inline run over every demo source (those that need Chromium only where it is
 * installed), configured for this run only, on the configured database.
 */
async function runDemo(context: CliContext, url: string, wantsBrowser: boolean): Promise<void> {
  const config = { ...context.getConfig(), sources: demoSources(url) };
  const logger = context.getLogger();
  const browser = wantsBrowser && existsSync(config.chromiumPath);
  if (wantsBrowser && !browser) {
    logger.warn(
      { chromiumPath: config.chromiumPath },
      'Chromium not found: skipping craigslist and fiverr (install Debian package chromium)',
    );
  }
  const sources = resolveSources(config).filter(
    (s) => s.enabled && (browser || s.adapter.crawler !== 'playwright'),
  );
  const { db, backend, location } = await context.openDatabase();
  const progress = new CrawlProgressLine(context.io.stderr);
  const stage = { db, config, logger, crawl: demoCrawl(progress) };
  const run = await runInline(
    stage,
    sources.map((s) => s.id),
    { concurrency: 4 },
  );
  progress.clear();
  printDemoRun(context, run, `${backend} ${location}`);
}

function printDemoRun(context: CliContext, run: RunSummary, database: string): void {
  printSummaries(context, run.crawls);
  for (const failure of run.failures) {
    context.print(`${failure.sourceId.padEnd(18)} failed   ${failure.message}`);
  }
  const total = run.crawls.reduce((n, s) => n + s.newListings, 0);
  context.print(
    `${total} new raw listings from ${run.crawls.length} sources stored in ${database}`,
  );
  if (run.failures.length > 0) context.failed = true;
  const processed = run.processed;
  context.print(
    `processed ${processed.listings} listings: ${processed.postings} postings, ${processed.duplicates} duplicates, ${processed.failed} not processable`,
  );
  if (run.rollup) printRollup(context, run.rollup);
}

/**
 * The fixture web is local and answers at once: no politeness delays, short backoff,
 * and the crawls' progress on one status line.
 */
function demoCrawl(progress: CrawlProgressLine): StageContext['crawl'] {
  return {
    politeness: {
      maxRequestsPerMinute: 1200,
      sameDomainDelaySecs: 0,
      maxRetries: 5,
      timeoutSecs: 10,
      maxConcurrency: 4,
    },
    backoffBaseMs: 200,
    onProgress: (p) => progress.update(p),
  };
}

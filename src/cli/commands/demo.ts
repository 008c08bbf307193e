import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { startFixtureWeb } from '../../demo/server.js';
import { crawlSources, userAgentFor } from '../../crawl/crawl-sources.js';
import { processListings, processSettings } from '../../process/process-listings.js';
import { resolveSources } from '../../sources/registry.js';
import { rollupOptions, rollupWeeks, weeksOf } from '../../trends/rollup.js';
import { printRollup } from './rollup.js';
import type { CliContext } from '../context.js';
import { CrawlProgressLine } from '../progress.js';
import { parsePositiveInt, printSummaries } from './crawl.js';

/** Every source pointed at the fixture web, as a user would configure real ones. */
export function demoSources(url: string): Record<string, Record<string, unknown>> {
  return {
    upwork: { baseUrl: `${url}/upwork`, token: 'fixture-upwork-token', queries: ['devops'] },
    freelancer: { baseUrl: `${url}/freelancer`, queries: ['software'] },
    craigslist: { baseUrl: `${url}/craigslist`, cities: ['sfbay'], categories: ['cpg', 'sof'] },
    fiverr: {
      enabled: true,
      baseUrl: `${url}/fiverr`,
      categories: ['programming-tech/software-development'],
      pages: 2,
    },
    hackernews: { baseUrl: `${url}/hn`, months: 2 },
    remoteok: { baseUrl: `${url}/remoteok` },
    remotive: { baseUrl: `${url}/remotive`, categories: ['software-dev'] },
    weworkremotely: { baseUrl: `${url}/weworkremotely`, categories: ['remote-programming-jobs'] },
    arbeitnow: { baseUrl: `${url}/arbeitnow` },
    greenhouse: { baseUrl: `${url}/greenhouse`, boards: ['gitlab', 'skillpulse'] },
    lever: { baseUrl: `${url}/lever`, sites: ['matchgroup', 'skillpulse'] },
    ashby: { baseUrl: `${url}/ashby`, boards: ['linear', 'skillpulse'] },
    onsiter: { startUrls: [`${url}/onsiter/jobs`] },
    'demo-jsonld': { adapter: 'jsonld', sitemaps: [`${url}/jsonld-site/sitemap.xml`] },
    'demo-feed': { adapter: 'rss', feeds: [`${url}/feed/atom.xml`] },
    himalayas: { enabled: true, feeds: [`${url}/himalayas/jobs/rss`] },
  };
}

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
    .action(async (options: { seed: number; weeks: number; perWeek: number; browser: boolean }) => {
      const config = context.getConfig();
      const logger = context.getLogger();
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
        const browser = options.browser && existsSync(config.chromiumPath);
        if (options.browser && !browser) {
          logger.warn(
            { chromiumPath: config.chromiumPath },
            'Chromium not found: skipping craigslist and fiverr (install Debian package chromium)',
          );
        }
        const sources = resolveSources({ ...config, sources: demoSources(web.url) }).filter(
          (s) => s.enabled && (browser || s.adapter.crawler !== 'playwright'),
        );
        context.print(
          `fixture web at ${web.url}: ${web.market.length} simulated postings over ${options.weeks} weeks (seed ${options.seed})`,
        );
        const { db, backend, location } = await context.openDatabase();
        const progress = new CrawlProgressLine(context.io.stderr);
        const summaries = await crawlSources(db, sources, {
          concurrency: 4,
          userAgent: userAgentFor(config),
          chromiumPath: config.chromiumPath,
          logger,
          politeness: {
            maxRequestsPerMinute: 1200,
            sameDomainDelaySecs: 0,
            maxRetries: 5,
            timeoutSecs: 10,
            maxConcurrency: 4,
          },
          backoffBaseMs: 200,
          onProgress: (p) => progress.update(p),
        });
        progress.clear();
        printSummaries(context, summaries);
        const total = summaries.reduce((n, s) => n + s.newListings, 0);
        context.print(
          `${total} new raw listings from ${summaries.length} sources stored in ${backend} ${location}`,
        );
        if (summaries.some((s) => s.status === 'failed')) context.failed = true;
        const processed = await processListings(db, {
          ...processSettings(config),
          logger,
        });
        context.print(
          `processed ${processed.listings} listings: ${processed.postings} postings, ${processed.duplicates} duplicates, ${processed.failed} not processable`,
        );
        const weeks = await weeksOf(db, { kind: 'all' });
        const rollup = await rollupWeeks(db, weeks, rollupOptions(config, logger));
        printRollup(context, rollup);
      } finally {
        await web.close();
      }
    });
}

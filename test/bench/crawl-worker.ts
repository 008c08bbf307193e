/**
 * One measured crawl, in a process of its own so that its peak RSS is its own:
 *   tsx test/bench/crawl-worker.ts skillpulse|bare|playwright FIXTURE_URL DATABASE_URL
 * Prints one JSON line: pages, seconds, pagesPerSecond, peakRssMb.
 */
import { performance } from 'node:perf_hooks';
import { CheerioCrawler, Configuration } from 'crawlee';
import { crawlSource } from '../../src/crawl/crawl-source.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { createLogger } from '../../src/log/logger.js';
import { resolveSources } from '../../src/sources/registry.js';

const [mode, fixtureUrl, databaseUrl] = process.argv.slice(2) as [string, string, string];
const CONCURRENCY = 16;
const politeness = {
  maxConcurrency: CONCURRENCY,
  maxRequestsPerMinute: 1_000_000,
  sameDomainDelaySecs: 0,
  maxRetries: 2,
  timeoutSecs: 30,
};
const started = performance.now();
let pages = 0;

if (mode === 'bare') {
  // The baseline: crawlee's CheerioCrawler over the same sitemap and job pages, doing only
  // what any crawler must (parse the page, find the JSON-LD), storing nothing.
  const crawler = new CheerioCrawler(
    {
      minConcurrency: CONCURRENCY,
      maxConcurrency: CONCURRENCY,
      maxRequestRetries: 2,
      additionalMimeTypes: ['application/xml'],
      requestHandler: async ({ request, $, addRequests }) => {
        if (request.label === 'SITEMAP') {
          await addRequests(
            $('loc')
              .map((_, el) => ({ url: $(el).text().trim(), label: 'DETAIL' }))
              .get(),
          );
          return;
        }
        if ($('script[type="application/ld+json"]').text().length > 0) pages++;
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true, logLevel: 0 }),
  );
  await crawler.run([{ url: `${fixtureUrl}/jsonld-site/sitemap.xml`, label: 'SITEMAP' }]);
} else {
  const handle = await openDatabase({
    backend: 'postgres',
    url: databaseUrl,
    poolSize: CONCURRENCY,
  });
  await migrateUp(handle.db);
  const logger = createLogger({ logLevel: 'error', logFormat: 'json' });
  const settings: Record<string, Record<string, unknown>> = mode === 'playwright'
    ? {
        craigslist: {
          baseUrl: `${fixtureUrl}/craigslist`,
          cities: ['sfbay'],
          categories: ['cpg', 'sof'],
        },
      }
    : { bench: { adapter: 'jsonld', sitemaps: [`${fixtureUrl}/jsonld-site/sitemap.xml`] } };
  const id = mode === 'playwright' ? 'craigslist' : 'bench';
  const source = resolveSources({ sources: settings }).find((s) => s.id === id)!;
  const summary = await crawlSource(handle.db, source, {
    userAgent: 'skillpulse-bench',
    chromiumPath: '/usr/bin/chromium',
    logger,
    politeness: mode === 'playwright' ? { ...politeness, maxConcurrency: 4 } : politeness,
  });
  pages = summary.listings;
  await handle.close();
}

const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `${JSON.stringify({ mode, pages, seconds: Number(seconds.toFixed(2)), pagesPerSecond: Number((pages / seconds).toFixed(1)), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
);

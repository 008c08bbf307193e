import type { Kysely } from 'kysely';
import { afterAll, beforeAll } from 'vitest';
import { crawlSource, type CrawlOptions, type CrawlSummary } from '../../src/crawl/crawl-source.js';
import type { Database, RawListing } from '../../src/db/schema.js';
import { createLogger } from '../../src/log/logger.js';
import { resolveSources } from '../../src/sources/registry.js';
import { startFixtureWeb, type FixtureWeb, type FixtureWebOptions } from '../../src/demo/server.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export const TEST_USER_AGENT = 'skillpulse-test/1.0 (+https://skillpulse.test/contact)';

export const quietLogger = createLogger({
  logLevel: process.env.TEST_LOG_LEVEL === 'debug' ? 'debug' : 'silent',
  logFormat: 'json',
});

/** Crawls one source of the fixture web, fast: no politeness delays, short backoff. */
export async function crawlFixture(
  db: Kysely<Database>,
  sourceId: string,
  settings: Record<string, unknown>,
  options: Partial<CrawlOptions> = {},
): Promise<CrawlSummary> {
  const source = resolveSources({ sources: { [sourceId]: settings } }).find(
    (s) => s.id === sourceId,
  );
  if (!source) throw new Error(`no source ${sourceId}`);
  return crawlSource(db, source, {
    userAgent: TEST_USER_AGENT,
    chromiumPath: '/usr/bin/chromium',
    logger: quietLogger,
    backoffBaseMs: 20,
    ...options,
    politeness: {
      maxRequestsPerMinute: 10_000,
      sameDomainDelaySecs: 0,
      timeoutSecs: 10,
      maxRetries: 2,
      maxConcurrency: 4,
      ...options.politeness,
    },
  });
}

export async function storedListings(
  db: Kysely<Database>,
  sourceId: string,
): Promise<RawListing[]> {
  return db
    .selectFrom('raw_listings')
    .selectAll()
    .where('source_id', '=', sourceId)
    .orderBy('external_id')
    .execute();
}

/** The listing fields an adapter stored (payload without the source's own item). */
export function fields(listing: RawListing): Record<string, unknown> {
  const { source: _source, ...rest } = listing.payload;
  return rest;
}

/** A fixture web and a PostgreSQL database of its own for one test file, closed after it. */
export function useCrawlFixture(options?: FixtureWebOptions): {
  web: FixtureWeb;
  database: TestDatabase;
} {
  const fixture = {} as { web: FixtureWeb; database: TestDatabase };
  beforeAll(async () => {
    fixture.web = await startFixtureWeb(options);
    fixture.database = await createTestDatabase('postgres');
  });
  afterAll(async () => {
    await fixture.web?.close();
    await fixture.database?.drop();
  });
  return fixture;
}

import type { Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from '../db/schema.js';
import type { SourceInstance } from '../sources/registry.js';
import { VERSION } from '../version.js';
import { crawlSource, type CrawlOptions, type CrawlSummary } from './crawl-source.js';

/** How skillpulse introduces itself to sites: its name, version and the operator's contact. */
export function userAgentFor(config: Pick<Config, 'crawlContact'>): string {
  return `skillpulse/${VERSION} (+${config.crawlContact ?? 'contact not configured'})`;
}

/**
 * Crawls several sources, a few at a time: each source keeps its own politeness limits,
 * and different sources are different hosts. One source's failure does not stop the rest.
 */
export async function crawlSources(
  db: Kysely<Database>,
  sources: readonly SourceInstance[],
  options: CrawlOptions & { readonly concurrency?: number },
): Promise<CrawlSummary[]> {
  const queue = [...sources];
  const summaries: CrawlSummary[] = [];
  const worker = async () => {
    for (let source = queue.shift(); source !== undefined; source = queue.shift()) {
      summaries.push(await crawlSource(db, source, options));
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 3, sources.length)) }, worker),
  );
  return summaries.sort(
    (a, b) =>
      sources.findIndex((s) => s.id === a.sourceId) - sources.findIndex((s) => s.id === b.sourceId),
  );
}

import { Command, Option } from 'commander';
import type { CrawlProgress, CrawlSummary } from '../../crawl/crawl-source.js';
import type { SourceCrawlSummary } from '../../crawl/source-rows.js';
import { INLINE_CONCURRENCY } from '../../pipeline/names.js';
import type { SourceInstance } from '../../sources/registry.js';
import type { CliContext } from '../context.js';
import { UsageError } from '../errors.js';
import { checkImportFile, unreadableResponse } from '../import-check.js';
import { parseDateOption, parsePositiveInt, pickSources } from '../options.js';
import { CrawlProgressLine } from '../progress.js';

export function printSummaries(context: CliContext, summaries: readonly CrawlSummary[]): void {
  for (const s of summaries) {
    const errors = Object.entries(s.errors)
      .map(([kind, n]) => `${kind}=${n}`)
      .join(' ');
    context.print(
      `${s.sourceId.padEnd(18)} ${s.status.padEnd(8)} pages=${s.pages} listings=${s.listings} new=${s.newListings}${errors ? ` ${errors}` : ''}${s.message ? `  (${s.message})` : ''}`,
    );
  }
}

export function crawlCommand(context: CliContext): Command {
  return new Command('crawl')
    .description(
      'crawl sources once: every enabled source, or the ones named; listings go to raw_listings',
    )
    .argument('[source...]', 'source ids (see `skillpulse sources`)')
    .option('--since <date>', 'stop paging at listings older than this date', parseDateOption)
    .option('--max-pages <n>', 'fetch at most this many list pages per source', parsePositiveInt)
    .addOption(
      new Option('--concurrency <n>', 'sources crawled at once')
        .argParser(parsePositiveInt)
        .default(INLINE_CONCURRENCY),
    )
    .action(
      async (
        names: string[],
        options: { since?: Date; maxPages?: number; concurrency: number },
      ) => {
        const config = context.getConfig();
        const sources = await pickSources(context, names);
        if (sources.length === 0) {
          throw new UsageError('no source is enabled: see `skillpulse sources`');
        }
        const logger = context.getLogger();
        if (config.crawlContact === undefined) {
          logger.warn('CRAWL_CONTACT is not set: sites cannot reach you about your crawler');
        }
        const { db } = await context.openDatabase();
        const { crawlSources } = await import('../../pipeline/inline.js');
        const progress = new CrawlProgressLine(context.io.stderr);
        const stage = {
          db,
          config,
          logger,
          crawl: { onProgress: (p: CrawlProgress) => progress.update(p) },
        };
        const summaries = await crawlSources(stage, sources, {
          since: options.since,
          maxPages: options.maxPages,
          concurrency: options.concurrency,
        });
        progress.clear();
        printSummaries(context, summaries);
        if (summaries.some((s) => s.status === 'failed')) context.failed = true;
      },
    );
}

export function sourcesCommand(context: CliContext): Command {
  return new Command('sources')
    .description('list every source: enabled or why not, and the health of its last crawl')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }) => {
      const [{ resolveSources }, { sourceCrawlSummaries }] = await Promise.all([
        import('../../sources/registry.js'),
        import('../../crawl/source-rows.js'),
      ]);
      const sources = resolveSources(context.getConfig());
      const { db } = await context.openDatabase();
      const health = await sourceCrawlSummaries(db);
      const rows = sources.map((s) => sourceRow(s, health.get(s.id)));
      if (options.json) {
        context.print(JSON.stringify(rows, null, 2));
        return;
      }
      printSourcesTable(context, rows);
    });
}

/** What `skillpulse sources` says of one source: its settings and its last crawl. */
function sourceRow(s: SourceInstance, h: SourceCrawlSummary | undefined) {
  return {
    id: s.id,
    adapter: s.adapter.id,
    crawler: s.adapter.crawler,
    enabled: s.enabled,
    disabledReason: s.disabledReason ?? null,
    lastRun: h?.lastRunAt?.toISOString() ?? null,
    health: h?.lastStatus ?? null,
    lastListings: h?.lastListings ?? null,
    storedListings: h?.rawListings ?? 0,
    lastProcessed: h?.lastProcessed ?? null,
    lastRejected: h?.lastRejected ?? null,
    payFields: s.payFields,
    payDisagreements: h?.payDisagreements ?? 0,
    payFieldsOverruled: h?.payFieldsOverruled ?? 0,
    message: h?.lastMessage ?? null,
  };
}

function printSourcesTable(context: CliContext, rows: readonly ReturnType<typeof sourceRow>[]) {
  context.print(
    `${'source'.padEnd(18)} ${'crawler'.padEnd(10)} ${'enabled'.padEnd(8)} ${'health'.padEnd(9)} ${'last run'.padEnd(20)} ${'stored'.padStart(7)} ${'rejected'.padStart(9)} ${'pay overruled'.padStart(13)}`,
  );
  for (const r of rows) {
    const rejected = r.lastProcessed ? `${r.lastRejected}/${r.lastProcessed}` : '-';
    const overruled =
      r.payDisagreements > 0 ? `${r.payFieldsOverruled}/${r.payDisagreements}` : '-';
    const lastRun = r.lastRun?.slice(0, 19).replace('T', ' ') ?? 'never';
    const notes = `${r.disabledReason ? `  (${r.disabledReason})` : ''}${r.message ? `  (${r.message})` : ''}`;
    context.print(
      `${r.id.padEnd(18)} ${r.crawler.padEnd(10)} ${(r.enabled ? 'yes' : 'no').padEnd(8)} ${(r.health ?? '-').padEnd(9)} ${lastRun.padEnd(20)} ${String(r.storedListings).padStart(7)} ${rejected.padStart(9)} ${overruled.padStart(13)}${notes}`,
    );
  }
  context.print(
    'rejected: listings of the last run processing could not use; pay overruled: postings whose pay fields the text overruled, of those where the two disagreed',
  );
}

export function importCommand(context: CliContext): Command {
  return new Command('import')
    .description(
      "parse a saved response or page of a source into raw_listings, as the source's adapter would",
    )
    .argument('<source>', 'source id')
    .argument('<file>', 'the saved response (JSON, HTML, RSS)')
    .option('--label <label>', "the adapter's handler for this kind of page (default: its first)")
    .option('--url <url>', 'the URL the file was fetched from, for relative links')
    .action(async (name: string, file: string, options: { label?: string; url?: string }) => {
      const [{ importSource, resolveSources, ADAPTERS }, { importFile }, { ParseError }] =
        await Promise.all([
          import('../../sources/registry.js'),
          import('../../crawl/import-file.js'),
          import('../../sources/types.js'),
        ]);
      const config = context.getConfig();
      const source = importSource(config, name);
      if (!source) {
        const configured = resolveSources(config).map((s) => s.id);
        const generic = ADAPTERS.filter((a) => a.generic === true).map((a) => a.id);
        throw new UsageError(
          `unknown source "${name}": known sources are ${configured.join(', ')}, and the generic adapters ${generic.join(', ')}`,
        );
      }
      const head = await checkImportFile(file);
      const { db } = await context.openDatabase();
      const result = await importFile(db, source, file, {
        ...options,
        logger: context.getLogger(),
      }).catch((error: unknown) => {
        // An adapter that cannot read the file says why; the file's bytes are not repeated.
        if (error instanceof ParseError) throw unreadableResponse(file, name, error, head);
        throw error;
      });
      const skipped = Object.entries(result.skipped).map(([reason, n]) => `${n} ${reason}`);
      context.print(
        `${name}: ${result.listings} listings read with ${result.label}, ${result.inserted} new` +
          (result.chunks > 1 ? `, read in ${result.chunks} chunks` : '') +
          (result.requestsNotFollowed
            ? `, ${result.requestsNotFollowed} linked pages not followed`
            : '') +
          (skipped.length > 0 ? `; skipped: ${skipped.join(', ')}` : ''),
      );
    });
}

import { Command, Option } from 'commander';
import type { ProcessScope } from '../../process/process-listings.js';
import type { CliContext } from '../context.js';
import { parseDateOption } from '../options.js';

export function processCommand(context: CliContext): Command {
  return new Command('process')
    .description(
      'turn raw listings into postings: normalize, read rates, tag skills, find duplicates (default: listings not processed yet)',
    )
    .addOption(
      new Option(
        '--all',
        'reprocess every raw listing (after the taxonomy or rules change)',
      ).conflicts('since'),
    )
    .option('--since <date>', 'reprocess listings fetched on or after this date', parseDateOption)
    .action(async (options: { all?: boolean; since?: Date }) => {
      const scope: ProcessScope = options.all
        ? { kind: 'all' }
        : options.since
          ? { kind: 'since', since: options.since }
          : { kind: 'pending' };
      const config = context.getConfig();
      const logger = context.getLogger();
      const { db } = await context.openDatabase();
      const { processListings, processSettings } =
        await import('../../process/process-listings.js');
      const started = Date.now();
      const result = await processListings(db, {
        scope,
        ...processSettings(config),
        logger,
        onProgress: (p) => logger.debug(p, 'processed a batch'),
      });
      const seconds = (Date.now() - started) / 1000;
      context.print(
        `processed ${result.listings} listings in ${seconds.toFixed(1)} s: ${result.postings} postings written, ${result.duplicates} duplicates, ${result.failed} not processable`,
      );
      if (result.weeks.length > 0) {
        context.print(
          `weeks touched: ${result.weeks[0]} .. ${result.weeks[result.weeks.length - 1]} (${result.weeks.length})`,
        );
      }
    });
}

export function fxCommand(context: CliContext): Command {
  const fx = new Command('fx').description(
    'exchange rates used to normalize pay (units per US dollar, dated)',
  );
  fx.command('import')
    .description(
      'import rates from a CSV with columns currency,date,per_usd; then run `skillpulse process --all`',
    )
    .argument('<file>', 'CSV file')
    .action(async (file: string) => {
      const { db } = await context.openDatabase();
      const { importFxFile, FxImportError } = await import('../../normalize/fx-import.js');
      try {
        const count = await importFxFile(db, file);
        context.print(`imported ${count} exchange rates from ${file}`);
      } catch (error) {
        // The message names the file the user gave, as the lines it reports are of it.
        if (error instanceof FxImportError) throw new FxImportError(`${file}: ${error.message}`);
        throw error;
      }
    });
  fx.command('list')
    .description('print the newest rate of each currency')
    .action(async () => {
      const { db } = await context.openDatabase();
      const rows = await db
        .selectFrom('fx_rates')
        .select(['currency', 'rate_date', 'per_usd', 'source'])
        .orderBy('currency')
        .orderBy('rate_date', 'desc')
        .execute();
      const seen = new Set<string>();
      for (const row of rows) {
        if (seen.has(row.currency)) continue;
        seen.add(row.currency);
        context.print(`${row.currency} ${row.rate_date} ${row.per_usd} (${row.source})`);
      }
    });
  return fx;
}

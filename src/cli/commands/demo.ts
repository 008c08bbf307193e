import { Command, Option } from 'commander';
import type { DemoResult } from '../../demo/run.js';
import type { Logger } from '../../log/logger.js';
import type { CliContext } from '../context.js';
import { parsePositiveInt } from '../options.js';

/** Weeks of the demo's market: 52-week figures need a year of history and some weeks more. */
const DEMO_WEEKS = 60;

interface DemoCommandOptions {
  readonly seed: number;
  readonly weeks: number;
  readonly perWeek: number;
  readonly browser: boolean;
  readonly verbose?: boolean;
}

export function demoCommand(context: CliContext): Command {
  return new Command('demo')
    .description(
      'start the fixture web in simulator mode, crawl every source from it, process the listings and roll up the weeks, on the configured database',
    )
    .addOption(
      new Option('--seed <n>', 'seed of the simulated market')
        .argParser(parsePositiveInt)
        .default(42),
    )
    .addOption(
      new Option('--weeks <n>', 'whole weeks of simulated postings, up to last week')
        .argParser(parsePositiveInt)
        .default(DEMO_WEEKS),
    )
    .addOption(
      new Option('--per-week <n>', 'postings per week').argParser(parsePositiveInt).default(150),
    )
    .option('--no-browser', 'skip the sources that need Chromium')
    .option('--verbose', 'logs on stderr (by default they go to DATA_DIR/logs/demo.log)')
    .action((options: DemoCommandOptions) => demo(context, options));
}

async function demo(context: CliContext, options: DemoCommandOptions): Promise<void> {
  const [path, { runDemo }, { summaryLines, nextStepLines }, { createFileLogger }, { migrateUp }] =
    await Promise.all([
      import('node:path'),
      import('../../demo/run.js'),
      import('../../demo/summary.js'),
      import('../../log/logger.js'),
      import('../../db/migrate.js'),
    ]);
  const config = context.getConfig();
  const logFile = options.verbose ? null : path.join(config.dataDir, 'logs', 'demo.log');
  const logger = logFile ? createFileLogger(config, logFile) : context.getLogger();
  const handle = await context.openDatabase({ migrate: false });
  const applied = await migrateUp(handle.db);
  if (applied.length > 0) logger.info({ migrations: applied.length }, 'migrations applied');
  const database = `${handle.backend} ${handle.location}`;
  // One progress display where a person watches and logs do not write over it.
  const terminal = (context.io.stdout as { isTTY?: boolean }).isTTY === true;
  const progress = terminal && logFile ? await progressDisplay(context) : null;
  let result: DemoResult;
  try {
    result = await runDemo(
      { db: handle.db, config, logger },
      {
        seed: options.seed,
        weeks: options.weeks,
        perWeek: options.perWeek,
        browser: options.browser,
      },
      {
        onStage: (stage, sources) => {
          if (stage === 'crawl') {
            context.print(
              `crawling ${sources.length} sources from the fixture web into ${database}: a few minutes`,
            );
            progress?.start(sources);
          } else {
            progress?.rollingUp();
          }
        },
        onProgress: progress ? (p) => progress.update(p) : undefined,
        onSourceDone: progress ? (id, crawl) => progress.sourceDone(id, crawl) : undefined,
      },
    );
  } catch (error) {
    logFailure(logger, error);
    throw error;
  } finally {
    progress?.stop();
  }
  for (const line of [
    ...summaryLines(result, { database, log: logFile }),
    '',
    ...nextStepLines(),
  ]) {
    context.print(line);
  }
  if (result.failures.length > 0) context.failed = true;
}

async function progressDisplay(context: CliContext) {
  const { DemoProgress } = await import('../demo-progress.js');
  return new DemoProgress(context.io.stdout);
}

function logFailure(logger: Logger, error: unknown): void {
  logger.error({ err: error instanceof Error ? error.message : String(error) }, 'demo failed');
}

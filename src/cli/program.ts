import { Command } from 'commander';
import { VERSION } from '../version.js';
import { careerCommand } from './commands/career.js';
import { addSettingsHelp, configCommand } from './commands/config.js';
import { crawlCommand, importCommand, sourcesCommand } from './commands/crawl.js';
import { demoCommand } from './commands/demo.js';
import { migrateCommand } from './commands/migrate.js';
import { fxCommand, processCommand } from './commands/process.js';
import { rateCommand } from './commands/rate.js';
import { tagCommand } from './commands/tag.js';
import { exportCommand, rollupCommand, trendsCommand } from './commands/rollup.js';
import { gapCommand, reportCommand } from './commands/report.js';
import { rolesCommand } from './commands/roles.js';
import { runCommand } from './commands/run.js';
import { serveCommand } from './commands/serve.js';
import { termsCommand } from './commands/terms.js';
import { scheduleCommand, workerCommand } from './commands/worker.js';
import type { CliContext } from './context.js';

/**
 * The `skillpulse` program. Every command file is light at its top (commander, option
 * parsers, errors, `import type`): what a command runs (crawlers, the database, queues,
 * the tagger, the renderers) is imported in its action, so `skillpulse --help` and
 * `skillpulse rate` start at once (test/e2e/cli-startup.test.ts guards it).
 */
export function createProgram(context: CliContext): Command {
  // Commands that read no configuration start without loading it.
  const withoutConfig = [rateCommand(context), tagCommand(context)];
  // Commands that read a few figures and exit: the embedded database is compiled for a
  // quick start while their modules load (CliContext.startBrief).
  const [sources, trends, report, gap, career, roles] = [
    sourcesCommand(context),
    trendsCommand(context),
    reportCommand(context),
    gapCommand(context),
    careerCommand(context),
    rolesCommand(context),
  ];
  const brief = [sources, trends, report, gap, career, roles];
  const config = configCommand(context);
  const program = new Command('skillpulse')
    .description(
      'Tracks the IT contract market: crawls public listings, tags their skills and computes weekly demand and rate trends.',
    )
    .version(VERSION, '-V, --version')
    .option(
      '-c, --config <file>',
      'read settings from a YAML or JSON file (see `skillpulse config --help`)',
    )
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({
      writeOut: (text) => context.io.stdout.write(text),
      writeErr: (text) => context.io.stderr.write(text),
    })
    .hook('preAction', async (thisCommand, actionCommand) => {
      context.configFile = thisCommand.opts<{ config?: string }>().config;
      if (!withoutConfig.includes(actionCommand)) await context.load();
      if (brief.includes(actionCommand)) context.startBrief();
    });
  // `config --help` lists every setting: what lists them is loaded only for that command.
  program.hook('preSubcommand', async (_program, subcommand) => {
    if (subcommand === config) await addSettingsHelp(config);
  });

  program.addCommand(demoCommand(context));
  program.addCommand(sources);
  program.addCommand(crawlCommand(context));
  program.addCommand(runCommand(context));
  program.addCommand(importCommand(context));
  program.addCommand(processCommand(context));
  for (const command of withoutConfig) program.addCommand(command);
  program.addCommand(rollupCommand(context));
  program.addCommand(trends);
  program.addCommand(exportCommand(context));
  program.addCommand(report);
  program.addCommand(gap);
  program.addCommand(career);
  program.addCommand(serveCommand(context));
  program.addCommand(termsCommand(context));
  program.addCommand(roles);
  program.addCommand(fxCommand(context));
  program.addCommand(workerCommand(context));
  program.addCommand(scheduleCommand(context));
  program.addCommand(migrateCommand(context));
  program.addCommand(config);

  // Every command reports bad usage through one path, with exit code 2.
  const exitOverride = (command: Command) => {
    command.exitOverride();
    command.configureOutput(program.configureOutput());
    command.commands.forEach(exitOverride);
  };
  exitOverride(program);
  return program;
}

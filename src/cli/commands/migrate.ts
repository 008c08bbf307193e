import { Command } from 'commander';
import type { MigrationResult } from 'kysely';
import type { CliContext } from '../context.js';

export function migrateCommand(context: CliContext): Command {
  const migrate = new Command('migrate').description(
    'create or update the database schema (PostgreSQL with DATABASE_URL, else PGlite in DATA_DIR)',
  );

  migrate
    .command('up', { isDefault: true })
    .description('apply every pending migration (the default)')
    .action(async () => {
      const { db, backend, location } = await context.openDatabase({ migrate: false });
      const { migrateUp, migrationStatus } = await import('../../db/migrate.js');
      const results = await migrateUp(db);
      report(context, results, 'applied');
      const total = (await migrationStatus(db)).length;
      context.print(`${backend} ${location}: up to date (${total} migrations)`);
    });

  migrate
    .command('down')
    .description('revert the latest migration')
    .option('--all', 'revert every migration, dropping all tables and their data')
    .action(async (options: { all?: boolean }) => {
      const { db, backend, location } = await context.openDatabase({ migrate: false });
      const { migrateDown } = await import('../../db/migrate.js');
      const results = await migrateDown(db, { all: options.all === true });
      if (results.length === 0) context.print(`${backend} ${location}: nothing to revert`);
      report(context, results, 'reverted');
    });

  migrate
    .command('status')
    .description('list migrations and whether each is applied')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { json?: boolean }) => {
      const { db, backend, location } = await context.openDatabase({ migrate: false });
      const { migrationStatus } = await import('../../db/migrate.js');
      const status = await migrationStatus(db);
      if (options.json) {
        context.print(
          JSON.stringify({
            backend,
            location,
            migrations: status.map((m) => ({
              name: m.name,
              executedAt: m.executedAt?.toISOString() ?? null,
            })),
          }),
        );
        return;
      }
      context.print(`${backend} ${location}`);
      for (const m of status) {
        const when = m.executedAt ? `applied ${m.executedAt.toISOString()}` : 'pending';
        context.print(`  ${m.name.padEnd(56)} ${when}`);
      }
      const pending = status.filter((m) => !m.executedAt).length;
      context.print(`${status.length - pending} applied, ${pending} pending`);
    });

  return migrate;
}

function report(context: CliContext, results: readonly MigrationResult[], verb: string): void {
  for (const result of results) {
    if (result.status === 'Success') context.print(`${verb} ${result.migrationName}`);
  }
}

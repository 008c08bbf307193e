import { readdir } from 'node:fs/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import { RetryLaterError } from '../errors.js';
import {
  Migrator,
  NO_MIGRATIONS,
  type Kysely,
  type Migration,
  type MigrationProvider,
  type MigrationResult,
} from 'kysely';

/**
 * migrations/ beside src/: the TypeScript files when run from source (tests), the
 * compiled ones under dist/ when run from the build.
 */
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));

/** Loads every migration file in a folder; their names order them. */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: string = MIGRATIONS_DIR) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const files = (await readdir(this.folder))
      .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
      .sort();
    const migrations: Record<string, Migration> = {};
    for (const file of files) {
      const name = file.replace(/\.(ts|js)$/, '');
      const module = (await import(
        pathToFileURL(path.join(this.folder, file)).href
      )) as Partial<Migration>;
      if (typeof module.up !== 'function') {
        throw new Error(`migration ${file} has no exported up(db) function`);
      }
      migrations[name] = { up: module.up, ...(module.down ? { down: module.down } : {}) };
    }
    return migrations;
  }
}

export function createMigrator(db: Kysely<any>, folder?: string): Migrator {
  return new Migrator({ db, provider: new FolderMigrationProvider(folder) });
}

export interface MigrationStatus {
  readonly name: string;
  readonly executedAt: Date | undefined;
}

/** A migration failed; the ones before it in the same run are applied. */
export class MigrationError extends RetryLaterError {
  constructor(
    message: string,
    readonly results: readonly MigrationResult[],
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

function unwrap(
  outcome: { error?: unknown; results?: MigrationResult[] },
  verb: string,
): MigrationResult[] {
  const results = outcome.results ?? [];
  if (outcome.error !== undefined) {
    const failed = results.find((r) => r.status === 'Error');
    const cause =
      outcome.error instanceof Error ? outcome.error.message : JSON.stringify(outcome.error);
    throw new MigrationError(
      `${verb} failed${failed ? ` at ${failed.migrationName}` : ''}: ${cause}`,
      results,
      { cause: outcome.error },
    );
  }
  return results;
}

/** Applies every pending migration, in name order. */
export async function migrateUp(db: Kysely<any>): Promise<MigrationResult[]> {
  return unwrap(await createMigrator(db).migrateToLatest(), 'migrate up');
}

/** Reverts the latest migration, or all of them. */
export async function migrateDown(
  db: Kysely<any>,
  options: { all?: boolean } = {},
): Promise<MigrationResult[]> {
  const migrator = createMigrator(db);
  const outcome = options.all
    ? await migrator.migrateTo(NO_MIGRATIONS)
    : await migrator.migrateDown();
  return unwrap(outcome, 'migrate down');
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationStatus[]> {
  const migrations = await createMigrator(db).getMigrations();
  return migrations.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}

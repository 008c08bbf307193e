import type { Config, loadConfig } from '../config/config.js';
import type { Environment } from '../config/env.js';
import type { DatabaseHandle } from '../db/connect.js';
import { compilePgliteForBriefUse } from '../db/pglite-wasm.js';
import type { createLogger, Logger } from '../log/logger.js';

export interface CliIo {
  /** Input for commands that read lines (`skillpulse tag`). */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/** What reading the configuration takes: the config loader, the sources' secrets, the logger. */
interface ConfigModules {
  readonly loadConfig: typeof loadConfig;
  readonly secretVariables: readonly string[];
  readonly createLogger: typeof createLogger;
}

/**
 * What commands share: configuration, logger and database, each built on first use so
 * that `--help` needs no valid configuration and no database. Nothing here is imported
 * before it is used: the config loader and the sources' registry are loaded by `load`,
 * which the program awaits before a command that reads the configuration, and the
 * database driver by `openDatabase`; `skillpulse --help` and `rate` load neither.
 */
export class CliContext {
  private modules: ConfigModules | undefined;
  private config: Config | undefined;
  private logger: Logger | undefined;
  private readonly handles: DatabaseHandle[] = [];
  configFile: string | undefined;
  /** Set by a command whose work partly failed (a crawl with a failed source): exit code 1. */
  failed = false;
  /**
   * Set when whoever read stdout went away (`skillpulse tag | head`): what is left to print
   * is dropped, and a command that only prints stops.
   */
  outputClosed = false;

  constructor(
    private readonly env: Environment,
    readonly io: CliIo,
  ) {}

  /** Loads what `getConfig` and `getLogger` need; done once, before a command's action. */
  async load(): Promise<void> {
    if (this.modules) return;
    const [config, registry, log] = await Promise.all([
      import('../config/config.js'),
      import('../sources/registry.js'),
      import('../log/logger.js'),
    ]);
    this.modules = {
      loadConfig: config.loadConfig,
      secretVariables: registry.SECRET_SETTINGS.map((s) => s.env),
      createLogger: log.createLogger,
    };
  }

  private loaded(): ConfigModules {
    if (!this.modules) {
      throw new Error('CliContext: getConfig or getLogger before load(): the program awaits it');
    }
    return this.modules;
  }

  getConfig(): Config {
    this.config ??= this.loaded().loadConfig({
      env: this.env,
      configFile: this.configFile,
      secretVariables: this.loaded().secretVariables,
    });
    return this.config;
  }

  getLogger(): Logger {
    this.logger ??= this.loaded().createLogger(this.getConfig(), { stream: this.io.stderr });
    return this.logger;
  }

  /**
   * Opens the configured database. Commands that read or write data bring the schema up
   * to date first (the migrator holds a lock, so concurrent processes are safe); only
   * `migrate` itself opens it as it is.
   */
  async openDatabase(options: OpenOptions = {}): Promise<DatabaseHandle> {
    await this.load();
    const config = this.getConfig();
    const [{ openDatabase, targetFromConfig }, { migrateUp, MIGRATIONS_DIR }] = await Promise.all([
      import('../db/connect.js'),
      import('../db/migrate.js'),
    ]);
    const handle = await openDatabase(targetFromConfig(config));
    this.handles.push(handle);
    if (options.migrate !== false && !(await schemaIsCurrent(handle, MIGRATIONS_DIR))) {
      const applied = await migrateUp(handle.db);
      if (applied.length > 0) {
        this.getLogger().info(
          { migrations: applied.map((m) => m.migrationName) },
          `applied ${applied.length} migrations`,
        );
      }
    }
    return handle;
  }

  /**
   * For a command that reads a few figures and exits (`trends`, `report`, `career`...):
   * the embedded database starts compiling now, for a quick start (db/pglite-wasm.ts).
   */
  startBrief(): void {
    if (this.getConfig().databaseUrl === undefined) compilePgliteForBriefUse();
  }

  print(line: string): void {
    if (this.outputClosed) return;
    this.io.stdout.write(`${line}\n`);
  }

  /** Closes what commands opened; called once whatever the outcome. */
  async close(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((handle) => handle.close()));
  }
}

/** How a command opens the database (`CliContext.openDatabase`). */
export interface OpenOptions {
  /** Bring the schema up to date first. @defaultValue true */
  readonly migrate?: boolean;
}

/**
 * Whether every migration in the folder is applied: one read of the migrations table,
 * where the migrator would import every migration and take its lock (a third of a
 * second of each command). Anything unexpected answers no, and the migrator decides.
 */
async function schemaIsCurrent(handle: DatabaseHandle, folder: string): Promise<boolean> {
  try {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(folder)).filter(
      (file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'),
    );
    const applied = await handle.db
      .withTables<{ kysely_migration: { name: string } }>()
      .selectFrom('kysely_migration')
      .select('name')
      .execute();
    const names = new Set(applied.map((row) => row.name));
    return files.every((file) => names.has(file.replace(/\.(ts|js)$/, '')));
  } catch {
    return false;
  }
}

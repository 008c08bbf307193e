import { loadConfig, type Config } from '../config/config.js';
import type { Environment } from '../config/env.js';
import { openDatabase, targetFromConfig, type DatabaseHandle } from '../db/connect.js';
import { migrateUp } from '../db/migrate.js';
import { createLogger, type Logger } from '../log/logger.js';
import { SECRET_SETTINGS } from '../sources/registry.js';

export interface CliIo {
  /** Input for commands that read lines (`skillpulse tag`). */
  readonly stdin?: NodeJS.ReadableStream;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * What commands share: configuration, logger and database, each built on first use so
 * that `--help` needs no valid configuration and no database.
 */
export class CliContext {
  private config: Config | undefined;
  private logger: Logger | undefined;
  private readonly handles: DatabaseHandle[] = [];
  configFile: string | undefined;
  /** Set by a command whose work partly failed (a crawl with a failed source): exit code 1. */
  failed = false;

  constructor(
    private readonly env: Environment,
    readonly io: CliIo,
  ) {}

  getConfig(): Config {
    this.config ??= loadConfig({
      env: this.env,
      configFile: this.configFile,
      secretVariables: SECRET_SETTINGS.map((s) => s.env),
    });
    return this.config;
  }

  getLogger(): Logger {
    this.logger ??= createLogger(this.getConfig(), { stream: this.io.stderr });
    return this.logger;
  }

  /**
   * Opens the configured database. Commands that read or write data bring the schema up
   * to date first (the migrator holds a lock, so concurrent processes are safe); only
   * `migrate` itself opens it as it is.
   */
  async openDatabase(options: { migrate?: boolean } = {}): Promise<DatabaseHandle> {
    const handle = await openDatabase(targetFromConfig(this.getConfig()));
    this.handles.push(handle);
    if (options.migrate !== false) {
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

  print(line: string): void {
    this.io.stdout.write(`${line}\n`);
  }

  /** Closes what commands opened; called once whatever the outcome. */
  async close(): Promise<void> {
    await Promise.all(this.handles.splice(0).map((handle) => handle.close()));
  }
}

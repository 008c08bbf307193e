import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect } from 'kysely';
import type pg from 'pg';
import { ConfigError, redactUrl, type Config } from '../config/config.js';
import { RetryLaterError } from '../errors.js';
import { copyingPool } from './copy.js';
import { PGliteDialect } from './pglite-dialect.js';
import { precompiledPglite } from './pglite-wasm.js';
import type { Database } from './schema.js';
import { TYPE_PARSERS } from './type-parsers.js';

export type Backend = 'postgres' | 'pglite';

/** Where the data lives: a PostgreSQL server, or PGlite on disk (or in memory for tests). */
export type DatabaseTarget =
  | {
      readonly backend: 'postgres';
      readonly url: string;
      /** @defaultValue 10 */
      readonly poolSize?: number;
    }
  | {
      readonly backend: 'pglite';
      /** The PGlite data directory; null keeps the database in memory. */
      readonly dataDir: string | null;
    };

export interface DatabaseHandle {
  readonly db: Kysely<Database>;
  readonly backend: Backend;
  /** Where the data is, safe to print (no password). */
  readonly location: string;
  close(): Promise<void>;
}

/** The database could not be opened: unreachable server, data directory in use. */
export class DatabaseUnavailableError extends RetryLaterError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

/**
 * The data directory cannot hold the embedded database (under /proc, a file, not
 * writable, not creatable): a configuration error, found before PGlite opens anything.
 */
export class DataDirError extends ConfigError {
  constructor(dataDir: string, problem: string) {
    super([`DATA_DIR: the embedded database cannot live in ${dataDir}: ${problem}`]);
    this.name = 'DataDirError';
  }
}

export function targetFromConfig(config: Pick<Config, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl !== undefined
    ? { backend: 'postgres', url: config.databaseUrl }
    : { backend: 'pglite', dataDir: path.join(config.dataDir, 'pgdata') };
}

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  return target.backend === 'postgres' ? openPostgres(target) : openPglite(target.dataDir);
}

const POOLED = new WeakSet<Kysely<Database>>();

/**
 * Whether `db` can hold a second connection while a transaction holds one: a server's
 * pool can, PGlite (one session) cannot.
 */
export function hasConnectionPool(db: Kysely<Database>): boolean {
  return POOLED.has(db);
}

/** Our parsers (TYPE_PARSERS) first, then the driver's own. */
function pgTypes(types: typeof pg.types): pg.CustomTypesConfig {
  return {
    getTypeParser: ((oid: number, format?: string): unknown => {
      const parser = TYPE_PARSERS[oid];
      if (parser !== undefined && format !== 'binary') return parser;
      const fallback: unknown =
        format === undefined
          ? types.getTypeParser(oid)
          : types.getTypeParser(oid, format as 'text');
      return fallback;
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
}

async function openPostgres(
  target: Extract<DatabaseTarget, { backend: 'postgres' }>,
): Promise<DatabaseHandle> {
  const location = redactUrl(target.url);
  // Loaded here, not with the module: a command on the embedded database never needs
  // the driver, and it costs a short command a tenth of its start-up.
  const [{ default: pg }, { default: Cursor }] = await Promise.all([
    import('pg'),
    import('pg-cursor'),
  ]);
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    types: pgTypes(pg.types),
    connectionTimeoutMillis: 10_000,
  });
  // A client that loses its server emits 'error': idle ones on the pool, checked-out ones
  // between two queries of a transaction on themselves. Unhandled, either would crash the
  // process; the loss surfaces anyway as the failure of the client's next query.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end();
    throw new DatabaseUnavailableError(
      `cannot connect to PostgreSQL at ${location} (DATABASE_URL): ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: copyingPool(pool), cursor: Cursor }),
  });
  // A pool of one cannot lend a second connection.
  if ((target.poolSize ?? 10) >= 2) POOLED.add(db);
  return { db, backend: 'postgres', location, close: () => db.destroy() };
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  let releaseLock = () => {};
  if (dataDir !== null) {
    prepareDataDir(dataDir);
    releaseLock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    const pgliteWasmModule = await precompiledPglite();
    pglite = await PGlite.create(dataDir ?? 'memory://', {
      parsers: { ...TYPE_PARSERS },
      ...(pgliteWasmModule === undefined ? {} : { pgliteWasmModule }),
    });
  } catch (error) {
    releaseLock();
    throw new DatabaseUnavailableError(
      `cannot open the embedded database in ${dataDir ?? 'memory'}: ${(error as Error).message}`,
      { cause: error },
    );
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  return {
    db,
    backend: 'pglite',
    location: dataDir ?? 'memory://',
    close: async () => {
      try {
        await db.destroy();
      } finally {
        releaseLock();
      }
    },
  };
}

/** Kernel file systems: they answer for processes and devices and hold no files. */
const KERNEL_FILE_SYSTEMS = ['/proc', '/sys'];

/**
 * Makes sure `dataDir` is a directory this process can write, creating what is missing
 * one level at a time, or throws a DataDirError naming the problem. Node's recursive
 * mkdir never returns for a path under /proc (procfs answers ENOENT for a parent that
 * exists, and the retry loops forever in a synchronous call that no signal interrupts),
 * so nothing recursive is asked of the file system.
 */
export function prepareDataDir(dataDir: string): void {
  const target = path.resolve(dataDir);
  const missing: string[] = [];
  let existing = target;
  while (!existsSync(existing)) {
    missing.unshift(existing);
    existing = path.dirname(existing);
  }
  const real = path.join(realpathSync(existing), path.relative(existing, target));
  const kernel = KERNEL_FILE_SYSTEMS.find((root) => real === root || real.startsWith(`${root}/`));
  if (kernel !== undefined) {
    throw new DataDirError(
      target,
      `${real} is under ${kernel}, a kernel file system that holds no files`,
    );
  }
  if (!statSync(existing).isDirectory()) {
    throw new DataDirError(target, `${existing} is a file, not a directory`);
  }
  for (const directory of missing) {
    try {
      mkdirSync(directory);
    } catch (error) {
      throw new DataDirError(target, `cannot create ${directory}: ${(error as Error).message}`);
    }
  }
  try {
    accessSync(target, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new DataDirError(target, `${target} is not writable: ${(error as Error).message}`);
  }
}

/**
 * PGlite is a single-process database: two processes writing one data directory
 * corrupt it. A lock file holding the owner's pid keeps a second process out; a lock
 * left by a process that no longer runs is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, 'skillpulse.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new DataDirError(dataDir, `cannot write ${lockFile}: ${(error as Error).message}`);
      }
      const owner = Number(readFileSync(lockFile, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isRunning(owner)) {
        throw new DatabaseUnavailableError(
          `the embedded database in ${dataDir} is in use by process ${owner}; ` +
            'stop it, or set DATABASE_URL to share a PostgreSQL server between processes',
        );
      }
      rmSync(lockFile, { force: true });
    }
  }
  throw new DatabaseUnavailableError(`cannot lock the embedded database in ${dataDir}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Backend, type DatabaseHandle } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';

/** Every database test runs on both backends: one SQL, one behaviour. */
export const BACKENDS: readonly Backend[] = ['pglite', 'postgres'];

/** The server tests create their databases on; the machine's PostgreSQL by default. */
export const ADMIN_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase extends DatabaseHandle {
  /** The connection string of a PostgreSQL test database (undefined for PGlite). */
  readonly url: string | undefined;
  /** Closes the handle and drops the database. */
  drop(): Promise<void>;
}

/** A fresh, empty database of its own: a new PostgreSQL database, or PGlite in memory. */
export async function createTestDatabase(
  backend: Backend,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let dropServerDatabase = async () => {};
  if (backend === 'postgres') {
    const name = `skillpulse_test_${randomUUID().replace(/-/g, '')}`;
    await adminQuery(`create database ${name}`);
    const target = new URL(ADMIN_DATABASE_URL);
    target.pathname = `/${name}`;
    url = target.toString();
    handle = await openDatabase({ backend: 'postgres', url, poolSize: 4 });
    dropServerDatabase = () => adminQuery(`drop database if exists ${name} with (force)`);
  } else {
    handle = await openDatabase({ backend: 'pglite', dataDir: null });
  }
  if (options.migrate !== false) await migrateUp(handle.db);
  return {
    ...handle,
    url,
    drop: async () => {
      await handle.close();
      await dropServerDatabase();
    },
  };
}

export async function adminQuery(text: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Whether the server holds a database of this name (the benchmarks keep theirs). */
export async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    return (rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

export interface BenchDatabase extends DatabaseHandle {
  /** Whether the database was kept by an earlier run and holds its data already. */
  readonly reused: boolean;
  /** Closes the handle and drops the database, unless it is kept. */
  release(): Promise<void>;
}

/**
 * A benchmark's PostgreSQL database of the given name, migrated. Seeding a million postings
 * takes minutes, so a kept one (BENCH_KEEP=1) is reused as found and left for the next run;
 * otherwise it is made afresh and dropped on release.
 */
export async function openBenchDatabase(
  name: string,
  options: { keep: boolean },
): Promise<BenchDatabase> {
  const reused = options.keep && (await databaseExists(name));
  if (!reused) {
    await adminQuery(`drop database if exists ${name} with (force)`);
    await adminQuery(`create database ${name}`);
  }
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ backend: 'postgres', url: url.toString(), poolSize: 4 });
  const release = async () => {
    await handle.close();
    if (!options.keep) await adminQuery(`drop database if exists ${name} with (force)`);
  };
  try {
    await migrateUp(handle.db);
  } catch (error) {
    await release();
    throw error;
  }
  return { ...handle, reused, release };
}

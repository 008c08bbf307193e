import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';
import { copyOnPglite, quoteIdent } from './copy.js';

export interface PGliteDialectOptions {
  /** An open PGlite instance; the dialect does not close it unless `closeOnDestroy`. */
  readonly pglite: PGlite;
  /** @defaultValue true */
  readonly closeOnDestroy?: boolean;
}

/**
 * Kysely on PGlite. The SQL is Postgres SQL, so adapter, compiler and introspector are
 * Kysely's own; only the driver differs. PGlite is one session, so the driver hands out
 * one connection at a time: a transaction holds it until it commits.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly options: PGliteDialectOptions) {}

  createAdapter(): DialectAdapter {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.options);
  }
  // Kysely's Dialect interface hands the introspector an untyped Kysely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler();
  }
}

const AFFECTING_QUERIES = new Set([
  'InsertQueryNode',
  'UpdateQueryNode',
  'DeleteQueryNode',
  'MergeQueryNode',
]);

class PGliteDriver implements Driver {
  private readonly connection: PGliteConnection;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly options: PGliteDialectOptions) {
    this.connection = new PGliteConnection(options.pglite);
  }

  async init(): Promise<void> {
    await this.options.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    // A chain of promises is a fair mutex: each caller waits for the one before it.
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.connection.release = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const isolation = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${isolation}`));
    (connection as PGliteConnection).inTransaction = true;
  }
  async commitTransaction(connection: DatabaseConnection) {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(connection: DatabaseConnection) {
    (connection as PGliteConnection).inTransaction = false;
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }
  async savepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoteIdent(name)}`));
  }
  async rollbackToSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`rollback to savepoint ${quoteIdent(name)}`));
  }
  async releaseSavepoint(connection: DatabaseConnection, name: string) {
    await connection.executeQuery(CompiledQuery.raw(`release savepoint ${quoteIdent(name)}`));
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    const conn = connection as PGliteConnection;
    const release = conn.release;
    conn.release = undefined;
    release?.();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    await this.queue;
    if (this.options.closeOnDestroy !== false && !this.options.pglite.closed) {
      await this.options.pglite.close();
    }
  }
}

class PGliteConnection implements DatabaseConnection {
  release: (() => void) | undefined;
  /** Set by the driver between begin and commit or rollback. */
  inTransaction = false;
  private cursorCount = 0;

  constructor(private readonly pglite: PGlite) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    const copied = await copyOnPglite(this.pglite, compiledQuery.sql, compiledQuery.parameters);
    if (copied !== null) return { rows: [], numAffectedRows: BigInt(copied) };
    const result = await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters], {
      rowMode: 'object',
    });
    // Raw statements may write too; a write that touched rows says so, as pg's driver does.
    const affecting =
      AFFECTING_QUERIES.has(compiledQuery.query.kind) ||
      (compiledQuery.query.kind === 'RawNode' && (result.affectedRows ?? 0) > 0);
    return {
      rows: result.rows,
      ...(affecting ? { numAffectedRows: BigInt(result.affectedRows ?? 0) } : {}),
    };
  }

  /**
   * Streams through a server-side cursor, so a large result never sits in memory
   * whole. A cursor lives in a transaction: one is opened unless one is already open.
   */
  async *streamQuery<R>(
    compiledQuery: CompiledQuery,
    chunkSize = 1000,
  ): AsyncIterableIterator<QueryResult<R>> {
    const cursor = `kysely_cursor_${++this.cursorCount}`;
    const ownTransaction = !this.inTransaction;
    if (ownTransaction) await this.pglite.query('begin');
    let errored = false;
    try {
      await this.pglite.query(`declare ${cursor} no scroll cursor for ${compiledQuery.sql}`, [
        ...compiledQuery.parameters,
      ]);
      for (;;) {
        const chunk = await this.pglite.query<R>(`fetch ${chunkSize} from ${cursor}`, [], {
          rowMode: 'object',
        });
        if (chunk.rows.length === 0) break;
        yield { rows: chunk.rows };
        if (chunk.rows.length < chunkSize) break;
      }
    } catch (error) {
      errored = true;
      throw error;
    } finally {
      // Also reached when the consumer stops early: the cursor must not outlive it.
      if (ownTransaction) await this.pglite.query(errored ? 'rollback' : 'commit');
      else if (!errored) await this.pglite.query(`close ${cursor}`);
    }
  }
}

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite } from '@electric-sql/pglite';
import { CompiledQuery, type Kysely, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './schema.js';

/*
 * COPY FROM STDIN through Kysely. Kysely has no COPY, and its connections hide the
 * driver's client, so the rows travel as the only parameter of a `copy ... from stdin`
 * statement and each backend's connection takes them out there: the pg pool's clients
 * stream them (pg-copy-streams), PGlite reads them as a blob from `/dev/blob`. Same text
 * format, same parsing by the server on both backends.
 */

/** Rows in COPY's text format (CopyText), in chunks; the parameter of a COPY statement. */
class CopyRows {
  constructor(readonly chunks: readonly Buffer<ArrayBuffer>[]) {}
}

const STDIN = /\bfrom stdin$/;

/** Appends rows to `table`, their fields in the order of `columns`. Returns the rows copied. */
export async function copyInto(
  db: Kysely<Database>,
  table: string,
  columns: readonly string[],
  rows: CopyText,
): Promise<number> {
  if (rows.rows === 0) return 0;
  const statement = `copy ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')}) from stdin`;
  const result = await db.executeQuery(CompiledQuery.raw(statement, [new CopyRows(rows.chunks())]));
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Rows in COPY's text format, written field by field into bytes as they are computed:
 * null as \N, text with backslash, tab and line breaks escaped, numbers as JavaScript
 * prints them (the shortest text that reads back as the same float8), integers digit by
 * digit. Cut into chunks of whole rows. A million rows make no string per field, which
 * the garbage collector would otherwise spend seconds on.
 */
export class CopyText {
  /** Rows written. */
  rows = 0;
  private buffer = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
  private at = 0;
  private readonly full: Buffer<ArrayBuffer>[] = [];
  private fields = 0;

  text(value: string | null): this {
    if (value === null) return this.null();
    // At most 3 bytes a character: escapes take 2, UTF-8 up to 3 (4 for a pair).
    this.separate(value.length * 3);
    // ASCII with nothing to escape, as ids and names mostly are, byte by byte.
    let at = this.at;
    for (let i = 0; i < value.length; i += 1) {
      const c = value.charCodeAt(i);
      if (c >= 128 || c === BACKSLASH || c < 32) {
        const escaped = value.replace(ESCAPED, (e) => ESCAPES[e] as string);
        this.at += this.buffer.write(escaped, this.at, 'utf8');
        return this;
      }
      this.buffer[at++] = c;
    }
    this.at = at;
    return this;
  }

  number(value: number | null): this {
    if (value === null) return this.null();
    if (Number.isSafeInteger(value)) return this.integer(value, 0);
    return this.formatted(String(value));
  }

  /** `cents` / 100 with two decimals: 12345 as 123.45. */
  cents(cents: number): this {
    return this.integer(cents, 2);
  }

  null(): this {
    this.separate(2);
    this.buffer[this.at++] = BACKSLASH;
    this.buffer[this.at++] = N;
    return this;
  }

  /** A field already in COPY's format, ASCII with nothing in it to escape. */
  formatted(field: string): this {
    this.separate(field.length);
    this.at += this.buffer.write(field, this.at, 'latin1');
    return this;
  }

  endRow(): void {
    this.room(1);
    this.buffer[this.at++] = NEWLINE;
    this.fields = 0;
    this.rows += 1;
    if (this.at >= CHUNK_BYTES) {
      this.full.push(this.buffer.subarray(0, this.at));
      this.buffer = Buffer.allocUnsafe(CHUNK_BYTES + 4096);
      this.at = 0;
    }
  }

  chunks(): Buffer<ArrayBuffer>[] {
    return this.at === 0 ? this.full : [...this.full, this.buffer.subarray(0, this.at)];
  }

  /** A safe integer, with `decimals` of its digits after a decimal point. */
  private integer(value: number, decimals: number): this {
    this.separate(24);
    if (value < 0) this.buffer[this.at++] = MINUS;
    let rest = Math.abs(value);
    let digits = 1;
    for (let t = rest; t >= 10; t = Math.floor(t / 10)) digits += 1;
    digits = Math.max(digits, decimals + 1);
    const end = this.at + digits + (decimals > 0 ? 1 : 0);
    let at = end;
    for (let d = 0; d < digits; d += 1) {
      if (decimals > 0 && d === decimals) this.buffer[--at] = POINT;
      const digit = rest % 10;
      this.buffer[--at] = ZERO + digit;
      rest = (rest - digit) / 10;
    }
    this.at = end;
    return this;
  }

  /** Room for a field of up to `bytes` bytes, after a tab unless it is the row's first. */
  private separate(bytes: number): void {
    this.room(bytes + 1);
    if (this.fields++ > 0) this.buffer[this.at++] = TAB;
  }

  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe((this.at + bytes) * 2);
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }
}
/** Bytes per chunk: the server parses one while the next is sent. */
const CHUNK_BYTES = 256 * 1024;
const [BACKSLASH, N, NEWLINE, TAB, MINUS, POINT, ZERO] = [...'\\N\n\t-.0'].map((c) =>
  c.charCodeAt(0),
) as [number, number, number, number, number, number, number];
const ESCAPED = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' }; // prettier-ignore

function copyParameter(parameters: ReadonlyArray<unknown> | undefined): CopyRows | null {
  const first = parameters?.[0];
  return parameters?.length === 1 && first instanceof CopyRows ? first : null;
}

/**
 * A pg pool whose clients run COPY statements (copyInto) by streaming their rows, and
 * every other statement as pg does.
 */
export function copyingPool(pool: pg.Pool): PostgresPool {
  const clients = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    connect: async () => {
      const client = await pool.connect();
      let wrapped = clients.get(client);
      if (!wrapped) {
        wrapped = copyingClient(client);
        clients.set(client, wrapped);
      }
      return wrapped;
    },
    end: () => pool.end(),
  };
}

function copyingClient(client: pg.PoolClient): PostgresPoolClient {
  return {
    // Kysely's two overloads: a statement with parameters, or a cursor.
    query: ((statement: unknown, parameters?: ReadonlyArray<unknown>): unknown => {
      const rows = copyParameter(parameters);
      if (rows === null) return client.query(statement as string, parameters as unknown[]);
      return (async () => {
        const stream = client.query(copyFrom(statement as string));
        await pipeline(Readable.from(rows.chunks, { objectMode: false }), stream);
        // Reported as an insert: Kysely counts the rows of inserts only.
        return { command: 'INSERT', rowCount: stream.rowCount, rows: [] };
      })();
    }) as unknown as PostgresPoolClient['query'],
    release: (destroy) => client.release(destroy),
  };
}

/**
 * Runs a COPY statement (copyInto) on PGlite if it is one: the rows as a blob read from
 * `/dev/blob`. Null when the statement is not a COPY.
 */
export async function copyOnPglite(
  pglite: PGlite,
  statement: string,
  parameters: ReadonlyArray<unknown>,
): Promise<number | null> {
  const rows = copyParameter(parameters);
  if (rows === null) return null;
  if (!STDIN.test(statement)) throw new Error(`not a COPY FROM STDIN statement: ${statement}`);
  const result = await pglite.query(statement.replace(STDIN, "from '/dev/blob'"), [], {
    blob: new Blob([...rows.chunks]),
  });
  return result.affectedRows ?? 0;
}

export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

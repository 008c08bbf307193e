import { createReadStream } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import Parser from 'stream-json/Parser.js';
import type { ItemLimits } from '../sources/common.js';
import { ParseError } from '../sources/types.js';

/*
 * JSON read token by token (stream-json's parser), and values built from the tokens
 * within bounds: what the streamed import of src/crawl/json-stream.ts is made of.
 */

export interface JsonToken {
  readonly name: string;
  readonly value?: string | boolean | null;
}

/** Returned by a token visitor that needs no more of the file. */
export const STOP = Symbol('stop');

/**
 * Hands every parser token of a file to `visit`, in order, strings and numbers in pieces
 * so that the parser never holds a value whole; a promise returned holds the reading
 * until it settles. Tokens go through a Writable rather than an async iterator, which
 * costs a promise a token and reads four times slower.
 */
export async function walkTokens(
  file: string,
  visit: (token: JsonToken) => void | Promise<void> | typeof STOP,
): Promise<void> {
  const stop = new AbortController();
  const sink = new Writable({
    objectMode: true,
    write(token: JsonToken, _encoding, done) {
      try {
        const outcome = visit(token);
        if (outcome === STOP) {
          stop.abort();
          done();
        } else if (outcome instanceof Promise) outcome.then(() => done(), done);
        else done();
      } catch (error) {
        done(error as Error);
      }
    },
  });
  try {
    await pipeline(createReadStream(file), new Parser({ packValues: false }), sink, {
      signal: stop.signal,
    });
  } catch (error) {
    if (stop.signal.aborted) return;
    // stream-json's own errors: "Parser cannot parse input: expected a value".
    if (error instanceof Error && /^Parser\b/.test(error.message)) {
      throw new ParseError(`not valid JSON: ${error.message}`, { cause: error });
    }
    throw error;
  }
}

/** Sets a key as JSON.parse does: `__proto__` becomes an own property, not the prototype. */
export function withKey<T extends Record<string, unknown>>(
  record: T,
  key: string,
  value: unknown,
): T {
  if (key === '__proto__')
    Object.defineProperty(record, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else (record as Record<string, unknown>)[key] = value;
  return record;
}

/**
 * Builds one JSON value from its tokens within limits. Past a limit it builds nothing
 * more and only follows the tokens to the value's end, counting.
 */
export class ValueBuilder {
  private readonly containers: (unknown[] | Record<string, unknown>)[] = [];
  private readonly keys: (string | undefined)[] = [];
  private text = '';
  private depth = 0;
  chars = 0;
  beyond: 'depth' | 'size' | undefined;
  done = false;
  value: unknown;

  constructor(private readonly limits: ItemLimits) {}

  /** Takes the next token of the value; `done` once the value is complete. */
  feed(token: JsonToken): void {
    switch (token.name) {
      case 'startObject':
      case 'startArray':
        this.chars += 2;
        this.depth++;
        if (this.depth > this.limits.depth) this.exceed('depth');
        if (this.beyond === undefined) {
          this.containers.push(token.name === 'startArray' ? [] : {});
          this.keys.push(undefined);
        }
        break;
      case 'endObject':
      case 'endArray':
        this.depth--;
        if (this.beyond === undefined) {
          this.keys.pop();
          this.add(this.containers.pop());
        } else if (this.depth === 0) this.done = true;
        break;
      case 'startKey':
      case 'startString':
      case 'startNumber':
        this.text = '';
        break;
      case 'stringChunk':
      case 'numberChunk':
        this.chars += (token.value as string).length;
        if (this.beyond === undefined) this.text += token.value as string;
        break;
      case 'endKey':
        this.chars += 3;
        if (this.beyond === undefined) this.keys[this.keys.length - 1] = this.text;
        break;
      case 'endString':
        this.chars += 2;
        this.add(this.text);
        break;
      case 'endNumber':
        this.add(Number(this.text));
        break;
      case 'nullValue':
      case 'trueValue':
      case 'falseValue':
        this.chars += 4;
        this.add(token.value);
        break;
      default:
        break;
    }
    if (this.chars > this.limits.jsonChars) this.exceed('size');
  }

  private exceed(limit: 'depth' | 'size'): void {
    if (this.beyond !== undefined) return;
    this.beyond = limit;
    this.containers.length = 0;
    this.keys.length = 0;
    this.text = '';
  }

  private add(value: unknown): void {
    if (this.beyond !== undefined) {
      if (this.depth === 0) this.done = true;
      return;
    }
    const parent = this.containers.at(-1);
    if (parent === undefined) {
      this.value = value;
      this.done = true;
    } else if (Array.isArray(parent)) {
      this.chars += 1;
      parent.push(value);
    } else {
      this.chars += 1;
      withKey(parent, this.keys.at(-1) ?? '', value);
    }
  }
}

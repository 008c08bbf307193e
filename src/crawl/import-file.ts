import { open, readFile, stat } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { toJson, type Database } from '../db/schema.js';
import { BadInputError } from '../errors.js';
import type { Logger } from '../log/logger.js';
import type { SourceInstance } from '../sources/registry.js';
import {
  ParseError,
  type PageHandler,
  type PageInput,
  type PageResult,
  type SkippedItem,
} from '../sources/types.js';
import { captureListings, ROWS_PER_STATEMENT, storeListings } from './capture.js';
import { countSkipped, pageInput } from './crawl-source.js';
import { DEFAULT_MAX_RESPONSE_BYTES } from './crawlers.js';
import { JsonFrameError, readJsonInChunks, type JsonStreamOptions } from './json-stream.js';
import { saveSource } from './source-rows.js';

/**
 * JSON files larger than this are read as a stream, their list of items in chunks, not
 * parsed whole: parsed whole, a file of small items takes some 200 times its size in
 * memory (3 GB for 29 MB of 2,000,000 items), streamed it takes the frame and one chunk.
 * Saved API responses are far smaller (the largest recording is 55 KB).
 */
export const STREAM_ABOVE_BYTES = 1024 * 1024;

export interface ImportOptions {
  /** The handler that reads the file; by default the label of the source's first start request. */
  readonly label?: string | undefined;
  /** The URL the response came from, for relative links; by default the file's own URL. */
  readonly url?: string | undefined;
  /** Where malformed items are reported, with the file and the item. @defaultValue not reported */
  readonly logger?: Logger | undefined;
  /** JSON files above this size are streamed. @defaultValue STREAM_ABOVE_BYTES (1 MiB) */
  readonly streamAboveBytes?: number | undefined;
  /**
   * Other files (HTML, XML) above this size are refused, as a crawl refuses such a response.
   * @defaultValue DEFAULT_MAX_RESPONSE_BYTES (20 MiB)
   */
  readonly maxWholeBytes?: number | undefined;
  /** How a streamed file is read: chunk size, the bounds on its items and its frame. */
  readonly stream?: JsonStreamOptions | undefined;
}

export interface ImportResult {
  readonly label: string;
  readonly listings: number;
  readonly inserted: number;
  /** Pages and detail requests the response points to, which an import does not follow. */
  readonly requestsNotFollowed: number;
  /** Items of the file that are no listings, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  /** The parts the file was read and stored in: 1 when read whole, more when streamed. */
  readonly chunks: number;
}

/** A bad import: unknown label, unreadable file. Exit code 2. */
export class ImportUsageError extends BadInputError {}

/** A file too large to read whole that cannot be streamed either (HTML, XML, an odd JSON shape). */
export class ImportTooLargeError extends ImportUsageError {
  constructor(message: string) {
    super(message);
    this.name = 'ImportTooLargeError';
  }
}

/**
 * The handler that reads a saved response of the source: `label`'s, or the one the
 * adapter picks for the body (`importLabel`), or its first start request's.
 */
function chooseHandler(
  source: Pick<SourceInstance, 'id' | 'adapter' | 'config'>,
  body: string,
  label?: string,
): { label: string; handler: PageHandler; userData: Readonly<Record<string, unknown>> } {
  const handlers = source.adapter.handlers;
  const starts = source.adapter.startRequests(source.config, { since: undefined });
  const chosen =
    label ?? source.adapter.importLabel?.(body) ?? starts[0]?.label ?? Object.keys(handlers)[0];
  if (chosen === undefined || handlers[chosen] === undefined) {
    throw new ImportUsageError(
      `source ${source.id} has no handler ${JSON.stringify(chosen)}; its labels: ${Object.keys(handlers).join(', ')}`,
    );
  }
  const userData = starts.find((s) => s.label === chosen)?.userData ?? {};
  return { label: chosen, handler: handlers[chosen] as PageHandler, userData };
}

/**
 * Reads a saved response with the source's adapter, as a crawl would have read it when
 * fetched from `url`.
 */
export function readSavedResponse(
  source: Pick<SourceInstance, 'id' | 'adapter' | 'config'>,
  body: string,
  url: string,
  label?: string,
): { label: string; result: PageResult } {
  const chosen = chooseHandler(source, body, label);
  return {
    label: chosen.label,
    result: chosen.handler(pageInput(url, body, chosen.userData, source.config)),
  };
}

/** A response read as a stream: its JSON is at hand, its text was never held whole. */
function streamedPage(
  url: string,
  document: unknown,
  userData: Readonly<Record<string, unknown>>,
  config: unknown,
): PageInput {
  return {
    url,
    body: '',
    userData,
    config,
    json: <T>() => document as T,
    $: () => {
      throw new ParseError('a JSON response read as a stream has no HTML or XML to query');
    },
  };
}

/**
 * Whether a file is read as a stream (JSON above `streamAboveBytes`) and what of it is
 * read at once: all of it, or its first 64 KB when streamed. Any other file over
 * `maxWholeBytes` is refused.
 */
async function openImport(
  file: string,
  name: string,
  options: ImportOptions,
): Promise<{ streamed: boolean; body: string }> {
  const bytes = await fileSize(file);
  const head = await readHead(file, 64 * 1024);
  const streamed =
    bytes > (options.streamAboveBytes ?? STREAM_ABOVE_BYTES) && /^\s*[[{]/.test(head);
  const maxWholeBytes = options.maxWholeBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  if (!streamed && bytes > maxWholeBytes) {
    throw new ImportTooLargeError(
      `${name} is ${bytes} bytes, over the ${maxWholeBytes} a response may have; only a JSON file is read in chunks`,
    );
  }
  return { streamed, body: streamed ? head : await readText(file) };
}

/** Closes an import's crawl run with what it stored and skipped. */
async function recordImport(
  db: Kysely<Database>,
  runId: number,
  outcome: {
    status: 'ok' | 'failed';
    message: string;
    totals: { stored: number; inserted: number };
    skipped: Record<string, number>;
    /** Set when the file was read: a failed import leaves the run's pages as they were. */
    pages?: number;
  },
): Promise<void> {
  await db
    .updateTable('crawl_runs')
    .set({
      crawl_status: outcome.status,
      crawl_message: outcome.message.slice(0, 1_000),
      finished_at: new Date(),
      ...(outcome.pages !== undefined ? { pages: outcome.pages } : {}),
      listings: outcome.totals.stored,
      new_listings: outcome.totals.inserted,
      skipped: toJson(outcome.skipped),
    })
    .where('id', '=', runId)
    .execute();
}

/**
 * Parses a saved response or page of a source, exactly as the adapter reads a fetched
 * one, into raw_listings (idempotently), for backfills and debugging. A file above
 * `streamAboveBytes` is read as a stream when it is JSON: the adapter reads its list of
 * items a chunk at a time, each chunk in the rest of the response, and each chunk is
 * stored before the next is read. The listings are the same as read whole; a handler
 * that reads across its list (HN's search keeps the newest months) may ask for other
 * pages, which an import does not follow anyway.
 */
export async function importFile(
  db: Kysely<Database>,
  source: SourceInstance,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  const name = path.basename(file);
  const { streamed, body } = await openImport(file, name, options);
  const url = options.url ?? pathToFileURL(path.resolve(file)).toString();
  // A streamed file's label is picked from its first 64 KB.
  const chosen = chooseHandler(source, body, options.label);
  // A whole file that does not parse is refused before it counts as a run.
  const whole = streamed
    ? undefined
    : chosen.handler(pageInput(url, body, chosen.userData, source.config));
  await saveSource(db, source);
  // An import is a run of its own, so the source's health shows what became of it.
  const fetchedAt = new Date();
  const run = await db
    .insertInto('crawl_runs')
    .values({ source_id: source.id, kind: 'import', started_at: fetchedAt })
    .returning('id')
    .executeTakeFirstOrThrow();

  const totals = { stored: 0, inserted: 0, chunks: 0 };
  const skipped: Record<string, number> = {};
  const requests = new Set<string>();
  const report = (item: SkippedItem) =>
    options.logger?.warn(
      { source: source.id, file, url, item: item.item, reason: item.reason, detail: item.detail },
      'malformed item skipped',
    );
  /** Stores what the adapter read of one part of the file; `positions` map a chunk's items to the file's. */
  const storePart = async (
    result: PageResult,
    extra: readonly SkippedItem[],
    positions?: readonly number[],
  ) => {
    totals.chunks++;
    for (const request of result.requests ?? []) requests.add(`${request.label} ${request.url}`);
    countSkipped(
      skipped,
      [...(result.skipped ?? []).map((s) => atPosition(s, positions)), ...extra],
      report,
    );
    const listings = result.listings ?? [];
    // Captured and stored a statement's worth at a time, so the copies never pile up.
    for (let start = 0; start < listings.length; start += ROWS_PER_STATEMENT) {
      const { captured, skipped: refused } = captureListings(
        listings.slice(start, start + ROWS_PER_STATEMENT),
      );
      countSkipped(skipped, refused, report);
      const stored = await storeListings(
        db,
        { sourceId: source.id, crawlRunId: run.id, fetchedAt },
        captured,
      );
      totals.stored += stored.stored;
      totals.inserted += stored.inserted;
    }
  };

  try {
    if (whole !== undefined) {
      await storePart(whole, []);
    } else {
      await withHeapGrowthBound(() =>
        readJsonInChunks(
          file,
          (chunk) =>
            storePart(
              chosen.handler(streamedPage(url, chunk.document, chosen.userData, source.config)),
              chunk.skipped,
              chunk.positions,
            ),
          options.stream,
        ),
      );
    }
  } catch (error) {
    const refused =
      error instanceof JsonFrameError
        ? new ImportTooLargeError(`${error.message}: it cannot be read in chunks`)
        : error;
    const message = `import of ${name} failed: ${(refused as Error).message}`;
    await recordImport(db, run.id, { status: 'failed', message, totals, skipped });
    throw refused;
  }
  const message = `imported ${name}${streamed ? ` in ${totals.chunks} chunks` : ''}`;
  await recordImport(db, run.id, { status: 'ok', message, totals, skipped, pages: 1 });
  return {
    label: chosen.label,
    listings: totals.stored,
    inserted: totals.inserted,
    requestsNotFollowed: requests.size,
    skipped,
    chunks: totals.chunks,
  };
}

/**
 * Runs `work` with V8 letting the heap grow to half again what its last full collection
 * kept, where by default it lets it grow to four times that: a streamed import's chunks
 * are garbage once stored, yet 134 MB live grew the process to 700 MB (600,000 items);
 * bounded, it stays under 350 MB. The flag sets only that growth, and 0, its default,
 * gives V8 its own choice back.
 */
async function withHeapGrowthBound<T>(work: () => Promise<T>): Promise<T> {
  setFlagsFromString('--heap-growing-percent=50');
  try {
    return await work();
  } finally {
    setFlagsFromString('--heap-growing-percent=0');
  }
}

/** A skipped item named by its position in a chunk, named by its position in the file. */
function atPosition(item: SkippedItem, positions: readonly number[] | undefined): SkippedItem {
  const index = /^#(\d+)$/.exec(item.item)?.[1];
  const position = index === undefined ? undefined : positions?.[Number(index)];
  return position === undefined ? item : { ...item, item: `#${position}` };
}

async function fileSize(file: string): Promise<number> {
  try {
    const stats = await stat(file);
    if (!stats.isFile()) throw new Error('not a file');
    return stats.size;
  } catch (error) {
    throw new ImportUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new ImportUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
}

/** The first `bytes` of a file as text (a character cut at the end is dropped). */
async function readHead(file: string, bytes: number): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return new TextDecoder('utf-8', { fatal: false })
      .decode(buffer.subarray(0, bytesRead))
      .replace(/\uFFFD$/, '');
  } finally {
    await handle.close();
  }
}

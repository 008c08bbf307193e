import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { toJson, type Database } from '../db/schema.js';
import type { SourceInstance } from '../sources/registry.js';
import type { PageResult } from '../sources/types.js';
import { captureListing, storeListings } from './capture.js';
import { countSkipped, pageInput } from './crawl-source.js';
import { saveSource } from './source-rows.js';

export interface ImportOptions {
  /** The handler that reads the file; by default the label of the source's first start request. */
  readonly label?: string | undefined;
  /** The URL the response came from, for relative links; by default the file's own URL. */
  readonly url?: string | undefined;
}

export interface ImportResult {
  readonly label: string;
  readonly listings: number;
  readonly inserted: number;
  /** Pages and detail requests the response points to, which an import does not follow. */
  readonly requestsNotFollowed: number;
  /** Items of the file that are no listings, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
}

/** A bad import: unknown label, unreadable file. Exit code 2. */
export class ImportUsageError extends Error {}

/**
 * Reads a saved response with the source's adapter, as a crawl would have read it when
 * fetched from `url`: with `label`'s handler, or the one the adapter picks for the body
 * (`importLabel`), or its first start request's.
 */
export function readSavedResponse(
  source: Pick<SourceInstance, 'id' | 'adapter' | 'config'>,
  body: string,
  url: string,
  label?: string,
): { label: string; result: PageResult } {
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
  return { label: chosen, result: handlers[chosen](pageInput(url, body, userData, source.config)) };
}

/**
 * Parses a saved response or page of a source, exactly as the adapter reads a fetched
 * one, into raw_listings (idempotently), for backfills and debugging.
 */
export async function importFile(
  db: Kysely<Database>,
  source: SourceInstance,
  file: string,
  options: ImportOptions = {},
): Promise<ImportResult> {
  let body: string;
  try {
    body = await readFile(file, 'utf8');
  } catch (error) {
    throw new ImportUsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const url = options.url ?? pathToFileURL(path.resolve(file)).toString();
  const { label, result } = readSavedResponse(source, body, url, options.label);
  const captured = (result.listings ?? []).map(captureListing);
  const skipped: Record<string, number> = {};
  countSkipped(skipped, result.skipped, () => undefined);
  await saveSource(db, source);
  // An import is a run of its own, so the source's health shows what became of it.
  const fetchedAt = new Date();
  const run = await db
    .insertInto('crawl_runs')
    .values({ source_id: source.id, kind: 'import', started_at: fetchedAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  let stored;
  try {
    stored = await storeListings(db, { sourceId: source.id, crawlRunId: run.id, fetchedAt }, captured); // prettier-ignore
  } catch (error) {
    const message = `import of ${path.basename(file)} failed: ${(error as Error).message}`;
    await db
      .updateTable('crawl_runs')
      .set({
        crawl_status: 'failed',
        crawl_message: message.slice(0, 1_000),
        finished_at: new Date(),
      })
      .where('id', '=', run.id)
      .execute();
    throw error;
  }
  await db
    .updateTable('crawl_runs')
    .set({
      crawl_status: 'ok',
      crawl_message: `imported ${path.basename(file)}`,
      finished_at: new Date(),
      pages: 1,
      listings: stored.stored,
      new_listings: stored.inserted,
      skipped: toJson(skipped),
    })
    .where('id', '=', run.id)
    .execute();
  return {
    label,
    listings: stored.stored,
    inserted: stored.inserted,
    requestsNotFollowed: result.requests?.length ?? 0,
    skipped,
  };
}

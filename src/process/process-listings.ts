import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { resolveDuplicates } from '../dedupe/resolve.js';
import type { Logger } from '../log/logger.js';
import { DEFAULT_RATE_SETTINGS, type RateSettings } from '../config/settings.js';
import { FxTable } from '../normalize/money.js';
import { ListingError, normalizeListing, type NormalizedPosting } from '../normalize/posting.js';
import { countOutcomes, type ListingOutcome } from '../crawl/health.js';
import type { Config } from '../config/config.js';
import { payFieldsBySource, resolveSources } from '../sources/registry.js';
import type { PayFieldTrust } from '../normalize/money.js';
import { syncSkills } from '../skills/sync.js';
import { syncRoles } from '../roles/sync.js';
import { sharedTitleNormalizer } from '../roles/titles.js';
import { defaultTagger, type Tagger } from '../skills/tagger.js';
import { storedPayload } from './stored-payload.js';
import { weeksOfPostings } from './weeks.js';
import {
  writePostings,
  type NormalizedListing,
  type RawRow,
  type WrittenPosting,
} from './write-postings.js';

/** Which raw listings a run takes. */
export type ProcessScope =
  | { readonly kind: 'pending' }
  | { readonly kind: 'all' }
  | { readonly kind: 'since'; readonly since: Date }
  | { readonly kind: 'ids'; readonly ids: readonly number[] };

export interface ProcessOptions {
  /** @defaultValue { kind: 'pending' }: listings not processed yet */
  readonly scope?: ProcessScope;
  /** ISO 4217 code normalized rates are stored in (REPORT_CURRENCY). */
  readonly reportCurrency: string;
  /** @defaultValue DEFAULT_RATE_SETTINGS */
  readonly rateSettings?: RateSettings;
  /**
   * How far each source's pay fields are believed against the text (the sources'
   * `payFields` settings, see payFieldsBySource). @defaultValue every source 'trusted'
   */
  readonly payFields?: (sourceId: string) => PayFieldTrust;
  /** @defaultValue the tagger over the repository's taxonomy */
  readonly tagger?: Tagger;
  /** Raw listings per transaction. @defaultValue 500 */
  readonly batchSize?: number;
  readonly logger?: Logger;
  readonly onProgress?: (progress: ProcessResult) => void;
}

export interface ProcessResult {
  /** Raw listings read. */
  listings: number;
  /** Postings written (inserted or updated). */
  postings: number;
  /** Raw listings that could not become postings; their reason is in process_error. */
  failed: number;
  /** Postings among those written that are duplicates of another. */
  duplicates: number;
  /** Mondays (YYYY-MM-DD) of the ISO weeks whose postings changed: what a rollup redoes. */
  weeks: string[];
}

/** What processing takes from the configuration: report currency, rate settings, trust in pay fields. */
export function processSettings(
  config: Pick<Config, 'reportCurrency' | 'rates' | 'sources' | 'sourceSecrets'>,
): Pick<ProcessOptions, 'reportCurrency' | 'rateSettings' | 'payFields'> {
  return {
    reportCurrency: config.reportCurrency,
    rateSettings: config.rates,
    payFields: payFieldsBySource(resolveSources(config)),
  };
}

/**
 * The process stage: raw listings to postings, posting_skills and canonical links, in
 * batches of one transaction each. Idempotent: processing the same listings again, or
 * after an interruption, leaves the same rows.
 */
export async function processListings(
  db: Kysely<Database>,
  options: ProcessOptions,
): Promise<ProcessResult> {
  const scope = options.scope ?? { kind: 'pending' };
  const tagger = options.tagger ?? defaultTagger();
  await syncSkills(db, tagger.taxonomy);
  // The roles that postings are given (write-postings.ts), for the rollup to count.
  await syncRoles(db, sharedTitleNormalizer().taxonomy);
  const fx = await FxTable.load(db);
  const context = {
    fx,
    settings: options.rateSettings ?? DEFAULT_RATE_SETTINGS,
    reportCurrency: options.reportCurrency,
    tagger,
    payFields: options.payFields ?? (() => 'trusted' as const),
  };
  const batchSize = options.batchSize ?? 500;
  const result: ProcessResult = { listings: 0, postings: 0, failed: 0, duplicates: 0, weeks: [] };
  const weeks = new Set<string>();
  let after = 0;
  /*
   * Batches are pipelined: while one is written, the next is read and normalized, and up
   * to two are written at once (PostgreSQL works each on its own core). Duplicates are
   * resolved after a batch's postings are committed, one batch after another in order,
   * so every resolution sees every posting written before it. A listing is marked
   * processed only in that last step: an interruption anywhere leaves it to be done again.
   */
  const inFlight = new Set<Promise<void>>();
  let resolving: Promise<void> = Promise.resolve();
  let failure: unknown;
  for (;;) {
    let query = db
      .selectFrom('raw_listings')
      .select(['id', 'source_id', 'external_id', 'url', 'fetched_at', 'payload', 'payload_gzip'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(batchSize);
    if (scope.kind === 'pending') query = query.where('processed_at', 'is', null);
    if (scope.kind === 'since') query = query.where('fetched_at', '>=', scope.since);
    if (scope.kind === 'ids') {
      if (scope.ids.length === 0) break;
      query = query.where('id', 'in', [...scope.ids]);
    }
    const rows = (await query.execute()) as RawRow[];
    if (rows.length === 0) break;
    after = (rows[rows.length - 1] as RawRow).id;
    const normalized = await normalizeBatch(rows, context, options.logger);
    while (inFlight.size >= WRITERS) await Promise.race(inFlight);
    if (failure !== undefined) break;
    const written = writePostings(db, normalized);
    const previous = resolving;
    resolving = written
      .then(async (postings) => {
        await previous;
        const batch = await finishBatch(db, normalized, postings);
        result.listings += rows.length;
        result.postings += batch.postings;
        result.failed += batch.failed;
        result.duplicates += batch.duplicates;
        for (const week of batch.weeks) weeks.add(week);
        result.weeks = [...weeks].sort();
        options.onProgress?.(result);
      })
      .catch((error: unknown) => {
        failure ??= error;
      });
    // The chain never rejects (failures are kept above): it is its own slot.
    const slot = resolving;
    inFlight.add(slot);
    void slot.then(() => inFlight.delete(slot));
    if (rows.length < batchSize) break;
  }
  // Each step waits for the one before it: the last one done, all are.
  await resolving;
  if (failure !== undefined)
    throw failure instanceof Error ? failure : new Error('processing failed', { cause: failure });
  return result;
}

/** Write transactions in flight at once. */
const WRITERS = 2;

interface NormalizedBatch {
  readonly done: readonly NormalizedListing[];
  readonly failures: readonly { id: number; reason: string }[];
}

/** How many listings are normalized between yields to the event loop. */
const NORMALIZE_SLICE = 25;

/**
 * Normalizes a batch, giving the event loop a turn every few listings so that the
 * previous batch's statements reach the database meanwhile.
 */
async function normalizeBatch(
  rows: readonly RawRow[],
  context: Omit<Parameters<typeof normalizeListing>[1], 'fetchedAt' | 'payFields'> & {
    readonly payFields: (sourceId: string) => PayFieldTrust;
  },
  logger: Logger | undefined,
): Promise<NormalizedBatch> {
  const done: { row: RawRow; posting: NormalizedPosting }[] = [];
  const failures: { id: number; reason: string }[] = [];
  for (let i = 0; i < rows.length; i += 1) {
    if (i > 0 && i % NORMALIZE_SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
    const row = rows[i] as RawRow;
    try {
      done.push({
        row,
        posting: normalizeListing(storedPayload(row), {
          ...context,
          fetchedAt: row.fetched_at,
          payFields: context.payFields(row.source_id),
        }),
      });
    } catch (error) {
      const reason =
        error instanceof ListingError
          ? error.message
          : `processing failed: ${(error as Error).message}`;
      failures.push({ id: row.id, reason });
      logger?.warn(
        { source: row.source_id, url: row.url, rawListingId: row.id, reason },
        'listing not processed',
      );
    }
  }
  return { done, failures };
}

/**
 * Resolves a written batch's duplicates, marks its listings processed and recounts the
 * crawl runs they came from, in one transaction.
 */
async function finishBatch(
  db: Kysely<Database>,
  { done, failures }: NormalizedBatch,
  written: readonly WrittenPosting[],
): Promise<{ postings: number; failed: number; duplicates: number; weeks: string[] }> {
  const byRaw = new Map(done.map((d) => [d.row.id, d.posting]));
  return db.transaction().execute(async (trx) => {
    const postings = written.map((w) => byRaw.get(w.raw_listing_id) as NormalizedPosting);
    const duplicates = await resolveDuplicates(trx, {
      ids: written.map((w) => w.id),
      keys: postings.map((p) => p.dedupeKey),
      hashes: postings.map((p) => p.contentHash),
    });
    await countOutcomes(
      trx,
      await markProcessed(trx, [
        ...done.map((d) => ({ id: d.row.id, error: null })),
        ...failures.map((f) => ({ id: f.id, error: f.reason })),
      ]),
    );
    const weeks = await weeksOfPostings(
      trx,
      written.map((w) => w.id),
    );
    return { postings: written.length, failed: failures.length, duplicates, weeks };
  });
}

/**
 * Marks raw listings processed, each with its error or none, and says what each was
 * before: the runs that stored them count the change.
 */
async function markProcessed(
  db: Kysely<Database>,
  outcomes: readonly { id: number; error: string | null }[],
): Promise<ListingOutcome[]> {
  if (outcomes.length === 0) return [];
  // The rows are locked as they are read, so what they were is what this update changes.
  const result = await sql<{
    crawl_run_id: number | null;
    was_processed: boolean;
    was_error: string | null;
    error: string | null;
  }>`
    with outcome as (
      select * from unnest(${outcomes.map((o) => o.id)}::bigint[], ${outcomes.map((o) => o.error)}::text[]) as o(id, error)
    ), before as (
      select r.id, r.crawl_run_id, r.processed_at is not null as was_processed, r.process_error as was_error
      from raw_listings r join outcome o on o.id = r.id
      for update of r
    )
    update raw_listings r set processed_at = ${new Date()}, process_error = o.error
    from outcome o join before b on b.id = o.id
    where r.id = o.id
    returning b.crawl_run_id, b.was_processed, b.was_error, o.error`.execute(db);
  return result.rows.map((r) => ({
    crawlRunId: r.crawl_run_id === null ? null : Number(r.crawl_run_id),
    wasProcessed: r.was_processed,
    wasError: r.was_error,
    error: r.error,
  }));
}

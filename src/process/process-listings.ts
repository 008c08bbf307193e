import { sql, type Kysely } from 'kysely';
import { toJson, type Database, type NewPosting } from '../db/schema.js';
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
import { defaultTagger, type Tagger } from '../skills/tagger.js';
import { storedPayload } from './stored-payload.js';
import { weeksOfPostings } from './weeks.js';

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

interface RawRow {
  id: number;
  source_id: string;
  external_id: string;
  url: string;
  fetched_at: Date;
  payload: Record<string, unknown>;
  /** The payload, gzip'd by retention (then `payload` is `{}`). */
  payload_gzip: Uint8Array | null;
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
  readonly done: readonly { row: RawRow; posting: NormalizedPosting }[];
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

interface WrittenPosting {
  readonly id: number;
  readonly raw_listing_id: number;
  readonly first_seen_at: Date;
}

/** Writes a batch's postings and their skills in one transaction. */
async function writePostings(
  db: Kysely<Database>,
  { done }: NormalizedBatch,
): Promise<WrittenPosting[]> {
  // Several versions of one listing in a batch: the newest is the posting.
  const newest = new Map<string, { row: RawRow; posting: NormalizedPosting }>();
  for (const item of done) newest.set(`${item.row.source_id}\u0000${item.row.external_id}`, item);
  if (newest.size === 0) return [];
  // One order for every batch, so two batches writing the same rows never deadlock.
  const items = [...newest]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
  const byRaw = new Map(done.map((d) => [d.row.id, d.posting]));
  return db.transaction().execute(async (trx) => {
    const written = await upsertPostings(trx, items);
    if (written.length > 0) {
      await writePostingSkills(
        trx,
        written.map((w) => w.id),
        written.flatMap((w) =>
          (byRaw.get(w.raw_listing_id)?.skills ?? []).map((skill) => ({ postingId: w.id, skill })),
        ),
      );
    }
    return written;
  });
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

function postingRow(row: RawRow, p: NormalizedPosting): NewPosting {
  return {
    source_id: row.source_id,
    external_id: row.external_id,
    raw_listing_id: row.id,
    url: row.url,
    title: p.title,
    company: p.company,
    location: p.location,
    country: p.country,
    countries: [...p.countries],
    region: p.region,
    city: p.city,
    work_mode: p.workMode,
    contract_type: p.contractType,
    ir35: p.ir35,
    seniority: p.seniority,
    posted_at: p.postedAt,
    first_seen_at: row.fetched_at,
    last_seen_at: row.fetched_at,
    description: p.description,
    content_hash: p.contentHash,
    dedupe_key: p.dedupeKey,
    text_simhash: p.textSimhash,
    rate_min: p.rate?.min ?? null,
    rate_max: p.rate?.max ?? null,
    rate_currency: p.rate?.currency ?? null,
    rate_period: p.rate?.period ?? null,
    rate_origin: p.rate?.origin ?? null,
    rate_confidence: p.rate?.confidence ?? null,
    normalized_currency: p.pay?.normalizedCurrency ?? null,
    day_rate: p.pay?.dayRate ?? null,
    hourly_rate: p.pay?.hourlyRate ?? null,
    annual_salary: p.pay?.annualSalary ?? null,
    rate_excluded_reason: p.pay?.excludedReason ?? null,
    rate_flag: p.rateFlag,
    process_notes: toJson(p.notes),
    processed_at: new Date(),
  };
}

/**
 * Inserts or updates postings by (source, external id). An older version of a listing
 * never overwrites a newer one; first and last seen widen to cover every version.
 * The rows travel as one JSON document (json_populate_recordset): a batch of postings is
 * tens of thousands of values, which as bind parameters cost more to send and parse than
 * the work itself.
 */
async function upsertPostings(
  db: Kysely<Database>,
  items: readonly { row: RawRow; posting: NormalizedPosting }[],
): Promise<WrittenPosting[]> {
  const values = items.map(({ row, posting }) => postingRow(row, posting));
  const columns = Object.keys(values[0] as object) as (keyof NewPosting)[];
  const updated = columns.filter((c) => !FIXED_ON_UPDATE.has(c));
  const document = JSON.stringify(
    values.map((v) => ({ ...v, process_notes: JSON.parse(v.process_notes as string) as unknown })),
  );
  const result = await sql<WrittenPosting>`
    insert into postings (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    from json_populate_recordset(null::postings, ${document}::json) as r
    on conflict (source_id, external_id) do update set
      ${sql.join(updated.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))},
      first_seen_at = least(postings.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(postings.last_seen_at, excluded.last_seen_at)
    where postings.raw_listing_id <= excluded.raw_listing_id
    returning id, raw_listing_id, first_seen_at`.execute(db);
  return result.rows;
}

const FIXED_ON_UPDATE = new Set<string>(['source_id', 'external_id', 'first_seen_at', 'last_seen_at']); // prettier-ignore

/**
 * The postings' skills now: tags that went away deleted, the others written over, as two
 * statements of arrays however many there are. A posting processed again with the same
 * skills keeps its rows' identity, and the triggers leave its skill_ids alone.
 */
async function writePostingSkills(
  db: Kysely<Database>,
  postingIds: readonly number[],
  tags: readonly { postingId: number; skill: NormalizedPosting['skills'][number] }[],
): Promise<void> {
  const tagged = sql`unnest(${tags.map((t) => t.postingId)}::bigint[], ${tags.map((t) => t.skill.id)}::text[]) as t(posting_id, skill_id)`;
  await sql`
    delete from posting_skills ps
    where ps.posting_id = any(${postingIds}::bigint[])
      and not exists (select 1 from ${tagged} where t.posting_id = ps.posting_id and t.skill_id = ps.skill_id)`.execute(
    db,
  );
  if (tags.length === 0) return;
  await sql`
    insert into posting_skills (posting_id, skill_id, mentions, in_title, surface)
    select * from unnest(
      ${tags.map((t) => t.postingId)}::bigint[],
      ${tags.map((t) => t.skill.id)}::text[],
      ${tags.map((t) => t.skill.mentions)}::int[],
      ${tags.map((t) => t.skill.inTitle)}::boolean[],
      ${tags.map((t) => toJson(t.skill.surface))}::jsonb[])
    on conflict (posting_id, skill_id) do update set
      mentions = excluded.mentions, in_title = excluded.in_title, surface = excluded.surface`.execute(
    db,
  );
}

import { startOfISOWeek } from 'date-fns';
import { sql, type Kysely } from 'kysely';
import { toJson, type Database, type NewPosting } from '../db/schema.js';
import { resolveDuplicates } from '../dedupe/resolve.js';
import type { Logger } from '../log/logger.js';
import { DEFAULT_RATE_SETTINGS, FxTable, type RateSettings } from '../normalize/money.js';
import { ListingError, normalizeListing, type NormalizedPosting } from '../normalize/posting.js';
import { syncSkills } from '../skills/sync.js';
import { defaultTagger, type Tagger } from '../skills/tagger.js';

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
  };
  const batchSize = options.batchSize ?? 500;
  const result: ProcessResult = { listings: 0, postings: 0, failed: 0, duplicates: 0, weeks: [] };
  const weeks = new Set<string>();
  let after = 0;
  for (;;) {
    let query = db
      .selectFrom('raw_listings')
      .select(['id', 'source_id', 'external_id', 'url', 'fetched_at', 'payload'])
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
    const batch = await processBatch(db, rows, context, options.logger);
    result.listings += rows.length;
    result.postings += batch.postings;
    result.failed += batch.failed;
    result.duplicates += batch.duplicates;
    for (const week of batch.weeks) weeks.add(week);
    result.weeks = [...weeks].sort();
    options.onProgress?.(result);
    if (rows.length < batchSize) break;
  }
  return result;
}

async function processBatch(
  db: Kysely<Database>,
  rows: readonly RawRow[],
  context: Omit<Parameters<typeof normalizeListing>[1], 'fetchedAt'>,
  logger: Logger | undefined,
): Promise<{ postings: number; failed: number; duplicates: number; weeks: string[] }> {
  const done: { row: RawRow; posting: NormalizedPosting }[] = [];
  const failures: { id: number; reason: string }[] = [];
  for (const row of rows) {
    try {
      done.push({ row, posting: normalizeListing(row.payload, { ...context, fetchedAt: row.fetched_at }) }); // prettier-ignore
    } catch (error) {
      const reason = error instanceof ListingError ? error.message : `processing failed: ${(error as Error).message}`; // prettier-ignore
      failures.push({ id: row.id, reason });
      logger?.warn(
        { source: row.source_id, url: row.url, rawListingId: row.id, reason },
        'listing not processed',
      );
    }
  }
  // Several versions of one listing in a batch: the newest is the posting.
  const newest = new Map<string, { row: RawRow; posting: NormalizedPosting }>();
  for (const item of done) newest.set(`${item.row.source_id}\u0000${item.row.external_id}`, item);

  return db.transaction().execute(async (trx) => {
    const written = newest.size === 0 ? [] : await upsertPostings(trx, [...newest.values()]);
    const byRaw = new Map(done.map((d) => [d.row.id, d.posting]));
    if (written.length > 0) {
      const ids = written.map((w) => w.id);
      await trx.deleteFrom('posting_skills').where('posting_id', 'in', ids).execute();
      const tags = written.flatMap((w) =>
        (byRaw.get(w.raw_listing_id)?.skills ?? []).map((skill) => ({
          posting_id: w.id,
          skill_id: skill.id,
          mentions: skill.mentions,
          in_title: skill.inTitle,
          surface: toJson(skill.surface),
        })),
      );
      for (let i = 0; i < tags.length; i += 2_000) {
        await trx
          .insertInto('posting_skills')
          .values(tags.slice(i, i + 2_000))
          .execute();
      }
    }
    const postings = written.map((w) => byRaw.get(w.raw_listing_id) as NormalizedPosting);
    const duplicates = await resolveDuplicates(trx, {
      ids: written.map((w) => w.id),
      keys: postings.map((p) => p.dedupeKey),
      hashes: postings.map((p) => p.contentHash),
    });
    const now = new Date();
    const okIds = done.map((d) => d.row.id);
    if (okIds.length > 0) {
      await trx
        .updateTable('raw_listings')
        .set({ processed_at: now, process_error: null })
        .where('id', 'in', okIds)
        .execute();
    }
    for (const failure of failures) {
      await trx
        .updateTable('raw_listings')
        .set({ processed_at: now, process_error: failure.reason })
        .where('id', '=', failure.id)
        .execute();
    }
    const weeks = new Set(
      written.map((w) => {
        const posting = byRaw.get(w.raw_listing_id) as NormalizedPosting;
        return startOfISOWeek(posting.postedAt ?? w.first_seen_at)
          .toISOString()
          .slice(0, 10);
      }),
    );
    return { postings: written.length, failed: failures.length, duplicates, weeks: [...weeks] };
  });
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
 */
async function upsertPostings(
  db: Kysely<Database>,
  items: readonly { row: RawRow; posting: NormalizedPosting }[],
): Promise<{ id: number; raw_listing_id: number; first_seen_at: Date }[]> {
  const values = items.map(({ row, posting }) => postingRow(row, posting));
  return db
    .insertInto('postings')
    .values(values)
    .onConflict((oc) =>
      oc
        .columns(['source_id', 'external_id'])
        .doUpdateSet((eb) => {
          const keep = [
            'id',
            'source_id',
            'external_id',
            'first_seen_at',
            'last_seen_at',
            'canonical_id',
          ];
          const set: Record<string, unknown> = {};
          for (const column of Object.keys(values[0] as object)) {
            if (!keep.includes(column))
              set[column] = eb.ref(`excluded.${column}` as 'excluded.title');
          }
          set.first_seen_at = sql`least(postings.first_seen_at, excluded.first_seen_at)`;
          set.last_seen_at = sql`greatest(postings.last_seen_at, excluded.last_seen_at)`;
          return set;
        })
        .where('postings.raw_listing_id', '<=', (eb) => eb.ref('excluded.raw_listing_id')),
    )
    .returning(['id', 'raw_listing_id', 'first_seen_at'])
    .execute();
}

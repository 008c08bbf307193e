import { gzipSync } from 'node:zlib';
import { sql, type Kysely } from 'kysely';
import type { Config } from '../config/config.js';
import type { RetentionLimit } from '../config/fields.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import { addWeeks } from './weeks.js';

/*
 * What the weekly rollup prunes so that storage stops growing with the weeks: related
 * skills (skill_pairs, a full week of pairs every week) and role profiles
 * (role_profile_weekly and role_profile_window, role × skill matrices, with role_window) beyond the newest weeks kept, and
 * the payloads of processed raw listings, which after some days are stored gzip'd instead
 * of as jsonb. Each step works in statements of bounded size, each committed on its own,
 * so a large backlog never holds one long transaction; an interrupted run leaves nothing
 * half done that the next one does not finish. Running it again changes nothing more.
 */

/** How much the weekly rollup keeps (RELATED_SKILLS_RETENTION_WEEKS, RAW_PAYLOAD_RETENTION_DAYS). */
export interface RetentionSettings {
  /**
   * The newest weeks of related skills kept, and of role profiles; `all` keeps every week.
   * @defaultValue 26
   */
  readonly relatedSkillsWeeks: RetentionLimit;
  /** Days a processed listing's payload stays as crawled; `all` never compresses. @defaultValue 90 */
  readonly rawPayloadDays: RetentionLimit;
}

export const DEFAULT_RETENTION: RetentionSettings = { relatedSkillsWeeks: 26, rawPayloadDays: 90 };

/** The retention the configuration sets. */
export function retentionSettings(
  config: Pick<Config, 'relatedSkillsRetentionWeeks' | 'rawPayloadRetentionDays'>,
): RetentionSettings {
  return {
    relatedSkillsWeeks: config.relatedSkillsRetentionWeeks,
    rawPayloadDays: config.rawPayloadRetentionDays,
  };
}

export interface RetentionOptions {
  readonly settings: RetentionSettings;
  /**
   * A week whose related skills stay even when older than those kept: the week a rollup
   * has just computed (`skillpulse rollup --week` of an old week), kept until the next
   * rollup with related skills. @defaultValue undefined
   */
  readonly keepWeek?: string;
  /** The present, from which payloads' age is counted. @defaultValue new Date() */
  readonly now?: Date;
  /** skill_pairs rows deleted per statement. @defaultValue 10000 */
  readonly pairsChunk?: number;
  /** Payloads compressed per statement (each read into memory, up to 0.7 MB). @defaultValue 250 */
  readonly payloadChunk?: number;
  readonly logger?: Logger;
}

export interface RetentionResult {
  readonly relatedSkills: PrunedWeeks;
  readonly roleProfiles: PrunedWeeks;
  readonly payloads: {
    /** Processed listings fetched before this had their payloads compressed; null when kept. */
    readonly fetchedBefore: Date | null;
    readonly listings: number;
    /** Bytes the payloads took as stored jsonb (after PostgreSQL's own compression), and gzip'd. */
    readonly storedBytes: number;
    readonly gzipBytes: number;
  };
  readonly durationMs: number;
}

/** What a weekly table's retention pruned. */
export interface PrunedWeeks {
  /** The oldest week kept; null when every week is kept (or none is stored). */
  readonly keptFrom: string | null;
  /** The oldest and newest week pruned, and how many rows; null, 0 when none. */
  readonly first: string | null;
  readonly last: string | null;
  readonly rows: number;
}

/** Every retention, related skills first; logs what each pruned. */
export async function applyRetention(
  db: Kysely<Database>,
  options: RetentionOptions,
): Promise<RetentionResult> {
  const started = performance.now();
  const relatedSkills = await pruneRelatedSkills(db, options);
  const roleProfiles = await pruneRoleProfiles(db, options);
  const payloads = await compressPayloads(db, options);
  const result = {
    relatedSkills,
    roleProfiles,
    payloads,
    durationMs: Math.round(performance.now() - started),
  };
  options.logger?.info(
    {
      relatedSkillsWeeks: options.settings.relatedSkillsWeeks,
      rawPayloadDays: options.settings.rawPayloadDays,
      ...result,
    },
    relatedSkills.rows > 0 || roleProfiles.rows > 0 || payloads.listings > 0
      ? `retention: ${relatedSkills.rows} related-skill rows of weeks ${relatedSkills.first ?? '-'} to ${relatedSkills.last ?? '-'} deleted, ${roleProfiles.rows} role-profile rows, ${payloads.listings} payloads compressed`
      : 'retention: nothing to prune',
  );
  return result;
}

/** The weekly tables pruned to the newest weeks, with the columns that identify a row. */
const PRUNED_TABLES = {
  skill_pairs: ['week', 'window_weeks', 'skill_id', 'related_skill_id'],
  role_profile_weekly: ['week', 'role_id', 'skill_id'],
  role_profile_window: ['week', 'window_weeks', 'role_id', 'skill_id'],
  role_window: ['week', 'window_weeks', 'segment', 'role_id'],
} as const;

/**
 * Deletes the rows of `table` of weeks older than the newest `relatedSkillsWeeks` weeks
 * stored (counted back from its newest week, gaps included), except `keepWeek`, in
 * statements of `pairsChunk` rows.
 */
async function pruneWeeks(
  db: Kysely<Database>,
  table: keyof typeof PRUNED_TABLES,
  options: RetentionOptions,
): Promise<PrunedWeeks> {
  const weeks = options.settings.relatedSkillsWeeks;
  const none = { keptFrom: null, first: null, last: null, rows: 0 };
  if (weeks === 'all') return none;
  // Both tables have a week column: the builder is typed on one of them.
  const from = table as 'skill_pairs';
  const newest = await db
    .selectFrom(from)
    .select((eb) => eb.fn.max('week').as('week'))
    .executeTakeFirst();
  if (!newest?.week) return none;
  const keptFrom = addWeeks(newest.week, -(weeks - 1));
  const keep = options.keepWeek;
  const span = await db
    .selectFrom(from)
    .select((eb) => [eb.fn.min('week').as('first'), eb.fn.max('week').as('last')])
    .where('week', '<', keptFrom)
    .$if(keep !== undefined, (qb) => qb.where('week', '<>', keep!))
    .executeTakeFirst();
  if (!span?.first) return { ...none, keptFrom };
  const chunk = options.pairsChunk ?? 10_000;
  // A row tuple in a subquery with a limit: the builder cannot type it over either table.
  const key = sql.join(PRUNED_TABLES[table].map((column) => sql.ref(column)));
  const other = keep === undefined ? sql`` : sql`and week <> ${keep}::date`;
  let rows = 0;
  for (;;) {
    const deleted = await sql`
      delete from ${sql.table(table)} where (${key}) in (
        select ${key} from ${sql.table(table)}
        where week < ${keptFrom}::date ${other} limit ${chunk})`.execute(db);
    const count = Number(deleted.numAffectedRows ?? 0);
    rows += count;
    options.logger?.debug({ table, rows, keptFrom }, 'retention: rows of old weeks deleted');
    if (count < chunk) break;
  }
  return { keptFrom, first: span.first, last: span.last ?? span.first, rows };
}

/** Deletes the related skills (skill_pairs) of weeks older than the newest kept. */
export function pruneRelatedSkills(
  db: Kysely<Database>,
  options: RetentionOptions,
): Promise<PrunedWeeks> {
  return pruneWeeks(db, 'skill_pairs', options);
}

/**
 * Deletes the role profiles (role_profile_weekly) of weeks older than the newest kept, as
 * related skills are pruned, and the roles' window figures (role_window,
 * role_profile_window), which are written with related skills. role_weekly, like
 * skill_weekly, is kept whole. The weeks kept are role_profile_weekly's; the weeks and
 * rows pruned, of the three tables together.
 */
export async function pruneRoleProfiles(
  db: Kysely<Database>,
  options: RetentionOptions,
): Promise<PrunedWeeks> {
  const tables = ['role_profile_weekly', 'role_profile_window', 'role_window'] as const;
  const pruned: PrunedWeeks[] = [];
  for (const table of tables) pruned.push(await pruneWeeks(db, table, options));
  const weeks = (pick: (p: PrunedWeeks) => string | null) =>
    pruned
      .map(pick)
      .filter((week): week is string => week !== null)
      .sort();
  return {
    keptFrom: pruned[0]!.keptFrom,
    first: weeks((p) => p.first)[0] ?? null,
    last: weeks((p) => p.last).at(-1) ?? null,
    rows: pruned.reduce((sum, p) => sum + p.rows, 0),
  };
}

/**
 * Moves the payloads of processed listings fetched more than `rawPayloadDays` days ago
 * into `payload_gzip`, oldest first, `payloadChunk` listings a statement.
 */
export async function compressPayloads(
  db: Kysely<Database>,
  options: RetentionOptions,
): Promise<RetentionResult['payloads']> {
  const days = options.settings.rawPayloadDays;
  const result = { fetchedBefore: null, listings: 0, storedBytes: 0, gzipBytes: 0 };
  if (days === 'all') return result;
  const fetchedBefore = new Date((options.now ?? new Date()).getTime() - days * DAY_MS);
  const chunk = options.payloadChunk ?? 250;
  let listings = 0;
  let storedBytes = 0;
  let gzipBytes = 0;
  for (;;) {
    // The partial index raw_listings_payload_uncompressed_idx holds exactly these rows.
    const rows = await db
      .selectFrom('raw_listings')
      .select([
        'id',
        sql<string>`payload::text`.as('json'),
        sql<number>`pg_column_size(payload)`.as('stored'),
      ])
      .where('payload_gzip', 'is', null)
      .where('processed_at', 'is not', null)
      .where('fetched_at', '<', fetchedBefore)
      .orderBy('fetched_at')
      .limit(chunk)
      .execute();
    if (rows.length === 0) break;
    const gzipped = rows.map((r) => gzipSync(r.json));
    // A listing's payload never changes once stored, so what was read is what is replaced;
    // a row another run compressed meanwhile is left alone.
    const updated = await sql<{ id: number }>`
      update raw_listings r set payload = '{}'::jsonb, payload_gzip = decode(c.gzip, 'base64')
      from unnest(${rows.map((r) => r.id)}::bigint[],
        ${gzipped.map((g) => g.toString('base64'))}::text[]) as c(id, gzip)
      where r.id = c.id and r.payload_gzip is null
      returning r.id`.execute(db);
    const done = new Set(updated.rows.map((r) => Number(r.id)));
    for (const [i, row] of rows.entries()) {
      if (!done.has(row.id)) continue;
      listings += 1;
      storedBytes += row.stored;
      gzipBytes += (gzipped[i] as Buffer).length;
    }
    options.logger?.debug({ listings, fetchedBefore }, 'retention: payloads compressed');
    if (rows.length < chunk) break;
  }
  return { fetchedBefore, listings, storedBytes, gzipBytes };
}

const DAY_MS = 24 * 60 * 60 * 1000;

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Config } from '../config/config.js';
import { hasConnectionPool } from '../db/connect.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import { weeksOfPostings } from '../process/weeks.js';
import { readMoverWeeks, writeMovers } from './movers.js';
import {
  loadOpenPostings,
  loadSkillIndex,
  type OpenPostings,
  type SkillIndex,
} from './open-postings.js';
import { countPairs, pairsWindow, writePairs } from './pairs.js';
import { countRoleWindow, writeRoleWindow } from './role-window.js';
import {
  applyRetention,
  retentionSettings,
  type RetentionResult,
  type RetentionSettings,
} from './retention.js';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from '../config/settings.js';
import { weekOf, weeksBetween } from './weeks.js';
import type { Step } from './shapes.js';
import { handled, writeWeeks, type LoadedWeeks } from './write-weeks.js';

export interface RollupOptions {
  /** Rates in other currencies are left out of the figures. */
  readonly currency: string;
  /** @defaultValue DEFAULT_TREND_SETTINGS */
  readonly settings?: TrendSettings;
  /**
   * Whether to recompute the related skills (skill_pairs) of the newest complete week
   * (`relatedSkillsWeek`): 13 weeks of postings paired skill by skill, by far the dearest
   * part. The rollups that follow each processed batch leave them to the weekly one.
   * @defaultValue true
   */
  readonly relatedSkills?: boolean;
  /** When the rollup runs: which of its weeks have ended. @defaultValue the call's time */
  readonly now?: Date;
  /**
   * What a rollup that computes related skills prunes once it has committed: related
   * skills beyond the newest weeks kept, payloads of old processed listings compressed
   * (see retention.ts). @defaultValue undefined (nothing pruned; the configuration's
   * retention comes with `rollupOptions`)
   */
  readonly retention?: RetentionSettings;
  readonly logger?: Logger;
}

export interface RollupResult {
  /** The weeks recomputed (Mondays), oldest first. */
  readonly weeks: readonly string[];
  /** Rows written to skill_weekly, category_weekly and skill_movers. */
  readonly skillRows: number;
  readonly categoryRows: number;
  readonly movers: number;
  /** The week whose related skills were computed, and how many pairs. */
  readonly pairsWeek: string | null;
  readonly pairs: number;
  /** What retention pruned after the rollup; null when it did not run. */
  readonly retention: RetentionResult | null;
  readonly durationMs: number;
  /**
   * Milliseconds spent in each step, in order: where a slow rollup spends its time. Reads
   * (`load`), counting (`count`) and writes (`write`) of runs of weeks overlap; each is the
   * time the rollup waited on it, repeated steps added up.
   */
  readonly stepsMs: Readonly<Record<string, number>>;
}

/**
 * The rollup as the configuration sets it: rates in REPORT_CURRENCY, the `trends:`
 * settings, and the retention of related skills and raw payloads.
 */
export function rollupOptions(
  config: Pick<
    Config,
    'reportCurrency' | 'trends' | 'relatedSkillsRetentionWeeks' | 'rawPayloadRetentionDays'
  >,
  logger?: Logger,
): RollupOptions {
  return {
    currency: config.reportCurrency,
    settings: config.trends,
    retention: retentionSettings(config),
    ...(logger ? { logger } : {}),
  };
}

/** Which weeks a rollup covers. */
export type RollupScope =
  | { readonly kind: 'weeks'; readonly weeks: readonly string[] }
  | { readonly kind: 'since'; readonly since: string }
  | { readonly kind: 'all' }
  /** The weeks of postings processed or seen again since the last rollup (all, if none). */
  | { readonly kind: 'changed' };

/**
 * The weeks a scope names that hold postings: every week from the first posting's to
 * the last one's for `all`, from the week of `since` for `since`.
 */
export async function weeksOf(db: Kysely<Database>, scope: RollupScope): Promise<string[]> {
  if (scope.kind === 'weeks') return [...new Set(scope.weeks)].sort();
  if (scope.kind === 'changed') {
    const last = await db
      .selectFrom('market_weekly')
      .select((eb) => eb.fn.max('computed_at').as('at'))
      .executeTakeFirst();
    if (!last?.at) return weeksOf(db, { kind: 'all' });
    const changed = await db
      .selectFrom('postings')
      .select('id')
      .where((eb) => eb.or([eb('processed_at', '>', last.at), eb('last_seen_at', '>', last.at)]))
      .execute();
    return weeksOfPostings(
      db,
      changed.map((r) => r.id),
    );
  }
  const span = await db
    .selectFrom('postings')
    .select((eb) => [eb.fn.min('active_from').as('first'), eb.fn.max('active_until').as('last')])
    .executeTakeFirstOrThrow();
  if (span.first === null || span.last === null) return [];
  const first = scope.kind === 'since' && scope.since > span.first ? scope.since : span.first;
  return weeksBetween(first, span.last);
}

/**
 * Recomputes the trend tables for the given weeks (Mondays): market_weekly,
 * skill_weekly, category_weekly, breakdown_weekly, role_weekly, role_profile_weekly, the
 * rank changes that read these
 * weeks, the movers whose windows hold them, and the related skills of the newest complete
 * one (`relatedSkillsWeek`).
 * One transaction: readers see the old figures or the new ones, and running it again
 * leaves the same rows. Rollups wait for each other (an advisory lock), so two workers
 * rolling up the same week one after the other cannot interleave.
 */
export async function rollupWeeks(
  db: Kysely<Database>,
  weeks: readonly string[],
  options: RollupOptions,
): Promise<RollupResult> {
  const started = performance.now();
  const sorted = [...new Set(weeks)].sort();
  const settings = options.settings ?? DEFAULT_TREND_SETTINGS;
  if (sorted.length === 0) {
    return {
      weeks: [],
      skillRows: 0,
      categoryRows: 0,
      movers: 0,
      pairsWeek: null,
      pairs: 0,
      retention: null,
      durationMs: 0,
      stepsMs: {},
    };
  }
  const stepsMs: Record<string, number> = {};
  let last = performance.now();
  // Steps repeated (a run of weeks at a time) add up.
  const step: Step = (name, work) =>
    work.then((value) => {
      const now = performance.now();
      stepsMs[name] = (stepsMs[name] ?? 0) + Math.round(now - last);
      last = now;
      return value;
    });
  const result = await db.transaction().execute(async (trx) => {
    await step(
      'lock',
      sql`select pg_advisory_xact_lock(hashtext('skillpulse rollup'))`.execute(trx),
    );
    await readSettings(trx);
    return withSnapshotReader(
      db,
      trx,
      (reader) => rewriteWeeks(trx, reader, sorted, settings, options, step),
      options.logger,
    );
  });
  const durationMs = Math.round(performance.now() - started);
  options.logger?.info(
    {
      weeks: sorted.length,
      first: sorted[0],
      last: sorted[sorted.length - 1],
      ...result,
      durationMs,
      stepsMs,
    },
    'rollup done',
  );
  // The weekly rollup (the one with related skills) prunes, after its figures are
  // committed and in statements of its own, so that a backlog to prune never holds the
  // rollup's transaction open.
  const retention =
    result.pairsWeek !== null && options.retention
      ? await applyRetention(db, {
          settings: options.retention,
          keepWeek: result.pairsWeek,
          ...(options.logger ? { logger: options.logger } : {}),
        }).catch((error: unknown) => {
          throw new Error(
            `retention after the rollup of ${result.pairsWeek} failed: ${(error as Error).message}`,
            { cause: error },
          );
        })
      : null;
  return { weeks: sorted, ...result, retention, durationMs, stepsMs };
}

/**
 * The week of `weeks` (ascending) whose related skills a rollup computes, and whose report
 * follows: the newest that had ended by `now`, the week read by default (read.ts,
 * `defaultWeek`); the newest when none has, as when only the current week is rolled up.
 */
export function relatedSkillsWeek(weeks: readonly string[], now: Date): string {
  const current = weekOf(now);
  return weeks.findLast((week) => week < current) ?? (weeks[weeks.length - 1] as string);
}

/** The trend tables' rows of `weeks` rewritten in `trx`, postings read in `reader`. */
async function rewriteWeeks(
  trx: Transaction<Database>,
  reader: Transaction<Database>,
  weeks: readonly string[],
  settings: TrendSettings,
  options: RollupOptions,
  step: Step,
): Promise<Omit<RollupResult, 'weeks' | 'retention' | 'durationMs' | 'stepsMs'>> {
  const tables = [
    'market_weekly',
    'skill_weekly',
    'category_weekly',
    'breakdown_weekly',
    'role_weekly',
    'role_profile_weekly',
    'rollup_weeks',
  ] as const;
  const pairsWeek =
    options.relatedSkills === false ? null : relatedSkillsWeek(weeks, options.now ?? new Date());
  // Statements queued ahead of what is awaited: when one fails, the statements after it
  // fail as the transaction is aborted, and the first failure is the one to report.
  const ahead: Promise<unknown>[] = [];
  // Related skills and the roles' window figures are counted from the newest run of
  // weeks when it is their window, and written while the other runs are counted.
  let windowWritten: Promise<[number, number]> | null = null;
  const countWindow = (week: string, open: OpenPostings, index: SkillIndex) => {
    windowWritten = handled(
      Promise.all([
        writePairs(trx, week, settings, countPairs(week, settings, open, index)),
        writeRoleWindow(trx, week, settings, countRoleWindow(week, settings, open, index)),
      ]),
    );
    ahead.push(windowWritten);
  };
  const withNewestRun = ({ weeks: run, open, index }: LoadedWeeks) => {
    if (pairsWeek === null) return;
    const window = pairsWindow(pairsWeek, settings);
    if (window.length === run.length && window.every((w) => run.includes(w))) {
      countWindow(pairsWeek, open, index);
    }
  };
  // The stored weeks the movers read are not rewritten: read while the postings are.
  const index = await loadSkillIndex(trx);
  const skillKeys = index.ids.slice(0, index.known);
  const moverInputs = handled(readMoverWeeks(trx, weeks, skillKeys));
  ahead.push(moverInputs);
  const rewrite = () => {
    // Queued, not awaited: the old rows go while the postings are read on the other
    // connection; the writes queue behind them.
    const deleted = handled(
      Promise.all(
        tables.map((table) => trx.deleteFrom(table).where('week', 'in', weeks).execute()),
      ),
    );
    ahead.push(deleted);
    return writeWeeks(
      trx,
      reader,
      weeks,
      options.currency,
      index,
      step,
      withNewestRun,
      deleted,
      settings.roleProfileMinPostings,
    );
  };
  try {
    const { skillRows, categoryRows, computed } =
      weeks.length >= REBUILD_INDEXES_WEEKS
        ? await withoutSecondaryIndexes(trx, tables, rewrite, (work) => step('indexes', work))
        : await rewrite();
    // Fresh statistics for the reads that follow when much was rewritten.
    if (weeks.length > 4) await step('analyze', sql`analyze skill_weekly`.execute(trx));
    const movers = await step(
      'movers',
      moverInputs.then((stored) => writeMovers(trx, weeks, settings, computed, skillKeys, stored)),
    );
    let pairs = 0;
    if (pairsWeek !== null) {
      if (windowWritten === null) {
        const window = pairsWindow(pairsWeek, settings);
        const open = await step(
          'load window',
          loadOpenPostings(reader, window, options.currency, index),
        );
        countWindow(pairsWeek, open, index);
      }
      [pairs] = await step('pairs and role window', windowWritten!);
    }
    return { skillRows, categoryRows, movers, pairsWeek, pairs };
  } catch (error) {
    throw await firstFailure(error, ahead);
  }
}

/**
 * `error`, or, when it only says the transaction was aborted, the failure of a statement
 * queued ahead that aborted it.
 */
async function firstFailure(error: unknown, ahead: readonly Promise<unknown>[]): Promise<unknown> {
  if ((error as { code?: unknown } | null)?.code !== ABORTED) return error;
  for (const statement of ahead) {
    const failure = await statement.then(
      () => null,
      (cause: unknown) => cause,
    );
    if (failure !== null && (failure as { code?: unknown }).code !== ABORTED) return failure;
  }
  return error;
}
/** SQLSTATE in_failed_sql_transaction: a statement after a failed one. */
const ABORTED = '25P02';

/**
 * Runs `work` with a transaction to read postings in: with a connection pool, a second
 * connection on the snapshot of `trx` (exported and imported), so the server reads the
 * next run of weeks on one connection while it writes the last on the other; on PGlite
 * (one session), `trx` itself. Either way every read sees the postings as of one moment.
 */
async function withSnapshotReader<T>(
  db: Kysely<Database>,
  trx: Transaction<Database>,
  work: (reader: Transaction<Database>) => Promise<T>,
  logger: Logger | undefined,
): Promise<T> {
  if (!hasConnectionPool(db)) return work(trx);
  const { rows } = await sql<{ id: string }>`select pg_export_snapshot() as id`.execute(trx);
  const snapshot = (rows[0] as { id: string }).id;
  let started = false;
  try {
    return await db
      .transaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute(async (reader) => {
        started = true;
        await sql`set transaction snapshot ${sql.lit(snapshot)}`.execute(reader);
        await readSettings(reader);
        return work(reader);
      });
  } catch (error) {
    // No second connection to be had (a pool taken up by other work): read on `trx`.
    if (started) throw error;
    logger?.warn({ err: error }, 'rollup reads on its own connection: no second connection');
    return work(trx);
  }
}

/** Settings for the rollup's reads, in the transaction that makes them. */
async function readSettings(trx: Transaction<Database>): Promise<void> {
  // They sort runs of weeks' postings by rate: in memory, not in temp files.
  await sql`set local work_mem = '256MB'`.execute(trx);
  // They are big statements run once each: compiling them (JIT) costs more than it saves.
  await sql`set local jit = off`.execute(trx);
}

/**
 * From this many weeks, a rollup drops the trend tables' secondary indexes and builds them
 * again after writing: one sort per index instead of a random insert per row.
 */
const REBUILD_INDEXES_WEEKS = 26;

/**
 * Runs `work` with the secondary indexes of `tables` dropped, then creates them again as
 * they were defined. Dropping an index locks its table until commit: readers wait for the
 * rollup instead of reading the old figures, which only a rewrite of many weeks does.
 */
async function withoutSecondaryIndexes<T>(
  trx: Transaction<Database>,
  tables: readonly string[],
  work: () => Promise<T>,
  timed: (rebuild: Promise<unknown>) => Promise<unknown>,
): Promise<T> {
  const { rows } = await sql<{ name: string; definition: string }>`
    select i.relname as name, pg_get_indexdef(x.indexrelid) as definition
    from pg_index x join pg_class i on i.oid = x.indexrelid
    where x.indrelid = any(${tables}::text[]::regclass[])
      and not x.indisprimary and not x.indisunique`.execute(trx);
  for (const index of rows) await sql`drop index ${sql.id(index.name)}`.execute(trx);
  const result = await work();
  await timed(
    (async () => {
      for (const index of rows) await sql.raw(index.definition).execute(trx);
    })(),
  );
  return result;
}

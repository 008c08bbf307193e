/**
 * A chaos run: the clean reference first (its tables are what every round must leave,
 * its first run the scale fault points are drawn on), then rounds with one fault each,
 * each compared with the reference. Used by `npm run chaos` (run.ts) and by the short
 * form in test/integration/chaos.test.ts.
 */
import path from 'node:path';
import {
  compareTables,
  snapshotTables,
  TREND_TABLES,
  type TableDiff,
  type TableSnapshot,
} from './checksums.js';
import { canonicalsAgainstAllAtOnce, type CanonicalCheck } from './diagnostics.js';
import { ChaosEnvironment, type ChaosOptions } from './environment.js';
import type { FaultPlan, RunFigures } from './faults.js';
import { runRound, type CrawlRunRow, type Round, type RoundResult } from './round.js';

/** How long the diagnostic full rollup may take. */
const FULL_ROLLUP_MS = 180_000;

export interface RoundReport {
  readonly result: RoundResult;
  /** Against the reference, table by table. */
  readonly diffs: readonly TableDiff[];
  /**
   * The round's trend tables against a full rollup of its own postings (`skillpulse
   * rollup --all`, run after the comparison): rows that differ are rollups lost or run
   * on stale data. Null when the full rollup failed.
   */
  readonly stale: readonly TableDiff[] | null;
  /** The round's canonical links against resolving all its postings at once. */
  readonly canonicals: CanonicalCheck;
  /** crawl_runs left 'running' after both runs and the drains. */
  readonly runningCrawlRuns: readonly CrawlRunRow[];
  /** Every table as the reference, no hang, no run left running. */
  readonly passed: boolean;
  /**
   * When it did not pass: whether the canonical choice among duplicates is all that
   * differs (listings, postings and skills as the reference, trend tables fresh, no hang),
   * the nondeterminism of duplicate resolution rather than a loss the fault caused.
   */
  readonly canonicalDriftOnly: boolean;
}

export class ChaosSuite {
  private reference: { figures: RunFigures; tables: TableSnapshot[] } | undefined;

  private constructor(readonly env: ChaosEnvironment) {}

  static async start(options: ChaosOptions): Promise<ChaosSuite> {
    return new ChaosSuite(await ChaosEnvironment.start(options));
  }

  /** The reference's first run, once it ran. */
  get referenceFigures(): RunFigures | undefined {
    return this.reference?.figures;
  }

  /**
   * The clean reference. It has to finish cleanly itself: a hang or a run left running
   * in it stops the chaos run, since nothing could be compared with it.
   */
  async runReference(): Promise<RoundReport> {
    const round = await runRound(this.env, 'ref', null, null);
    try {
      const tables = await snapshotTables(round.db);
      const same = tables.map((t) => ({ table: t.table, referenceRows: t.rows, rows: t.rows, matched: true, lost: 0, duplicated: 0, changed: 0, changedFields: {}, examples: [] })); // prettier-ignore
      const report = judge(round.result, same, await canonicalsAgainstAllAtOnce(round.db), await this.staleness(round)); // prettier-ignore
      if (!report.passed) {
        throw new Error(`the clean reference run did not finish cleanly (logs in ${round.result.logDir}): ${[...report.result.hangs.map((h) => `${h.what}: ${h.detail}`), ...report.runningCrawlRuns.map((r) => `crawl run of ${r.source_id} left running`)].join('; ')}`); // prettier-ignore
      }
      this.reference = { figures: round.result.figures, tables };
      return report;
    } finally {
      await round.dispose();
    }
  }

  /** One round, with a fault or (for the reference check) without, compared with the reference. */
  async runRound(label: string, plan: FaultPlan | null): Promise<RoundReport> {
    const reference = this.reference;
    if (!reference) throw new Error('run the reference first');
    const round = await runRound(this.env, label, plan, reference.figures);
    try {
      const diffs = await compareTables(round.db, reference.tables);
      return judge(round.result, diffs, await canonicalsAgainstAllAtOnce(round.db), await this.staleness(round)); // prettier-ignore
    } finally {
      await round.dispose();
    }
  }

  /** The trend tables before and after a full rollup of the round's own postings. */
  private async staleness(round: Round): Promise<TableDiff[] | null> {
    if (this.env.options.fullRollup === false) return [];
    const before = await snapshotTables(round.db, TREND_TABLES);
    const rollup = await this.env.registry.run('rollup --all', ['rollup', '--all'], {
      env: { DATABASE_URL: this.env.directUrl(round.result.database), SKILLPULSE_CONFIG: this.env.configFile, LOG_LEVEL: 'warn', LOG_FORMAT: 'json' }, // prettier-ignore
      logFile: path.join(round.result.logDir, 'full-rollup.log'),
      boundMs: FULL_ROLLUP_MS,
    });
    if (rollup.code !== 0) return null;
    return compareTables(round.db, before, TREND_TABLES);
  }

  async close(options: { keepLogs?: boolean } = {}): Promise<void> {
    await this.env.close(options);
  }
}

const DATA_TABLES = ['raw_listings', 'postings', 'posting_skills'];

function judge(
  result: RoundResult,
  diffs: TableDiff[],
  canonicals: CanonicalCheck,
  stale: TableDiff[] | null,
): RoundReport {
  const runningCrawlRuns = result.crawlRuns.filter((r) => r.crawl_status === 'running');
  const clean = result.hangs.length === 0 && runningCrawlRuns.length === 0;
  const passed = clean && diffs.every((d) => d.matched);
  const canonicalDriftOnly =
    !passed &&
    clean &&
    stale !== null &&
    stale.every((d) => d.matched) &&
    diffs.every((d) => d.matched || !DATA_TABLES.includes(d.table)) &&
    diffs.some((d) => d.table === 'canonicals' && !d.matched);
  return { result, diffs, stale, canonicals, runningCrawlRuns, passed, canonicalDriftOnly };
}

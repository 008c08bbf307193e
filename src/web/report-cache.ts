import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { TrendSettings } from '../config/settings.js';
import { buildWeeklyReport } from '../report/weekly.js';
import type { WeeklyReport } from '../report/weekly-model.js';

/** Weeks whose reports are kept: the newest and a few the archive was browsed for. */
const KEPT_WEEKS = 8;

/** A week's report as built, with the rollup stamp it was built under. */
interface CachedReport {
  readonly stamp: number;
  readonly report: Promise<WeeklyReport>;
}

/**
 * The weekly reports the dashboard shows, built once per rollup of their week: a report
 * reads a few hundred milliseconds of trend tables at a million postings, and several
 * pages and API answers read it. A week rolled up again (a newer `computed_at`) is
 * rebuilt; asked for again while it is being built, the one build is awaited.
 */
export class ReportCache {
  private readonly reports = new Map<string, CachedReport>();

  /** `trends`: the configuration's `trends:` settings, whose mover rules the reports state. */
  constructor(
    private readonly db: Kysely<Database>,
    private readonly trends?: TrendSettings,
  ) {}

  async get(week: string): Promise<WeeklyReport> {
    const row = await this.db
      .selectFrom('market_weekly')
      .select((eb) => eb.fn.max('computed_at').as('at'))
      .where('week', '=', week)
      .executeTakeFirst();
    // A week never rolled up: the build names it.
    if (!row?.at) return buildWeeklyReport(this.db, week, this.trends);
    const stamp = new Date(row.at).getTime();
    const kept = this.reports.get(week);
    // Most recently used last, so the oldest use is the first to go.
    this.reports.delete(week);
    if (kept && kept.stamp === stamp) {
      this.reports.set(week, kept);
      return kept.report;
    }
    const report = buildWeeklyReport(this.db, week, this.trends);
    const entry = { stamp, report };
    this.reports.set(week, entry);
    while (this.reports.size > KEPT_WEEKS) this.reports.delete(this.reports.keys().next().value!);
    // A failed build is not kept: the next visit tries again.
    report.catch(() => {
      if (this.reports.get(week) === entry) this.reports.delete(week);
    });
    return report;
  }
}

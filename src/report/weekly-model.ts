import { weekLabel } from '../trends/weeks.js';
/*
 * The weekly skill-demand report as the renderers (markdown.ts, html.ts) and the
 * dashboard read it; built by weekly.ts from the trend tables.
 */

/** Below these, a figure is printed but marked as resting on too small a sample. */
export const MIN_POSTINGS = 10;
export const MIN_RATES = 5;
/** Weeks of history behind the report's trend lines. */
export const HISTORY_WEEKS = 26;

/** Weeks of history a figure needs: the 13-week changes and the year-ago rank change. */
export const QUARTER_WEEKS = 13;
export const YEAR_WEEKS = 52;

/** A rate series' figures in a week: day rates, hourly rates or annual salaries. */
export interface RateRange {
  readonly p10: number;
  readonly p25: number;
  readonly median: number;
  readonly p75: number;
  readonly p90: number;
  /** How many rates the figures read. */
  readonly count: number;
  /** Median now / median 13 weeks before - 1; null without a figure then. */
  readonly change13w: number | null;
  readonly smallSample: boolean;
}

export interface DemandLine {
  readonly id: string;
  readonly name: string;
  readonly postings: number;
  readonly share: number;
  readonly rank: number;
  readonly rankChange1w: number | null;
  /** Rank 52 weeks before - rank now (positive: climbed); null without a rank then. */
  readonly rankChange52w: number | null;
  /** Postings now / postings k weeks before - 1; null when there were none then. */
  readonly change1w: number | null;
  readonly change13w: number | null;
  readonly dayRate: RateRange | null;
  readonly hourlyRate: RateRange | null;
  /** Annual salaries, as permanent postings state them. */
  readonly annualSalary: RateRange | null;
  readonly smallSample: boolean;
}

export interface MoverLine {
  readonly id: string;
  readonly name: string;
  readonly postingsNow: number;
  readonly postingsBefore: number;
  readonly shareNow: number;
  readonly shareBefore: number;
  readonly pValue: number;
}

/** A role's figures in the week: a skill's, with its category and the experience asked. */
export interface RoleLine extends DemandLine {
  readonly category: string | null;
  /**
   * The median of the fewest years of experience its postings ask, of those stating it:
   * over the section's window when there is one.
   */
  readonly experienceYears: number | null;
}

/** A role's day rates, over the roles' window of weeks or in the week. */
export interface PaidRoleLine {
  readonly id: string;
  readonly name: string;
  /** Its postings where the rates were read. */
  readonly postings: number;
  readonly dayRate: RateRange;
}

/**
 * Where the roles' best paid and years asked are read, as the report words it: "over the
 * 13 weeks to 2026-W48", or "this week" when there is no window.
 */
export function rolesWindowWords(roles: RolesSection): string {
  const { window } = roles;
  return window === null
    ? 'this week'
    : `over the ${window.weeks} weeks to ${weekLabel(window.week)}`;
}

/** The week's roles (segment all). */
export interface RolesSection {
  /** The most-demanded roles, by rank. */
  readonly topByDemand: readonly RoleLine[];
  /**
   * The weeks the best paid and the years asked are read over (role_window): the
   * `weeks` weeks to the report's week; null when none was counted for it (an older
   * week), and they are the week's own.
   */
  readonly window: { readonly week: string; readonly weeks: number } | null;
  /** The best-paid roles by median day rate, of those with MIN_RATES day rates or more. */
  readonly topByRate: readonly PaidRoleLine[];
  readonly risers: readonly MoverLine[];
  readonly fallers: readonly MoverLine[];
}

export interface RelatedLine {
  readonly id: string;
  readonly name: string;
  readonly related: readonly {
    id: string;
    name: string;
    postings: number;
    share: number;
    lift: number;
  }[];
}

export interface ReportSection {
  /** null for the whole market. */
  readonly category: string | null;
  /** The category's name as readers know it (the taxonomy's), or "All skills". */
  readonly name: string;
  readonly demand: DemandLine | null;
  readonly topSkills: readonly DemandLine[];
  readonly risers: readonly MoverLine[];
  readonly fallers: readonly MoverLine[];
  readonly related: readonly RelatedLine[];
  /** Weekly postings of the section's top skills over the report's history weeks. */
  readonly history: readonly HistoryLine[];
}

export interface HistoryLine {
  readonly id: string;
  readonly name: string;
  /** One figure per week of `WeeklyReport.historyWeeks`; 0 in weeks without postings. */
  readonly postings: readonly number[];
}

export interface MarketFigures {
  readonly postings: number;
  readonly newPostings: number;
  readonly change1w: number | null;
  readonly change13w: number | null;
  readonly dayRate: RateRange | null;
  readonly hourlyRate: RateRange | null;
  readonly annualSalary: RateRange | null;
  /** The week's postings by country and by work mode, most postings first. */
  readonly breakdowns: {
    readonly country: readonly BreakdownLine[];
    readonly workMode: readonly BreakdownLine[];
  };
}

/** The postings of one country or work mode in the week. */
export interface BreakdownLine {
  /** An ISO country code or a work mode (remote, hybrid, onsite, unknown). */
  readonly value: string;
  readonly postings: number;
  /** Of the week's postings. */
  readonly share: number;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
}

/** A source's runs in the report's week; status and message are those of its worst run. */
export interface SourceRuns {
  sourceId: string;
  runs: number;
  listings: number;
  newListings: number;
  status: string;
  message: string | null;
}

export interface WeeklyReport {
  /** Monday of the week, and its ISO label. */
  readonly week: string;
  readonly label: string;
  readonly currency: string;
  readonly market: MarketFigures;
  /** The Mondays of the history weeks, oldest first, ending with the report's week. */
  readonly historyWeeks: readonly string[];
  readonly overall: ReportSection;
  readonly categories: readonly ReportSection[];
  /**
   * The week's roles: null when the week has no role figures (postings stored before
   * roles were read), absent in reports stored before the report had roles.
   */
  readonly roles?: RolesSection | null;
  readonly methodology: {
    readonly sources: readonly SourceRuns[];
    readonly degraded: readonly string[];
    readonly duplicates: number;
    readonly moverWindowWeeks: number;
    /**
     * The rules a rising or falling skill passed (the `trends:` settings): the largest
     * p-value, the skill's postings in the window its share is the higher in, and the
     * market's new postings each window must hold.
     */
    readonly moverMaxPValue: number;
    readonly moverMinSupport: number;
    readonly moverMinWindowPostings: number;
    /** Weeks rolled up from the first week with postings to the report's week. */
    readonly weeksOfHistory: number;
    /** The week related skills were last computed for (≤ the report's week). */
    readonly relatedWeek: string | null;
  };
}

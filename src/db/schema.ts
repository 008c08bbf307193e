import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/*
 * The single source of table types. Both backends return the same JavaScript types
 * (see type-parsers.ts): bigint and numeric as number, date as 'YYYY-MM-DD',
 * timestamptz as Date, jsonb parsed.
 */

/** A timestamptz column: read as Date, written as Date or ISO string. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamptz column with a default. */
export type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A date column, read and written as 'YYYY-MM-DD'. */
export type DateString = string;
/** A numeric column: read as number, written as number or decimal string. */
export type Numeric = ColumnType<number, number | string, number | string>;
/**
 * A jsonb column: read parsed, written as JSON text (see `toJson`), which both drivers
 * pass through unchanged (pg would turn a JS array into a Postgres array).
 */
export type Json<T> = ColumnType<T, string, string>;
export type GeneratedJson<T> = ColumnType<T, string | undefined, string>;

export type CrawlRunStatus = 'running' | 'ok' | 'degraded' | 'failed';
export type WorkMode = 'remote' | 'hybrid' | 'onsite' | 'unknown';
export type ContractType = 'contract' | 'freelance' | 'temporary' | 'permanent' | 'unknown';
export type Ir35 = 'inside' | 'outside';
export type RatePeriod = 'hour' | 'day' | 'week' | 'month' | 'year' | 'fixed';
export type RateOrigin = 'structured' | 'text';
export type Segment = 'contract' | 'freelance' | 'permanent' | 'all';
export type ReportFormat = 'html' | 'md' | 'json';

export interface SourcesTable {
  id: string;
  name: string;
  /** Which adapter in src/sources/ crawls it. */
  adapter: string;
  enabled: Generated<boolean>;
  config: GeneratedJson<Record<string, unknown>>;
  created_at: GeneratedTimestamp;
  updated_at: GeneratedTimestamp;
}

export type CrawlRunKind = 'crawl' | 'import';

/** A column the database computes: read only. */
export type GeneratedAlways<T> = ColumnType<T, never, never>;

export interface CrawlRunsTable {
  id: Generated<number>;
  source_id: string;
  job_id: string | null;
  /** A crawl of the site, or an import of a saved response (`skillpulse import`). */
  kind: ColumnType<CrawlRunKind, CrawlRunKind | undefined, CrawlRunKind>;
  /** The run's health all told: the crawl's verdict, degraded when processing rejected most of its listings. */
  status: GeneratedAlways<CrawlRunStatus>;
  /** What the crawl itself made of the run: fetching, yield against the baseline, errors. */
  crawl_status: ColumnType<CrawlRunStatus, CrawlRunStatus | undefined, CrawlRunStatus>;
  started_at: GeneratedTimestamp;
  finished_at: Timestamp | null;
  since: Timestamp | null;
  pages: Generated<number>;
  listings: Generated<number>;
  new_listings: Generated<number>;
  error_count: Generated<number>;
  /** Error counts by kind, e.g. {"http_5xx": 2, "parse": 1}. */
  errors: GeneratedJson<Record<string, number>>;
  /** Why, all told: the crawl's message and the processing's, joined by "; ". */
  message: GeneratedAlways<string | null>;
  crawl_message: string | null;
  /** Listings the run stored that processing has finished, and how many of them it rejected. */
  processed: Generated<number>;
  rejected: Generated<number>;
  /** Rejected listings by reason (raw_listings.process_error). */
  rejections: GeneratedJson<Record<string, number>>;
  /** Set when processing rejected more than half of the run's listings, saying so. */
  process_message: string | null;
  /** Items of its responses that were no listings, by reason ("deleted comment": 3). */
  skipped: GeneratedJson<Record<string, number>>;
  /** Beaten while the run works: a `running` run without a recent one was left by a dead worker. */
  heartbeat_at: Timestamp | null;
  /** Requests the run had still to fetch when it stopped early; the next crawl starts from them. */
  resume: Json<CrawlResume> | null;
}

/**
 * A request a source's handler asks for, as queued; kept in a run's `resume` when the run
 * stops early.
 */
export interface RequestSpec {
  readonly url: string;
  readonly label: string;
  /**
   * `page` requests list listings and are subject to the incremental stop (a page of
   * only known ids, or only listings older than `--since`, ends the paging);
   * `detail` requests complete one listing.
   * @defaultValue 'page'
   */
  readonly role?: 'page' | 'detail';
  readonly method?: 'GET' | 'POST';
  readonly payload?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Small values carried to the next handler (a list row's fields, a page number). */
  readonly userData?: Readonly<Record<string, unknown>>;
}

/** What an interrupted crawl had left to do: the adapter's request specs, as queued. */
export interface CrawlResume {
  readonly requests: readonly RequestSpec[];
}

export interface RawListingsTable {
  id: Generated<number>;
  source_id: string;
  external_id: string;
  url: string;
  /** sha256 of the listing's canonical JSON: the same content is stored once. */
  content_hash: string;
  fetched_at: Timestamp;
  crawl_run_id: number | null;
  /**
   * The listing as captured: the adapter's fields and the source's own payload; `{}` once
   * payload retention has moved it to `payload_gzip` (read both with `storedPayload`).
   */
  payload: Json<Record<string, unknown>>;
  /** The payload's JSON gzip'd, for processed listings older than RAW_PAYLOAD_RETENTION_DAYS. */
  payload_gzip: Uint8Array | null;
  processed_at: Timestamp | null;
  /** Why the listing could not be processed; null when it was. */
  process_error: string | null;
}

export interface PostingsTable {
  id: Generated<number>;
  source_id: string;
  external_id: string;
  raw_listing_id: number;
  url: string;
  title: string;
  company: string | null;
  location: string | null;
  /** ISO 3166-1 alpha-2: the first country the posting names. */
  country: string | null;
  /** Every country the posting names ("USA, Canada": US and CA), first one first. */
  countries: ColumnType<string[], string[] | undefined, string[]>;
  region: string | null;
  city: string | null;
  work_mode: ColumnType<WorkMode, WorkMode | undefined, WorkMode>;
  contract_type: ColumnType<ContractType, ContractType | undefined, ContractType>;
  ir35: Ir35 | null;
  /** The level its title names (roles/seniority.ts, through roleOfPosting). */
  seniority: string | null;
  /**
   * The role of the role taxonomy its title names, or for a title naming no job the
   * opening of its description (roles/posting-role.ts, roleOfPosting); null when neither
   * names an IT role (migration 002200).
   */
  role_id: string | null;
  posted_at: Timestamp | null;
  first_seen_at: Timestamp;
  last_seen_at: Timestamp;
  description: Generated<string>;
  content_hash: string;
  dedupe_key: string | null;
  /** The canonical posting this one duplicates; null when it is canonical itself. */
  canonical_id: number | null;
  rate_min: Numeric | null;
  rate_max: Numeric | null;
  rate_currency: string | null;
  rate_period: RatePeriod | null;
  rate_origin: RateOrigin | null;
  rate_confidence: number | null;
  normalized_currency: string | null;
  day_rate: Numeric | null;
  hourly_rate: Numeric | null;
  annual_salary: Numeric | null;
  rate_excluded_reason: string | null;
  rate_flag: string | null;
  /**
   * The years of experience the posting asks for, whole years: the fewest, and the most
   * when a range says so ("3-5 years"); null when it states no figure (migration 002100).
   */
  experience_years_min: number | null;
  experience_years_max: number | null;
  /** 64-bit SimHash of the description as 16 hex digits, for near-duplicate detection. */
  text_simhash: string | null;
  /** What processing noticed: "truncated", "binary", "mojibake", "rate: ...". */
  process_notes: GeneratedJson<string[]>;
  processed_at: GeneratedTimestamp;
  /**
   * Mondays of the first and last ISO week the posting was open, generated from
   * posted_at, first_seen_at and last_seen_at (the rule is in migration 000900).
   */
  active_from: ColumnType<DateString, never, never>;
  active_until: ColumnType<DateString, never, never>;
  /** Its posting_skills' skill ids, sorted; kept by triggers (migration 001000). */
  skill_ids: ColumnType<string[], never, never>;
}

export interface SkillsTable {
  id: string;
  name: string;
  category: string;
  parent_id: string | null;
  aliases: GeneratedJson<string[]>;
  ambiguity: Json<Record<string, unknown>> | null;
  is_certification: Generated<boolean>;
  updated_at: GeneratedTimestamp;
}

export interface PostingSkillsTable {
  posting_id: number;
  skill_id: string;
  mentions: Generated<number>;
  in_title: Generated<boolean>;
  /** The text that matched, as it appears in the posting. */
  surface: GeneratedJson<string[]>;
}

export interface FxRatesTable {
  currency: string;
  rate_date: DateString;
  /** Units of `currency` per one US dollar on `rate_date`. */
  per_usd: Numeric;
  source: Generated<string>;
}

interface RateFigures {
  day_rate_count: Generated<number>;
  day_rate_p10: Numeric | null;
  day_rate_p25: Numeric | null;
  day_rate_median: Numeric | null;
  day_rate_p75: Numeric | null;
  day_rate_p90: Numeric | null;
  hourly_rate_count: Generated<number>;
  hourly_rate_p10: Numeric | null;
  hourly_rate_p25: Numeric | null;
  hourly_rate_median: Numeric | null;
  hourly_rate_p75: Numeric | null;
  hourly_rate_p90: Numeric | null;
  /** Annual salaries (permanent postings), in the same currency. */
  annual_salary_count: Generated<number>;
  annual_salary_p10: Numeric | null;
  annual_salary_p25: Numeric | null;
  annual_salary_median: Numeric | null;
  annual_salary_p75: Numeric | null;
  annual_salary_p90: Numeric | null;
}

interface WeeklyFigures extends RateFigures {
  /** Monday of the ISO week, UTC. */
  week: DateString;
  segment: Segment;
  postings: number;
  share: number;
  rank: number;
  rank_change_1w: number | null;
  rank_change_4w: number | null;
  rank_change_13w: number | null;
  rank_change_52w: number | null;
  /** Postings first advertised in the week. */
  new_postings: Generated<number>;
  computed_at: GeneratedTimestamp;
}

export interface SkillWeeklyTable extends WeeklyFigures {
  skill_id: string;
}

export interface CategoryWeeklyTable extends WeeklyFigures {
  category: string;
}

/** The role taxonomy (src/roles/taxonomy/) as processing last synced it (migration 002200). */
export interface RolesTable {
  id: string;
  name: string;
  category: string;
  updated_at: GeneratedTimestamp;
}

/**
 * A role's figures in a week and segment, as skill_weekly's of a skill, and the years of
 * experience its postings ask (postings.experience_years_min of those stating it).
 */
export interface RoleWeeklyTable extends WeeklyFigures {
  role_id: string;
  experience_years_count: Generated<number>;
  experience_years_median: number | null;
}

/**
 * The skills (certifications among them) a role's postings ask for in a week, segment
 * 'all': postings = its postings asking for the skill, share = of the role's postings.
 */
export interface RoleProfileWeeklyTable {
  week: DateString;
  role_id: string;
  skill_id: string;
  postings: number;
  share: number;
  computed_at: GeneratedTimestamp;
}

/**
 * A role's figures over the `window_weeks` weeks ending at `week` (migration 002300):
 * its canonical postings open in the window, each once, their rates and the years of
 * experience they ask. Written for the newest complete week, as skill_pairs.
 */
export interface RoleWindowTable extends RateFigures {
  week: DateString;
  window_weeks: number;
  segment: Segment;
  role_id: string;
  postings: number;
  /** Of the market's postings open in the window, in the segment. */
  share: number;
  experience_years_count: Generated<number>;
  experience_years_median: number | null;
  computed_at: GeneratedTimestamp;
}

/** The skills a role's postings ask for over a window of weeks, as role_profile_weekly. */
export interface RoleProfileWindowTable {
  week: DateString;
  window_weeks: number;
  role_id: string;
  skill_id: string;
  postings: number;
  share: number;
  computed_at: GeneratedTimestamp;
}

export interface SkillPairsTable {
  week: DateString;
  window_weeks: number;
  skill_id: string;
  related_skill_id: string;
  postings: number;
  share: number;
  lift: number;
  computed_at: GeneratedTimestamp;
}

export interface SkillMoversTable {
  week: DateString;
  window_weeks: number;
  segment: Segment;
  skill_id: string;
  direction: 'rising' | 'falling';
  postings_now: number;
  postings_before: number;
  share_now: number;
  share_before: number;
  z_score: number;
  p_value: number;
  rank: number;
  computed_at: GeneratedTimestamp;
}

/** All postings of a segment in a week: the denominators of shares, and market rates. */
export interface MarketWeeklyTable extends RateFigures {
  week: DateString;
  segment: Segment;
  postings: number;
  new_postings: number;
  /** The currency of every rate figure of the week (REPORT_CURRENCY when rolled up). */
  currency: string;
  computed_at: GeneratedTimestamp;
}

export type BreakdownDimension = 'country' | 'work_mode';
export type BreakdownScope = 'market' | 'category' | 'skill';

/** Postings of a week by country or work mode, for all postings, a category or a skill. */
export interface BreakdownWeeklyTable {
  week: DateString;
  dimension: BreakdownDimension;
  value: string;
  scope: BreakdownScope;
  /** '' for the market, else the category or skill id. */
  scope_id: string;
  postings: number;
  /** Of all postings with this dimension value that week. */
  share: number;
  day_rate_count: Generated<number>;
  day_rate_median: Numeric | null;
  computed_at: GeneratedTimestamp;
}

/**
 * What a rollup reads back of weeks it does not recompute (migration 001100): each
 * skill's rank and new postings by segment, as comma-separated integers in skill_ids
 * order, segment by segment. Internal to the rollup.
 */
export interface RollupWeeksTable {
  week: DateString;
  skill_ids: string;
  ranks: string;
  new_postings: string;
  computed_at: GeneratedTimestamp;
}

export interface ReportsTable {
  id: Generated<number>;
  week: DateString;
  kind: Generated<string>;
  format: ReportFormat;
  content: string;
  created_at: GeneratedTimestamp;
}

export interface Database {
  sources: SourcesTable;
  crawl_runs: CrawlRunsTable;
  raw_listings: RawListingsTable;
  postings: PostingsTable;
  skills: SkillsTable;
  posting_skills: PostingSkillsTable;
  fx_rates: FxRatesTable;
  skill_weekly: SkillWeeklyTable;
  category_weekly: CategoryWeeklyTable;
  skill_pairs: SkillPairsTable;
  skill_movers: SkillMoversTable;
  market_weekly: MarketWeeklyTable;
  breakdown_weekly: BreakdownWeeklyTable;
  rollup_weeks: RollupWeeksTable;
  roles: RolesTable;
  role_weekly: RoleWeeklyTable;
  role_profile_weekly: RoleProfileWeeklyTable;
  role_window: RoleWindowTable;
  role_profile_window: RoleProfileWindowTable;
  reports: ReportsTable;
}

export type Source = Selectable<SourcesTable>;
export type NewSource = Insertable<SourcesTable>;
export type SourceUpdate = Updateable<SourcesTable>;
export type CrawlRun = Selectable<CrawlRunsTable>;
export type NewCrawlRun = Insertable<CrawlRunsTable>;
export type CrawlRunUpdate = Updateable<CrawlRunsTable>;
export type RawListing = Selectable<RawListingsTable>;
export type NewRawListing = Insertable<RawListingsTable>;
export type Posting = Selectable<PostingsTable>;
export type NewPosting = Insertable<PostingsTable>;
export type PostingUpdate = Updateable<PostingsTable>;
export type Skill = Selectable<SkillsTable>;
export type NewSkill = Insertable<SkillsTable>;
export type PostingSkill = Selectable<PostingSkillsTable>;
export type NewPostingSkill = Insertable<PostingSkillsTable>;
export type FxRate = Selectable<FxRatesTable>;
export type NewFxRate = Insertable<FxRatesTable>;
export type SkillWeekly = Selectable<SkillWeeklyTable>;
export type NewSkillWeekly = Insertable<SkillWeeklyTable>;
export type CategoryWeekly = Selectable<CategoryWeeklyTable>;
export type NewCategoryWeekly = Insertable<CategoryWeeklyTable>;
export type SkillPair = Selectable<SkillPairsTable>;
export type NewSkillPair = Insertable<SkillPairsTable>;
export type SkillMover = Selectable<SkillMoversTable>;
export type NewSkillMover = Insertable<SkillMoversTable>;
export type Report = Selectable<ReportsTable>;
export type NewReport = Insertable<ReportsTable>;

/** Encodes a value for a jsonb column the same way on both backends. */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  // jsonb takes neither NUL nor a lone surrogate ("\ud800" is valid JSON, not valid jsonb):
  // the rare text that has one is written again with them replaced.
  return JSONB_UNSAFE.test(text) ? JSON.stringify(value, jsonbSafe) : text;
}

/** Escapes JSON.stringify writes for characters jsonb refuses. */
const JSONB_UNSAFE = /\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

/** A JSON.stringify replacer that makes strings and keys storable in jsonb. */
function jsonbSafe(this: unknown, _key: string, value: unknown): unknown {
  if (typeof value === 'string') return wellFormed(value);
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.some(([key]) => wellFormed(key) !== key)) {
      return Object.fromEntries(entries.map(([key, v]) => [wellFormed(key), v]));
    }
  }
  return value;
}

/** A string without NUL, its lone surrogates replaced by U+FFFD. */
function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd').replaceAll('\u0000', '');
}

// A high surrogate with no low one after it, or a low one with no high one before it.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

import type { ContractType, RequestSpec } from '../db/schema.js';
import type { PayFieldTrust } from '../normalize/money.js';
import type { CheerioAPI } from 'cheerio';
import type { z } from 'zod';

/** Which crawlee crawler fetches a source's pages. */
export type CrawlerKind = 'http' | 'cheerio' | 'playwright';

/**
 * A salary or rate exactly as the source states it. Parsing and normalizing belongs to
 * the process stage; the crawl keeps what it was given.
 */
export interface StatedPay {
  readonly min?: number | null;
  readonly max?: number | null;
  readonly currency?: string | null;
  /** The source's own word for the period: "per-year-salary", "HOUR", "hourly", "fixed". */
  readonly period?: string | null;
  /** Free text such as "£450-500/day outside IR35" or "Budget: $250 fixed". */
  readonly text?: string | null;
}

/** One listing as an adapter reads it from a response; stored in raw_listings.payload. */
export interface ListingInput {
  readonly externalId: string;
  readonly url: string;
  readonly title: string;
  readonly company?: string | null;
  readonly location?: string | null;
  /**
   * The country the source implies where the location may not say it (a national
   * board's own country), ISO 3166-1 alpha-2; a country the location names wins.
   */
  readonly country?: string | null;
  /** ISO 8601. */
  readonly postedAt?: string | null;
  /** The source's own word: "Full-time", "CONTRACTOR", "fixed", "gig". */
  readonly employmentType?: string | null;
  /**
   * What the source's listings are when neither the type nor the text says: an employer's
   * own careers board (Greenhouse, Lever, Ashby) lists employment.
   */
  readonly contractDefault?: ContractType | null;
  readonly pay?: StatedPay | null;
  /** HTML or text, as given. */
  readonly description?: string | null;
  readonly tags?: readonly string[];
  /** Whether the source says the work is remote, where it says so. */
  readonly remote?: boolean | null;
  /** The source's own workplace field where it has one: "remote", "hybrid", "onsite". */
  readonly workplace?: 'remote' | 'hybrid' | 'onsite' | null;
  /** The source's own item, for reprocessing with richer parsers later. */
  readonly source: unknown;
}

/** The response a handler reads. The same handler parses a live page and a saved file. */
export interface PageInput<TConfig = unknown> {
  readonly url: string;
  readonly body: string;
  readonly userData: Readonly<Record<string, unknown>>;
  /** The source's settings, so requests need not carry them. */
  readonly config: TConfig;
  /** The body parsed as JSON (throws a ParseError when it is not). */
  json<T = unknown>(): T;
  /** The body parsed as HTML or XML. */
  $(): CheerioAPI;
}

/**
 * An item of a response that does not become a listing, and why ("deleted comment",
 * "the API's legal notice", "job id is missing"): every item of a response is either a
 * listing or one of these, never dropped silently.
 */
export interface SkippedItem {
  /** The item's id where it has one, else its position ("#3"). */
  readonly item: string;
  readonly reason: string;
  /** Whether the item was malformed (logged as a warning), not a known kind of non-listing. */
  readonly malformed: boolean;
  /** What the reason alone does not say (the error an adapter threw), for the warning. */
  readonly detail?: string;
}

export interface PageResult {
  readonly listings?: readonly ListingInput[];
  readonly requests?: readonly RequestSpec[];
  readonly skipped?: readonly SkippedItem[];
}

export type PageHandler<TConfig = unknown> = (page: PageInput<TConfig>) => PageResult;

/** What start requests may depend on beyond the source's config. */
export interface StartContext {
  readonly since: Date | undefined;
}

export interface Politeness {
  /** Parallel requests to the source. @defaultValue 2 */
  readonly maxConcurrency: number;
  /** @defaultValue 60 */
  readonly maxRequestsPerMinute: number;
  /** Pause between two requests to the same host. @defaultValue 0.5 */
  readonly sameDomainDelaySecs: number;
  /** @defaultValue 4 */
  readonly maxRetries: number;
  /** @defaultValue 30 */
  readonly timeoutSecs: number;
}

/**
 * Sources as the config file's `sources:` mapping gives them: each source's settings by
 * its id, with `adapter` for a source that is not named after its adapter.
 */
export type SourceSettings = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/**
 * A setting of an adapter that holds a secret (an API token). The environment variable
 * supplies it where the source's settings do not; it is never shown, in errors or output.
 */
export interface SecretSetting {
  /** The adapter's setting that holds it: a key of its config schema. */
  readonly setting: string;
  /** The environment variable that supplies it, such as `UPWORK_TOKEN`. */
  readonly env: string;
  /** What a valid value is, for `skillpulse config --help` and the error a bad one gives. */
  readonly expected: string;
}

/**
 * A source: one file in src/sources/ exports one of these. Its handlers only read
 * responses; fetching, politeness, storing and bookkeeping live in src/crawl/.
 */
export interface SourceAdapter<TConfig = unknown, TLabel extends string = string> {
  /** The adapter id: registry key and the default source id. */
  readonly id: string;
  readonly name: string;
  readonly crawler: CrawlerKind;
  /** Validates the source's settings and fills defaults (base URLs, boards, queries). */
  readonly configSchema: z.ZodType<TConfig>;
  /** @defaultValue true */
  readonly enabledByDefault?: boolean;
  /** Why the source cannot run with this config (a missing token), or undefined. */
  disabledReason?(config: TConfig): string | undefined;
  startRequests(config: TConfig, context: StartContext): RequestSpec[];
  /**
   * Which handler reads a saved response with this body (`skillpulse import`), where a
   * source's saved files come in more than one format. @defaultValue the first start request's label
   */
  importLabel?(body: string): TLabel;
  readonly handlers: Readonly<Record<TLabel, PageHandler<TConfig>>>;
  /** For Playwright sources: per label, the selector that shows the page has rendered. */
  readonly waitFor?: Readonly<Partial<Record<TLabel, string>>>;
  /** Extra request headers for every request (tokens, API versions). */
  headers?(config: TConfig): Record<string, string>;
  readonly politeness?: Partial<Politeness>;
  /** How far its pay fields are believed against the text. @defaultValue 'trusted' */
  readonly payFields?: PayFieldTrust;
  /** The settings that hold secrets, with the environment variables that supply them. @defaultValue none */
  readonly secrets?: readonly SecretSetting[];
  /**
   * Whether the adapter reads a format any site may publish (RSS, JSON-LD) rather than
   * one site: it crawls nothing until a source configures it for a site, and
   * `skillpulse import` reads a saved file with its default settings.
   * @defaultValue false
   */
  readonly generic?: boolean;
  /**
   * The sources `skillpulse demo` crawls with this adapter, pointed at the fixture web
   * (src/demo) at `webUrl`: the adapter's own id with its settings, or for a generic
   * adapter sources of its own that name it as their `adapter`.
   */
  demo(webUrl: string): SourceSettings;
}

/** A response that cannot be read as the source's format: recorded, never retried. */
export class ParseError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ParseError';
  }
}

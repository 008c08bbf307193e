/**
 * The simulated job market behind the fixture web: postings of about fifty IT roles with
 * realistic text (skills in context, certifications and years of experience asked, rates
 * by role and seniority in many formats and currencies, contract and permanent work, UK,
 * US, EU and remote locations) and built-in trends, deterministic for a seed. The roles
 * and their vocabulary are in families.ts; generate-market.ts writes the postings.
 */

export type WorkMode = 'remote' | 'hybrid' | 'onsite';
export type Contract = 'contract' | 'freelance' | 'permanent' | 'temporary';

export interface MarketPosting {
  readonly id: string;
  readonly title: string;
  readonly company: string;
  /** The company's slug: its board on an applicant-tracking system (Greenhouse, Lever, Ashby). */
  readonly board: string;
  readonly city: string;
  readonly country: string;
  readonly workMode: WorkMode;
  readonly contract: Contract;
  /** The rate as the posting states it, in text; null when it states none. */
  readonly rateText: string | null;
  /** The same rate as structured fields, for sources that have them. */
  readonly rate: {
    min: number;
    max: number;
    currency: string;
    period: 'hour' | 'day' | 'year' | 'fixed';
  } | null;
  readonly skills: readonly string[];
  /** The role's title in the vocabulary (families.ts), without seniority: the truth the title normalizer should find. */
  readonly role: string;
  /** The seniority word the title opens with, or null for a mid-level title. */
  readonly seniority: string | null;
  /** Certifications the description asks for (names of the skill taxonomy). */
  readonly certifications: readonly string[];
  /** The years of experience the description asks, or null when it states none. */
  readonly experience: { readonly min: number; readonly max: number | null } | null;
  readonly descriptionHtml: string;
  readonly postedAt: string;
  /** The fixture sources that list it: one job may be on several boards. */
  readonly sources: readonly string[];
}

export interface MarketOptions {
  /** @defaultValue 42 */
  readonly seed?: number;
  /** @defaultValue 8 */
  readonly weeks?: number;
  /** @defaultValue 40 */
  readonly perWeek?: number;
  /** Monday of the last week (the demo's is the last whole week). @defaultValue 2026-11-16 */
  readonly lastWeek?: string;
  /** Sources a posting may be listed on. @defaultValue every site's channels (sites.ts) */
  readonly sources?: readonly string[];
}

/** mulberry32: a small, fast PRNG that is the same on every machine for a seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export {
  FAMILIES,
  PREMIUMS,
  type Family,
  type RoleProfile,
  type WeightedSkill,
} from './families.js';

/**
 * The market's companies (made up): enough of them that two jobs of one title, company and
 * city are rare, as they are on real boards, and not read as one job posted twice.
 */
export const COMPANIES = [
  'Northwind Digital',
  'Acme Fintech',
  'Blue Harbour Consulting',
  'Kestrel Systems',
  'Orbital Health',
  'Lumen Retail',
  'Granite Insurance',
  'Vantage Public Sector',
  'Copperleaf Energy',
  'Meridian Logistics',
  'Tidewater Bank',
  'Foxglove Studios',
  'Silverline Media',
  'Harrowgate Legal',
  'Quarry Lane Games',
  'Beacon Mutual',
  'Ironbridge Manufacturing',
  'Palisade Defence Systems',
  'Larkspur Pharma',
  'Cobalt Mobility',
  'Redwood Analytics',
  'Saltmarsh Travel',
  'Aster Education Trust',
  'Windrose Shipping',
];
/** A company's board slug, as ATS boards name companies: `Kestrel Systems` is `kestrel-systems`. */
export function boardOf(company: string): string {
  return company
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Where a made-up site's posting links in the demo, whose data outlives the fixture web:
 * its company's careers page, at a domain reserved for examples (RFC 2606).
 */
export function careersUrl(p: Pick<MarketPosting, 'board' | 'id'>): string {
  return `https://careers.${p.board}.example/jobs/${p.id}`;
}

/** The board of every company of the market. */
export const BOARDS: readonly string[] = COMPANIES.map(boardOf);

/** Each company of the market by its board: what a user names a Lever or Ashby board. */
export const BOARD_COMPANIES: Readonly<Record<string, string>> = Object.fromEntries(
  COMPANIES.map((company) => [boardOf(company), company]),
);

const bySource = new WeakMap<readonly MarketPosting[], Map<string, MarketPosting[]>>();

/**
 * The postings a source lists, newest first, as job boards order them. Computed once per
 * market and source: the server answers every request from it.
 */
export function postingsOf(market: readonly MarketPosting[], source: string): MarketPosting[] {
  let cache = bySource.get(market);
  if (!cache) bySource.set(market, (cache = new Map<string, MarketPosting[]>()));
  let postings = cache.get(source);
  if (!postings) {
    postings = market
      .filter((p) => p.sources.includes(source))
      .sort((a, b) => b.postedAt.localeCompare(a.postedAt));
    cache.set(source, postings);
  }
  return postings;
}

const positions = new WeakMap<readonly MarketPosting[], Map<string, number>>();

/** Where a posting stands in its source's list (-1 when the source does not list it). */
export function positionOf(market: readonly MarketPosting[], source: string, id: string): number {
  const list = postingsOf(market, source);
  let index = positions.get(list);
  if (!index) positions.set(list, (index = new Map(list.map((p, i) => [p.id, i]))));
  return index.get(id) ?? -1;
}

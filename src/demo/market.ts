/**
 * The simulated job market behind the fixture web: postings with realistic text (skills
 * in context, rates in many formats and currencies, contract and permanent work, UK, US,
 * EU and remote locations) and built-in trends, deterministic for a seed.
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

export interface Family {
  readonly roles: readonly string[];
  /** Skill, base weight, trend per week over the whole span (+ rising, - falling). */
  readonly skills: readonly (readonly [string, number, number])[];
  readonly dayRate: readonly [number, number];
}

export const FAMILIES: Readonly<Record<string, Family>> = {
  cybersecurity: {
    roles: [
      'Security Engineer',
      'Penetration Tester',
      'SOC Analyst',
      'Security Architect',
      'GRC Consultant',
    ],
    skills: [
      ['penetration testing', 3, 0],
      ['SIEM', 2, 0],
      ['Splunk', 2, -0.5],
      ['ISO 27001', 2, 0],
      ['CISSP', 2, 0],
      ['Microsoft Sentinel', 1, 1.5],
      ['threat modelling', 1, 0.5],
      ['OSCP', 1, 0],
    ],
    dayRate: [500, 750],
  },
  cloud: {
    roles: [
      'Cloud Engineer',
      'DevOps Engineer',
      'Platform Engineer',
      'Site Reliability Engineer',
      'Cloud Architect',
    ],
    skills: [
      ['AWS', 4, 0],
      ['Azure', 3, 0.3],
      ['Terraform', 3, 1],
      ['Kubernetes', 3, 0.5],
      ['Docker', 2, 0],
      ['CI/CD', 2, 0],
      ['Ansible', 1, -0.6],
      ['GCP', 1, 0.2],
    ],
    dayRate: [450, 700],
  },
  data: {
    roles: ['Data Engineer', 'Data Scientist', 'Analytics Engineer', 'ML Engineer', 'BI Developer'],
    skills: [
      ['Python', 4, 0],
      ['SQL', 4, 0],
      ['Spark', 2, 0],
      ['dbt', 2, 1.2],
      ['Snowflake', 2, 0.8],
      ['Airflow', 2, 0],
      ['LLM', 1, 2],
      ['Power BI', 2, -0.2],
      ['Hadoop', 1, -0.8],
    ],
    dayRate: [450, 650],
  },
  software: {
    roles: [
      'Backend Developer',
      'Full Stack Developer',
      'Software Engineer',
      'Frontend Developer',
      '.NET Developer',
    ],
    skills: [
      ['TypeScript', 3, 0.5],
      ['React', 3, 0],
      ['Node.js', 2, 0],
      ['Java', 3, -0.2],
      ['C#', 2, 0],
      ['Go', 1, 0.8],
      ['Rust', 1, 1.5],
      ['jQuery', 1, -0.9],
      ['AngularJS', 1, -0.9],
    ],
    dayRate: [400, 650],
  },
};

/** The market's companies (made up). */
export const COMPANIES = [
  'Northwind Digital',
  'Acme Fintech',
  'Blue Harbour Consulting',
  'Kestrel Systems',
  'Orbital Health',
  'Lumen Retail',
  'Granite Insurance',
  'Vantage Public Sector',
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

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
  /** Sources a posting may be listed on. */
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

interface Family {
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

const COMPANIES = [
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

/**
 * Sources that keep a posting listed for a few weeks only (Craigslist deletes a post after
 * some weeks), in weeks: older postings are listed on the other sources. Each of their
 * listings is a page of its own, so this also keeps a long demo quick.
 */
export const SHORT_LIVED: Readonly<Record<string, number>> = { craigslist: 8 };

const PLACES: readonly (readonly [string, string, string])[] = [
  ['London', 'GB', 'GBP'],
  ['Manchester', 'GB', 'GBP'],
  ['Edinburgh', 'GB', 'GBP'],
  ['New York', 'US', 'USD'],
  ['Austin', 'US', 'USD'],
  ['Berlin', 'DE', 'EUR'],
  ['Amsterdam', 'NL', 'EUR'],
  ['Paris', 'FR', 'EUR'],
];
const SENIORITY = ['', 'Senior ', 'Lead ', 'Junior ', 'Principal '];
const SYMBOL: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function weightedSkills(
  random: () => number,
  family: Family,
  progress: number,
  count: number,
): string[] {
  const chosen = new Set<string>();
  const weights = family.skills.map(
    ([skill, base, trend]) => [skill, Math.max(0.05, base * (1 + trend * progress))] as const,
  );
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  for (let guard = 0; chosen.size < count && guard < 50; guard++) {
    let r = random() * total;
    for (const [skill, w] of weights) {
      r -= w;
      if (r <= 0) {
        chosen.add(skill);
        break;
      }
    }
  }
  return [...chosen];
}

function rateFor(
  random: () => number,
  contract: Contract,
  currency: string,
  family: Family,
): Pick<MarketPosting, 'rate' | 'rateText'> {
  const s = SYMBOL[currency]!;
  const style = random();
  if (style < 0.1)
    return { rate: null, rateText: pick(random, ['DOE', 'Competitive', 'Market rate']) };
  if (contract === 'permanent') {
    const min = Math.round((60 + random() * 80) / 5) * 5;
    const max = min + 10 + Math.round(random() * 4) * 5;
    const text =
      style < 0.5
        ? `${s}${min}k-${max}k`
        : currency === 'EUR'
          ? `${min}.000 € - ${max}.000 €`
          : `${s}${min},000 - ${s}${max},000 per annum`;
    return { rate: { min: min * 1000, max: max * 1000, currency, period: 'year' }, rateText: text };
  }
  if (contract === 'freelance' && style < 0.3) {
    const budget = Math.round((100 + random() * 900) / 50) * 50;
    return {
      rate: { min: budget, max: budget, currency, period: 'fixed' },
      rateText: `Budget: ${s}${budget} fixed`,
    };
  }
  if (style < 0.55) {
    const hourly = Math.round(family.dayRate[0] / 8 + random() * 40);
    const text =
      random() < 0.5 ? `${s}${hourly}/hr` : `${hourly}-${hourly + 10} ${currency} hourly`;
    return {
      rate: { min: hourly, max: random() < 0.5 ? hourly : hourly + 10, currency, period: 'hour' },
      rateText: text,
    };
  }
  const min =
    Math.round((family.dayRate[0] + random() * (family.dayRate[1] - family.dayRate[0])) / 25) * 25;
  const max = min + 50;
  const ir35 = currency === 'GBP' ? pick(random, [' outside IR35', ' inside IR35', '']) : '';
  const text = pick(random, [
    `${s}${min}-${max}/day${ir35}`,
    `${s}${min} - ${s}${max} p/d${ir35}`,
    `${s}${min} per day${ir35}`,
  ]);
  return {
    rate: { min, max: text.includes('per day') ? min : max, currency, period: 'day' },
    rateText: text,
  };
}

function describe(
  random: () => number,
  title: string,
  company: string,
  skills: readonly string[],
  rateText: string | null,
  contract: Contract,
  place: string,
  mode: WorkMode,
): string {
  const [first, second, ...rest] = skills;
  const lines = [
    `<p><strong>${company}</strong> is hiring a ${title} for a ${contract === 'permanent' ? 'permanent role' : `${pick(random, ['6', '3', '9', '12'])}-month ${contract}`} (${mode}, ${place}).</p>`,
    `<p>You will design and run production systems with ${first ?? 'modern tooling'}${second ? ` and ${second}` : ''}, working closely with product and operations teams.</p>`,
    rest.length > 0
      ? `<ul>${rest.map((s) => `<li>Hands-on experience with ${s}</li>`).join('')}</ul>`
      : '',
    `<p>We offer a friendly team of ${Math.round(5 + random() * 40)} engineers and a 401(k) match of ${Math.round(3 + random() * 3)}% for employees.</p>`,
    rateText ? `<p>Rate: ${rateText}</p>` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

const DEFAULT_SOURCES = [
  'greenhouse',
  'lever',
  'ashby',
  'remoteok',
  'remotive',
  'arbeitnow',
  'jobicy',
  'weworkremotely',
  'freelancer',
  'upwork',
  'hackernews',
  'craigslist',
  'onsiter',
  'jsonld-site',
  'feed',
];

/** N weeks of postings for a seed, the same every time. */
export function generateMarket(options: MarketOptions = {}): MarketPosting[] {
  const random = prng(options.seed ?? 42);
  const weeks = options.weeks ?? 8;
  const perWeek = options.perWeek ?? 40;
  const lastWeek = new Date(`${options.lastWeek ?? '2026-11-16'}T00:00:00Z`);
  const sources = options.sources ?? DEFAULT_SOURCES;
  const families = Object.values(FAMILIES);
  const postings: MarketPosting[] = [];
  for (let week = 0; week < weeks; week++) {
    const progress = weeks === 1 ? 1 : week / (weeks - 1);
    const monday = new Date(lastWeek.getTime() - (weeks - 1 - week) * 7 * 86_400_000);
    const current = sources.filter((s) => weeks - week <= (SHORT_LIVED[s] ?? Infinity));
    const listing = current.length > 0 ? current : sources;
    for (let n = 0; n < perWeek; n++) {
      const family = pick(random, families);
      const title = `${pick(random, SENIORITY)}${pick(random, family.roles)}`;
      const company = pick(random, COMPANIES);
      const [city, country, currency] = pick(random, PLACES);
      const workMode = pick<WorkMode>(random, ['remote', 'remote', 'hybrid', 'onsite']);
      const contract = pick<Contract>(random, [
        'contract',
        'contract',
        'contract',
        'freelance',
        'permanent',
        'temporary',
      ]);
      const skills = weightedSkills(random, family, progress, 3 + Math.floor(random() * 4));
      const { rate, rateText } = rateFor(random, contract, currency, family);
      const posted = new Date(monday.getTime() + Math.floor(random() * 7 * 86_400_000));
      const id = `sp-${String(week).padStart(3, '0')}-${String(n).padStart(4, '0')}`;
      // One posting in 40 carries what a hostile poster tries: a script in the title and
      // escaped markup in the company, which decodes to a live tag if anything unescapes it.
      const hostile = (week * perWeek + n) % 40 === 7;
      const home = pick(random, listing);
      const also = random() < 0.15 ? [pick(random, listing)] : [];
      postings.push({
        id,
        title: hostile ? `${title} <script>alert("title")</script>` : title,
        company: hostile ? `${company} &lt;img src=x onerror=alert(1)&gt;` : company,
        board: boardOf(company),
        city,
        country,
        workMode,
        contract,
        rate,
        rateText,
        skills,
        descriptionHtml: describe(
          random,
          title,
          company,
          skills,
          rateText,
          contract,
          city,
          workMode,
        ),
        postedAt: posted.toISOString(),
        sources: [...new Set([home, ...also])],
      });
    }
  }
  return postings;
}

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

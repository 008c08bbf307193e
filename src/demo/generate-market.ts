import {
  COMPANIES,
  FAMILIES,
  PREMIUMS,
  boardOf,
  prng,
  type Contract,
  type Family,
  type MarketOptions,
  type MarketPosting,
  type RoleProfile,
  type WeightedSkill,
  type WorkMode,
} from './market.js';
import { CHANNELS, SHORT_LIVED } from './sites.js';

/*
 * The simulated market's postings, generated from a seed: the fixture web serves them
 * through its sites (sites.ts), each site the postings of its channels.
 */

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
/** Seniority words titles open with, how often, and what they do to pay and years asked. */
const SENIORITY: readonly {
  readonly word: string | null;
  readonly weight: number;
  readonly pay: number;
  readonly years: (mid: number) => number;
}[] = [
  { word: null, weight: 35, pay: 1, years: (mid) => mid },
  { word: 'Senior', weight: 30, pay: 1.15, years: (mid) => mid + 2 },
  { word: 'Lead', weight: 10, pay: 1.25, years: (mid) => mid + 3 },
  { word: 'Junior', weight: 15, pay: 0.7, years: () => 1 },
  { word: 'Principal', weight: 5, pay: 1.35, years: (mid) => mid + 5 },
];
const SYMBOL: Record<string, string> = { GBP: '£', USD: '$', EUR: '€' };
/** Rates are written in the posting's currency at about what they are worth in pounds. */
const PER_POUND: Record<string, number> = { GBP: 1, USD: 1.3, EUR: 1.15 };
/** The share of postings that state the years of experience they ask: about half do. */
const STATES_EXPERIENCE = 0.5;

interface MarketRole {
  readonly family: Family;
  readonly profile: RoleProfile;
  /** Its share of the whole market at the start, before its trend. */
  readonly base: number;
  /** Its family's skills with its own on top, its own weights winning. */
  readonly skills: readonly WeightedSkill[];
}

const ROLES: readonly MarketRole[] = Object.values(FAMILIES).flatMap((family) => {
  const total = family.profiles.reduce((sum, p) => sum + p.weight, 0);
  return family.profiles.map((profile) => ({
    family,
    profile,
    base: (family.weight * profile.weight) / total,
    skills: [
      ...new Map(
        [...family.skills, ...(profile.skills ?? [])].map((skill) => [skill[0], skill]),
      ).values(),
    ],
  }));
});

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function pickWeighted<T>(random: () => number, items: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return items[i]!;
  }
  return items.at(-1)!;
}

/** A weight grown (or shrunk) by its trend, `progress` of the way through the span. */
const trended = (base: number, trend: number, progress: number) =>
  Math.max(0.05, base * (1 + trend * progress));

function weightedSkills(
  random: () => number,
  skills: readonly WeightedSkill[],
  progress: number,
  count: number,
): string[] {
  const chosen = new Set<string>();
  const names = skills.map(([skill]) => skill);
  const weights = skills.map(([, base, trend]) => trended(base, trend, progress));
  for (let guard = 0; chosen.size < count && guard < 50; guard++) {
    chosen.add(pickWeighted(random, names, weights));
  }
  return [...chosen];
}

/** The certifications a posting asks for: each with its role's share, fewer of juniors. */
function askedCertifications(
  random: () => number,
  profile: RoleProfile,
  seniority: string | null,
): string[] {
  const scale = seniority === 'Junior' ? 0.4 : seniority === null ? 1 : 1.15;
  return (profile.certifications ?? [])
    .filter(([, share]) => random() < share * scale)
    .map(([name]) => name)
    .slice(0, 2);
}

/**
 * A mid-level day rate of the role, in pounds, for the posting's seniority and skills:
 * the role's band, drifting with its trend, plus the premiums of what it asks.
 */
function dayRateOf(
  random: () => number,
  role: RoleProfile,
  pay: number,
  asked: readonly string[],
  progress: number,
): number {
  const [low, high] = role.dayRate;
  const premium = asked.reduce((sum, name) => sum + (PREMIUMS[name] ?? 0), 0);
  const drift = 1 + 0.1 * role.trend * progress;
  return (
    (low + random() * (high - low)) * pay * drift * (1 + Math.min(0.2, Math.max(-0.1, premium)))
  );
}

function rateFor(
  random: () => number,
  contract: Contract,
  currency: string,
  dayRate: number,
): Pick<MarketPosting, 'rate' | 'rateText'> {
  const s = SYMBOL[currency]!;
  const local = dayRate * PER_POUND[currency]!;
  const style = random();
  if (style < 0.1)
    return { rate: null, rateText: pick(random, ['DOE', 'Competitive', 'Market rate']) };
  if (contract === 'permanent') {
    // A salary of about 160 working days of the contract rate, as permanent pay runs.
    const min = Math.max(25, Math.round((local * 0.16) / 5) * 5);
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
    const hourly = Math.max(15, Math.round(local / 8));
    const text =
      random() < 0.5 ? `${s}${hourly}/hr` : `${hourly}-${hourly + 10} ${currency} hourly`;
    return {
      rate: { min: hourly, max: random() < 0.5 ? hourly : hourly + 10, currency, period: 'hour' },
      rateText: text,
    };
  }
  const min = Math.max(100, Math.round(local / 25) * 25);
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

/** The years asked, as postings write them, with what they ask. */
function experienceLine(
  random: () => number,
  years: number,
  skill: string | undefined,
): { text: string; min: number; max: number | null } {
  const min = Math.max(1, years + pick(random, [-1, 0, 0, 1]));
  const form = random();
  if (form < 0.3 && skill)
    return { text: `${min}+ years of experience with ${skill}`, min, max: null };
  if (form < 0.5)
    return { text: `At least ${min} years of experience in a similar role`, min, max: null };
  if (form < 0.7)
    return { text: `${min}–${min + 2} years of professional experience`, min, max: min + 2 };
  if (form < 0.85)
    return { text: `Minimum of ${min} years' commercial experience`, min, max: null };
  return { text: `You bring ${min}+ years of hands-on experience`, min, max: null };
}

/** Certifications asked, as postings write them: required, or a plus. */
function certificationLine(random: () => number, certifications: readonly string[]): string {
  const named = certifications.join(' or ');
  const style = random();
  if (style < 0.35) return `${named} certification required`;
  if (style < 0.6) return `${named} certification is a plus`;
  if (style < 0.8) return `You hold a current ${named} certification`;
  return `${named} certified, or working towards it`;
}

function describe(
  random: () => number,
  posting: Pick<
    MarketPosting,
    'title' | 'company' | 'skills' | 'rateText' | 'contract' | 'city' | 'workMode'
  >,
  asks: { readonly experience: string | null; readonly certifications: string | null },
): string {
  const { title, company, skills, rateText, contract, city, workMode } = posting;
  const [first, second, ...rest] = skills;
  const requirements = [
    ...(asks.experience ? [asks.experience] : []),
    ...rest.map((s) => `Hands-on experience with ${s}`),
    ...(asks.certifications ? [asks.certifications] : []),
  ];
  const lines = [
    `<p><strong>${company}</strong> is hiring a ${title} for a ${contract === 'permanent' ? 'permanent role' : `${pick(random, ['6', '3', '9', '12'])}-month ${contract}`} (${workMode}, ${city}).</p>`,
    `<p>You will design and run production systems with ${first ?? 'modern tooling'}${second ? ` and ${second}` : ''}, working closely with product and operations teams.</p>`,
    requirements.length > 0
      ? `<p>What you bring:</p>\n<ul>${requirements.map((r) => `<li>${r}</li>`).join('')}</ul>`
      : '',
    `<p>We offer a friendly team of ${Math.round(5 + random() * 40)} engineers and a 401(k) match of ${Math.round(3 + random() * 3)}% for employees.</p>`,
    rateText ? `<p>Rate: ${rateText}</p>` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

/** N weeks of postings for a seed, the same every time. */
export function generateMarket(options: MarketOptions = {}): MarketPosting[] {
  const random = prng(options.seed ?? 42);
  const weeks = options.weeks ?? 8;
  const perWeek = options.perWeek ?? 40;
  const lastWeek = new Date(`${options.lastWeek ?? '2026-11-16'}T00:00:00Z`);
  const sources = options.sources ?? CHANNELS;
  const postings: MarketPosting[] = [];
  for (let week = 0; week < weeks; week++) {
    const progress = weeks === 1 ? 1 : week / (weeks - 1);
    const monday = new Date(lastWeek.getTime() - (weeks - 1 - week) * 7 * 86_400_000);
    const current = sources.filter((s) => weeks - week <= (SHORT_LIVED[s] ?? Infinity));
    const listing = current.length > 0 ? current : sources;
    const roleWeights = ROLES.map((r) => trended(r.base, r.profile.trend, progress));
    for (let n = 0; n < perWeek; n++) {
      const role = pickWeighted(random, ROLES, roleWeights);
      const level = pickWeighted(
        random,
        SENIORITY,
        SENIORITY.map((l) => l.weight),
      );
      const title = level.word ? `${level.word} ${role.profile.title}` : role.profile.title;
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
      const skills = weightedSkills(random, role.skills, progress, 3 + Math.floor(random() * 4));
      const certifications = askedCertifications(random, role.profile, level.word);
      const stated =
        random() < STATES_EXPERIENCE
          ? experienceLine(random, level.years(role.profile.years), skills[0])
          : null;
      const dayRate = dayRateOf(
        random,
        role.profile,
        level.pay,
        [...skills, ...certifications],
        progress,
      );
      const { rate, rateText } = rateFor(random, contract, currency, dayRate);
      const posted = new Date(monday.getTime() + Math.floor(random() * 7 * 86_400_000));
      const id = `sp-${String(week).padStart(3, '0')}-${String(n).padStart(4, '0')}`;
      // One posting in 40 carries what a hostile poster tries: a script in the title and
      // escaped markup in the company, which decodes to a live tag if anything unescapes it.
      const hostile = (week * perWeek + n) % 40 === 7;
      const home = pick(random, listing);
      const also = random() < 0.15 ? [pick(random, listing)] : [];
      const posting = { title, company, skills, rateText, contract, city, workMode };
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
        role: role.profile.title,
        seniority: level.word,
        certifications,
        experience: stated && { min: stated.min, max: stated.max },
        descriptionHtml: describe(random, posting, {
          experience: stated?.text ?? null,
          certifications:
            certifications.length > 0 ? certificationLine(random, certifications) : null,
        }),
        postedAt: posted.toISOString(),
        sources: [...new Set([home, ...also])],
      });
    }
  }
  return postings;
}

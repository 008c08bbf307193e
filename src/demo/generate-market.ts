import {
  COMPANIES,
  FAMILIES,
  boardOf,
  prng,
  type Contract,
  type Family,
  type MarketOptions,
  type MarketPosting,
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

/** N weeks of postings for a seed, the same every time. */
export function generateMarket(options: MarketOptions = {}): MarketPosting[] {
  const random = prng(options.seed ?? 42);
  const weeks = options.weeks ?? 8;
  const perWeek = options.perWeek ?? 40;
  const lastWeek = new Date(`${options.lastWeek ?? '2026-11-16'}T00:00:00Z`);
  const sources = options.sources ?? CHANNELS;
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

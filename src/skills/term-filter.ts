import { natural } from '../nlp/natural.js';
import type { Taxonomy } from './taxonomy.js';
import { rawTokens } from './tokenize.js';

/*
 * Which terms of job ads can be candidate skills. A term that rises in recent postings is
 * most often no skill at all: a skill the taxonomy knows written in another case ("rust",
 * "go"), a rate ("600-650/day", "p/d"), a place, the company that posted, or the stock
 * phrases of job ads ("immediate start", "fully remote"). `skillpulse terms` lists only
 * what is left.
 */

/** Why a term is not a candidate skill. */
export type NotACandidate = 'known skill' | 'number or rate' | 'place' | 'company' | 'stock phrase';

/** Whether a term (lowercase words) names a place: a city or a country. */
export type PlaceTest = (term: string) => boolean;

// Words of pay and money: a term with one is about the rate, not a skill.
const RATE_WORDS = new Set(['p/d', 'p/h', 'p/a', 'p/w', 'pd', 'ph', 'pa', 'pw', 'per', 'day', 'days', 'daily', 'hour', 'hours', 'hourly', 'hr', 'hrs', 'week', 'weeks', 'weekly', 'month', 'months', 'monthly', 'annum', 'annual', 'annually', 'year', 'years', 'yearly', 'yr', 'rate', 'rates', 'salary', 'salaries', 'pay', 'paid', 'gbp', 'usd', 'eur', 'chf', 'aud', 'cad', 'nzd', 'inr', 'pln', 'sek', 'dkk', 'nok', 'czk', 'huf', 'ron', 'ir35', 'umbrella', 'negotiable', 'doe', 'dependent', 'competitive', 'budget', 'inside', 'outside']); // prettier-ignore

// Words of job-ad boilerplate (terms, place of work, hiring, praise) and of regions: a
// term with one is a stock phrase.
const STOCK_WORDS = new Set(['remote', 'remotely', 'hybrid', 'onsite', 'on-site', 'office', 'offices', 'based', 'location', 'locations', 'relocation', 'travel', 'contract', 'contracts', 'contractor', 'contractors', 'freelance', 'freelancer', 'freelancers', 'permanent', 'perm', 'full-time', 'part-time', 'fulltime', 'start', 'starting', 'immediate', 'immediately', 'asap', 'initial', 'extension', 'extensions', 'duration', 'client', 'clients', 'candidate', 'candidates', 'apply', 'applying', 'application', 'applications', 'applicants', 'cv', 'resume', 'interview', 'interviews', 'hiring', 'recruiter', 'recruitment', 'agency', 'employer', 'employment', 'equal', 'opportunities', 'diversity', 'inclusive', 'inclusion', 'benefits', 'bonus', 'pension', 'holiday', 'holidays', 'vacation', 'package', 'perks', 'excellent', 'exciting', 'great', 'leading', 'world-class', 'passionate', 'dynamic', 'innovative', 'talented', 'ideal', 'successful', 'exceptional', 'award-winning', 'fast-paced', 'growing', 'opportunity', 'urgent', 'urgently', 'uk', 'gb', 'us', 'usa', 'eu', 'emea', 'apac', 'latam', 'dach', 'europe', 'european', 'worldwide', 'nationwide', 'anywhere', 'timezone', 'timezones', 'visa', 'sponsorship', 'clearance', 'cleared']); // prettier-ignore

// Words of job titles: roles and seniority ("senior data", "lead soc", "engineer").
const TITLE_WORDS = new Set(['engineer', 'engineers', 'engineering', 'developer', 'developers', 'development', 'analyst', 'analysts', 'consultant', 'consultants', 'consulting', 'architect', 'architects', 'scientist', 'scientists', 'specialist', 'specialists', 'manager', 'managers', 'administrator', 'admin', 'technician', 'tester', 'lead', 'leads', 'head', 'director', 'principal', 'staff', 'senior', 'sr', 'junior', 'jr', 'mid', 'mid-level', 'graduate', 'intern', 'trainee', 'associate', 'chief', 'officer', 'vp', 'programmer', 'expert', 'professional', 'professionals', 'contractor', 'freelancer', 'role', 'roles', 'position', 'vacancy', 'job', 'jobs', 'title']); // prettier-ignore

// Phrases of job-ad boilerplate whose words are ordinary apart.
const STOCK_PHRASES = ['fast paced', 'cutting edge', 'state of the art', 'world class', 'track record', 'right to work', 'work permit', 'day to day', 'self starter', 'self motivated', 'team player', 'problem solving', 'attention to detail', 'communication skills', 'best practices', 'best practice', 'key responsibilities', 'nice to have', 'must have', 'get in touch', 'send your', 'reach out', 'find out more', 'click apply', 'job description', 'job title', 'about us', 'about the role', 'what you', 'who you', 'you will', 'we are', 'we offer']; // prettier-ignore

// What a company's name ends with that is not its name.
const LEGAL_SUFFIXES = new Set(['ltd', 'limited', 'inc', 'inc.', 'llc', 'llp', 'plc', 'gmbh', 'ag', 'sa', 'sas', 'sarl', 'bv', 'nv', 'ab', 'as', 'oy', 'srl', 'spa', 'kg', 'co', 'co.', 'corp', 'corp.', 'corporation', 'company', 'group', 'holdings', 'pty', 'pvt', 'uk', 'us', 'europe', 'international']); // prettier-ignore

/** A text as a term's words: lowercase raw tokens joined by one space. */
function termWords(text: string): string[] {
  return rawTokens(text.toLowerCase());
}

/** Every run of one or more consecutive words of `words`. */
function grams(words: readonly string[]): string[] {
  const all: string[] = [];
  for (let start = 0; start < words.length; start += 1) {
    for (let end = start + 1; end <= words.length; end += 1) {
      all.push(words.slice(start, end).join(' '));
    }
  }
  return all;
}

const STOPWORDS = new Set(natural.stopwords);

/**
 * Every surface of the taxonomy and every run of words in one, lowercase as a term is
 * (names, aliases, exact forms): "penetration" and "sentinel" are covered by "penetration
 * testing" and "microsoft sentinel". A lone stop word covers nothing.
 */
function taxonomySurfaces(taxonomy: Taxonomy): Set<string> {
  const surfaces = new Set<string>();
  for (const skill of taxonomy.skills) {
    for (const surface of [
      skill.name,
      ...skill.aliases,
      ...skill.exact,
      ...(skill.ambiguity?.surfaces ?? []),
    ]) {
      for (const part of grams(termWords(surface))) {
        if (!STOPWORDS.has(part)) surfaces.add(part);
      }
    }
  }
  return surfaces;
}

/**
 * The names a company goes by in an ad: its name without the legal suffix, and every run
 * of words in it ("Blue Harbour Consulting Ltd": "blue harbour", "harbour consulting").
 */
function companyNames(companies: Iterable<string | null | undefined>): Set<string> {
  const names = new Set<string>();
  for (const company of companies) {
    if (!company) continue;
    const words = termWords(company.slice(0, 200));
    while (words.length > 0 && LEGAL_SUFFIXES.has(words.at(-1) as string)) words.pop();
    for (const part of grams(words)) if (!STOPWORDS.has(part)) names.add(part);
  }
  return names;
}

export interface CandidateFilterOptions {
  readonly taxonomy: Taxonomy;
  /** The companies of the postings the terms come from. */
  readonly companies?: Iterable<string | null | undefined>;
  readonly isPlace?: PlaceTest | undefined;
}

/**
 * Why a term (lowercase words, as `termsOf` gives them) is not a candidate skill, or null
 * when it may be one. Answers are remembered: a command asks of thousands of terms.
 */
export function candidateFilter(
  options: CandidateFilterOptions,
): (term: string) => NotACandidate | null {
  const surfaces = taxonomySurfaces(options.taxonomy);
  const companies = companyNames(options.companies ?? []);
  const isPlace = options.isPlace ?? (() => false);
  const answers = new Map<string, NotACandidate | null>();
  const judge = (term: string): NotACandidate | null => {
    const words = term.split(' ');
    if (words.some((w) => /\d/.test(w) || RATE_WORDS.has(w))) return 'number or rate';
    if (words.some((w) => STOCK_WORDS.has(w) || TITLE_WORDS.has(w))) return 'stock phrase';
    if (STOCK_PHRASES.some((phrase) => ` ${term} `.includes(` ${phrase} `))) {
      return 'stock phrase';
    }
    const parts = grams(words);
    // The company's name, a word of it, or words of it inside a longer term.
    if (companies.has(term) || parts.some((p) => p.includes(' ') && companies.has(p))) {
      return 'company';
    }
    if (parts.some((part) => surfaces.has(part))) return 'known skill';
    if (parts.some((part) => isPlace(part))) return 'place';
    return null;
  };
  return (term) => {
    let answer = answers.get(term);
    if (answer === undefined) {
      answer = judge(term);
      answers.set(term, answer);
    }
    return answer;
  };
}

import { createHash } from 'node:crypto';
import type { RateSettings } from '../config/settings.js';
import type { ContractType, Ir35, WorkMode } from '../db/schema.js';
import { dedupeKey } from '../dedupe/keys.js';
import { simhash } from '../dedupe/simhash.js';
import { skillText } from '../skills/sections.js';
import type { TaggedSkill, Tagger } from '../skills/tagger.js';
import { classifyContract, ir35Of, isContractType, seniorityOf } from './contract.js';
import { countriesStated, parseLocation, workModeOf } from './location.js';
import {
  currencyOfCountry,
  normalizePay,
  ratesDisagree,
  type FxTable,
  type NormalizedPay,
} from './money.js';
import { parseRate, parseStructuredRate, type ParsedRate } from './rate.js';
import { cleanDescription, cleanLine, TEXT_LIMITS } from './text.js';
import type { PayFieldTrust } from '../sources/types.js';

/** A listing that cannot become a posting; the reason is stored on the raw listing. */
export class ListingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ListingError';
  }
}

export interface NormalizeContext {
  readonly fetchedAt: Date;
  /** How far the source's pay fields are believed against the text. @defaultValue 'trusted' */
  readonly payFields?: PayFieldTrust;
  readonly fx: FxTable;
  readonly settings: RateSettings;
  readonly reportCurrency: string;
  readonly tagger: Tagger;
}

/** Everything the process stage derives from one raw listing. */
export interface NormalizedPosting {
  readonly title: string;
  readonly company: string | null;
  readonly location: string | null;
  readonly country: string | null;
  readonly countries: readonly string[];
  readonly region: string | null;
  readonly city: string | null;
  readonly workMode: WorkMode;
  readonly contractType: ContractType;
  readonly ir35: Ir35 | null;
  readonly seniority: string | null;
  readonly postedAt: Date | null;
  readonly description: string;
  readonly contentHash: string;
  readonly dedupeKey: string;
  readonly textSimhash: string;
  readonly rate: ParsedRate | null;
  readonly pay: NormalizedPay | null;
  readonly rateFlag: string | null;
  readonly notes: readonly string[];
  readonly skills: readonly TaggedSkill[];
}

interface StoredPayload {
  title?: unknown;
  company?: unknown;
  location?: unknown;
  country?: unknown;
  postedAt?: unknown;
  employmentType?: unknown;
  contractDefault?: unknown;
  pay?: unknown;
  description?: unknown;
  tags?: unknown;
  remote?: unknown;
  workplace?: unknown;
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const finite = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/**
 * Turns a stored listing (raw_listings.payload) into a posting: clean text, place and
 * work mode, rate read and normalized, contract type, skills, dedupe keys. Pure: the
 * same payload and context always give the same posting.
 */
export function normalizeListing(payload: unknown, context: NormalizeContext): NormalizedPosting {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ListingError('payload is not an object');
  }
  const raw = payload as StoredPayload;
  const title = cleanLine(text(raw.title), TEXT_LIMITS.title);
  if (title === null) throw new ListingError('listing has no title');
  const company = cleanLine(text(raw.company), TEXT_LIMITS.company);
  const location = cleanLine(text(raw.location), TEXT_LIMITS.location);
  const cleaned = cleanDescription(text(raw.description));
  const notes = [...cleaned.notes];
  const description = cleaned.text;
  const implied = typeof raw.country === 'string' && /^[A-Z]{2}$/.test(raw.country) ? raw.country : null; // prettier-ignore
  const named = parseLocation(location, implied ? [implied] : []);
  // A place the location does not give may be the source's country, or said in the title or text.
  const statedCountries = named.country === null && implied === null ? countriesStated(title, description) : []; // prettier-ignore
  const place =
    named.country === null && implied !== null
      ? { ...named, country: implied, countries: [implied] }
      : statedCountries.length > 0
        ? { ...named, country: statedCountries[0]!, countries: statedCountries }
        : named;
  const remote = typeof raw.remote === 'boolean' ? raw.remote : null;
  const stated = raw.workplace;
  const workMode: WorkMode =
    stated === 'remote' || stated === 'hybrid' || stated === 'onsite'
      ? stated
      : workModeOf({ remote, location, title, text: description });

  const payField = (raw.pay ?? null) as Record<string, unknown> | null;
  const statedPay =
    payField && typeof payField === 'object'
      ? {
          min: finite(payField.min),
          max: finite(payField.max),
          currency: text(payField.currency),
          period: text(payField.period),
          text: cleanLine(text(payField.text), 1_000),
        }
      : null;
  // A posting is converted at the exchange rate of its own date.
  const postedAt = postedDate(raw.postedAt, context.fetchedAt, notes);
  const date = (postedAt ?? context.fetchedAt).toISOString().slice(0, 10);
  const { rate, flag } = chooseRate(statedPay, title, description, {
    fx: context.fx,
    date,
    trust: context.payFields ?? 'trusted',
  });
  let pay: NormalizedPay | null = null;
  if (rate) {
    pay = normalizePay(rate, {
      date,
      fallbackCurrency: currencyOfCountry(place.country),
      reportCurrency: context.reportCurrency,
      fx: context.fx,
      settings: context.settings,
    });
    if (pay.excludedReason) notes.push(`rate excluded: ${pay.excludedReason}`);
  }

  const employmentType = text(raw.employmentType);
  const ir35 = ir35Of(`${title}\n${statedPay?.text ?? ''}\n${description.slice(0, 5_000)}`);
  let contractType = classifyContract({
    employmentType,
    title,
    text: description,
    ratePeriod: rate?.period ?? null,
    sourceDefault:
      isContractType(raw.contractDefault) && raw.contractDefault !== 'unknown'
        ? raw.contractDefault
        : null,
  }).type;
  if (contractType === 'unknown' && ir35 !== null) contractType = 'contract';

  const tags = Array.isArray(raw.tags) ? raw.tags.filter((t) => typeof t === 'string') : [];
  // Skills are read from the parts that ask for them, and from the poster's own tags.
  const read = skillText({ title, description, company, tags });
  const skills = context.tagger.tag(read.title, read.text);

  return {
    title,
    company,
    location,
    ...place,
    workMode,
    contractType,
    ir35,
    seniority: seniorityOf(title),
    postedAt,
    description,
    contentHash: createHash('sha256')
      .update(`${title}\u0000${company ?? ''}\u0000${description}`)
      .digest('hex'),
    dedupeKey: dedupeKey({ title, company, city: place.city, country: place.country, workMode }),
    textSimhash: simhash(description.slice(0, 20_000)),
    rate,
    pay,
    rateFlag: flag,
    notes,
    skills,
  };
}

/**
 * The structured figure and the text's figure; where both exist and disagree, the posting
 * is flagged and one kept. The text's figure overrules the fields when it states amount,
 * currency and period (from a source whose fields are doubted, when it states a currency
 * or a period); otherwise the fields stand.
 */
function chooseRate(
  stated: {
    min: number | null;
    max: number | null;
    currency: string | null;
    period: string | null;
    text: string | null;
  } | null,
  title: string,
  description: string,
  { fx, date, trust }: { fx: FxTable; date: string; trust: PayFieldTrust },
): { rate: ParsedRate | null; flag: string | null } {
  // A free-text pay field ("$170k - $200k") is the source's field as much as min and max are:
  // the posting's own words are weighed against it.
  const structured =
    stated && trust !== 'ignored'
      ? (parseStructuredRate(stated) ?? (stated.text ? parseRate(stated.text) : null))
      : null;
  const fromText = textRate(title, description.slice(0, 20_000));
  if (!structured || !fromText) return { rate: structured ?? fromText, flag: null };
  if (!ratesDisagree(structured, fromText, fx, date)) return { rate: structured, flag: null };
  const textCurrency = fromText.currency !== null;
  const overrules =
    trust === 'doubted'
      ? textCurrency || fromText.periodStated
      : textCurrency && fromText.periodStated;
  return overrules
    ? {
        rate: fromText,
        flag: `${RATE_FLAGS.overruled}; the fields said ${describeRate(structured)}`,
      }
    : { rate: structured, flag: `${RATE_FLAGS.kept}; the text said ${describeRate(fromText)}` };
}

/**
 * The title's figure, unless the description states it more fully: "mindestens 90.000€"
 * in a title is the floor of "90.000 € bis 130.000 € / Jahr" in the text.
 */
function textRate(title: string, description: string): ParsedRate | null {
  const inTitle = parseRate(title);
  if (inTitle === null) return parseRate(description);
  const inText = parseRate(description);
  const fuller =
    inText !== null &&
    inText.max > inText.min &&
    inText.min <= inTitle.min &&
    inTitle.max <= inText.max &&
    (inTitle.currency === null || inText.currency === inTitle.currency);
  return fuller ? inText : inTitle;
}

/** How rate_flag begins: what was done when the pay fields and the text disagreed. */
export const RATE_FLAGS = {
  overruled: 'pay fields overruled by the text',
  kept: 'pay fields kept against the text',
} as const;

function describeRate(rate: ParsedRate): string {
  const range = rate.min === rate.max ? `${rate.min}` : `${rate.min}-${rate.max}`;
  return `${range}${rate.currency ? ` ${rate.currency}` : ''} ${rate.period === 'fixed' ? 'fixed' : `per ${rate.period}`}`;
}

function postedDate(value: unknown, fetchedAt: Date, notes: string[]): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value);
  if (Number.isNaN(time)) {
    notes.push('posted date unreadable');
    return null;
  }
  // A date after the crawl, or before the web, is a source's error, not a posting date.
  if (time > fetchedAt.getTime() + 2 * 86_400_000 || time < Date.UTC(1995, 0, 1)) {
    notes.push('posted date out of range');
    return null;
  }
  return new Date(time);
}

import { createHash } from 'node:crypto';
import type { RateSettings } from '../config/settings.js';
import type { ContractType, Ir35, WorkMode } from '../db/schema.js';
import { dedupeKey } from '../dedupe/keys.js';
import { simhash } from '../dedupe/simhash.js';
import { skillText } from '../skills/sections.js';
import type { TaggedSkill, Tagger } from '../skills/tagger.js';
import { classifyContract, ir35Of } from './contract.js';
import { experienceOfPosting, type Experience } from './experience.js';
import { countriesStated, parseLocation, workModeOf } from './location.js';
import {
  currencyOfCountry,
  normalizePay,
  ratesDisagree,
  type FxTable,
  type NormalizedPay,
  type PayFieldTrust,
} from './money.js';
import { parseRate, parseStructuredRate, type ParsedRate } from './rate.js';
import {
  storedListingProblem,
  storedListingSchema,
  type StoredListing,
  type StoredPay,
} from './stored-listing.js';
import { cleanDescription, cleanLine, TEXT_LIMITS } from './text.js';

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
  readonly postedAt: Date | null;
  readonly description: string;
  readonly contentHash: string;
  readonly dedupeKey: string;
  readonly textSimhash: string;
  readonly rate: ParsedRate | null;
  readonly pay: NormalizedPay | null;
  readonly rateFlag: string | null;
  /** The years of experience asked, read from the title and the asked-for text. */
  readonly experience: Experience | null;
  readonly notes: readonly string[];
  readonly skills: readonly TaggedSkill[];
}

/**
 * Turns a stored listing (raw_listings.payload) into a posting: clean text, place and
 * work mode, rate read and normalized, contract type, skills, dedupe keys. Pure: the
 * same payload and context always give the same posting.
 */
export function normalizeListing(payload: unknown, context: NormalizeContext): NormalizedPosting {
  const raw = storedListing(payload);
  const title = cleanLine(raw.title, TEXT_LIMITS.title);
  if (title === null) throw new ListingError('listing has no title');
  const company = cleanLine(raw.company, TEXT_LIMITS.company);
  const location = cleanLine(raw.location, TEXT_LIMITS.location);
  const cleaned = cleanDescription(raw.description);
  const notes = [...cleaned.notes];
  const description = cleaned.text;
  const place = placeOf(location, raw.country, title, description);
  const workMode: WorkMode =
    raw.workplace ?? workModeOf({ remote: raw.remote ?? null, location, title, text: description });

  const statedPay = raw.pay ? statedPayOf(raw.pay) : null;
  // A posting is converted at the exchange rate of its own date.
  const postedAt = postedDate(raw.postedAt, context.fetchedAt, notes);
  const date = (postedAt ?? context.fetchedAt).toISOString().slice(0, 10);
  const { rate, flag } = chooseRate(statedPay, title, description, {
    fx: context.fx,
    date,
    trust: context.payFields ?? 'trusted',
  });
  const pay = rate
    ? normalizePay(rate, {
        date,
        fallbackCurrency: currencyOfCountry(place.country),
        reportCurrency: context.reportCurrency,
        fx: context.fx,
        settings: context.settings,
      })
    : null;
  if (pay?.excludedReason) notes.push(`rate excluded: ${pay.excludedReason}`);

  const ir35 = ir35Of(`${title}\n${statedPay?.text ?? ''}\n${description.slice(0, 5_000)}`);
  const contractType = contractTypeOf(raw, { title, description, rate, ir35 });

  const tags = raw.tags ?? [];
  // Skills are read from the parts that ask for them, and from the poster's own tags.
  const read = skillText({ title, description, company, tags });
  const skills = context.tagger.tag(read.title, read.text);
  // Years are read where skills are: the company's own years ("founded 20 years ago") and
  // the benefits' ("a sabbatical after 3 years") stand in the parts that askedText drops.
  const experience = experienceOfPosting(read);

  return {
    title,
    company,
    location,
    ...place,
    workMode,
    contractType,
    ir35,
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
    experience,
    notes,
    skills,
  };
}

/** The payload read as a stored listing; what is not one is a ListingError saying why. */
function storedListing(payload: unknown): StoredListing {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new ListingError('payload is not an object');
  }
  const parsed = storedListingSchema.safeParse(payload);
  if (!parsed.success) throw new ListingError(storedListingProblem(parsed.error));
  return parsed.data;
}

/** The contract type the fields and text name; an IR35 status named makes it a contract. */
function contractTypeOf(
  raw: StoredListing,
  posting: { title: string; description: string; rate: ParsedRate | null; ir35: Ir35 | null },
): ContractType {
  const type = classifyContract({
    employmentType: raw.employmentType ?? null,
    title: posting.title,
    text: posting.description,
    ratePeriod: posting.rate?.period ?? null,
    sourceDefault: raw.contractDefault === 'unknown' ? null : (raw.contractDefault ?? null),
  }).type;
  return type === 'unknown' && posting.ir35 !== null ? 'contract' : type;
}

/**
 * The place the location names; one it does not give may be the country the source
 * implies, or one said in the title or text.
 */
function placeOf(
  location: string | null,
  country: string | null | undefined,
  title: string,
  description: string,
) {
  const implied = country && /^[A-Z]{2}$/.test(country) ? country : null;
  const named = parseLocation(location, implied ? [implied] : []);
  if (named.country !== null) return named;
  if (implied !== null) return { ...named, country: implied, countries: [implied] };
  const stated = countriesStated(title, description);
  return stated.length > 0 ? { ...named, country: stated[0]!, countries: stated } : named;
}

type StatedPayFields = {
  [K in keyof StoredPay]-?: Exclude<StoredPay[K], undefined>;
};

function statedPayOf(pay: StoredPay): StatedPayFields {
  return {
    min: pay.min ?? null,
    max: pay.max ?? null,
    currency: pay.currency ?? null,
    period: pay.period ?? null,
    text: cleanLine(pay.text, 1_000),
  };
}

/**
 * The structured figure and the text's figure; where both exist and disagree, the posting
 * is flagged and one kept. The text's figure overrules the fields when it states amount,
 * currency and period (from a source whose fields are doubted, when it states a currency
 * or a period); otherwise the fields stand.
 */
function chooseRate(
  stated: StatedPayFields | null,
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

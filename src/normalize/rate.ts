import type { RateOrigin, RatePeriod } from '../db/schema.js';

/** A rate or salary read from a posting: what it says, not yet converted. */
export interface ParsedRate {
  readonly min: number;
  readonly max: number;
  /** ISO 4217, or null when the text names no currency. */
  readonly currency: string | null;
  readonly period: RatePeriod;
  /** Whether the period is said ("/day", "per annum", a period field), not guessed from the size. */
  readonly periodStated: boolean;
  readonly origin: RateOrigin;
  /** 0..1: how sure the reading is (a stated currency and period make it surer). */
  readonly confidence: number;
  /** The text the figure was read from. */
  readonly matched: string;
}

const SYMBOLS: Readonly<Record<string, string>> = {
  '£': 'GBP',
  $: 'USD',
  '€': 'EUR',
  '₹': 'INR',
  '¥': 'JPY',
};
const CODES = [
  'USD',
  'GBP',
  'EUR',
  'CAD',
  'AUD',
  'CHF',
  'INR',
  'SEK',
  'NOK',
  'DKK',
  'PLN',
  'NZD',
  'SGD',
  'JPY',
];
const PREFIXED_DOLLARS: Readonly<Record<string, string>> = {
  us: 'USD',
  ca: 'CAD',
  c: 'CAD',
  au: 'AUD',
  a: 'AUD',
  nz: 'NZD',
  s: 'SGD',
};

const PERIOD_WORDS: readonly (readonly [RegExp, RatePeriod])[] = [
  [
    /^(?:\/\s?|per |an? |p\.?\s?)?(?:hour|hr|h)\b|^hourly\b|^ph\b|^p\/h\b|^(?:pro |die |\/\s?)(?:stunde|std\.?)|^stündlich|^(?:de l'|par |l'|\/\s?)heure|^horaire/i,
    'hour',
  ],
  [
    /^(?:\/\s?|per |a |p\.?\s?)?(?:day|d)\b|^daily\b|^pd\b|^p\/d\b|^day rate\b|^(?:pro |am |\/\s?)tag|^(?:par |\/\s?)jour/i,
    'day',
  ],
  [
    /^(?:\/\s?|per |a |p\.?\s?)?(?:week|wk|w)\b|^weekly\b|^pw\b|^p\/w\b|^(?:pro |\/\s?)woche|^wöchentlich|^(?:par |\/\s?)semaine/i,
    'week',
  ],
  [
    /^(?:\/\s?|per |a |p\.?\s?)?(?:month|mo|mth)\b|^monthly\b|^pcm\b|^p\/m\b|^(?:pro |im |\/\s?)monat|^monatlich|^(?:par |\/\s?)mois|^mensuel/i,
    'month',
  ],
  [
    /^(?:\/\s?|per |a |p\.?\s?)?(?:year|yr|annum|a)\b|^annual(?:ly)?\b|^yearly\b|^pa\b|^p\.a\.?|^p\/a\b|^(?:pro |im |\/\s?)jahr|^jährlich|^(?:par |\/\s?)an\b|^annuel/i,
    'year',
  ],
  [
    /^(?:fixed(?:[- ]price)?|flat(?: fee)?|one[- ]off|total|for (?:the )?(?:whole |entire )?(?:project|job|task|gig))\b/i,
    'fixed',
  ],
];

/** Phrases that say a posting states no figure. */
const NO_RATE =
  /\b(doe|d\.o\.e|depending on experience|dependent on experience|competitive|market rate|negotiable|tbc|tbd|not disclosed|on application)\b/i;

/** Numbers that are not pay: bonuses, pensions, funding, head counts, percentages. */
const NOT_PAY_BEFORE =
  /(401\s?\(?k?\)?|bonus(?: of)?|match(?:ing)?(?: of)?|raised|funding(?: of)?|series [a-e](?: of)?|valuation(?: of)?|revenue(?: of)?|team of|over|arr(?: of)?|equity(?: of)?|stipend(?: of)?|budget for (?:training|equipment)|allowance(?: of)?|sign[- ]on(?: bonus)?(?: of)?|relocation(?: package)?(?: of)?|(?:hours?|hrs)(?: per week)?\s*:?)\s*$/i;
const NOT_PAY_AFTER =
  /^\s*(%|percent|\+?\s*(employees|engineers|people|staff|customers|users|developers|countries|offices|years?|yrs|months? (?:contract|duration|experience)|hours? (?:a|per) week|days? (?:a|per) week|weeks|million users)\b|\s*tsd\b|\s*\+?\s*(?:[a-zäöü]+\s+)?(?:vouchers?|gutscheine?|coupons?|gift cards?|credits?|discount|rabatt|zuschuss|subscription|membership|users?|nutzer\w*|kunden|clients|customers|mitarbeiter\w*|köpf\w*|stipendium|eigenbeitrag|perks?|sachzulage|sachbezug\w*|zulage)\b|\s*\+?\s*(?:\S+\s+)?\S*(?:budget|zuschuss|pauschale)|\s*after (?:a|one|\d+) (?:month|week|year)|\s*(?:bonus|in funding|funding|arr|valuation|raise|(?:sign[- ]on|signing|joining|relocation|referral) (?:bonus|fee|package))\b)/i;

/**
 * A magnitude after a figure ("$600B+ industry", "$2.5M seed", "$3 million", "€1,2 Mrd.",
 * "$4tn"): market sizes, funding, revenue and user counts, never a rate or a salary, whose
 * figure read alone ("$600") looks like a day rate. Lakh and crore can be an Indian salary,
 * but "₹25 lakh" read as ₹25 is wrong either way. "k" is not here: "$120k" is a salary.
 */
const MAGNITUDE_WORD =
  /^\s?(?:m|mm|mn|mln|mio|millions?|millionen|millones|bn|bln|bil|billions?|mrd|milliarden?|milliards?|tn|trillions?|lakhs?|crores?)\b/i;
/** "B" and "T" only written onto the figure: "£500/day T&M" and "$600 B2B" are no magnitudes. */
const MAGNITUDE_LETTER = /^[bt](?![a-z\d])/i;

/**
 * The parts of a long text that can hold a figure: each run of digits with the 160
 * characters before it (currency, "up to", the clause that says what the figure is) and
 * 60 after (period, "bonus"). The money pattern then runs over a few hundred characters
 * instead of a whole description.
 */
function aroundFigures(text: string): string {
  if (text.length <= 400) return /\d/.test(text) ? text : '';
  const spans: [number, number][] = [];
  for (const match of text.matchAll(/\d+(?:[.,]\d+)*/g)) {
    const from = Math.max(0, match.index - 160);
    const to = Math.min(text.length, match.index + match[0].length + 60);
    const last = spans[spans.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else spans.push([from, to]);
  }
  // Kept pieces are joined by a full stop, so no clause runs from one into the next.
  return spans.map(([from, to]) => text.slice(from, to)).join(' . ');
}

/** Words that make a whole clause about benefits, not pay ("401(k) ... up to $10,000 per year"). */
const NOT_PAY_CLAUSE =
  /\b(401\s?\(?k\)?|pension|retirement|stipend|allowance|reimburse\w*|bonus(es)?|match(es|ing)?|learning budget|wellness|parental leave|referral|vouchers?|gutschein\w*|zuschuss|sachbezug\w*|sachzulage|jobrad|givve|discount|rabatt|funding|raised|investors?|revenue|umsatz|side (?:job|hustle|income)|you (?:currently )?(?:earn|make)|(?<!fixed[- ])prices?|costs?|kostet|kosten|preis\w*|kunden zahlen|customers pay|worth|wellpass|gym|fitness|perks?|discounts?|verkaufswert|warenwert|warenpaket|each sale|per sale|deal sizes?|order values?|ticket sizes?)\b/i;

const SENTENCE_END =
  /(?<!\b(?:mind|ca|inkl|zzgl|max|min|bzw|vs|approx|etc|[a-z]\.[a-z]|i\.h\.v|ggf|evtl))[.!?;]\s/gi;

/** The clause before a figure: back to the last sentence break, at most 150 characters. */
function clauseBefore(text: string, start: number): string {
  const window = text.slice(Math.max(0, start - 150), start);
  // A line ends a clause too: a list item's words are not the next item's. An
  // abbreviation's full stop ("mind. 500 €", "ca. 60k") does not.
  let cut = window.lastIndexOf('\n');
  for (const end of window.matchAll(SENTENCE_END))
    cut = Math.max(cut, end.index + end[0].length - 1);
  return cut < 0 ? window : window.slice(cut + 1);
}

// A figure starts where no letter, digit or section sign runs into it ("IR35", "§34d", "B2B").
// French and Swiss write thousands with a space ("45 000 €"), read so only before a currency.
// Letters as a class, not \p{L}: a unicode-mode pattern is markedly slower to run.
const LETTER = String.raw`A-Za-z\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff`;
const FIGURE = String.raw`(?<![${LETTER}\d§#])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?=\s?(?:€|£|\$|(?:EUR|CHF|USD|GBP)(?![${LETTER}])))|\d{1,3}(?:[,.]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?)`;
// "k" as thousands only where no word goes on ("5 köpfiges Team" is five).
const THOUSANDS = String.raw`[kK](?![${LETTER}\d])`;
const CURRENCY_BEFORE = String.raw`(?:(?:us|ca|c|au|a|nz|s)?\$|£|€|₹|¥|\b(?:${CODES.join('|')})\s?)`;
// Currencies written as words after the figure ("10,000,000 yen / year", "500 Euro").
const CURRENCY_WORDS: Readonly<Record<string, string>> = { yen: 'JPY', euro: 'EUR', euros: 'EUR', pounds: 'GBP', rupees: 'INR', franken: 'CHF' }; // prettier-ignore
const CURRENCY_AFTER = String.raw`(?:£|€|\$|\b(?:${CODES.join('|')}|${Object.keys(CURRENCY_WORDS).join('|')})\b)`;
const RANGE = String.raw`(?:-|–|—|‐|‑|~|to|bis|und|à|et)`;
const MONEY = new RegExp(
  String.raw`(?<pre>${CURRENCY_BEFORE})?(?<n1>${FIGURE})\s?(?<k1>${THOUSANDS})?` +
    String.raw`(?:\s?(?<mid>${CURRENCY_AFTER})?\s?${RANGE}\s?(?<pre2>${CURRENCY_BEFORE})?` +
    String.raw`(?<n2>${FIGURE})\s?(?<k2>${THOUSANDS})?)?` +
    String.raw`(?:\s?(?<post>${CURRENCY_AFTER}))?`,
  'gi',
);

/** Words that make a figure without a currency pay ("550 pd", "Tagessatz 600"). */
const PAY_WORDS =
  /\b(rate|pay|paid|salary|compensation|remuneration|budget|wage|earn|gehalt|vergütung|verdienst|stundensatz|stundenlohn|tagessatz|honorar|salaire|rémunération|tjm|taux journalier)\b|\b(pd|p\/d|ph|p\/h|p\.a\.|per annum)\b|ir35/i;

function currencyOf(token: string | undefined): string | null {
  if (!token) return null;
  const t = token.trim();
  const prefixed = /^([a-z]{1,2})\$$/i.exec(t);
  if (prefixed) return PREFIXED_DOLLARS[prefixed[1]!.toLowerCase()] ?? 'USD';
  return (
    SYMBOLS[t] ??
    CURRENCY_WORDS[t.toLowerCase()] ??
    (CODES.includes(t.toUpperCase()) ? t.toUpperCase() : null)
  );
}

/** "120.000" and "120,000" are thousands; "85.50" and "85,5" are decimals. */
function toNumber(figure: string): number {
  const text = figure.replace(/[ \u00a0\u202f]/g, '');
  if (/^\d{1,3}([,.]\d{3})+$/.test(text)) return Number(text.replace(/[,.]/g, ''));
  if (/^\d{1,3}([,.]\d{3})+[.,]\d{1,2}$/.test(text)) {
    const decimal = text.slice(-3).replace(/^[.,]/, '.');
    return Number(text.slice(0, -3).replace(/[,.]/g, '') + decimal.replace(/^[^.]*/, ''));
  }
  return Number(text.replace(',', '.'));
}

function periodAfter(rest: string): RatePeriod | undefined {
  const text = rest
    .replace(/^\s*(?:gbp|usd|eur|£|€|\$)?\s*/i, '')
    .replace(/^\s*(?:\(|,)?\s*/, '')
    .replace(/^(?:(?:gross|brutto|net|netto|brut|before tax|vor steuern)\s*)+/i, '');
  for (const [pattern, period] of PERIOD_WORDS) {
    const match = pattern.exec(text);
    // "40221 Düsseldorf" is no day rate: the period word must end where the word does.
    if (match && !/^[\p{L}\d]/u.test(text.slice(match[0].length))) return period;
  }
  return undefined;
}

function periodBefore(before: string): RatePeriod | undefined {
  if (/\b(budget|fixed price|fixed fee)\s*:?\s*$/i.test(before)) return 'fixed';
  if (/\bhourly(?: rate)?\s*:?\s*(?:of\s*)?$/i.test(before)) return 'hour';
  if (/\bday rate\s*:?\s*(?:of\s*)?$/i.test(before)) return 'day';
  if (/\b(salary|base|package|ote)\s*:?\s*(?:of\s*)?(?:up to\s*)?$/i.test(before)) return 'year';
  return undefined;
}

/**
 * A year-sized figure in a clause about salary states its period as plainly as "per
 * year" does: "The annual base salary range for this role is 224,000 USD - 425,500 USD".
 */
function yearlyClause(clause: string, thousands: boolean, max: number): RatePeriod | undefined {
  if (!thousands && max < 10_000) return undefined;
  return /\b(annual(?:ly)?|yearly|per (?:year|annum)|salary|salaries|base pay)\b/i.test(clause)
    ? 'year'
    : undefined;
}

/** The period a bare figure most likely has, from its size; never confident. */
function periodFromSize(value: number): RatePeriod | undefined {
  if (value >= 10_000) return 'year';
  if (value >= 150 && value < 3_000) return 'day';
  if (value >= 8 && value < 150) return 'hour';
  return undefined;
}

interface Candidate {
  readonly rate: ParsedRate;
  readonly score: number;
}

/**
 * Reads a rate or salary from free text: `£450-500/day outside IR35`, `$85/hr`,
 * `85-95 USD hourly`, `€600 per day`, `up to £600`, `$120k-150k`, `120.000 €`,
 * `Budget: $250 fixed`. Returns null for "no rate" (`DOE`, `competitive`, no figure),
 * and never takes a bonus, a 401(k) match, funding or a head count for pay.
 */
export function parseRate(input: string): ParsedRate | null {
  const text = aroundFigures(input.slice(0, 20_000))
    .replace(/[^\S\n]+/g, ' ')
    .replace(/ ?\n[\s]*/g, '\n');
  if (text === '') return null;
  const candidates: Candidate[] = [];
  for (const match of text.matchAll(MONEY)) {
    const g = match.groups!;
    const start = match.index;
    const end = start + match[0].length;
    const before = text.slice(Math.max(0, start - 40), start);
    const after = text.slice(end, end + 40);
    // "$100/month education budget": what follows the period says what the figure is.
    const afterPeriod = after.replace(
      /^\s*(?:\/|per |an? )\s*(?:hour|day|week|month|year|annum|mo|yr|hr|monat|jahr)\b/i,
      '',
    );
    if (NOT_PAY_BEFORE.test(before) || NOT_PAY_AFTER.test(after) || NOT_PAY_AFTER.test(afterPeriod))
      continue;
    if (MAGNITUDE_WORD.test(after) || (!/\s$/.test(match[0]) && MAGNITUDE_LETTER.test(after)))
      continue;
    const clause = clauseBefore(text, start);
    if (NOT_PAY_CLAUSE.test(clause)) continue;
    if (/[\d.,]$/.test(before) || /^[\d]/.test(after)) continue;
    // "-$500/day" is a negative amount (a refund, a deduction), never pay.
    if (/(?:^|[\s(:=])[-−]$/.test(before)) continue;
    // A year such as "2026" or a phone number is not a figure; nor is a 401(k).
    if (!g.pre && !g.post && !g.k1 && /^(19|20)\d\d$/.test(g.n1!) && !g.n2) continue;
    if (g.n1 === '401' && (g.k1 || /^\s?\(k\)/i.test(after))) continue;
    const currency =
      currencyOf(g.pre) ?? currencyOf(g.pre2) ?? currencyOf(g.mid) ?? currencyOf(g.post);
    const k2 = Boolean(g.k2);
    const k1 = Boolean(g.k1) || (k2 && !g.k1 && g.n2 !== undefined && toNumber(g.n1!) < 1000);
    let min = toNumber(g.n1!) * (k1 ? 1000 : 1);
    let max = g.n2 !== undefined ? toNumber(g.n2) * (k2 ? 1000 : 1) : min;
    if (!Number.isFinite(min) || !Number.isFinite(max) || min <= 0) continue;
    if (max < min) [min, max] = [max, min];
    const statedPeriod =
      periodAfter(after) ?? periodBefore(before) ?? yearlyClause(clause, k1 || k2, max);
    const upTo = /\bup to\s*$/i.test(before);
    if (!currency && !statedPeriod && !g.k1 && !g.k2) continue;
    const period = statedPeriod ?? (k1 || k2 ? 'year' : periodFromSize(max));
    if (period === undefined) continue;
    // Without a currency, only a day or hourly rate that words call pay is read ("550 pd",
    // "day rate 600"): a bare "37.5 per week" is hours, "1 day remote" a schedule.
    // A range of thousands ("130K - 200K + equity") is a salary by its form.
    const salaryRange = Boolean(g.k1 && g.k2);
    if (!currency && !salaryRange && (k1 || k2 || (period !== 'day' && period !== 'hour')))
      continue;
    if (!currency && !salaryRange && !PAY_WORDS.test(`${clause} ${match[0]} ${after}`)) continue;
    const score =
      (currency ? 2 : 0) +
      (statedPeriod ? 2 : 0) +
      (g.n2 !== undefined ? 1 : 0) +
      (k1 || k2 ? 0.5 : 0);
    const confidence = Math.min(
      1,
      0.3 + (currency ? 0.3 : 0) + (statedPeriod ? 0.3 : 0.05) + (g.n2 !== undefined ? 0.1 : 0),
    );
    candidates.push({
      score,
      rate: {
        min: upTo ? max : min,
        max,
        currency,
        period,
        periodStated: statedPeriod !== undefined,
        origin: 'text',
        confidence: Number(confidence.toFixed(2)),
        matched: text.slice(upTo ? Math.max(0, start - 6) : start, end).trim(),
      },
    });
  }
  if (candidates.length === 0) return null;
  if (candidates.every((c) => c.score < 2) && NO_RATE.test(input.slice(0, 20_000))) return null;
  return candidates.reduce((best, c) => (c.score > best.score ? c : best)).rate;
}

/** A structured period as sources spell it: "per-year-salary", "HOUR", "1 YEAR", "hourly". */
export function periodOf(word: string | null | undefined): RatePeriod | null {
  if (!word) return null;
  const w = word.toLowerCase().replace(/[_-]/g, ' ');
  if (/\b(hour|hr|hourly)\b/.test(w)) return 'hour';
  if (/\b(day|daily)\b/.test(w)) return 'day';
  if (/\b(week|weekly)\b/.test(w)) return 'week';
  if (/\b(month|monthly)\b/.test(w)) return 'month';
  if (/\b(year|yr|annual|annually|yearly|salary)\b/.test(w)) return 'year';
  if (/\b(fixed|one time|project|budget)\b/.test(w)) return 'fixed';
  return null;
}

/**
 * Reads structured pay fields (min, max, currency, period as the source names it).
 * Null when there is no usable figure.
 */
export function parseStructuredRate(pay: {
  readonly min?: number | null;
  readonly max?: number | null;
  readonly currency?: string | null;
  readonly period?: string | null;
}): ParsedRate | null {
  const values = [pay.min, pay.max].filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v) && v > 0,
  );
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const stated = periodOf(pay.period);
  const period = stated ?? periodFromSize(max);
  if (period === undefined || period === null) return null;
  const currency =
    pay.currency && /^[A-Za-z]{3}$/.test(pay.currency.trim())
      ? pay.currency.trim().toUpperCase()
      : currencyOf(pay.currency ?? undefined);
  return {
    min,
    max,
    currency,
    period,
    periodStated: stated !== null,
    origin: 'structured',
    confidence: Number(Math.min(1, 0.5 + (currency ? 0.25 : 0) + (stated ? 0.25 : 0)).toFixed(2)),
    matched: [pay.min, pay.max, pay.currency, pay.period]
      .filter((v) => v !== null && v !== undefined)
      .join(' '),
  };
}

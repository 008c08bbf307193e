import type { WorkMode } from '../db/schema.js';
import { forLowercase } from '../nlp/patterns.js';
import { countryNamed, findCity, type City } from './gazetteer.js';

export interface Place {
  /** ISO 3166-1 alpha-2, or null when the text names no country we know. */
  readonly country: string | null;
  /** Every country the text names, in order ("USA, Canada": US, CA); country is the first. */
  readonly countries: readonly string[];
  /** State, province or nation within the country (US "CA", UK "England"). */
  readonly region: string | null;
  readonly city: string | null;
}

// Country names and the other ways postings write them, lowercased.
const COUNTRIES: Readonly<Record<string, readonly string[]>> = {
  GB: ['united kingdom', 'uk', 'u.k.', 'great britain', 'britain', 'england', 'scotland', 'wales', 'northern ireland', 'gb'],
  US: ['united states', 'united states of america', 'usa', 'u.s.', 'u.s.a.', 'us', 'america'],
  IE: ['ireland', 'republic of ireland'], DE: ['germany', 'deutschland'], FR: ['france'],
  NL: ['netherlands', 'the netherlands', 'holland'], BE: ['belgium'], LU: ['luxembourg'],
  ES: ['spain', 'españa'], PT: ['portugal'], IT: ['italy', 'italia'], CH: ['switzerland', 'schweiz'],
  AT: ['austria', 'österreich'], SE: ['sweden'], NO: ['norway'], DK: ['denmark'], FI: ['finland'],
  PL: ['poland', 'polska'], CZ: ['czech republic', 'czechia'], RO: ['romania'], HU: ['hungary'],
  GR: ['greece'], UA: ['ukraine'], EE: ['estonia'], LT: ['lithuania'], LV: ['latvia'],
  CA: ['canada'], MX: ['mexico'], BR: ['brazil', 'brasil'], AR: ['argentina'], CO: ['colombia'],
  CL: ['chile'], IN: ['india'], PK: ['pakistan'], BD: ['bangladesh'], SG: ['singapore'],
  MY: ['malaysia'], PH: ['philippines'], ID: ['indonesia'], VN: ['vietnam', 'viet nam'],
  TH: ['thailand'], JP: ['japan'], KR: ['south korea', 'korea'], CN: ['china'], HK: ['hong kong'],
  TW: ['taiwan'], AU: ['australia'], NZ: ['new zealand'], ZA: ['south africa'], NG: ['nigeria'],
  KE: ['kenya'], EG: ['egypt'], AE: ['united arab emirates', 'uae', 'dubai'], SA: ['saudi arabia'],
  IL: ['israel'], TR: ['turkey', 'türkiye'],
}; // prettier-ignore

const US_STATES: Readonly<Record<string, string>> = {
  AL: 'alabama', AK: 'alaska', AZ: 'arizona', AR: 'arkansas', CA: 'california', CO: 'colorado',
  CT: 'connecticut', DE: 'delaware', FL: 'florida', GA: 'georgia', HI: 'hawaii', ID: 'idaho',
  IL: 'illinois', IN: 'indiana', IA: 'iowa', KS: 'kansas', KY: 'kentucky', LA: 'louisiana',
  ME: 'maine', MD: 'maryland', MA: 'massachusetts', MI: 'michigan', MN: 'minnesota',
  MS: 'mississippi', MO: 'missouri', MT: 'montana', NE: 'nebraska', NV: 'nevada',
  NH: 'new hampshire', NJ: 'new jersey', NM: 'new mexico', NY: 'new york', NC: 'north carolina',
  ND: 'north dakota', OH: 'ohio', OK: 'oklahoma', OR: 'oregon', PA: 'pennsylvania',
  RI: 'rhode island', SC: 'south carolina', SD: 'south dakota', TN: 'tennessee', TX: 'texas',
  UT: 'utah', VT: 'vermont', VA: 'virginia', WA: 'washington', WV: 'west virginia',
  WI: 'wisconsin', WY: 'wyoming', DC: 'district of columbia',
}; // prettier-ignore

const CA_PROVINCES: Readonly<Record<string, string>> = {
  ON: 'ontario', QC: 'quebec', BC: 'british columbia', AB: 'alberta', MB: 'manitoba',
  SK: 'saskatchewan', NS: 'nova scotia', NB: 'new brunswick', NL: 'newfoundland', PE: 'prince edward island',
}; // prettier-ignore

const UK_NATIONS = ['england', 'scotland', 'wales', 'northern ireland'];

// States and Länder postings name instead of their country (US states and Canadian
// provinces are read above, with their codes).
const REGIONS: Readonly<Record<string, readonly string[]>> = {
  IN: ['karnataka', 'kerala', 'bihar', 'tamil nadu', 'tamilnadu', 'maharashtra', 'telangana', 'andhra pradesh', 'uttar pradesh', 'west bengal', 'gujarat', 'rajasthan', 'haryana', 'punjab', 'odisha', 'madhya pradesh', 'assam', 'jharkhand', 'delhi ncr', 'ncr', 'goa'],
  DE: ['bayern', 'bavaria', 'baden-württemberg', 'nordrhein-westfalen', 'nrw', 'hessen', 'hesse', 'niedersachsen', 'lower saxony', 'sachsen', 'saxony', 'thüringen', 'brandenburg', 'schleswig-holstein', 'rheinland-pfalz', 'saarland', 'mecklenburg-vorpommern', 'sachsen-anhalt'],
  AU: ['new south wales', 'nsw', 'queensland', 'western australia', 'south australia', 'tasmania'],
}; // prettier-ignore
const REGION_COUNTRY = new Map(
  Object.entries(REGIONS).flatMap(([code, names]) => names.map((n) => [n, code] as const)),
);

// Cities that postings name alone, with their country and region.
const CITIES: Readonly<Record<string, readonly [string, string | null]>> = {
  london: ['GB', 'England'], manchester: ['GB', 'England'], birmingham: ['GB', 'England'],
  leeds: ['GB', 'England'], bristol: ['GB', 'England'], liverpool: ['GB', 'England'],
  sheffield: ['GB', 'England'], newcastle: ['GB', 'England'], nottingham: ['GB', 'England'],
  reading: ['GB', 'England'], cambridge: ['GB', 'England'], oxford: ['GB', 'England'],
  milton_keynes: ['GB', 'England'], brighton: ['GB', 'England'], leicester: ['GB', 'England'],
  edinburgh: ['GB', 'Scotland'], glasgow: ['GB', 'Scotland'], aberdeen: ['GB', 'Scotland'],
  cardiff: ['GB', 'Wales'], belfast: ['GB', 'Northern Ireland'], dublin: ['IE', null],
  cork: ['IE', null], berlin: ['DE', null], munich: ['DE', null], münchen: ['DE', null],
  hamburg: ['DE', null], frankfurt: ['DE', null], cologne: ['DE', null], köln: ['DE', null],
  stuttgart: ['DE', null], düsseldorf: ['DE', null], paris: ['FR', null], lyon: ['FR', null],
  amsterdam: ['NL', null], rotterdam: ['NL', null], utrecht: ['NL', null], 'the hague': ['NL', null],
  brussels: ['BE', null], madrid: ['ES', null], barcelona: ['ES', null], lisbon: ['PT', null],
  porto: ['PT', null], milan: ['IT', null], rome: ['IT', null], zurich: ['CH', null],
  zürich: ['CH', null], geneva: ['CH', null], vienna: ['AT', null], stockholm: ['SE', null],
  oslo: ['NO', null], copenhagen: ['DK', null], helsinki: ['FI', null], warsaw: ['PL', null],
  krakow: ['PL', null], prague: ['CZ', null], bucharest: ['RO', null], budapest: ['HU', null],
  tallinn: ['EE', null], 'new york city': ['US', 'NY'], nyc: ['US', 'NY'],
  'san francisco': ['US', 'CA'], 'los angeles': ['US', 'CA'], seattle: ['US', 'WA'],
  austin: ['US', 'TX'], boston: ['US', 'MA'], chicago: ['US', 'IL'], denver: ['US', 'CO'],
  atlanta: ['US', 'GA'], 'san jose': ['US', 'CA'], 'san diego': ['US', 'CA'], dallas: ['US', 'TX'],
  houston: ['US', 'TX'], miami: ['US', 'FL'], portland: ['US', 'OR'], phoenix: ['US', 'AZ'],
  philadelphia: ['US', 'PA'], 'washington dc': ['US', 'DC'], toronto: ['CA', 'ON'],
  vancouver: ['CA', 'BC'], montreal: ['CA', 'QC'], calgary: ['CA', 'AB'], ottawa: ['CA', 'ON'],
  sydney: ['AU', null], melbourne: ['AU', null], brisbane: ['AU', null], perth: ['AU', null],
  auckland: ['NZ', null], bangalore: ['IN', null], bengaluru: ['IN', null], mumbai: ['IN', null],
  pune: ['IN', null], hyderabad: ['IN', null], delhi: ['IN', null], chennai: ['IN', null],
  tokyo: ['JP', null], seoul: ['KR', null], 'tel aviv': ['IL', null], 'cape town': ['ZA', null],
  johannesburg: ['ZA', null], lagos: ['NG', null], nairobi: ['KE', null], 'são paulo': ['BR', null],
  'sao paulo': ['BR', null], 'buenos aires': ['AR', null], 'mexico city': ['MX', null],
  bogota: ['CO', null], 'kuala lumpur': ['MY', null], manila: ['PH', null], jakarta: ['ID', null],
  'bay area': ['US', 'CA'], 'sf bay area': ['US', 'CA'], 'san francisco bay area': ['US', 'CA'],
  'silicon valley': ['US', 'CA'], sf: ['US', 'CA'],
}; // prettier-ignore

// Postings name a country by its people too ("Remote (Only Canadian)").
const DEMONYMS: Readonly<Record<string, string>> = {
  american: 'US', canadian: 'CA', british: 'GB', german: 'DE', french: 'FR', dutch: 'NL',
  irish: 'IE', spanish: 'ES', italian: 'IT', polish: 'PL', indian: 'IN', australian: 'AU',
  brazilian: 'BR', mexican: 'MX', swiss: 'CH', austrian: 'AT', swedish: 'SE', portuguese: 'PT',
}; // prettier-ignore
const COUNTRY_CODES = new Set([
  ...Object.keys(COUNTRIES),
  'AU',
  'NZ',
  'JP',
  'CN',
  'SG',
  'IN',
  'BR',
  'MX',
]);

const COUNTRY_BY_NAME = new Map<string, string>(Object.entries(DEMONYMS));
for (const [code, names] of Object.entries(COUNTRIES)) {
  for (const name of names) COUNTRY_BY_NAME.set(name, code);
}
const US_STATE_BY_NAME = new Map(Object.entries(US_STATES).map(([code, name]) => [name, code]));
const CA_PROVINCE_BY_NAME = new Map(
  Object.entries(CA_PROVINCES).map(([code, name]) => [name, code]),
);
const CITY = new Map(
  Object.entries(CITIES).map(([name, place]) => [name.replace('_', ' '), place]),
);

const REMOTE_WORDS =
  /\b(remote|anywhere|work from home|wfh|distributed|home[- ]based|telecommute|fully remote)\b/i;
const HYBRID_WORDS =
  /\b(hybrid|(\d|one|two|three)\s*days?\s*(a|per)\s*week\s*(in|on)[- ]?(the )?(office|site))\b/i;
const ONSITE_WORDS = /\b(on[- ]?site|onsite|in[- ]office|office[- ]based|on premises)\b/i;
// "Onsite - kein Remote": a remote word that is denied.
const NO_REMOTE =
  /\b(no|not|kein(e|en)?|pas de|sans)\s+(remote|home ?office|télétravail)\b|\bremote (is )?not (possible|available|an option)\b/i;

// In a text "hybrid" is also a cloud or an app: only the way of working counts.
const HYBRID_TEXT =
  /\bhybrid(e|es)?[- ]?(work\w*|role|position|model|schedule|set[- ]?up|arrangement|policy|job|opportunity|arbeit\w*|modell|setting)\b|\b(work\w*|role|position|job) (is |will be )?hybrid\b|\(hybrid\)|\bhybrid\s*[-–:(]\s*\d|\b(\d|one|two|three|four|1-2|2-3)\s*(days?|tage?n?)\s*(a|per|pro|die|in der)?\s*(week|woche)\s*(in|on|im|at)[- ]?(the |our )?(office|site|büro)|\b(\d|one|two|three|ein(en)?|zwei|drei)\s*(days?|tage?)\s*(home ?office|remote|mobil)|\b(home[- ]?office|mobile[sn]? arbeit\w*|mobiles arbeiten|remote[- ]anteil|teilweise remote|télétravail partiel|hybrides arbeiten)\b/i;
const REMOTE_TEXT =
  /\b(fully remote|100 ?% remote|remote[- ]first|remote[- ]only|work from anywhere|remote (role|position|contract|working|job|opportunity)|vollständig remote|komplett remote|100 ?% (home ?office|remote)|full remote|télétravail (complet|total|à 100)|remote-möglichkeit zu 100)\b/i;
// "Onsite Medical Center" in the benefits is a perk, not a way of working.
const ONSITE_TEXT =
  /\b(on[- ]?site|onsite|in[- ]office|office[- ]based|on premises|vor ort|präsenz\w*|sur site|en présentiel)\b(?!\s+(medical|gym|cafeteria|canteen|child ?care|daycare|parking|clinic|health|doctor|fitness|meals?|food|lunch|kitchen|amenities))/i;

const NOT_A_PLACE =
  /\b(time ?zones?|timezones?|only|based|overlap|hours|preferred|required|friendly)\b/i;

/**
 * The places a location string names, one a part: split at commas, brackets, dashes and
 * "or"/"and", postcodes and words of the way of working ("onsite", "candidates only")
 * left off, parts that are only a way of working dropped.
 */
function locationParts(input: string): string[] {
  return (
    input
      .replace(/\(([^)]*)\)/g, ',$1,')
      .split(/\s*[,;|/·•&+]\s*|\s+[-–—]\s+|\s+(?:or|and|oder|und|ou|et)\s+/i)
      // Postcodes around a city name ("40221 Düsseldorf", "Berlin 10115").
      .map((p) =>
        p
          .trim()
          .replace(/^\d{4,5}\s+(?=\p{L})|(?<=\p{L})\s+\d{4,5}$/u, '')
          // "Los Angeles onsite", "US candidates only", "Only Canadian": the place alone.
          .replace(
            /\s+(?:on-?site|remote|hybrid|office|candidates|applicants|residents)(?:\s+only)?$|^only\s+|^(?:downtown|greater|metro)\s+|[- ]based(?:\s+remote)?$|(?<!\bbay)\s+(?:metro(?:politan)?\s+)?area$/gi,
            '',
          )
          .trim(),
      )
      .flatMap((p) => {
        // "Melbourne AU": a city and its country's code.
        const coded = /^(\p{L}[\p{L} .'-]+?)\s+([A-Z]{2})$/u.exec(p);
        return coded && COUNTRY_CODES.has(coded[2]!) ? [coded[1]!, coded[2]!] : [p];
      })
      .filter(
        (p) => p !== '' && !REMOTE_WORDS.test(p) && !HYBRID_WORDS.test(p) && !ONSITE_WORDS.test(p),
      )
  );
}

/**
 * Reads a location string such as "London, UK (Hybrid)", "Remote - US",
 * "Berlin, Germany" or "San Francisco, CA" into country, region and city. `near` are the
 * countries the source implies (a national board's), which decide between cities of one
 * name ("Hanover": Hannover on a German board).
 */
export function parseLocation(
  input: string | null | undefined,
  near: readonly string[] = [],
): Place {
  if (!input) return { country: null, countries: [], region: null, city: null };
  const parts = locationParts(input);
  let country: string | null = null;
  const countries = new Set<string>();
  // Countries and regions named anywhere in the string decide between cities of one name.
  const namedCountries = parts.flatMap((p) => {
    const code = COUNTRY_BY_NAME.get(p.toLowerCase()) ?? REGION_COUNTRY.get(p.toLowerCase());
    return code ? [code] : [];
  });
  let region: string | null = null;
  let city: string | null = null;
  for (const [index, part] of parts.entries()) {
    const lower = part.toLowerCase().replace(/\.$/, '');
    const countryCode = COUNTRY_BY_NAME.get(lower.replace(/\s+only$/, ''));
    const next = parts[index + 1];
    // "Holland, MI" is a town in Michigan, not the Netherlands.
    const beforeState =
      next !== undefined &&
      /^[A-Z]{2}$/.test(next) &&
      US_STATES[next] !== undefined &&
      countryCode !== 'US' &&
      part !== next;
    if (countryCode && !beforeState) {
      country ??= countryCode;
      countries.add(countryCode);
      if (countryCode === 'GB' && UK_NATIONS.includes(lower)) region ??= titleCase(lower);
      continue;
    }
    const state =
      (/^[A-Z]{2}$/.test(part) && US_STATES[part] ? part : undefined) ??
      US_STATE_BY_NAME.get(lower);
    if (state && (country === null || country === 'US') && city !== null) {
      region ??= state;
      country ??= 'US';
      continue;
    }
    const province =
      (/^[A-Z]{2}$/.test(part) && CA_PROVINCES[part] ? part : undefined) ??
      CA_PROVINCE_BY_NAME.get(lower);
    if (province && (country === null || country === 'CA')) {
      region ??= province;
      country ??= 'CA';
      continue;
    }
    if (state && country === null) {
      region ??= state;
      country = 'US';
      // "New York, NY": the state's name before its code is the city of that name.
      if (beforeState && city === null && !/^[A-Z]{2}$/.test(part)) city = titleCase(lower);
      continue;
    }
    // "Cambridge, MA" is in Massachusetts, whatever the city of that name elsewhere.
    if (beforeState && city === null) {
      city = part;
      country ??= 'US';
      continue;
    }
    const known = CITY.get(lower);
    if (known) {
      city ??= titleCase(lower);
      country ??= known[0];
      countries.add(known[0]);
      if (known[0] === country) region ??= known[1];
      continue;
    }
    const inRegion = REGION_COUNTRY.get(lower);
    if (inRegion) {
      country ??= inRegion;
      region ??= titleCase(lower);
      continue;
    }
    const named = /^[\p{L}][\p{L} .'-]{2,40}$/u.test(part) ? countryNamed(lower) : null;
    if (named) {
      country ??= named;
      countries.add(named);
      continue;
    }
    const place = !NOT_A_PLACE.test(part);
    const found: City | null =
      place && city === null
        ? findCity(part, country ? [country] : namedCountries.length > 0 ? namedCountries : near)
        : null;
    if (found) {
      // The city as the posting writes it ("New York", "Nuremberg"); the gazetteer gives its country.
      city = part;
      country ??= found.country;
      if (found.country === 'US' && found.country === country) region ??= found.admin;
      continue;
    }
    // Further cities ("Mountain View, San Francisco, Shanghai") add their countries.
    const another: City | null = place && city !== null ? findCity(part) : null;
    if (another) {
      countries.add(another.country);
      continue;
    }
    // An unknown part is usually the city ("Leamington Spa, UK"; "New York, New York": the
    // state, then its city), unless it speaks of the job rather than a place ("USA timezones").
    if (
      city === null &&
      /^[\p{L}][\p{L} .'-]{1,40}$/u.test(part) &&
      !NOT_A_PLACE.test(part) &&
      parts.length > 1
    ) {
      city = part;
    }
  }
  countries.delete(country ?? '');
  return { country, countries: country === null ? [] : [country, ...countries], region, city };
}

// Where a text says the job or its candidates must be: "based in the US", "within Canada",
// "US-based", "UK residents only".
const PLACE_CUE =
  /\b(?:based|located|resid(?:e|ing|ents?)|living|citizens?|candidates|applicants|people|authori[sz]ed to work|authori[sz]ation to work|eligible to work|eligibility to work|right to work|work(?:ing)? (?:remotely )?from|remote(?:ly)?|anywhere|open to (?:candidates|applicants)?)\s+\(?(?:with)?(?:in|of|from)\s+(?:the\s+)?(\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*){0,2})/gu;
const PLACE_BEFORE_CUE =
  /\b(\p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*)?)[- ](?:based|only|candidates|applicants|residents|citizens|remote)\b/gu;
// Countries whose names are also everyday words or names in a title.
const NOT_IN_TITLE = new Set(['jordan', 'chad', 'georgia', 'turkey', 'guinea', 'niger', 'china']);

function countryOfName(name: string): string | null {
  const lower = name.toLowerCase().replace(/\.$/, '');
  return (
    COUNTRY_BY_NAME.get(lower) ??
    REGION_COUNTRY.get(lower) ??
    (US_STATE_BY_NAME.has(lower) ? 'US' : null) ??
    (lower.length > 3 ? countryNamed(lower) : null)
  );
}

/**
 * The countries a posting names for the job where its location names none: a country in
 * the title ("Partnerships Manager Japan"), else where the text says the job or its
 * candidates must be. Cities in the text are not read: offices and customers are named
 * there too.
 */
export function countriesStated(title: string, text: string): string[] {
  const found = new Set<string>();
  const words = title.split(/[\s,()|/–—-]+/).filter((w) => /^\p{Lu}/u.test(w));
  for (let i = 0; i < words.length; i += 1) {
    for (const n of [3, 2, 1]) {
      const name = words.slice(i, i + n).join(' ');
      if (n > words.length - i || NOT_IN_TITLE.has(name.toLowerCase())) continue;
      const code = name.length > 2 || name === 'UK' || name === 'US' ? countryOfName(name) : null;
      if (code) {
        found.add(code);
        break;
      }
    }
  }
  if (found.size > 0) return [...found];
  const head = text.slice(0, 8_000);
  for (const pattern of [PLACE_CUE, PLACE_BEFORE_CUE]) {
    for (const match of head.matchAll(pattern)) {
      const code = countryOfName(match[1]!) ?? countryOfName(match[1]!.split(/\s+/)[0]!);
      if (code) found.add(code);
    }
  }
  return [...found];
}

function titleCase(text: string): string {
  return text.replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

const WORK_MODE_WORDS = ['remote', 'anywhere', 'home', 'télétravail', 'hybrid', 'mobil', 'office', 'büro', 'site', 'premises', 'vor ort', 'präsenz', 'présentiel']; // prettier-ignore
const HYBRID_IN_TEXT = forLowercase(HYBRID_TEXT);
const REMOTE_IN_TEXT = forLowercase(REMOTE_TEXT);
const ONSITE_IN_TEXT = forLowercase(ONSITE_TEXT);
const NO_REMOTE_IN_TEXT = forLowercase(NO_REMOTE);

/**
 * Remote, hybrid or onsite, from the source's own flag, the location and the text.
 * Hybrid wins over remote when both are said ("remote-first, 2 days a week in office").
 */
export function workModeOf(input: {
  readonly remote?: boolean | null;
  readonly location?: string | null;
  readonly title?: string | null;
  readonly text?: string | null;
}): WorkMode {
  const head = `${input.title ?? ''}\n${input.location ?? ''}`;
  // Lowercased once: the text's patterns run case-sensitively, which is much the faster.
  const text = (input.text ?? '').slice(0, 5_000).toLowerCase();
  if (NO_REMOTE.test(head)) return 'onsite';
  if (HYBRID_WORDS.test(head)) return 'hybrid';
  // The text's own words are more precise than a board's remote flag ("remote" boards
  // list hybrid jobs too), but not than the title or location.
  // Each pattern only where its words can be: most texts name few of them.
  // One pass finds whether any of their words is there; most texts name none.
  const anyWords = WORK_MODE_WORDS.some((word) => text.includes(word));
  const remoteWords =
    anyWords &&
    (text.includes('remote') ||
      text.includes('anywhere') ||
      text.includes('home') ||
      text.includes('télétravail'));
  const hybridWords =
    anyWords &&
    (remoteWords ||
      text.includes('hybrid') ||
      text.includes('mobil') ||
      text.includes('office') ||
      text.includes('büro') ||
      text.includes('site'));
  if (remoteWords && REMOTE_IN_TEXT.test(text) && !HYBRID_TEXT.test(head)) return 'remote';
  if (hybridWords && HYBRID_IN_TEXT.test(text) && !/\b100 ?%/.test(head)) return 'hybrid';
  if (input.remote === true || REMOTE_WORDS.test(head)) return 'remote';
  if (ONSITE_WORDS.test(head) || (remoteWords && NO_REMOTE_IN_TEXT.test(text))) return 'onsite';
  const onsiteWords =
    anyWords &&
    (hybridWords ||
      text.includes('premises') ||
      text.includes('vor ort') ||
      text.includes('präsenz') ||
      text.includes('présentiel'));
  if (onsiteWords && ONSITE_IN_TEXT.test(text)) return 'onsite';
  if (input.remote === false) return 'onsite';
  return 'unknown';
}

import { decodeHTML } from 'entities';
import { parseLocation } from '../normalize/location.js';

/** What a "Who is hiring?" comment's first line says. */
export interface Headline {
  readonly company: string | null;
  readonly title: string;
  /** Every place the line names, joined by "; ". */
  readonly location: string | null;
  /** True where the line says remote, false where it says on-site only, else null. */
  readonly remote: boolean | null;
  readonly rate: string | null;
  /** "Full-time", "Contract", "Intern"... as the line says it. */
  readonly employmentType: string | null;
  /** The first line as text. */
  readonly headline: string;
}

/**
 * The first line of a comment's HTML as text. Before 2023 the Algolia API (and the
 * official one still) put it before the first `<p>`; since 2023 Algolia wraps every
 * paragraph, the first included: `<p>first line</p><p>…`.
 */
export function firstLine(html: string): string {
  let text = html.trimStart();
  if (/^<p>/i.test(text)) text = text.slice(3);
  const end = text.search(/<p>|<\/p>|<br\s*\/?>|\n/i);
  const line = end < 0 ? text : text.slice(0, end);
  return decodeHTML(line.replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 500);
}

// A link; a bare domain too, except as the first field, where it is the company (Checkbook.io).
const LINK = /^(?:https?:\/\/|www\.)/i;
const DOMAIN =
  /^[\w-]+(?:\.[\w-]+)*\.(?:com|io|ai|co|org|net|dev|app|tech|xyz|us|uk|de)(?:\/\S*)?$/i;
const RATE =
  /([$£€]\s?\d|\d\s?(k|usd|eur|gbp)\b|\/\s?(hr|hour|day|yr|year)\b|per (hour|day|annum|year)|salary|compensation|equity)/i;
const TYPE =
  /^(?:(?:full|part)[- ]?time|ft|pt|contract(?:or)?(?:[- ]to[- ]hire)?|freelance|intern(?:ship)?s?|permanent|temporary|temp|visa(?: sponsorship)?(?: available)?|h-?1b|relocation(?: assistance)?|no visa|equity)\b/i;
const REMOTE = /\b(remote|anywhere|distributed|wfh|work from home)\b/i;
const ONSITE = /\b(on-?site|in[- ]office|in[- ]person|office)\b/i;
const HYBRID = /\bhybrid\b/i;
const ROLE =
  /\b(engineers?|developers?|devs?|programmers?|architects?|designers?|scientists?|analysts?|managers?|leads?|directors?|head of|vp|cto|ceo|sre|devops|admin(istrator)?s?|researchers?|consultants?|specialists?|marketers?|recruiters?|writers?|(front|back)[- ]?end|full[- ]?stack|frontend|backend|fullstack|data|ml|ai|ios|android|mobile|security|qa|test(ers|ing)?|product|ops|operations|support|sales|founding|staff|senior|junior|principal|interns?|positions|roles|engineering|hiring)\b/i;
// Places the gazetteer leaves out that headlines use all the time, and "City, ST".
const PLACE_WORDS =
  /\b(sf|nyc|bay area|silicon valley|la|dc|uk|us|usa|eu|emea|apac|latam|europe|americas|north america|worldwide|global)\b/i;
const CITY_STATE = /\b[A-Z][a-z]+(?: [A-Z][a-z]+)*,\s?[A-Z]{2}\b/;

/**
 * A place the gazetteer knows (a country, a known city, a US state) in any piece of the
 * field ("San Mateo/ San Francisco CA", "Toronto & Tel Aviv"), or a headline's usual place words.
 */
function isPlace(part: string): boolean {
  if (part.length > 80) return false;
  if (PLACE_WORDS.test(part) || CITY_STATE.test(part)) return true;
  return part
    .split(/\s*(?:[/,;&]|\bor\b|\band\b)\s*/)
    .some((piece) => parseLocation(piece.replace(/\s+[A-Z]{2}$/, '')).country !== null);
}

/** A work-mode field that names a place too: "REMOTE (US/Canada only)", "Onsite - Downtown SF". */
function isModeWithPlace(part: string): boolean {
  const mode = new RegExp(`${REMOTE.source}|${ONSITE.source}|${HYBRID.source}`, 'gi');
  return (
    mode.test(part) && part.replace(mode, '').replace(/\b(and|or|only)\b|[\s()/,&+-]/gi, '') !== ''
  );
}

/**
 * Reads the customary first line, "Company | Role | Location | REMOTE | rate | url", its
 * fields in any order after the company; and the older styles: "City - Role",
 * "Company - Role - City", or a sentence ("Acme is hiring engineers in Berlin").
 */
export function parseHeadline(html: string): Headline {
  const headline = firstLine(html);
  let parts = headline
    .split(/\s*\|\s*|\s+[•·]\s+/)
    .map((p) => p.trim())
    .filter(Boolean);
  const piped = parts.length > 1;
  if (!piped) {
    parts = headline
      .split(/\s+[-–—]\s+|\s*[–—]\s*/)
      .map((p) => p.trim())
      .filter(Boolean);
  }
  const rest = parts.filter((p, i) => !LINK.test(p) && !(i > 0 && DOMAIN.test(p)));
  const rate = rest.find((p) => RATE.test(p) && /\d/.test(p)) ?? null;
  const types = rest.filter((p) => p !== rate && TYPE.test(p));
  const remoteParts = rest.filter((p) => REMOTE.test(p));
  const remote =
    remoteParts.length > 0
      ? true
      : rest.some((p) => ONSITE.test(p) && !HYBRID.test(p))
        ? false
        : null;
  const open = rest.filter((p) => p !== rate && !types.includes(p));

  let company: string | null = null;
  let candidates = open;
  if (piped || parts.length > 2) {
    // The first field is the company, unless it is plainly a place ("London - Go Developer").
    const [first, ...others] = open;
    if (first !== undefined && !(isPlace(first) && !ROLE.test(first) && !piped)) {
      company = first;
      candidates = others;
    }
  } else if (parts.length === 2) {
    // "City - Role" or "Company - Role": the part that is a place is the location.
    const [first, second] = parts as [string, string];
    if (!isPlace(first)) company = first;
    candidates = isPlace(first) ? [first, second] : [second];
  } else {
    company = /^(.{2,60}?)\s+(?:is|are)\s+(?:hiring|looking)\b/i.exec(headline)?.[1] ?? null;
    candidates = [];
  }
  const places = candidates.filter((p) => isPlace(p) || isModeWithPlace(p));
  const title =
    candidates.find((p) => !places.includes(p) && !REMOTE.test(p) && ROLE.test(p)) ??
    candidates.find((p) => !places.includes(p) && !REMOTE.test(p) && !ONSITE.test(p)) ??
    headline;
  const location = places.filter((p) => p !== title);
  return {
    // "Otta ( https://otta.com )", "WorkPatterns (www.workpatterns.com)": the name without its link.
    company:
      company
        ?.replace(/\s*\(\s*(?:https?:\/\/|www\.)[^)]*\)/gi, '')
        .replace(/\s+is hiring\b.*$/i, '')
        .trim() || null,
    title,
    location: location.length > 0 ? location.join('; ') : (remoteParts[0] ?? null),
    remote,
    rate,
    employmentType: types.find((t) => !/visa|h-?1b|relocation|equity/i.test(t)) ?? null,
    headline,
  };
}

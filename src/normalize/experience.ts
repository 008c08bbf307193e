/*
 * The years of experience a posting asks for: "5+ years of experience", "3-5 years",
 * "at least two years", "mindestens 3 Jahre Berufserfahrung", "Erfahrung von 2-3 Jahren",
 * "3 ans d'expérience", "5 jaar ervaring", "3 años de experiencia", "경력 9년 이상".
 *
 * A figure of years counts only when something ties it to experience: an experience word
 * beside it ("experience", "expertise", "Berufserfahrung", "exp"), the shape of a
 * requirement (a list item or clause that opens with "5+ years in growth marketing"), a
 * bracket of its own ("Ruby (5+ years)"), or the title ("Business Analytics Lead (7-10
 * years)"). Everything else a posting counts in years is left alone: the company's age
 * ("founded 20 years ago", "for over 15 years we have", "Mit über 20 Jahren
 * Markterfahrung"), contract and project lengths ("a 2-year project"), ages ("18 years
 * old"), service and benefits ("after 4 years", "Nach 3 Jahren Beschäftigung"), time spans
 * ("the past 5 years", "in 2 years"), pay ("$150k/year" is no count of years).
 *
 * Conventions:
 * - "5+ years", "at least 5", "over 5", "more than 5", "5 years or more" and a bare "5 years"
 *   ask 5 or more: minYears 5, maxYears null. A range "3-5 years" is 3 to 5; "3-5+ years" is
 *   3 or more. "1.5-3 years" is 1.5 to 3.
 * - A minimum under a year asks no years: "6 Monate bis 1 Jahr", "0-2 years" are not read.
 *   Nor is "up to 2 years" (a ceiling, no minimum), nor "less than 4 years".
 * - "Several years", "mehrjährige Erfahrung", "langjährige Erfahrung" state no number: they
 *   are not read (null), so a role's profile counts only figures the postings give.
 * - Several figures: the posting's ask is the largest minimum among those the posting
 *   requires; those it only prefers ("ideally", "bonus", "nice to have", or under such a
 *   heading) count only when nothing is required. Real postings give the role's overall
 *   figure first and its parts after, always smaller: "5+ years of experience, with at
 *   least 3+ years of mastery in Golang", "10+ years in growth marketing with 3+ years
 *   leading a team", "Minimum of 5 years of experience; 3 years for those with advanced
 *   degrees"; the largest is the overall one whichever order they come in.
 *
 * Linear time: the text is bounded, a single pass finds the year words, and each is looked
 * at through windows of bounded length with patterns that cannot backtrack far.
 */

export interface Experience {
  /** The fewest years asked, one or more; fractional where the text says so ("1.5-3 years"). */
  readonly minYears: number;
  /** The most, when a range says so ("3-5 years"); null when open ("5+ years"). */
  readonly maxYears: number | null;
  /** The words the figure was read from. */
  readonly evidence: string;
}

/** Characters of a text read: requirements come early, and the bound keeps the cost fixed. */
export const EXPERIENCE_TEXT_LIMIT = 30_000;
/** Characters looked at before and after a year word: a clause's reach. */
const BEFORE = 110;
const AFTER = 110;
/** Characters at a clause's end a figure may take: "a minimum of 10 to 12 +". */
const FIGURE_REACH = 48;
/** More years than this is no ask of a person (a company's age, a date). */
const MOST_YEARS = 40;
/** A bare figure this large, with no "+" or "at least", is a company's boast ("20 Jahre Erfahrung treffen auf..."). */
const BOAST_YEARS = 15;

const L = 'a-zäöüßàâçéèêëîïôûùÿñáíóú';
const YEAR_WORD = new RegExp(
  `(?<![${L}])(?:years?|yrs?|yoe|jahre[ns]?|jahr|années?|ans?|jaren|jaar|años?|anos?|년)(?![${L}])`,
  'g',
);

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, fifteen: 15, twenty: 20,
  eins: 1, zwei: 2, drei: 3, vier: 4, fünf: 5, sechs: 6, sieben: 7, acht: 8, neun: 9, zehn: 10,
  zwölf: 12, deux: 2, trois: 3, quatre: 4, cinq: 5, sept: 7, huit: 8, neuf: 9, dix: 10,
  twee: 2, drie: 3, vijf: 5, zes: 6, zeven: 7, negen: 9, tien: 10,
  uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, ocho: 8, nueve: 9, diez: 10,
}; // prettier-ignore
/** "A year", "einem Jahr", "un an": one, but only where an ask is plain ("at least a year of experience"). */
const ARTICLES = new Set(['a', 'an', 'ein', 'eine', 'einem', 'einer', 'un', 'une', 'een']);

const NUM = `(?:(?<![\\d.,])\\d{1,2}(?:[.,]\\d)?|(?<![${L}])(?:${[...Object.keys(NUMBER_WORDS), ...ARTICLES].sort((a, b) => b.length - a.length).join('|')}))`;
const MIN_QUALIFIERS = ['at least', 'at minimum', 'a minimum of', 'minimum of', 'minimum', 'min.', 'min', 'no less than', 'not less than', 'more than', 'over', 'above', 'in excess of', 'upwards of', '>=', '>', '≥', 'mindestens', 'mind.', 'wenigstens', 'mehr als', 'über', 'au moins', 'au minimum', 'minimum de', 'plus de', 'minimaal', 'ten minste', 'minstens', 'meer dan', 'ruim', 'al menos', 'por lo menos', 'como mínimo', 'mínimo de', 'mínimo', 'más de']; // prettier-ignore
const MAX_QUALIFIERS = ['up to', 'bis zu', "jusqu'à", 'jusqu’à', 'hasta', 'no more than', 'not more than', 'maximum of', 'maximum', 'max.', 'max', 'höchstens']; // prettier-ignore
const ROUGHLY = ['~', 'about', 'around', 'approximately', 'approx.', 'approx', 'roughly', 'circa', 'ca.', 'etwa', 'ungefähr', 'rund', 'environ', 'ongeveer', 'aproximadamente', 'alrededor de']; // prettier-ignore
/** Words of a company's boast more than of an ask: "over 20 years", "mehr als 15 Jahre". */
const BOASTING = ['over', 'more than', 'above', 'in excess of', 'upwards of', 'über', 'mehr als', 'plus de', 'meer dan', 'ruim', 'más de']; // prettier-ignore
const LESS = ['less than', 'fewer than', 'under', 'below', '<=', '<', '≤', 'weniger als', 'unter', 'moins de', 'minder dan', 'menos de']; // prettier-ignore
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
const QUALIFIER = alternatives([...MIN_QUALIFIERS, ...MAX_QUALIFIERS, ...ROUGHLY, ...LESS]);
const MONTHS = '(?:months?|monate?n?|mois|meses|maanden)';
const SEPARATOR = `(?:-|–|—|‐|‑|−|/|to|bis|à|a|tot|or|oder|ou|o|and|und|et|y|en)`;

/** The figure just before a year word: qualifier, number or range, "+", an attributive hyphen. */
const FIGURE = new RegExp(
  `(?<![${L}\\d])(?:(?<between>between|zwischen|entre|tussen)\\s+)?(?:(?<qualifier>${QUALIFIER})\\s*)?` +
    `(?<first>${NUM})(?<months>\\s*${MONTHS})?(?<plus1>\\s*\\+)?` +
    `(?:\\s*(?<separator>${SEPARATOR})\\s*(?<second>${NUM})(?<plus2>\\s*\\+)?)?` +
    `(?<orMore>\\s*(?:or more|oder mehr|ou plus|o más|of meer))?(?<hyphen>\\s*[-‐‑])?\\s*$`,
);
const OR_MORE =
  /^(?:['’]s?)?\s*(?:\+|or (?:more|longer|greater|above|over)|plus(?! de)|oder (?:mehr|länger)|ou plus|o más|of meer|of langer|and above|and up|\s*이상)/;

/** Words that tie a figure to experience. */
const EXPERIENCE_WORDS = new RegExp(
  `(?<![${L}])(?:experience[ds]?|expertise|exp|yoe|track record|proficiency|mastery|background(?! check)|[${L}]*erfahrung(?:en)?|berufspraxis|praxis|expérience|experiencia|ervaring|werkervaring|esperienza|경력)(?![${L}])`,
  'g',
);
/** Experience named right after the years: "a year of relevant experience", "2-year experience". */
const EXPERIENCE_NEXT =
  /^(?:['’]s?)?\s*(?:of\s+)?(?:(?:relevant|professional|work|working|industry|hands-on|practical|prior|previous|commercial|praktische|einschlägige|berufliche)\s+)?(?:experience|exp\b|erfahrung|berufserfahrung|praxis|d['’]expérience|de experiencia|ervaring|werkervaring)/;
/** An experience word that asks nothing: pay "depending on experience". */
const PAY_BY_EXPERIENCE =
  /(?:depending on|dependent on|based on|commensurate with|according to|in line with|je nach|entsprechend|selon|en fonction de|afhankelijk van|según)\s+(?:your\s+|the\s+)?(?:\S+\s+)?$/;

/** What follows a count of years that is no experience: age, service, a contract, a date. */
const NOT_EXPERIENCE_AFTER = new RegExp(
  `^(?:['’]s?)?\\s*(?:old|ago|of age|of service|of employment|of membership|of tenure|of existence|of history|of growth|of operation|alt|jung|d['’]âge|de edad|oud|contract|project|term|warranty|guarantee|fixed|ftc|assignment|engagement|plan|program|programme|degree|course|apprenticeship|ausbildung|studium|vertrag|laufzeit|befristet|beschäftigung|betriebszugehörigkeit|firmenzugehörigkeit|unternehmenszugehörigkeit|garantie|later|from now|thereafter|in a row|consecutive|anniversary|jubiläum|(?:in business|on the market|in the market|am markt|auf dem markt)(?=\\s*(?:[,.;:)!]|$|for|since|seit))|of (?:excellence|innovation|success|partnership)|together|de service|d['’]ancienneté|dienstjaren|de antigüedad)(?![${L}])`,
);
/** What stands before a count of years that is no experience: a time span, a contract, an age, a founding. */
const NOT_EXPERIENCE_BEFORE = new RegExp(
  `(?:(?<![${L}])(?:last|past|next|previous|recent|coming|first|final|within|after|every|each|per|since|in|during|nach|seit|innerhalb|letzten|vergangenen|nächsten|alle|depuis|dans|après|sinds|binnen|na|desde|durante|últimos|all)\\s+)$`,
);
const NOT_EXPERIENCE_CLAUSE = new RegExp(
  `(?<![${L}])(?:contract|duration|length|laufzeit|dauer|befristet|durée|duur|duración|aged?|alter|âge|leeftijd|edad|salary|gehalt|warranty|guarantee|founded|gegründet|established|since|seit|depuis|sinds|desde|anniversary|jubiläum)(?![${L}])`,
);

/** The company speaking: "we", "our", "wir", "unser". */
const WE = new RegExp(
  `(?<![${L}])(?:we|we['’](?:ve|re)|our|wir|uns|unser[${L}]*|nous|notre|nos|wij|onze|nosotros|nuestr[${L}]*)(?![${L}])`,
);
/** The company as the subject right after the figure: "for over 15 years we have". */
const WE_AFTER =
  /^(?:['’]s?)?\s*,?\s*(?:now\s+|already\s+)?(?:we|we['’]ve|wir|nous|wij|haben wir|sind wir)(?![a-z])/;
/** The team's years, not the candidate's: "our least experienced developer has more than 10 years". */
const WE_HAVE = new RegExp(
  `(?<![${L}])(?:we|our(?:\\s+[^\\s]+){1,3}|wir|unser[${L}]*(?:\\s+[^\\s]+){1,3})\\s+(?:have|has|haben|hat|bring|bringt|bringen)\\s+(?:[^\\s]+\\s+){0,2}$`,
);
/** The reader addressed or a requirement stated: the clause asks of a candidate. */
const ASKS = new RegExp(
  `(?<![${L}])(?:you|your|you['’](?:re|ll|ve)|du|dein[${L}]*|dich|dir|ihre?[mnrs]?|vous|votre|vos|jij|jouw|je|u|tú|tu|usted|candidates?|applicants?|bewerber[${L}]*|kandidat[${L}]*|looking for|seeking|hiring|searching|suchen|sucht|recherchons|zoeken|buscamos|ideal|ideally|must|required|requirements?|need|needs|should|idealerweise|wünschenswert|erforderlich|vorausgesetzt)(?![${L}])`,
);
/** A clause that opens with "with" or "mit" and addresses no one boasts: "Mit über 20 Jahren Markterfahrung". */
const WITH_LEAD = /^[\s\-–—*•·●▪>]*(?:with|mit|avec|met|con)\s/;

/** What may stand before a requirement that opens its clause: a bullet, a label, "you have". */
const REQUIREMENT_LEAD = new RegExp(
  `^[\\s\\-–—*•·●▪>]*(?:\\d{1,2}[.)]\\s*)?(?:[^:\\d\\n]{1,40}(?::|\\s[—–-]\\s)\\s*)?(?:(?:you|du|sie|vous|u|je|jij|someone who|candidates?)\\s+)?(?:(?:have|has|hast|habt|haben|bring|bringst|bringen|bringt|possess|ideally|idealerweise|preferably|must have|need|requires?|required|avez|heeft|hebt|heb|tienes|tiene|cuentas con)\\s+)?$`,
);
/** Words after a requirement's years that say what the years were spent on. */
const SPENT_ON = new RegExp(
  `^(?:['’]s?)?\\s*(?:\\+\\s*)?(?:of|in|as|at|with|working|building|developing|designing|leading|managing|delivering|doing|writing|selling|running|specializing|specialising|programming|coding|using|engineering|hands-on|professional|commercial|industry|relevant|post-qualification|an?|\\((?:required|preferred|minimum|mandatory)|im|in der|als|bei|d['’]|de|en|bij|op|met|como)(?![${L}])`,
);
const PREFERRED = new RegExp(
  `(?<![${L}])(?:preferred|preferably|ideally|nice[- ]to[- ]have|bonus|a plus|desirable|good to have|wünschenswert|von vorteil|idealerweise|optional|souhaité|un plus|pluspunt|deseable)(?![${L}])`,
);

/** A boundary between clauses; a full stop only when it ends a sentence, not "min." or "mind.". */
const BOUNDARY = /[\n;!?•●▪·|]|\.(?=\s)/g;
const ABBREVIATION =
  /(?:^|[^a-zäöü])(?:min|mind|ca|approx|bzw|e\.g|i\.e|z\.b|vs|inkl|incl|nr|no|resp|ggf|evtl|u\.a|d\.h|max)$/;

interface Ask extends Experience {
  /** Asked only as a preference ("ideally", "bonus"), or under such a heading. */
  readonly preferred: boolean;
}

/**
 * The years of experience a text asks for, or null when it states none. The text is a
 * posting's description (and title); where it gives several, the overall ask (see above).
 */
export function parseExperience(text: string): Experience | null {
  return chooseAsk(readAsks(text, 'text'));
}

/**
 * A posting's ask: its title's figure when it gives one ("Business Analytics Lead (7-10
 * years)", "Dev 10+ yrs"), else its text's. A title counts in years only what it asks, but
 * not a contract's length ("2-year contract").
 */
export function experienceOfPosting(posting: {
  readonly title: string;
  readonly text: string;
}): Experience | null {
  return chooseAsk(readAsks(posting.title, 'title')) ?? parseExperience(posting.text);
}

function chooseAsk(asks: readonly Ask[]): Experience | null {
  const required = asks.filter((a) => !a.preferred);
  const pool = required.length > 0 ? required : asks;
  let best: Ask | null = null;
  for (const ask of pool) if (best === null || ask.minYears > best.minYears) best = ask;
  return best && { minYears: best.minYears, maxYears: best.maxYears, evidence: best.evidence };
}

function readAsks(input: string, mode: 'text' | 'title'): Ask[] {
  const text = input.length > EXPERIENCE_TEXT_LIMIT ? input.slice(0, EXPERIENCE_TEXT_LIMIT) : input;
  const folded = text.toLowerCase();
  // Evidence is cut from the text as written, where lowercasing kept the offsets.
  const shown = folded.length === text.length ? text : folded;
  // Most postings ask no years: their headings are looked at only when one does.
  let sections: ReturnType<typeof preferredLines> | null = null;
  const asks: Ask[] = [];
  YEAR_WORD.lastIndex = 0;
  for (let hit = YEAR_WORD.exec(folded); hit !== null; hit = YEAR_WORD.exec(folded)) {
    const ask = readAsk(folded, shown, hit.index, hit.index + hit[0].length, mode);
    if (ask === null) continue;
    sections ??= preferredLines(folded);
    asks.push({ ...ask, preferred: ask.preferred || sections.preferredAt(hit.index) });
  }
  return asks;
}

function readAsk(
  text: string,
  shown: string,
  wordStart: number,
  wordEnd: number,
  mode: 'text' | 'title',
): Ask | null {
  // Most year words ("an", "the year") stand after no figure: a look at the last word first.
  if (!mayEndInFigure(text.slice(Math.max(0, wordStart - 24), wordStart))) return null;
  const before = clauseBefore(text, wordStart);
  // A figure is a few words long: the pattern looks at the clause's end only.
  const tailFrom = Math.max(0, before.text.length - FIGURE_REACH);
  const figure = FIGURE.exec(before.text.slice(tailFrom));
  if (!figure?.groups) return null;
  const g = figure.groups;
  const lead = before.text.slice(0, tailFrom + figure.index);
  const after = clauseAfter(text, wordEnd);
  const word = text.slice(wordStart, wordEnd);
  const orMore =
    OR_MORE.test(after) || g.plus1 !== undefined || g.plus2 !== undefined || g.orMore !== undefined;
  const range = readRange(g, orMore);
  if (range === null) return null;
  const { qualifier } = range;
  if (qualifier !== undefined && LESS.includes(qualifier)) return null;
  if (NOT_EXPERIENCE_AFTER.test(after) || NOT_EXPERIENCE_BEFORE.test(lead)) return null;
  const clause = `${before.text} ${word}${after}`;
  if (WE_AFTER.test(after)) return null;
  if (!ASKS.test(clause) && (WE.test(lead) || WITH_LEAD.test(lead))) return null;
  const weHave = WE_HAVE.exec(lead);
  if (weHave && !ASKS.test(weHave[0])) return null;

  const asked = orMore || range.maxYears !== null || (qualifier !== undefined && !ROUGHLY.includes(qualifier)); // prettier-ignore
  // "a 2-year project": a hyphenated count of years describes the word after it.
  if (g.hyphen !== undefined && g.second === undefined && !EXPERIENCE_NEXT.test(after)) return null;
  // "a year", "einem Jahr": one only where it plainly asks ("at least a year of experience").
  if (ARTICLES.has(g.first ?? '') && g.second === undefined && qualifier === undefined) {
    if (!EXPERIENCE_NEXT.test(after)) return null;
  }
  const boastable = !asked || (qualifier !== undefined && BOASTING.includes(qualifier) && !orMore);
  if (range.minYears >= BOAST_YEARS && boastable) return null;

  // "yrs" is a posting's shorthand: "10+ yrs" asks experience.
  const byWord =
    word === 'yoe' ||
    (asked && /^yrs?$/.test(word)) ||
    experienceWordIn(after) ||
    experienceWordIn(lead);
  if (!byWord) {
    // Untied by a word, a figure of the text must be set as a requirement; no figure may
    // be a contract's, an age or a salary.
    const opensClause = REQUIREMENT_LEAD.test(lead);
    const bracketed = /\(\s*$/.test(lead) && /^(?:['’]s?)?\s*\+?\s*[),]/.test(after);
    const set = mode === 'title' || bracketed || (opensClause && (asked || SPENT_ON.test(after)));
    if (!set || NOT_EXPERIENCE_CLAUSE.test(lead)) return null;
  }

  const start = before.start + tailFrom + figure.index;
  const end = wordEnd + Math.min(after.length, 60);
  return {
    minYears: range.minYears,
    maxYears: range.maxYears,
    evidence: shown.slice(start, end).replace(/\s+/g, ' ').trim(),
    preferred: PREFERRED.test(clause),
  };
}

/** The last word of "8 to 12 or more years", "5 oder mehr Jahre". */
const OR_MORE_WORDS = new Set(['more', 'mehr', 'plus', 'más', 'meer']);

/** Whether a clause ends in a digit or a number's word: most year words stand after none. */
function mayEndInFigure(before: string): boolean {
  const end = /([\d.,]+|[^\s\d+\-‐‑(]+)[\s+\-‐‑]*$/.exec(before.slice(-24));
  if (!end) return false;
  const token = end[1] as string;
  return (
    /\d/.test(token) ||
    Object.hasOwn(NUMBER_WORDS, token) ||
    ARTICLES.has(token) ||
    OR_MORE_WORDS.has(token)
  );
}

function readRange(
  g: Record<string, string | undefined>,
  orMore: boolean,
): { minYears: number; maxYears: number | null; qualifier: string | undefined } | null {
  const first = numberOf(g.first);
  const second = numberOf(g.second);
  if (first === null) return null;
  const conjunction = g.separator !== undefined && /^(?:and|und|et|y|en)$/.test(g.separator);
  if (second !== null && !(conjunction && g.between === undefined)) {
    const low = g.months !== undefined ? first / 12 : first;
    // "6 Monate bis 1 Jahr", "0-2 years": a minimum under a year asks no years.
    if (low < 1 || second <= low || second > MOST_YEARS) return null;
    return { minYears: low, maxYears: orMore ? null : second, qualifier: g.qualifier };
  }
  const single = second ?? first;
  // "3 months" is no count of years, and one figure with a conjunction is its own ask.
  if ((second === null && g.months !== undefined) || single > MOST_YEARS || single < 1) {
    return null;
  }
  const qualifier = second === null ? g.qualifier : undefined;
  // "Up to 2 years" is a ceiling and asks no minimum.
  if (qualifier !== undefined && MAX_QUALIFIERS.includes(qualifier)) return null;
  return { minYears: single, maxYears: null, qualifier };
}

function numberOf(word: string | undefined): number | null {
  if (word === undefined) return null;
  if (ARTICLES.has(word)) return 1;
  const named = NUMBER_WORDS[word];
  if (named !== undefined) return named;
  const value = Number(word.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

/** Whether a stretch holds an experience word that is not pay "depending on experience". */
function experienceWordIn(stretch: string): boolean {
  EXPERIENCE_WORDS.lastIndex = 0;
  for (let w = EXPERIENCE_WORDS.exec(stretch); w !== null; w = EXPERIENCE_WORDS.exec(stretch)) {
    if (!PAY_BY_EXPERIENCE.test(stretch.slice(Math.max(0, w.index - 40), w.index))) return true;
  }
  return false;
}

/** The clause before a position, within reach: from the last boundary that ends a sentence. */
function clauseBefore(text: string, at: number): { text: string; start: number } {
  const from = Math.max(0, at - BEFORE);
  const window = text.slice(from, at);
  let cut = 0;
  BOUNDARY.lastIndex = 0;
  for (let b = BOUNDARY.exec(window); b !== null; b = BOUNDARY.exec(window)) {
    if (b[0] === '.' && ABBREVIATION.test(window.slice(0, b.index))) continue;
    cut = b.index + 1;
  }
  return { text: window.slice(cut), start: from + cut };
}

/** The clause after a position, within reach, up to the next boundary or the next count of years. */
function clauseAfter(text: string, at: number): string {
  const window = text.slice(at, at + AFTER);
  let end = window.length;
  BOUNDARY.lastIndex = 0;
  for (let b = BOUNDARY.exec(window); b !== null; b = BOUNDARY.exec(window)) {
    if (b[0] === '.' && ABBREVIATION.test(window.slice(0, b.index))) continue;
    end = b.index;
    break;
  }
  // An experience word after another figure of years is that figure's.
  const next = /\d\s*\+?\s*(?:years?|yrs?|jahre|ans|jaar|años)/.exec(window.slice(0, end));
  return window.slice(0, next ? next.index : end);
}

const PREFERRED_HEADING = new RegExp(
  `(?<![${L}])(?:nice[- ]to[- ]have|bonus|preferred|desirable|good to have|a plus|wünschenswert|von vorteil|pluspunkte|optional)(?![${L}])`,
);
/** Headings that end a preferred part: the requirements, the role, the company, the offer. */
const OTHER_HEADING = new RegExp(
  `(?<![${L}])(?:requirements?|qualifications?|must|about|responsibilit[${L}]*|what you|who you|you have|profil[${L}]*|anforderungen|aufgaben|das bringst du mit|was du mitbringst|was sie mitbringen|benefits?|offer|bieten|compensation|salary|how to apply)(?![${L}])`,
);

/**
 * Which lines stand under a heading of what a posting prefers ("Nice to have:", "Bonus
 * points if you have"), until a heading of another part.
 */
function preferredLines(text: string): { preferredAt(at: number): boolean } {
  const starts: number[] = [];
  const flags: boolean[] = [];
  let preferred = false;
  let at = 0;
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    // A heading is short, no list item, and no sentence.
    const heading =
      trimmed.length > 0 &&
      trimmed.length <= 60 &&
      !/^[-•·●▪*]\s|\d/.test(trimmed) &&
      (trimmed.endsWith(':') || !/[.!?,;]$/.test(trimmed)) &&
      trimmed.split(/\s+/).length <= 8;
    if (heading && PREFERRED_HEADING.test(trimmed)) preferred = true;
    else if (heading && (trimmed.endsWith(':') || OTHER_HEADING.test(trimmed))) preferred = false;
    starts.push(at);
    flags.push(preferred);
    at += line.length + 1;
  }
  return {
    preferredAt(position: number): boolean {
      let low = 0;
      let high = starts.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if ((starts[middle] as number) <= position) low = middle;
        else high = middle - 1;
      }
      return flags[low] ?? false;
    },
  };
}

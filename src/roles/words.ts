/**
 * Title text to canonical words. Aliases of the role taxonomy and the titles of postings
 * go through the same function, so whatever spelling a title uses ("Full-Stack",
 * "fullstack", "Dev/Ops", "Snr.", "Entwickler:in", "Développeur") meets the alias in one
 * form.
 */

/** A word and the text between it and the word before (a slash there: "Senior / Staff"). */
export interface TitleWord {
  readonly word: string;
  readonly slashBefore: boolean;
  /** A comma between it and the word before: "iOS, Android and full-stack developers". */
  readonly commaBefore: boolean;
  /** A break before: a comma, a pipe, a colon, a dash between spaces ("Engineer - Remote"). */
  readonly breakBefore: boolean;
  /** Inside parentheses or brackets: "(Contract)", "[Remote]". */
  readonly bracketed: boolean;
  /**
   * Which part of the title it is in, counted from 0: parts are parted by a comma, pipe,
   * colon, plus, or a dash or slash between spaces, outside brackets ("Backend Engineer +
   * Frontend Engineer", "Remote - Java Developer").
   */
  readonly part: number;
}

// Gender marks of German and French titles: (m/w/d), (w/m/d), m/f/x, (H/F), (all genders).
const GENDER_MARK = /\(?\b[mwfdhx](?:\s*[/|,*]\s*[mwfdhx]){1,3}\b\)?/gi;
const GENDER_WORDS = /\((?:all genders?|alle geschlechter|any gender|gn\*?|divers)\)/gi;
// "Entwickler:in", "Berater*innen", "Manager/in", "Entwickler(in)": the gender ending.
const GENDER_SUFFIX = /([a-zäöü])(?::|\*|_|\/-?|\()in(?:nen)?\)?(?![a-z])/gi;
// Money and rates: "£500/day", "$130-150k", "€ 90.000", "500 per day".
const MONEY =
  /[£$€]\s?\d[\d,.]*\s*k?(?:\s*[-–]\s*[£$€]?\s?\d[\d,.]*\s*k?)?(?:\s*(?:\/|per|a)\s*(?:day|hour|hr|h|d|annum|year|yr|month))?|\b\d[\d,.]*\s*k?\s*(?:£|\$|€|eur|gbp|usd)(?:\s*(?:\/|per)\s*(?:day|hour|hr|h|d))?/gi;

/**
 * Spellings that mean one word or one name, applied to lowercase text without accents;
 * each with a piece of text it cannot match without, tested first (most titles hold few).
 */
const SPELLINGS: readonly (readonly [RegExp, string, string])[] = [
  [/ß/g, 'ss', 'ß'],
  [/c\+\+/g, ' cpp ', '++'],
  [/x\+\+/g, ' xpp ', '++'],
  [/(^|[^a-z0-9])c#/g, '$1 csharp ', '#'],
  [/(^|[^a-z0-9])f#/g, '$1 fsharp ', '#'],
  [/(^|[^a-z0-9])\.net(?![a-z])/g, '$1 dotnet ', '.net'],
  [/\b(node|react|vue|next|nuxt|nest|express|angular)[\s.]?js\b/g, '$1js', 'js'],
  [/\bs\s?\/\s?4\s?hana\b/g, 's4hana', 'hana'],
  [/\bz\/os\b/g, 'zos', 'z/'],
  [/\bpl\s?\/\s?sql\b/g, 'plsql', 'pl'],
  [/\bpl\/i\b/g, 'pli', 'pl/'],
  [/\bt-sql\b/g, 'tsql', 't-sql'],
  [/\bci\s?\/\s?cd\b/g, 'cicd', 'ci'],
  [/\bfi\s?[/-]\s?co\b/g, 'fico', 'fi'],
  [/\bpi\s?\/\s?po\b/g, 'pipo', 'pi'],
  [/\bbw\s?\/\s?4\s?hana\b/g, 'bw4hana', 'bw'],
  [/\bf\s?&\s?o\b/g, 'fo', '&'],
  [/&/g, ' and ', '&'],
  // "BE/FE Devs", "FE/BE Engineer": back end and front end, in the order named.
  [/\bbe\s?\/\s?fe\b/g, 'backend/frontend', 'fe'],
  [/\bfe\s?\/\s?be\b/g, 'frontend/backend', 'fe'],
  [/\bfull[\s-]*stack\b/g, 'fullstack', 'full'],
  [/\bfront[\s-]*end\b/g, 'frontend', 'front'],
  [/\bback[\s-]*end\b/g, 'backend', 'back'],
  [/\bdev[\s/-]*sec[\s/-]*ops\b/g, 'devsecops', 'sec'],
  [/\bdev[\s/-]*ops\b/g, 'devops', 'ops'],
  [/\b(ml|llm|fin|sec|net|ai|data|git)[\s/-]+ops\b/g, '$1ops', 'ops'],
  [/\bpen[\s-]*test/g, 'pentest', 'pen'],
  [/\bpre[\s-]*sales?\b/g, 'presales', 'pre'],
  [/\be[\s-]*commerce\b/g, 'ecommerce', 'commerce'],
  [/\bwi[\s-]*fi\b/g, 'wifi', 'wi'],
  [/\bon[\s-]*site\b/g, 'onsite', 'on'],
  [/\blow[\s-]*code\b/g, 'lowcode', 'low'],
  [/\bno[\s-]*code\b/g, 'nocode', 'no'],
  [/\bsd[\s-]*wan\b/g, 'sdwan', 'sd'],
  [/\bdata[\s-]*base\b/g, 'database', 'base'],
  [/\bweb[\s-]*site\b/g, 'website', 'site'],
  [/\bsys[\s-]*admin\b/g, 'sysadmin', 'sys'],
  [/\bscrum[\s-]*master\b/g, 'scrummaster', 'scrum'],
  [/\bdev[\s-]*rel\b/g, 'devrel', 'rel'],
  // "1st/2nd Line", "2nd & 3rd line": the support line named first.
  [/\b(\d)(st|nd|rd)(?:\s*(?:[/&-]|and|or)\s*\d(?:st|nd|rd))*[\s-]*line\b/g, '$1$2 line', 'line'],
];

/** Abbreviations titles use, as whole words. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['sr', 'senior'],
  ['snr', 'senior'],
  ['sen', 'senior'],
  ['jr', 'junior'],
  ['jnr', 'junior'],
  ['eng', 'engineer'],
  ['engr', 'engineer'],
  ['engg', 'engineer'],
  ['dev', 'developer'],
  ['devs', 'developer'],
  ['mgr', 'manager'],
  ['admin', 'administrator'],
  ['admins', 'administrator'],
  ['mgmt', 'management'],
  ['tech', 'technical'],
  ['sw', 'software'],
  ['ing', 'ingenieur'],
  ['arch', 'architect'],
  ['specialiste', 'specialist'],
  ['ingenieure', 'ingenieur'],
  ['developpeuse', 'developpeur'],
]);

/** Lowercase, no accents, no gender marks, no money, one spelling per name. */
export function canonicalText(text: string): string {
  let out = text;
  if (/[(/|,*]/.test(out)) out = out.replace(GENDER_WORDS, ' ').replace(GENDER_MARK, ' ');
  if (/[:*_/(]in/i.test(out)) out = out.replace(GENDER_SUFFIX, '$1');
  if (/\d/.test(out)) out = out.replace(MONEY, ' ');
  // Accents only where a letter outside ASCII is: "Développeur" is "developpeur".
  if (/[\u0080-\uffff]/.test(out)) out = out.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  out = out.toLowerCase();
  for (const [pattern, replacement, hint] of SPELLINGS) {
    if (out.includes(hint)) out = out.replace(pattern, replacement);
  }
  return out;
}

const WORD = /[a-z0-9]+/g;

/**
 * The canonical words of a text, with abbreviations written out, each with whether a
 * slash comes before it and whether it stands in parentheses or brackets.
 */
export function titleWords(text: string): TitleWord[] {
  const canonical = canonicalText(text);
  const words: TitleWord[] = [];
  let depth = 0;
  let last = 0;
  let part = 0;
  for (const match of canonical.matchAll(WORD)) {
    const gap = canonical.slice(last, match.index);
    for (const char of gap) {
      if (char === '(' || char === '[') depth += 1;
      else if ((char === ')' || char === ']') && depth > 0) depth -= 1;
    }
    last = match.index + match[0].length;
    const breakBefore = words.length > 0 && /[,|:;!?+–—]|\s[-/]|[-/]\s/.test(gap);
    if (breakBefore && depth === 0) part += 1;
    words.push({
      word: ABBREVIATIONS.get(match[0]) ?? match[0],
      slashBefore: gap.includes('/'),
      commaBefore: gap.includes(','),
      breakBefore,
      bracketed: depth > 0,
      part,
    });
  }
  return words;
}

/** An alias as the words a title must hold: "Full-Stack Dev" -> "fullstack developer". */
export function aliasKey(alias: string): string {
  return titleWords(alias)
    .map((w) => w.word)
    .join(' ');
}

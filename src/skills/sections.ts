/*
 * The part of a posting that asks for skills. A posting names skills it does not ask for:
 * the company's products in its blurb, perks ("ChatGPT subscription"), the benefits list,
 * legal boilerplate, links. Those parts are cut before tagging; the role's own work, the
 * requirements and the stack stay. Headings in English, German and French.
 */
import { atWordStarts, forLowercase } from '../nlp/patterns.js';

/** Headings of parts that ask for skills; checked first, so "About the role" is kept. */
const ASKED =
  /\b(about (the|this) (role|job|position|opportunity|team)|about you|the role|the job|the position|role overview|job description|responsibilit|requirements?|qualifications?|what you('| wi)ll (do|bring|need)|what you (do|bring|need|have)|looking for|(this|the) (role|position|job)|ideal candidate|need to have|who you are|you have|you are|you will|your (profile|skills|experience|tasks|role|responsibilities)|skills|experience|nice to have|bonus points|tech(nology)? stack|our stack|stack|tools|must have|preferred|minimum|basic|aufgaben|profil|anforderungen|qualifikation|das bringst du mit|was du mitbringst|was sie mitbringen|deine rolle|ihre rolle|kenntnisse|missions?|profil recherché|compétences|vos missions|votre profil)\b/i;

/** Headings of parts that do not: the company, what it offers, how to apply, the law. */
const NOT_ASKED =
  /\b(about (us|the company|[A-Z][\w&.' -]{0,40})|who we are|our (company|mission|story|values|culture|clients|customers|team|founders)|founders|founding team|leadership team|meet the team|(is|are) not for|isn't for|not a fit|equipment|hardware requirements|system requirements|company (description|overview|profile)|benefits?|perks|what we offer|we offer|our offer|why (join|work)|what'?s in it for you|compensation|salary|equal (employment )?opportunit|eeo|diversity|inclusion|privacy (?:policy|notice|statement|information)|data protection (?:notice|statement|information)|disclaimer|accommodations?|notice|how to apply|application process|interview process|hiring process|recruitment process|über uns|wer wir sind|das sind wir|unternehmen|wir bieten|was wir (dir|ihnen) bieten|deine vorteile|ihre vorteile|unser angebot|benefits|bewerbung|datenschutz|qui sommes-nous|à propos|avantages|ce que nous offrons|nous offrons)\b/i;

/** A person of the company introduced ("Michael Monin [Co-founder & CTO]"): their bio follows. */
const TEAM_MEMBER = /\[(?:ceo|cto|coo|cfo|cmo|co-?founder|founder)\b[^\]]*\]/i;

/** Headings of what the worker's desk needs ("Technology & Equipment Requirements"), whatever else they say. */
const DEVICES = /\b(equipment|hardware requirements|system requirements|computer requirements)\b/i;
const OTHER_JOBS_LINE =
  /^\W*(?:other|more) (?:open )?(?:roles|positions|jobs|openings|vacancies)\s*:/i;
const BULLET_ALONE = /^\s*[-•·–▪●*]\s*$/;

/** Headings of other jobs' parts ("Not your tech stack?"), whatever words they share with ours. */
const OTHER_JOBS =
  /\b(not your (tech )?stack|other (open )?(roles|positions|jobs|projects|openings|vacancies)|similar (jobs|roles)|more (jobs|roles|openings)|weitere (stellen|jobs))\b/i;

/** Words of boilerplate sentences wherever they stand; such a sentence is dropped whole. */
const BOILERPLATE =
  /\b(equal opportunity employer|without regard to (race|religion)|reasonable accommodations?|e-verify|background check|privacy (policy|notice)|allgemeinen gleichbehandlungsgesetz)\b/i;

/** Links and e-mail addresses: "https://github.com/acme" asks for neither HTTP nor GitHub. */
const LINKS =
  /\b(?:https?:\/\/|www\.)[^\s<>()"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|co|ai|dev|app|de|uk)\b(?:\/[^\s<>()"']*)?/gi;
// Most lines hold no link: a cheap look first spares them the pattern above.
const MAY_LINK = /https?:|www\.|@|\.(?:com|io|org|net|co|ai|dev|app|de|uk)\b/i;

// A list item is content, never a heading ("- A ChatGPT subscription" under "What we offer").
const BULLET = /^\s*(?:[-•·–▪●]|\*(?!\*)|\d{1,2}[.)])\s/;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'the', 'of', 'for', 'to', 'in', 'on', 'at', 'with', 'or', '&', 'und', 'für', 'de', 'et']); // prettier-ignore

/** Whether a short line is set as a heading: a colon at its end, markdown, or Title Case. */
function looksLikeHeading(line: string, heading: string): boolean {
  if (/:\s*$/.test(line) || /^\s*(?:#|\*\*|__)/.test(line)) return true;
  const words = heading
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w) && !SMALL_WORDS.has(w.toLowerCase()));
  const capitalised = words.filter((w) => /^[^\p{L}]*\p{Lu}/u.test(w)).length;
  return words.length > 0 && capitalised / words.length >= 0.75;
}

function headingOf(line: string): string | null {
  if (line.length > 80 || BULLET.test(line)) return null;
  const text = line.replace(/^[#*_\-–•\s]+|[*_:\s]+$/g, '');
  if (text === '' || text.length > 60) return null;
  // A heading is short and is no sentence: it ends with a colon, or with no full stop.
  if (!/:\s*$/.test(line) && /[.!]$/.test(text)) return null;
  if (text.split(/\s+/).length > 8) return null;
  return text;
}

// What a sentence about the company does: "Sarvam is building", "We help teams", "We're a
// venture-backed startup", "Udacity's mission is".
const COMPANY_VERB =
  /^(?:['’]s)?(?:\s+|(?=['’]re\b))(?!(?:are|['’]re|is) (?:\w+ly )?(?:looking|hiring|seeking|searching|recruiting|built|written|hosted|running|deployed)\b)(?:is|are|['’]re|was|were|includes?|ranges?|builds?|provides?|helps?|offers?|has|have|develops?|powers?|makes?|creates?|delivers?|enables?|empowers?|serves?|crafts?|contributes?|works with|partners with|is backed|was founded|started|began|became|become|grew|mission|ist|sind|bietet|bieten|hilft|helfen|entwickelt|entwickeln|unterstützt|unterstützen|steht|gehört|gehören)\b/i;
// The company set off by a comma: "Tulip, the leader in AI-native operations".
const APPOSITION =
  /^\s*(?:,\s*(?:the|a|an)\s|\([^)]{1,40}\)\s+(?:is|are|was|started|began|became)\b(?! (?:\w+ly )?(?:looking|hiring|seeking|searching|recruiting)\b))/i;
// The company speaking of itself: "we", or what it owns ("Our core technology", "Our innovative solutions").
const WE =
  /^(?:we|our (?:[\w-]+,? ){0,2}(?:company|team|mission|technology|platform|products?|solutions?|services?|customers|clients|vision|story|projects)|the company|wir|unser unternehmen|das unternehmen)\b/i;
// Sentences that are the company's whatever their subject: "At Acme, we", "Join the company
// that", a pitch ("What if notebooks had legible code?"), a perk ("You'll get a MacBook"),
// German with the verb first ("Mit AI-Tools helfen wir unseren Kunden").
const AT_US =
  /^at [^,.]{1,40},? we\b|^join the (?:company|startup|business) (?:that|which)\b|^(?:what if|imagine)\b|^you(?:['’]ll| will) (?:get|receive) (?:a|an|your)\b|\b(?:helfen|unterstützen|bieten|entwickeln|begleiten|beraten) wir\b/i;
// A cheap look for such a sentence anywhere in a line, before splitting it into sentences.
const MAY_BLURB =
  /(?:^[-•·–▪●*\s]*|[.!?]\s+)(?:we|our|the company|at|join|wir|unser|das unternehmen|what if|imagine|you(?:['’]ll| will) (?:get|receive))\b| wir\b/i;
// Words a company's name ends with that its sentences leave off ("Sarvam AI": "Sarvam is").
const NAME_TAIL =
  /\s+(?:ai|inc\.?|llc|ltd\.?|gmbh|ag|se|s\.?a\.?|group|labs?|technologies|technology|software|solutions|systems|interfaces|digital|media|networks|consulting|holdings|international|global|corp\.?|co\.?)$/i;

// A word of every boilerplate phrase: a text with none of them needs no line looked at.
const BOILERPLATE_WORDS = ['opportunity', 'regard', 'accommodation', 'e-verify', 'background', 'privacy', 'gleichbehandlung']; // prettier-ignore
const BOILERPLATE_IN_LOWER = atWordStarts(BOILERPLATE.source);
const MAY_BLURB_IN_LOWER = forLowercase(MAY_BLURB);
const MAY_LINK_IN_LOWER = forLowercase(MAY_LINK);

/** The company's name as its sentences say it, lowercase; null when too short to find safely. */
function shortName(company: string | null): string | null {
  if (company === null) return null;
  let name = company.trim().toLowerCase();
  for (let tail = NAME_TAIL.exec(name); tail !== null; tail = NAME_TAIL.exec(name)) {
    name = name.slice(0, tail.index);
  }
  return name.length >= 3 ? name : null;
}

// A sentence that gives the team's stack is the job's, whoever speaks: "We're primarily a .Net
// shop", "we collaborate using Slack and Jira".
const STACK_SENTENCE =
  /\b(?:(?<!full[- ])stack|we use|using|built (?:with|on|in)|written in|runs? on|running on|codebase|our code|an? [\w.#+]+ shop|tools? (?:such as|like))\b/i;

/** The company's names as a text may say them, lowercase: as written ("sarvam ai") and shortened ("sarvam"). */
function companyNames(company: string | null): string[] {
  const names = new Set([company?.trim().toLowerCase() ?? '', shortName(company) ?? '']);
  return [...names].filter((name) => name.length >= 3);
}

/**
 * Whether a sentence speaks of the company, not the job: it opens with "we" or the company
 * doing what companies do, or names the company doing it anywhere ("If you want to work on
 * AI, Sarvam is the place to be"). `names` are lowercase (`companyNames`).
 */
function aboutCompany(text: string, names: readonly string[]): boolean {
  // A list item's marker is no part of its sentence.
  const sentence = text.replace(/^[-•·–▪●*\s]+/, '');
  if (STACK_SENTENCE.test(sentence)) return false;
  if (AT_US.test(sentence)) return true;
  const we = WE.exec(sentence)?.[0];
  if (we !== undefined && COMPANY_VERB.test(sentence.slice(we.length))) return true;
  const lower = sentence.toLowerCase();
  for (const name of names) {
    for (let at = lower.indexOf(name); at >= 0; at = lower.indexOf(name, at + 1)) {
      const after = sentence.slice(at + name.length);
      if (COMPANY_VERB.test(after) || APPOSITION.test(after)) return true;
    }
  }
  return false;
}

// The reader addressed: a paragraph that never speaks to the reader speaks of someone else.
const READER =
  /\b(you|your|you'll|you're|you’ll|you’re|du|dein|deine|dich|dir|ihr|ihre|vous|votre|vos|candidates?|applicants?|hiring|looking for|seeking|join|role|roles|position|positions|experience|engineers|developers)\b/i;
/** A paragraph, not a bullet: long enough to be the company's story. */
const PARAGRAPH = 200;

// The company speaking of itself, twice or more in a paragraph: "helped us connect ... our sellers".
const US = /\b(?:we|us|our|wir|uns|unser|unsere|nous|notre)\b/gi;
const STACK =
  /\b(?:stack|use|uses|using|built (?:with|on|in)|written in|runs? on|technolog(?:y|ies)|tools?|languages?|frameworks?|setzen .{0,30} ein|nutzen|verwenden)\b/i;

/**
 * Whether a line is a paragraph about the company: it names it, or speaks as "we" more than
 * once, and never addresses the reader.
 */
function companyParagraph(line: string, lower: string, name: string | null): boolean {
  if (line.length < PARAGRAPH || READER.test(line)) return false;
  if (name !== null && lower.includes(name)) return true;
  // "We use Angular and Rails microservices" is the team's stack, which the job works in.
  return (line.match(US)?.length ?? 0) >= 2 && !STACK.test(line);
}

/**
 * The text of a posting that asks for skills: parts under company, benefits, legal and
 * application headings dropped, sentences about the company, boilerplate sentences and
 * links removed. Text before the first heading is kept (many postings have none).
 */
export function askedText(text: string, company: string | null = null): string {
  const kept: string[] = [];
  let asking = true;
  const lines = text.split('\n');
  // The per-line looks run case-sensitively on a lowercased copy: much the faster. What
  // the whole text lacks, no line needs looking for.
  const lowerText = text.toLowerCase();
  const lowerLines = lowerText.split('\n');
  const mayBoilerplate = BOILERPLATE_WORDS.some((word) => lowerText.includes(word));
  const mayLink = MAY_LINK_IN_LOWER.test(lowerText);
  const name = shortName(company);
  const mayName = name !== null && lowerText.includes(name);
  // The company as written ("Unió Digital is") and as its sentences shorten it ("Sarvam is").
  const names = companyNames(company);
  for (const [index, line] of lines.entries()) {
    const lower = lowerLines[index] ?? '';
    // A line after a lone bullet marker ("-" on a line of its own) is that item's text.
    const heading = BULLET_ALONE.test(lines[index - 1] ?? '') ? null : headingOf(line);
    if (heading !== null) {
      if (OTHER_JOBS.test(heading) || DEVICES.test(heading) || TEAM_MEMBER.test(heading)) {
        asking = false;
      } else if (ASKED.test(heading)) {
        asking = true;
      } else if (NOT_ASKED.test(heading)) {
        asking = false;
      } else if (looksLikeHeading(line, heading)) {
        // A heading of neither kind ("The Team", "Senior Engineer (Remote)") starts a part
        // that may ask; a short line of content ("Operating system of Windows 11") does not.
        asking = true;
      }
    }
    if (!asking) continue;
    // "OTHER OPENINGS: sales, marketing, project managers" names other jobs.
    if (OTHER_JOBS_LINE.test(line)) continue;
    if (companyParagraph(line, lower, name)) continue;
    // Most lines hold no sentence to drop: a look at the whole line spares the split.
    const joined =
      (mayBoilerplate && BOILERPLATE_IN_LOWER.test(lower)) ||
      MAY_BLURB_IN_LOWER.test(lower) ||
      (mayName && lower.includes(name))
        ? line
            .split(/(?<=[.!?])\s+/)
            .filter(
              (sentence) => !aboutCompany(sentence.trim(), names) && !BOILERPLATE.test(sentence),
            )
            .join(' ')
        : line;
    if (joined === '') continue;
    kept.push(mayLink && MAY_LINK_IN_LOWER.test(lower) ? joined.replace(LINKS, ' ') : joined);
  }
  return kept.join('\n');
}

/** Links and e-mail addresses taken out of a line: a title's "https://acme.com" is no HTTP. */
export function withoutLinks(text: string): string {
  return MAY_LINK.test(text) ? text.replace(LINKS, ' ') : text;
}

/**
 * More tags than this are a catch-all set a board attaches to every job (Lemon.io's fifty,
 * from .NET to Ethereum), not the poster's choice for this one.
 */
export const MAX_CHOSEN_TAGS = 30;

/**
 * A text with the company's own name taken out: GitHub's, GitLab's or MongoDB's postings
 * name their employer, not a tool they ask for ("GitHub is looking for", "Resemble AI | Toronto").
 */
function withoutName(text: string, names: readonly string[]): string {
  let out = text;
  // The name as written ("Sarvam AI"), then as its sentences say it ("Sarvam", "Veeam").
  for (const name of names) {
    if (!out.toLowerCase().includes(name)) continue;
    const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out.replace(new RegExp(`(?<![\\w])${escaped}(?![\\w])`, 'gi'), ' ');
  }
  return out;
}

/** What the tagger reads of a posting: the title without links, the asked-for text and the poster's tags. */
export function skillText(posting: {
  readonly title: string;
  readonly description: string;
  readonly company: string | null;
  readonly tags: readonly string[];
}): { title: string; text: string } {
  const { company, tags } = posting;
  const names = companyNames(company);
  const asked = withoutName(askedText(posting.description, company), names);
  return {
    title: withoutName(withoutLinks(posting.title), names),
    // One tag a line: a phrase never runs from one tag into the next.
    text:
      tags.length > 0 && tags.length <= MAX_CHOSEN_TAGS ? `${asked}\n${tags.join('\n')}` : asked,
  };
}

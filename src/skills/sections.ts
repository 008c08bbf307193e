/*
 * The part of a posting that asks for skills. A posting names skills it does not ask for:
 * the company's products in its blurb, perks ("ChatGPT subscription"), the benefits list,
 * legal boilerplate, links. Those parts are cut before tagging; the role's own work, the
 * requirements and the stack stay. Headings in English, German and French.
 */
import { forLowercase } from '../normalize/text.js';

/** Headings of parts that ask for skills; checked first, so "About the role" is kept. */
const ASKED =
  /\b(about (the|this) (role|job|position|opportunity|team)|about you|the role|the job|the position|role overview|job description|responsibilit|requirements?|qualifications?|what you('| wi)ll (do|bring|need)|what you (do|bring|need|have)|looking for|(this|the) (role|position|job)|ideal candidate|need to have|who you are|you have|you are|you will|your (profile|skills|experience|tasks|role|responsibilities)|skills|experience|nice to have|bonus points|tech(nology)? stack|our stack|stack|tools|must have|preferred|minimum|basic|aufgaben|profil|anforderungen|qualifikation|das bringst du mit|was du mitbringst|was sie mitbringen|deine rolle|ihre rolle|kenntnisse|missions?|profil recherché|compétences|vos missions|votre profil)\b/i; // prettier-ignore

/** Headings of parts that do not: the company, what it offers, how to apply, the law. */
const NOT_ASKED =
  /\b(about (us|the company|[A-Z][\w&.' -]{0,40})|who we are|our (company|mission|story|values|culture|clients|customers)|company (description|overview|profile)|benefits?|perks|what we offer|we offer|our offer|why (join|work)|what'?s in it for you|compensation|salary|equal (employment )?opportunit|eeo|diversity|inclusion|privacy|data protection|disclaimer|accommodations?|notice|how to apply|application process|interview process|hiring process|recruitment process|über uns|wer wir sind|das sind wir|unternehmen|wir bieten|was wir (dir|ihnen) bieten|deine vorteile|ihre vorteile|unser angebot|benefits|bewerbung|datenschutz|qui sommes-nous|à propos|avantages|ce que nous offrons|nous offrons)\b/i; // prettier-ignore

/** Headings of other jobs' parts ("Not your tech stack?"), whatever words they share with ours. */
const OTHER_JOBS =
  /\b(not your (tech )?stack|other (open )?(roles|positions|jobs|projects|openings|vacancies)|similar (jobs|roles)|more (jobs|roles|openings)|weitere (stellen|jobs))\b/i; // prettier-ignore

/** Words of boilerplate sentences wherever they stand; such a sentence is dropped whole. */
const BOILERPLATE =
  /\b(equal opportunity employer|without regard to (race|religion)|reasonable accommodations?|e-verify|background check|privacy (policy|notice)|allgemeinen gleichbehandlungsgesetz)\b/i; // prettier-ignore

/** Links and e-mail addresses: "https://github.com/acme" asks for neither HTTP nor GitHub. */
const LINKS =
  /\b(?:https?:\/\/|www\.)[^\s<>()"']+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|org|net|co|ai|dev|app|de|uk)\b(?:\/[^\s<>()"']*)?/gi; // prettier-ignore
// Most lines hold no link: a cheap look first spares them the pattern above.
const MAY_LINK = /https?:|www\.|@|\.(?:com|io|org|net|co|ai|dev|app|de|uk)\b/i;

function headingOf(line: string): string | null {
  if (line.length > 80) return null;
  const text = line.replace(/^[#*_\-–•\s]+|[*_:\s]+$/g, '');
  if (text === '' || text.length > 60) return null;
  // A heading is short and is no sentence: it ends with a colon, or with no full stop.
  if (!/:\s*$/.test(line) && /[.!]$/.test(text)) return null;
  if (text.split(/\s+/).length > 8) return null;
  return text;
}

// What a sentence about the company does: "Sarvam is building", "We help teams", "At Acme, we".
const COMPANY_VERB =
  /^(?:'s)?\s+(?!(?:are|'re|is) (?:looking|hiring|seeking|searching)\b)(?:is|are|'re|was|were|builds?|provides?|helps?|offers?|has|have|develops?|powers?|makes?|creates?|delivers?|enables?|empowers?|serves?|works with|partners with|is backed|was founded)\b/i; // prettier-ignore
const WE = /^(?:we|our company|the company|our team|our mission)\b/i;
const AT_US = /^at [^,.]{1,40},? we\b/i;
// A cheap look for such a sentence anywhere in a line, before splitting it into sentences.
const MAY_BLURB = /(?:^|[.!?]\s+)(?:we|our|the company|at)\b/i;

const BOILERPLATE_IN_LOWER = forLowercase(BOILERPLATE);
const MAY_BLURB_IN_LOWER = forLowercase(MAY_BLURB);
const MAY_LINK_IN_LOWER = forLowercase(MAY_LINK);

/** Whether a sentence speaks of the company, not the job ("Sarvam is building full-stack AI"). */
function aboutCompany(sentence: string, company: string | null): boolean {
  if (AT_US.test(sentence)) return true;
  const subject =
    WE.exec(sentence)?.[0] ??
    (company && sentence.toLowerCase().startsWith(company.toLowerCase()) ? company : null);
  return subject !== null && COMPANY_VERB.test(sentence.slice(subject.length));
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
  // The per-line looks run case-sensitively on a lowercased copy: much the faster.
  const lowerLines = text.toLowerCase().split('\n');
  const lowerCompany = company?.toLowerCase() ?? null;
  for (const [index, line] of lines.entries()) {
    const lower = lowerLines[index] ?? '';
    const heading = headingOf(line);
    if (heading !== null) {
      // A short line of neither kind ("Python", "Culture") may be content or a heading:
      // only a heading of the company's, the offer's or the law's parts stops the asking.
      asking = !OTHER_JOBS.test(heading) && (ASKED.test(heading) || !NOT_ASKED.test(heading));
    }
    if (!asking) continue;
    // Most lines hold no sentence to drop: a look at the whole line spares the split.
    const joined =
      BOILERPLATE_IN_LOWER.test(lower) ||
      MAY_BLURB_IN_LOWER.test(lower) ||
      (lowerCompany !== null && lower.includes(lowerCompany))
        ? line
            .split(/(?<=[.!?])\s+/)
            .filter(
              (sentence) => !aboutCompany(sentence.trim(), company) && !BOILERPLATE.test(sentence),
            ) // prettier-ignore
            .join(' ')
        : line;
    if (joined === '') continue;
    kept.push(MAY_LINK_IN_LOWER.test(lower) ? joined.replace(LINKS, ' ') : joined);
  }
  return kept.join('\n');
}

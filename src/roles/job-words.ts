import { isLevelWord } from './seniority.js';
import type { TitleWord } from './words.js';

/*
 * The words of a title that say what the job is, for grouping titles no role names:
 * "Senior Kafka Wrangler (Remote) - Contract" and "Kafka Wranglers at Acme" are both
 * "kafka wrangler".
 */

// Words that say nothing of the job: kind of contract, place of work, how to apply.
const NOISE = new Set(['remote', 'remotely', 'hybrid', 'onsite', 'contract', 'contractor', 'contracts', 'permanent', 'perm', 'freelance', 'freelancer', 'freiberuflich', 'interim', 'temporary', 'temp', 'fulltime', 'full', 'time', 'part', 'parttime', 'outside', 'inside', 'ir35', 'day', 'daily', 'rate', 'per', 'hour', 'hours', 'hr', 'hrs', 'week', 'weekly', 'month', 'months', 'vollzeit', 'teilzeit', 'befristet', 'unbefristet', 'gesucht', 'homeoffice', 'home', 'office', 'job', 'jobs', 'position', 'positions', 'role', 'roles', 'opportunity', 'urgent', 'urgently', 'immediate', 'immediately', 'asap', 'start', 'new', 'hiring', 'wanted', 'needed', 'required', 'k', 'uk', 'us', 'usa', 'eu', 'emea', 'europe', 'worldwide', 'anywhere', 'global', 'only', 'open', 'multiple', 'all', 'levels', 'years', 'yrs', 'year', 'experience', 'remoto', 'teletravail', 'cdi', 'cdd', 'h', 'f', 'm', 'w', 'd', 'x', 'mwd', 'gn', 'ab', 'sofort', 'ref', 'req', 'id']); // prettier-ignore
export const STOPWORDS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'with', 'mit', 'und', 'oder', 'der', 'die', 'das', 'den', 'dem', 'et', 'ou', 'le', 'la', 'les', 'des', 'du', 'de', 'en', 'on', 'our', 'your', 'you', 'we', 'is', 'are', 'as', 'by', 'from']); // prettier-ignore
// The role's words end where a place, a company or a purpose begins ("Kfz-Mechatroniker für
// unser Servicecenter in Neuwied"): only the words before are grouped.
const ENDS_ROLE_WORDS = new Set(['fur', 'for', 'in', 'at', 'bei', 'im', 'zur', 'zum', 'pour', 'chez', 'near', 'based', 'within']); // prettier-ignore

// Words that say a rank or a kind of post, not what it is about: "Assistant Manager -
// Taxation" is about taxation, so the part after such words is read too.
const GENERIC = new Set(['manager', 'assistant', 'associate', 'director', 'specialist', 'analyst', 'engineer', 'developer', 'consultant', 'executive', 'officer', 'coordinator', 'partner', 'advisor', 'expert', 'am', 'vp', 'deputy']); // prettier-ignore

/**
 * The words that say what the job is, for grouping titles no role matched: those of the
 * first part that has any (and the next, when the first holds only a rank: "Assistant
 * Manager - Taxation"), without levels, noise and stop words.
 */
export function roleWords(words: readonly TitleWord[]): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.bracketed) continue;
    const generic = out.every((word) => GENERIC.has(word));
    if (out.length > 0 && (w.breakBefore ? !generic : ENDS_ROLE_WORDS.has(w.word))) break;
    if (isLevelWord(w.word) || NOISE.has(w.word) || STOPWORDS.has(w.word)) continue;
    if (/^\d+$/.test(w.word) || w.word.length < 2) continue;
    // Plurals of role nouns ("whisperers", "specialists") group with their singular.
    out.push(w.word.replace(/(er|ist|or|ant|ect|ian)s$/, '$1'));
  }
  return out;
}

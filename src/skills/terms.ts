import { startOfISOWeek, subWeeks } from 'date-fns';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { natural } from '../nlp/natural.js';
import { candidateFilter, type PlaceTest } from './term-filter.js';
import type { Tagger } from './tagger.js';
import { rawTokens } from './tokenize.js';

export type { NotACandidate, PlaceTest } from './term-filter.js';

export interface TermOptions {
  /** Weeks that count as recent, ending with the week before `now`'s. @defaultValue 4 */
  readonly recentWeeks?: number;
  /** Weeks before those, to compare with. @defaultValue 8 */
  readonly baselineWeeks?: number;
  /** Recent postings a term must appear in to be listed. @defaultValue 5 */
  readonly minSupport?: number;
  /** @defaultValue 30 */
  readonly limit?: number;
  /** @defaultValue now */
  readonly now?: Date;
  /** Postings read per window at most (the most recent). @defaultValue 50,000 */
  readonly maxPostings?: number;
  /**
   * Whether a term names a place; places are never candidates. The command passes the
   * gazetteer's (src/normalize, a layer above this one). @defaultValue no term is a place
   */
  readonly isPlace?: PlaceTest;
}

export interface EmergingTerm {
  readonly term: string;
  /** Recent postings that use it. */
  readonly postings: number;
  /** Share of recent postings that use it, and of the postings before. */
  readonly share: number;
  readonly shareBefore: number;
  /** Two-proportion z statistic of the rise; above 2 is unlikely to be chance. */
  readonly z: number;
  /** Mean TF-IDF over the recent weeks, with each week one document: high for a term of few weeks. */
  readonly tfidf: number;
}

const STOPWORDS = new Set(natural.stopwords);
// Words of job-ad boilerplate that make common but meaningless n-grams.
const NOISE = new Set(['experience', 'role', 'team', 'work', 'working', 'will', 'years', 'strong', 'skills', 'ability', 'including', 'knowledge', 'opportunity', 'company', 'join', 'looking', 'candidate', 'apply', 'please', 'hands', 'etc']); // prettier-ignore

/** The 1- to 3-word terms of a text, each once, without stop words at either end. */
export function termsOf(text: string): Set<string> {
  const terms = new Set<string>();
  // A term never runs from one sentence, line or list item into the next.
  for (const sentence of text
    .slice(0, 10_000)
    .toLowerCase()
    .split(/[.!?;:,()]\s+|\n+/)) {
    const words = rawTokens(sentence).filter((w) => w.length > 1 && !/^\d+([.,]\d+)?$/.test(w));
    for (let n = 1; n <= 3; n += 1) {
      for (const gram of natural.NGrams.ngrams(words, n)) {
        const first = gram[0] as string;
        const last = gram[gram.length - 1] as string;
        if (STOPWORDS.has(first) || STOPWORDS.has(last) || NOISE.has(first) || NOISE.has(last)) {
          continue;
        }
        terms.add(gram.join(' '));
      }
    }
  }
  return terms;
}

/**
 * Terms the taxonomy does not know whose share of recent postings rose most against the
 * weeks before: candidates for whoever keeps the taxonomy. Canonical postings only. Only
 * what could be a skill is listed: no known skill in any case, no number, rate or
 * currency, no place, no company of the postings read, no stock phrase of job ads.
 */
export async function emergingTerms(
  db: Kysely<Database>,
  tagger: Tagger,
  options: TermOptions = {},
): Promise<{ terms: EmergingTerm[]; recentPostings: number; postingsBefore: number }> {
  const recentWeeks = options.recentWeeks ?? 4;
  const baselineWeeks = options.baselineWeeks ?? 8;
  const minSupport = options.minSupport ?? 5;
  const thisWeek = startOfISOWeek(options.now ?? new Date());
  const recentFrom = subWeeks(thisWeek, recentWeeks);
  const baselineFrom = subWeeks(recentFrom, baselineWeeks);
  const read = (from: Date, to: Date) =>
    db
      .selectFrom('postings')
      .select((eb) => [
        'title',
        'description',
        'company',
        eb.fn.coalesce('posted_at', 'first_seen_at').as('seen'),
      ])
      .where('canonical_id', 'is', null)
      .where((eb) => eb(eb.fn.coalesce('posted_at', 'first_seen_at'), '>=', from))
      .where((eb) => eb(eb.fn.coalesce('posted_at', 'first_seen_at'), '<', to))
      .orderBy('seen', 'desc')
      .limit(options.maxPostings ?? 50_000)
      .execute();
  const [recent, before] = await Promise.all([
    read(recentFrom, thisWeek),
    read(baselineFrom, recentFrom),
  ]);

  const now = countTerms(recent);
  const then = countTerms(before);
  const weeklyScore = recentWeekScore(now, then);

  const notACandidate = candidateFilter({
    taxonomy: tagger.taxonomy,
    companies: [...recent, ...before].map((row) => row.company),
    isPlace: options.isPlace,
  });
  // Asked only of terms with support: the place test is the costly one.
  const isKnown = (term: string) => notACandidate(term) !== null || tagger.tag('', term).length > 0;
  const n1 = Math.max(1, recent.length);
  const n0 = Math.max(1, before.length);
  const candidates: EmergingTerm[] = [];
  for (const [term, postings] of now.df) {
    if (postings < minSupport || isKnown(term)) continue;
    const share = postings / n1;
    const shareBefore = (then.df.get(term) ?? 0) / n0;
    if (share <= shareBefore) continue;
    const pooled = (postings + (then.df.get(term) ?? 0)) / (n1 + n0);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
    const z = se === 0 ? 0 : (share - shareBefore) / se;
    candidates.push({ term, postings, share, shareBefore, z, tfidf: weeklyScore(term) });
  }
  const terms = strongest(candidates, options.limit ?? 30);
  return { terms, recentPostings: recent.length, postingsBefore: before.length };
}

interface TermCounts {
  /** Postings each term is in. */
  readonly df: Map<string, number>;
  /** The terms of each week's postings, a term once a posting. */
  readonly byWeek: Map<string, string[]>;
}

function countTerms(
  rows: readonly { title: string; description: string; seen: Date }[],
): TermCounts {
  const df = new Map<string, number>();
  const byWeek = new Map<string, string[]>();
  for (const row of rows) {
    const week = startOfISOWeek(row.seen).toISOString().slice(0, 10);
    const terms = termsOf(`${row.title}\n${row.description}`);
    const list = byWeek.get(week) ?? [];
    for (const term of terms) {
      df.set(term, (df.get(term) ?? 0) + 1);
      list.push(term);
    }
    byWeek.set(week, list);
  }
  return { df, byWeek };
}

/**
 * A term's mean tf-idf over the recent weeks. Each week is one document: a term in every
 * week gets a low idf, a new one a high one.
 */
function recentWeekScore(now: TermCounts, then: TermCounts): (term: string) => number {
  const tfidf = new natural.TfIdf();
  const recentDocs: number[] = [];
  let index = 0;
  for (const [week, terms] of [...now.byWeek, ...then.byWeek]) {
    if (now.byWeek.has(week)) recentDocs.push(index);
    tfidf.addDocument(terms);
    index += 1;
  }
  return (term) =>
    recentDocs.reduce((sum, doc) => sum + tfidf.tfidf([term], doc), 0) /
    Math.max(1, recentDocs.length);
}

/**
 * The strongest candidates, at most `limit`; a longer term that says the same as a
 * shorter one with as much support wins.
 */
function strongest(candidates: EmergingTerm[], limit: number): EmergingTerm[] {
  const words = (t: EmergingTerm) => t.term.split(' ').length;
  candidates.sort(
    (a, b) => b.z - a.z || words(b) - words(a) || b.tfidf - a.tfidf || a.term.localeCompare(b.term),
  );
  const listed: EmergingTerm[] = [];
  for (const term of candidates) {
    const covered = listed.some(
      (other) =>
        (other.term.includes(term.term) || term.term.includes(other.term)) &&
        Math.abs(other.postings - term.postings) <= Math.max(1, other.postings * 0.1),
    );
    if (!covered) listed.push(term);
    if (listed.length >= limit) break;
  }
  return listed;
}

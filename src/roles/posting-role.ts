import { sharedTitleNormalizer, type NormalizedTitle, type TitleNormalizer } from './titles.js';

/** What a posting's role is read from. */
export interface PostingText {
  readonly title: string;
  /** The posting's text as processing cleans it: plain, its lines kept. */
  readonly description: string;
  /** The posting's skill ids; they break ties between the title's aliases. */
  readonly skills: readonly string[];
}

/**
 * How much of a description's opening is read for the role a title does not name: a Hacker
 * News comment's first line and its first paragraph or list of openings. Further on, the
 * text names the people the job works with rather than the job.
 */
export const ROLE_OPENING_CHARS = 1_000;

// A description's phrases: its lines, and sentences within a line.
const PHRASE_BREAK = /\n+|(?<=[.!?])\s+/;

/**
 * The role and seniority of a posting: its title's (normalizeTitle). A title that names no
 * job at all, as a Hacker News comment's first line ("Acme | Berlin | Full-time") or a
 * gig's topic ("Cryptography") do, takes the first role the opening of its description
 * names ("Backend Engineer: https://...", "is hiring a front-end web developer"). A title
 * naming a job that is no IT role ("Store Manager") or another trade keeps none: its text
 * names the IT people it works with, not the job. The seniority is the title's only, as
 * the text's first level may be another opening's.
 */
export function roleOfPosting(
  posting: PostingText,
  normalizer: TitleNormalizer = sharedTitleNormalizer(),
): NormalizedTitle {
  const title = normalizer.analyse(posting.title, posting.skills);
  const { role, seniority } = title;
  if (role !== null || title.notIt || title.namesJob) return { role, seniority };
  const opening = posting.description.slice(0, ROLE_OPENING_CHARS);
  for (const phrase of opening.split(PHRASE_BREAK)) {
    const named = normalizer.roleNamedIn(phrase);
    if (named !== null) return { role: named, seniority };
  }
  return { role: null, seniority };
}

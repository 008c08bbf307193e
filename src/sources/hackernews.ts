import { z } from 'zod';
import type { RequestSpec } from '../db/schema.js';
import {
  asRecord,
  baseUrl,
  optionalString,
  readEach,
  readItems,
  requireArray,
  requireId,
  toIsoDate,
  userText,
  withQuery,
  type ItemOutcome,
} from './common.js';
import { parseHeadline } from './hackernews-headline.js';
import type { PageResult, SourceAdapter } from './types.js';

const THREADS = {
  hiring: /^Ask HN: Who is hiring\?/i,
  freelancer: /^Ask HN: Freelancer\? Seeking freelancer\?/i,
} as const;
type ThreadKind = keyof typeof THREADS;

const config = z.object({
  /** The Algolia HN API. */
  baseUrl: baseUrl('https://hn.algolia.com'),
  /** The official HN API (Firebase). */
  firebaseUrl: baseUrl('https://hacker-news.firebaseio.com'),
  /**
   * Which API reads the threads: `algolia` (one request a thread, every comment nested in
   * it) or `firebase`, the official one (one request a comment). @defaultValue 'algolia'
   */
  api: z.enum(['algolia', 'firebase']).default('algolia'),
  /** Which monthly threads: "Who is hiring?" and "Freelancer? Seeking freelancer?". */
  threads: z.array(z.enum(['hiring', 'freelancer'])).default(['hiring', 'freelancer']),
  /** How many of the latest monthly threads of each kind. @defaultValue 1 */
  months: z.coerce.number().int().min(1).max(24).default(1),
});
type HackerNewsConfig = z.infer<typeof config>;
type Label = 'THREADS' | 'USER' | 'THREAD' | 'COMMENT';

/**
 * Hacker News monthly hiring threads, posted by the user whoishiring; every live
 * top-level comment is a posting. Through Algolia: search_by_date finds the threads and
 * items/:id gives each with its comments. Through the official API: the user's submitted
 * items are the threads, each names its comments in `kids`, fetched one by one.
 */
export const hackernews: SourceAdapter<HackerNewsConfig, Label> = {
  id: 'hackernews',
  name: 'Hacker News: Who is hiring',
  crawler: 'http',
  configSchema: config,
  // The demo's market has a thread of each kind per month it spans (60 weeks: 15 months
  // at most): all of them are read, as far back as the adapter reads.
  demo: (url) => ({ hackernews: { baseUrl: `${url}/hn`, months: 24 } }),
  startRequests: (c, { since }) => [
    c.api === 'firebase'
      ? {
          url: `${c.firebaseUrl}/v0/user/whoishiring.json`,
          label: 'USER',
          userData: { threads: c.threads, months: c.months, firebaseUrl: c.firebaseUrl },
        }
      : {
          url: withQuery(`${c.baseUrl}/api/v1/search_by_date`, {
            tags: 'story,author_whoishiring',
            hitsPerPage: Math.min(100, c.months * 6),
            numericFilters: since
              ? `created_at_i>${Math.floor(since.getTime() / 1000) - 31 * 86400}`
              : undefined,
          }),
          label: 'THREADS',
          userData: { threads: c.threads, months: c.months, baseUrl: c.baseUrl },
        },
  ],
  // A saved search, user, thread or comment, by the fields each response has.
  importLabel: (body) =>
    /^\s*\{\s*"(?:exhaustive|hits)/.test(body) || /"hits"\s*:\s*\[/.test(body.slice(0, 2_000))
      ? 'THREADS'
      : /"type"\s*:\s*"comment"/.test(body.slice(0, 5_000)) && !/"children"\s*:/.test(body)
        ? 'COMMENT'
        : /"submitted"\s*:/.test(body)
          ? 'USER'
          : 'THREAD',
  handlers: {
    THREADS: (page) => {
      const body = asRecord(page.json(), 'the search response');
      const { threads, months, baseUrl: root } = wanted(page.userData, page.config);
      const taken = new Map<ThreadKind, number>();
      const { results, skipped } = readEach<RequestSpec>(
        requireArray(body.hits, 'hits'),
        (item) => {
          const hit = asRecord(item, 'a hit');
          const kind = kindOf(hit.title);
          if (kind === null || !threads.includes(kind)) return { skip: 'not a thread asked for' };
          if ((taken.get(kind) ?? 0) >= months) return { skip: 'an older month than asked for' };
          const id = requireId(hit.objectID ?? hit.story_id, 'thread id');
          taken.set(kind, (taken.get(kind) ?? 0) + 1);
          return {
            url: `${root}/api/v1/items/${id}`,
            label: 'THREAD',
            role: 'detail',
            userData: { kind },
          };
        },
      );
      return { requests: results, skipped };
    },
    // whoishiring posts three threads on the first of each month (hiring, wants to be
    // hired, freelancer) and nothing else: its newest 3 x months items are the months
    // asked for, and THREAD keeps the kinds wanted.
    USER: (page) => {
      const user = asRecord(page.json(), 'the user');
      const { threads, months } = wanted(page.userData, page.config);
      const root = userText(page.userData, 'firebaseUrl') || page.config.firebaseUrl;
      return {
        requests: requireArray(user.submitted ?? [], 'submitted')
          .slice(0, months * 3)
          .map((id) => ({
            url: `${root}/v0/item/${requireId(id, 'item id')}.json`,
            label: 'THREAD',
            role: 'detail',
            userData: { threads, firebaseUrl: root },
          })),
      };
    },
    THREAD: (page) => {
      const thread = asRecord(page.json(), 'the thread');
      if (thread.children !== undefined) {
        // Algolia: the comments come nested in the thread.
        const kind = (userText(page.userData, 'kind') ||
          kindOf(thread.title) ||
          'hiring') as ThreadKind;
        return readItems(requireArray(thread.children, 'children'), (c) =>
          commentListing(asRecord(c, 'a comment'), kind),
        );
      }
      return firebaseThread(page.userData, page.config, thread);
    },
    COMMENT: (page) => {
      const kind = (userText(page.userData, 'kind') || 'hiring') as ThreadKind;
      return readItems([page.json()], (c) => commentListing(asRecord(c, 'a comment'), kind));
    },
  },
};

function wanted(
  userData: Readonly<Record<string, unknown>>,
  c: HackerNewsConfig,
): { threads: ThreadKind[]; months: number; baseUrl: string } {
  const threads = Array.isArray(userData.threads) ? (userData.threads as ThreadKind[]) : c.threads;
  const months = typeof userData.months === 'number' ? userData.months : c.months;
  return { threads, months, baseUrl: userText(userData, 'baseUrl') || c.baseUrl };
}

function kindOf(title: unknown): ThreadKind | null {
  const text = optionalString(title) ?? '';
  return (Object.keys(THREADS) as ThreadKind[]).find((k) => THREADS[k].test(text)) ?? null;
}

/** An official-API thread: a wanted one names its comments, each fetched on its own. */
function firebaseThread(
  userData: Readonly<Record<string, unknown>>,
  c: HackerNewsConfig,
  thread: Record<string, unknown>,
): PageResult {
  const kind = kindOf(thread.title);
  const { threads } = wanted(userData, c);
  if (kind === null || !threads.includes(kind)) return {};
  const root = userText(userData, 'firebaseUrl') || c.firebaseUrl;
  const { results, skipped } = readEach<RequestSpec>(
    requireArray(thread.kids ?? [], 'kids'),
    (id) => ({
      url: `${root}/v0/item/${requireId(id, 'comment id')}.json`,
      label: 'COMMENT',
      role: 'detail',
      userData: { kind },
    }),
  );
  return { requests: results, skipped };
}

// Recruiting events posted in the thread are not a job (YC's "Work at a Startup Expo").
const EVENT = /\b(expo|meetup|job fair|career fair|hackathon|conference|webinar|open house)\b/i;
// What a job post says somewhere near its start, when its first line is not the usual fields.
const HIRING =
  /\b((is|are|we'?re|we are|now) (hiring|looking)|hiring (for|a|an|engineers?|developers?)|looking to hire|join (us|our|the team)|apply|resume|cv|positions?|roles?|openings?|requirements?|salary|we (do|build|make|write|are building))\b/i;

/**
 * Why a top-level comment is no job post, or null: not every comment is one (thread
 * statistics, notes to job seekers, events). A first line of fields is a job post; a
 * sentence is when the text near the start speaks of hiring.
 */
function notAJobPost(headline: string, html: string): string | null {
  if (EVENT.test(headline)) return 'not a job post (an event)';
  if (headline.includes('|')) return null;
  // The thread's own name ("Who is hiring?") says nothing of the comment.
  const opening = html
    .slice(0, 2_000)
    .replace(/<[^>]+>/g, ' ')
    .replace(/who(?: is|&#x27;s|'s) hiring/gi, ' ');
  return HIRING.test(opening) ? null : 'not a job post';
}

/**
 * A top-level comment of either API as a listing: Algolia's `author`, `created_at`,
 * `parent_id`; the official API's `by`, `time`, `parent`. Deleted comments keep their
 * place with no author and no text; dead ones are flagged.
 */
function commentListing(comment: Record<string, unknown>, kind: ThreadKind): ItemOutcome {
  const text = optionalString(comment.text);
  const author = optionalString(comment.author) ?? optionalString(comment.by);
  if (comment.deleted === true || (author === null && text === null)) {
    return { skip: 'deleted comment' };
  }
  if (comment.dead === true || /^\s*\[(dead|flagged)\]\s*$/i.test(text ?? '')) {
    return { skip: 'dead comment' };
  }
  if (text === null) return { skip: 'comment without text' };
  const id = requireId(comment.id, 'comment id');
  const head = parseHeadline(text);
  const notJob = notAJobPost(head.headline, text);
  if (notJob) return { skip: notJob };
  return {
    externalId: id,
    url: `https://news.ycombinator.com/item?id=${id}`,
    title: head.title.slice(0, 300),
    company: head.company,
    location: head.location,
    postedAt: toIsoDate(comment.created_at) ?? toIsoDate(comment.created_at_i ?? comment.time),
    employmentType: kind === 'freelancer' ? 'freelance' : head.employmentType,
    pay: head.rate ? { text: head.rate } : null,
    description: text,
    tags: [kind],
    remote: head.remote,
    source: {
      id: comment.id,
      author,
      created_at: comment.created_at ?? comment.time ?? null,
      parent_id: comment.parent_id ?? comment.parent ?? null,
      headline: head.headline,
      thread: kind,
    },
  };
}

import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalString,
  requireArray,
  requireId,
  toIsoDate,
  userText,
  withQuery,
} from './common.js';
import type { ListingInput, RequestSpec, SourceAdapter } from './types.js';

const THREADS = {
  hiring: /^Ask HN: Who is hiring\?/i,
  freelancer: /^Ask HN: Freelancer\? Seeking freelancer\?/i,
} as const;

const config = z.object({
  baseUrl: baseUrl('https://hn.algolia.com'),
  /** Which monthly threads: "Who is hiring?" and "Freelancer? Seeking freelancer?". */
  threads: z.array(z.enum(['hiring', 'freelancer'])).default(['hiring', 'freelancer']),
  /** How many of the latest monthly threads of each kind. @defaultValue 1 */
  months: z.coerce.number().int().min(1).max(24).default(1),
});
type HackerNewsConfig = z.infer<typeof config>;

/**
 * Hacker News monthly hiring threads, through the Algolia API: find the threads posted
 * by whoishiring, load each with items/:id; every live top-level comment is a posting.
 */
export const hackernews: SourceAdapter<HackerNewsConfig, 'THREADS' | 'THREAD'> = {
  id: 'hackernews',
  name: 'Hacker News: Who is hiring',
  crawler: 'http',
  configSchema: config,
  startRequests: (c, { since }) => [
    {
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
  handlers: {
    THREADS: (page) => {
      const body = asRecord(page.json(), 'the search response');
      const {
        threads,
        months,
        baseUrl: root,
      } = page.userData as { threads: (keyof typeof THREADS)[]; months: number; baseUrl: string };
      const hits = requireArray(body.hits, 'hits').map((h) => asRecord(h, 'a hit'));
      const requests: RequestSpec[] = [];
      for (const kind of threads) {
        hits
          .filter((hit) => THREADS[kind].test(optionalString(hit.title) ?? ''))
          .slice(0, months)
          .forEach((hit) => {
            const id = requireId(hit.objectID ?? hit.story_id, 'thread id');
            requests.push({
              url: `${root}/api/v1/items/${id}`,
              label: 'THREAD',
              role: 'detail',
              userData: { kind },
            });
          });
      }
      return { requests };
    },
    THREAD: (page) => {
      const thread = asRecord(page.json(), 'the thread');
      const children = requireArray(thread.children ?? [], 'children').map((c) =>
        asRecord(c, 'a comment'),
      );
      return {
        listings: children
          .filter(isLive)
          .map((c) => toListing(c, userText(page.userData, 'kind') || 'hiring')),
      };
    },
  },
};

/** Deleted comments keep their place with no author and no text; dead ones are flagged. */
function isLive(comment: Record<string, unknown>): boolean {
  const text = optionalString(comment.text);
  return (
    comment.deleted !== true &&
    comment.dead !== true &&
    optionalString(comment.author) !== null &&
    text !== null &&
    !/^\s*\[(dead|flagged|deleted)\]\s*$/i.test(text)
  );
}

const RATE =
  /([$£€]\s?\d|\d\s?(k|usd|eur|gbp)\b|\/\s?(hr|hour|day|yr|year)\b|per (hour|day|annum|year)|salary|equity)/i;
const LOCATION_HINT =
  /\b(remote|onsite|on-site|hybrid|[A-Z][a-z]+,\s?[A-Z]{2}\b|london|berlin|new york|nyc|sf|san francisco|usa|uk|eu|europe)\b/i;

/** The customary first line: "Company | Role | Location | REMOTE | rate", in any order after the company. */
export function parseHeadline(html: string): {
  company: string | null;
  title: string;
  location: string | null;
  remote: boolean | null;
  rate: string | null;
  headline: string;
} {
  const firstLine = (html.split(/<p>|\n/)[0] ?? '')
    .replace(/<[^>]+>/g, '')
    .replace(/&#x2F;/g, '/')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .trim();
  const parts = firstLine
    .split(/\s+\|\s+|\s*\|\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const [company = null, ...rest] = parts;
  const rate = rest.find((p) => RATE.test(p)) ?? null;
  const remote = rest.some((p) => /\bremote\b/i.test(p)) ? true : null;
  const location =
    rest.find((p) => p !== rate && LOCATION_HINT.test(p) && !/^remote$/i.test(p)) ?? null;
  const title =
    rest.find(
      (p) =>
        p !== rate &&
        p !== location &&
        !/^(remote|onsite|on-site|hybrid|full[- ]time|part[- ]time|contract|visa)/i.test(p),
    ) ?? firstLine;
  return { company, title, location, remote, rate, headline: firstLine };
}

function toListing(comment: Record<string, unknown>, kind: string): ListingInput {
  const text = optionalString(comment.text) ?? '';
  const id = requireId(comment.id, 'comment id');
  const head = parseHeadline(text);
  return {
    externalId: id,
    url: `https://news.ycombinator.com/item?id=${id}`,
    title: head.title.slice(0, 300),
    company: head.company,
    location: head.location,
    postedAt: toIsoDate(comment.created_at) ?? toIsoDate(comment.created_at_i),
    employmentType: kind === 'freelancer' ? 'freelance' : null,
    pay: head.rate ? { text: head.rate } : null,
    description: text,
    tags: [kind],
    remote: head.remote,
    source: {
      id: comment.id,
      author: comment.author,
      created_at: comment.created_at,
      parent_id: comment.parent_id,
      headline: head.headline,
      thread: kind,
    },
  };
}

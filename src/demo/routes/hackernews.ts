import { postingsOf, type MarketPosting } from '../market.js';
import { fill, recorded } from '../recorded.js';
import { marketSpan } from '../redate.js';
import { escapeHtml, json, notFound, type FixtureSite, type Route } from '../types.js';

type Item = Record<string, unknown>;
type Kind = 'hiring' | 'freelancer' | 'wanted';

const TITLES: Record<Kind, (month: string) => string> = {
  hiring: (m) => `Ask HN: Who is hiring? (${m})`,
  freelancer: (m) => `Ask HN: Freelancer? Seeking freelancer? (${m})`,
  wanted: (m) => `Ask HN: Who wants to be hired? (${m})`,
};
const KINDS = ['hiring', 'freelancer', 'wanted'] as const;
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** A month of the market, `index` months before its newest one. */
interface Month {
  readonly index: number;
  /** As the threads' titles name it: "November 2026". */
  readonly name: string;
  /** Its first moment and the next month's, in ms since the epoch (UTC). */
  readonly start: number;
  readonly end: number;
}

/**
 * The months the market's postings span, newest first: whoishiring posts a thread of each
 * kind every month, so the market's postings sit in the threads of the months they were
 * posted in, whatever weeks the market covers.
 */
function monthsOf(market: readonly MarketPosting[]): Month[] {
  const span = marketSpan(market);
  if (!span) return [];
  const newest = new Date(span.to);
  const months: Month[] = [];
  for (let index = 0; ; index++) {
    // Date.UTC carries a month below 0 into the year before.
    const start = Date.UTC(newest.getUTCFullYear(), newest.getUTCMonth() - index, 1);
    const first = new Date(start);
    const name = `${MONTH_NAMES[first.getUTCMonth()]} ${first.getUTCFullYear()}`;
    const end = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 1);
    months.push({ index, name, start, end });
    if (start <= span.from) return months;
  }
}

const OFFSET: Record<Kind, number> = { hiring: 0, freelancer: 1, wanted: 2 };
const threadId = (kind: Kind, month: Month) => 46_000_000 + OFFSET[kind] - month.index * 1_000_000;
function threadOf(months: readonly Month[], id: number) {
  for (const month of months) {
    for (const kind of KINDS) if (threadId(kind, month) === id) return { kind, month, id };
  }
  return undefined;
}
// A month's threads are numbered one apart: three apart keeps their comments' ids apart.
const commentId = (thread: number, index: number) => thread + 1_000 + index * 3;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
/** whoishiring posts a month's threads on its first day, late morning in New York. */
const threadTime = (month: Month) => Math.floor(month.start / 1000) + 15 * 3_600;
const isoSeconds = (seconds: number) =>
  new Date(seconds * 1000).toISOString().replace(/\.\d+Z$/, 'Z');

// The real responses the market's are made from: an Algolia search (May 2026) and the
// official API's February 2020 thread and one of its comments.
const SEARCH = recorded<{ hits: Item[] } & Item>('hackernews', 'search-by-date-2026-05.json');
const HIT = SEARCH.hits[0]!;
const STORY = recorded<Item>('hackernews', 'firebase-2020-02/item-22225314.json');
const COMMENT = recorded<Item>('hackernews', 'firebase-2020-02/item-22232065.json');

/** The postings of a thread: the market's of its kind posted in its month. */
function postingsIn(market: readonly MarketPosting[], kind: Kind, month: Month): MarketPosting[] {
  if (kind === 'wanted') return [];
  return postingsOf(market, 'hackernews').filter((p) => {
    const posted = Date.parse(p.postedAt);
    const inMonth = posted >= month.start && posted < month.end;
    return inMonth && (kind === 'freelancer') === (p.contract === 'freelance');
  });
}

/** The customary first line, with the official API's entities for "/" and "'". */
function headline(p: MarketPosting): string {
  const mode = p.workMode === 'remote' ? 'REMOTE' : p.workMode === 'hybrid' ? 'Hybrid' : 'ONSITE';
  return escapeHtml(
    [p.company, p.title, `${p.city}, ${p.country}`, mode, p.rateText].filter(Boolean).join(' | '),
  )
    .replace(/\//g, '&#x2F;')
    .replace(/&#39;/g, '&#x27;');
}

/** A paragraph per block of the description, as HN keeps text: <p> between, not around. */
const paragraphs = (html: string) =>
  html
    .replace(/<\/?(strong|ul|li|h\d)>/g, ' ')
    .split(/<\/?p>/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Algolia's items/:id: the thread with every comment nested, text <p>-wrapped since 2023. */
function algoliaComment(p: MarketPosting, thread: number, index: number) {
  const id = commentId(thread, index);
  return {
    id,
    created_at: p.postedAt,
    created_at_i: epoch(p.postedAt),
    type: 'comment',
    author: `user${index}`,
    title: null,
    url: null,
    text: [headline(p), ...paragraphs(p.descriptionHtml)].map((s) => `<p>${s}</p>`).join(''),
    points: null,
    parent_id: thread,
    story_id: thread,
    children: [
      {
        id: thread + 10_000 + index,
        author: 'someone',
        text: '<p>Is this open to EU applicants?</p>',
        parent_id: id,
        children: [],
      },
    ],
  };
}

/**
 * Hacker News: the Algolia API (search_by_date for the monthly threads, items/:id for
 * each) and the official API (the whoishiring user, each thread naming its comments in
 * kids, each comment on its own).
 */
const routes: Route[] = [
  {
    path: /^\/hn\/api\/v1\/search_by_date$/,
    handle: (_req, _m, { market }) => {
      const hits = monthsOf(market).flatMap((month) =>
        KINDS.map((kind) => {
          const id = threadId(kind, month);
          const created = threadTime(month);
          const comments = postingsIn(market, kind, month);
          return fill(HIT, {
            _highlightResult: HIT._highlightResult,
            _tags: ['story', 'author_whoishiring', `story_${id}`, 'ask_hn'],
            children: comments.map((_, i) => commentId(id, i)),
            created_at: isoSeconds(created),
            created_at_i: created,
            num_comments: comments.length * 2,
            objectID: String(id),
            story_id: id,
            title: TITLES[kind](month.name),
            updated_at: isoSeconds(created + 86_400),
          });
        }),
      );
      return json({ ...SEARCH, hits, hitsPerPage: 20, nbHits: hits.length, nbPages: 1 });
    },
  },
  {
    path: /^\/hn\/api\/v1\/items\/(\d+)$/,
    handle: (_req, [, id], { market }) => {
      const thread = threadOf(monthsOf(market), Number(id));
      if (!thread || thread.kind === 'wanted') return notFound();
      const created = threadTime(thread.month);
      const later = (minutes: number) => new Date((created + minutes * 60) * 1000).toISOString();
      const children = [
        ...postingsIn(market, thread.kind, thread.month).map((p, i) =>
          algoliaComment(p, thread.id, i),
        ),
        // A deleted comment keeps its place with no author and no text; a dead one is flagged.
        { id: thread.id + 90, created_at: later(60), type: 'comment', author: null, text: null, parent_id: thread.id, children: [] }, // prettier-ignore
        { id: thread.id + 91, created_at: later(65), type: 'comment', author: 'spammer', text: '[dead]', parent_id: thread.id, children: [] }, // prettier-ignore
      ];
      return json({
        id: thread.id,
        created_at: later(0),
        type: 'story',
        author: 'whoishiring',
        title: TITLES[thread.kind](thread.month.name),
        text: STORY.text,
        children,
      });
    },
  },
  {
    path: /^\/hn-firebase\/v0\/user\/whoishiring\.json$/,
    handle: (_req, _m, { market }) =>
      json({
        created: 1_301_300_000,
        id: 'whoishiring',
        karma: 240_000,
        submitted: monthsOf(market).flatMap((month) =>
          (['hiring', 'wanted', 'freelancer'] as const).map((kind) => threadId(kind, month)),
        ),
      }),
  },
  {
    path: /^\/hn-firebase\/v0\/item\/(\d+)\.json$/,
    handle: (_req, [, raw], { market }) => {
      const id = Number(raw);
      const months = monthsOf(market);
      const thread = threadOf(months, id);
      if (thread) {
        const kids = postingsIn(market, thread.kind, thread.month).map((_, i) => commentId(id, i));
        return json(
          fill(STORY, {
            descendants: kids.length,
            id,
            kids,
            time: threadTime(thread.month),
            title: TITLES[thread.kind](thread.month.name),
          }),
        );
      }
      for (const kind of ['hiring', 'freelancer'] as const) {
        for (const month of months) {
          const parent = threadId(kind, month);
          const offset = id - commentId(parent, 0);
          const index = offset / 3;
          const p = Number.isInteger(index) ? postingsIn(market, kind, month)[index] : undefined;
          if (offset >= 0 && p) {
            return json(
              fill(COMMENT, {
                by: `user${index}`,
                id,
                parent,
                text: [headline(p), ...paragraphs(p.descriptionHtml)].join('<p>'),
                time: epoch(p.postedAt),
              }),
            );
          }
        }
      }
      // The official API answers an id it does not have with null.
      return json(null);
    },
  },
];

export const site: FixtureSite = { channels: ['hackernews'], routes };

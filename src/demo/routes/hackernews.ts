import { postingsOf, type MarketPosting } from '../market.js';
import { fill, recorded } from '../recorded.js';
import { escapeHtml, json, notFound, type FixtureSite, type Route } from '../types.js';

type Item = Record<string, unknown>;
type Kind = 'hiring' | 'freelancer' | 'wanted';

const MONTHS = ['November 2026', 'October 2026'];
const TITLES: Record<Kind, (month: string) => string> = {
  hiring: (m) => `Ask HN: Who is hiring? (${m})`,
  freelancer: (m) => `Ask HN: Freelancer? Seeking freelancer? (${m})`,
  wanted: (m) => `Ask HN: Who wants to be hired? (${m})`,
};
const OFFSET: Record<Kind, number> = { hiring: 0, freelancer: 1, wanted: 2 };
const threadId = (kind: Kind, month: number) => 46_000_000 + OFFSET[kind] - month * 1_000_000;
const threadOf = (id: number) =>
  MONTHS.flatMap((_, month) =>
    (Object.keys(OFFSET) as Kind[]).map((kind) => ({ kind, month, id: threadId(kind, month) })),
  ).find((t) => t.id === id);
// A month's threads are numbered one apart: three apart keeps their comments' ids apart.
const commentId = (thread: number, index: number) => thread + 1_000 + index * 3;
const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const threadTime = (month: number) => 1_793_000_000 - month * 2_600_000;

// The real responses the market's are made from: an Algolia search (May 2026) and the
// official API's February 2020 thread and one of its comments.
const SEARCH = recorded<{ hits: Item[] } & Item>('hackernews', 'search-by-date-2026-05.json');
const HIT = SEARCH.hits[0]!;
const STORY = recorded<Item>('hackernews', 'firebase-2020-02/item-22225314.json');
const COMMENT = recorded<Item>('hackernews', 'firebase-2020-02/item-22232065.json');

function postingsIn(market: readonly MarketPosting[], kind: Kind): MarketPosting[] {
  if (kind === 'wanted') return [];
  return postingsOf(market, 'hackernews').filter(
    (p) => (kind === 'freelancer') === (p.contract === 'freelance'),
  );
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
      const hits = MONTHS.flatMap((month, m) =>
        (['hiring', 'freelancer', 'wanted'] as const).map((kind) => {
          const id = threadId(kind, m);
          const created = threadTime(m);
          return fill(HIT, {
            _highlightResult: HIT._highlightResult,
            _tags: ['story', 'author_whoishiring', `story_${id}`, 'ask_hn'],
            children: postingsIn(market, kind).map((_, i) => commentId(id, i)),
            created_at: new Date(created * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
            created_at_i: created,
            num_comments: postingsIn(market, kind).length * 2,
            objectID: String(id),
            story_id: id,
            title: TITLES[kind](month),
            updated_at: new Date((created + 86_400) * 1000).toISOString().replace(/\.\d+Z$/, 'Z'),
          });
        }),
      );
      return json({ ...SEARCH, hits, hitsPerPage: 20, nbHits: hits.length, nbPages: 1 });
    },
  },
  {
    path: /^\/hn\/api\/v1\/items\/(\d+)$/,
    handle: (_req, [, id], { market }) => {
      const thread = threadOf(Number(id));
      if (!thread || thread.kind === 'wanted') return notFound();
      const children = [
        ...postingsIn(market, thread.kind).map((p, i) => algoliaComment(p, thread.id, i)),
        // A deleted comment keeps its place with no author and no text; a dead one is flagged.
        { id: thread.id + 90, created_at: '2026-11-02T10:00:00.000Z', type: 'comment', author: null, text: null, parent_id: thread.id, children: [] }, // prettier-ignore
        { id: thread.id + 91, created_at: '2026-11-02T10:05:00.000Z', type: 'comment', author: 'spammer', text: '[dead]', parent_id: thread.id, children: [] }, // prettier-ignore
      ];
      return json({
        id: thread.id,
        created_at: new Date(threadTime(thread.month) * 1000).toISOString(),
        type: 'story',
        author: 'whoishiring',
        title: TITLES[thread.kind](MONTHS[thread.month]!),
        text: STORY.text,
        children,
      });
    },
  },
  {
    path: /^\/hn-firebase\/v0\/user\/whoishiring\.json$/,
    handle: () =>
      json({
        created: 1_301_300_000,
        id: 'whoishiring',
        karma: 240_000,
        submitted: MONTHS.flatMap((_, m) =>
          (['hiring', 'wanted', 'freelancer'] as const).map((kind) => threadId(kind, m)),
        ),
      }),
  },
  {
    path: /^\/hn-firebase\/v0\/item\/(\d+)\.json$/,
    handle: (_req, [, raw], { market }) => {
      const id = Number(raw);
      const thread = threadOf(id);
      if (thread) {
        const kids = postingsIn(market, thread.kind).map((_, i) => commentId(id, i));
        return json(
          fill(STORY, {
            descendants: kids.length,
            id,
            kids,
            time: threadTime(thread.month),
            title: TITLES[thread.kind](MONTHS[thread.month]!),
          }),
        );
      }
      for (const kind of ['hiring', 'freelancer'] as const) {
        for (let m = 0; m < MONTHS.length; m++) {
          const parent = threadId(kind, m);
          const offset = id - commentId(parent, 0);
          const index = offset / 3;
          const p = Number.isInteger(index) ? postingsIn(market, kind)[index] : undefined;
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

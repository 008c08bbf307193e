import { postingsOf, type MarketPosting } from '../market.js';
import { escapeHtml, json, notFound, type Route } from '../types.js';

const MONTHS = ['November 2026', 'October 2026'];
const threadId = (kind: 'hiring' | 'freelancer', month: number) =>
  (kind === 'hiring' ? 46_000_000 : 46_000_001) - month * 1_000_000;

function comment(p: MarketPosting, parent: number, index: number) {
  const remote = p.workMode === 'remote' ? 'REMOTE' : p.workMode === 'hybrid' ? 'Hybrid' : 'Onsite';
  const head = [p.company, p.title, `${p.city}, ${p.country}`, remote, p.rateText]
    .filter(Boolean)
    .join(' | ');
  return {
    id: parent + 100 + index,
    created_at: p.postedAt,
    created_at_i: Math.floor(Date.parse(p.postedAt) / 1000),
    type: 'comment',
    author: `user${index}`,
    title: null,
    url: null,
    text: `${escapeHtml(head)}<p>${p.descriptionHtml.replace(/<\/?(strong|ul|li)>/g, ' ')}</p>`,
    points: null,
    parent_id: parent,
    story_id: parent,
    children: [
      {
        id: parent + 10_000 + index,
        author: 'someone',
        text: 'Is this open to EU applicants?',
        parent_id: parent + 100 + index,
        children: [],
      },
    ],
  };
}

/** The Algolia HN API: search_by_date for the monthly threads, items/:id for each thread. */
export const hackernewsRoutes: Route[] = [
  {
    path: /^\/hn\/api\/v1\/search_by_date$/,
    handle: () =>
      json({
        hits: MONTHS.flatMap((month, i) => [
          {
            objectID: String(threadId('hiring', i)),
            title: `Ask HN: Who is hiring? (${month})`,
            author: 'whoishiring',
            created_at_i: 1793000000 - i * 2600000,
            num_comments: 400,
          },
          {
            objectID: String(threadId('freelancer', i)),
            title: `Ask HN: Freelancer? Seeking freelancer? (${month})`,
            author: 'whoishiring',
            created_at_i: 1793000000 - i * 2600000,
            num_comments: 120,
          },
          {
            objectID: String(threadId('hiring', i) + 2),
            title: `Ask HN: Who wants to be hired? (${month})`,
            author: 'whoishiring',
            created_at_i: 1793000000 - i * 2600000,
            num_comments: 300,
          },
        ]),
        nbHits: 6,
        page: 0,
        nbPages: 1,
        hitsPerPage: 20,
      }),
  },
  {
    path: /^\/hn\/api\/v1\/items\/(\d+)$/,
    handle: (_req, [, id], { market }) => {
      const thread = Number(id);
      const kind = [0, 1].map((m) => threadId('hiring', m)).includes(thread)
        ? 'hiring'
        : [0, 1].map((m) => threadId('freelancer', m)).includes(thread)
          ? 'freelancer'
          : undefined;
      if (!kind) return notFound();
      const postings = postingsOf(market, 'hackernews').filter(
        (p) => (kind === 'freelancer') === (p.contract === 'freelance'),
      );
      const children = [
        ...postings.map((p, i) => comment(p, thread, i)),
        // A deleted comment keeps its place with no author and no text; a dead one is flagged.
        {
          id: thread + 90,
          created_at: '2026-11-02T10:00:00.000Z',
          type: 'comment',
          author: null,
          text: null,
          parent_id: thread,
          children: [],
        },
        {
          id: thread + 91,
          created_at: '2026-11-02T10:05:00.000Z',
          type: 'comment',
          author: 'spammer',
          text: '[dead]',
          parent_id: thread,
          children: [],
        },
      ];
      return json({
        id: thread,
        created_at: '2026-11-02T16:00:00.000Z',
        type: 'story',
        author: 'whoishiring',
        title: `Ask HN (${kind})`,
        text: 'Please state the location and include REMOTE, INTERNS and/or VISA when that sort of candidate is welcome.',
        children,
      });
    },
  },
];

import { json, wrapperAnd, type DriftKind, type Get, type Parts } from '../../helpers/drift.js';

/** For HN's official API: the user, the threads it names, and their first comments. */
async function firebaseBodies(get: Get): Promise<string[]> {
  const user = JSON.parse(await get('/hn-firebase/v0/user/whoishiring.json')) as {
    submitted: number[];
  };
  const bodies: string[] = [];
  for (const id of user.submitted.slice(0, 3)) {
    const story = await get(`/hn-firebase/v0/item/${id}.json`);
    bodies.push(story);
    const kids = (JSON.parse(story) as { kids?: number[] }).kids ?? [];
    for (const kid of kids.slice(0, 12)) bodies.push(await get(`/hn-firebase/v0/item/${kid}.json`));
  }
  return bodies;
}

export const kinds: readonly DriftKind[] = [
  {
    name: 'HN Algolia search_by_date',
    source: 'hackernews',
    files: /^search-by-date/,
    paths: ['/hn/api/v1/search_by_date?tags=story,author_whoishiring'],
    parts: wrapperAnd('hits'),
  },
  {
    name: 'HN official API items',
    source: 'hackernews',
    files: /^firebase-.*\/item-/,
    paths: firebaseBodies,
    parts: (body): Parts => {
      const value = json(body) as { type?: string };
      return value.type === 'story' || value.type === 'comment' ? { [value.type]: [value] } : {};
    },
  },
];

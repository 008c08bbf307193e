import { feedParts, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Himalayas RSS feed',
    source: 'rss',
    files: /^himalayas/,
    paths: ['/himalayas/jobs/rss'],
    // Its items only: the fixture's channel is the generic feed's.
    parts: (body) => ({ items: feedParts(body).items! }),
  },
];

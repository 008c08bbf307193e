import { feedParts, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'We Work Remotely feed',
    source: 'weworkremotely',
    files: /2026.*\.rss$/,
    paths: ['/weworkremotely/categories/remote-programming-jobs.rss'],
    parts: feedParts,
  },
];

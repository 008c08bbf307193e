import { json, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Lever postings',
    source: 'lever',
    files: /\.json$/,
    paths: ['/lever/v0/postings/skillpulse?mode=json'],
    parts: (body) => ({ postings: json(body) as unknown[] }),
  },
];

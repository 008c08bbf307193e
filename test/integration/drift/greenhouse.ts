import { wrapperAnd, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Greenhouse board',
    source: 'greenhouse',
    files: /\.json$/,
    paths: ['/greenhouse/v1/boards/skillpulse/jobs?content=true'],
    parts: wrapperAnd('jobs'),
  },
];

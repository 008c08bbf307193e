import { wrapperAnd, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Arbeitnow API',
    source: 'arbeitnow',
    files: /\.json$/,
    paths: ['/arbeitnow/api/job-board-api'],
    parts: wrapperAnd('data'),
  },
];

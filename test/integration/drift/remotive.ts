import { wrapperAnd, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Remotive API',
    source: 'remotive',
    files: /\.json$/,
    paths: ['/remotive/api/remote-jobs?category=software-dev'],
    parts: wrapperAnd('jobs'),
  },
];

import { wrapperAnd, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Jobicy API',
    source: 'jobicy',
    files: /\.json$/,
    paths: ['/jobicy/api/v2/remote-jobs?count=50&industry=engineering'],
    parts: wrapperAnd('jobs'),
  },
];

import { wrapperAnd, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Ashby job board',
    source: 'ashby',
    files: /\.json$/,
    paths: ['/ashby/posting-api/job-board/skillpulse?includeCompensation=true'],
    parts: wrapperAnd('jobs'),
  },
];

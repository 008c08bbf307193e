import { json, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'RemoteOK API',
    source: 'remoteok',
    files: /\.json$/,
    paths: ['/remoteok/api'],
    // The first element is the API's legal notice, the rest are jobs.
    parts: (body) => {
      const [notice, ...jobs] = json(body) as unknown[];
      return { notice: [notice], jobs };
    },
  },
];

import { elementParts, type DriftKind } from '../../helpers/drift.js';

export const kinds: readonly DriftKind[] = [
  {
    name: 'Craigslist search page (static results)',
    source: 'craigslist',
    files: /^search-.*2025/,
    paths: ['/craigslist/sfbay/search/sof'],
    parts: elementParts('rows', 'li.cl-static-search-result'),
  },
];

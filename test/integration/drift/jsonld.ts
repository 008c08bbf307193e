import { jobPostings, type DriftKind, type Get } from '../../helpers/drift.js';

/**
 * Onsiter's job pages of remote work: both real JSON-LD pages recorded are of remote
 * jobs, and a remote job's posting says so (jobLocationType) where an on-site one does not.
 */
async function remoteJobPages(get: Get): Promise<string[]> {
  const list = await get('/onsiter/jobs');
  const pages: string[] = [];
  for (const [, href] of list.matchAll(/href="(\/onsiter\/job\/[^"]+)"/g)) {
    const page = await get(href!);
    if (page.includes('"TELECOMMUTE"')) pages.push(page);
    if (pages.length === 3) break;
  }
  return pages;
}

export const kinds: readonly DriftKind[] = [
  {
    name: 'JSON-LD JobPosting pages',
    source: 'jsonld',
    files: /\.html$/,
    paths: remoteJobPages,
    parts: jobPostings,
  },
];

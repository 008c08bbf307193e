import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalString,
  requireArray,
  requireId,
  toIsoDate,
  readItems,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://www.arbeitnow.com'),
  /** Only remote jobs. @defaultValue false */
  remoteOnly: z.coerce.boolean().default(false),
});
type ArbeitnowConfig = z.infer<typeof config>;

/**
 * Arbeitnow job board API: a German board (some jobs on its sister sites arbeitnow.ch,
 * .fr...), pages linked by links.next. Locations are mostly German places named alone
 * ("Steinwenden", "Frankfurt am Main"): the board's country is the listing's unless the
 * location names another.
 */
export const arbeitnow: SourceAdapter<ArbeitnowConfig, 'PAGE'> = {
  id: 'arbeitnow',
  name: 'Arbeitnow',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({ arbeitnow: { baseUrl: `${url}/arbeitnow` } }),
  startRequests: (c) => [
    { url: `${c.baseUrl}/api/job-board-api${c.remoteOnly ? '?remote=true' : ''}`, label: 'PAGE' },
  ],
  handlers: {
    PAGE: (page) => {
      const body = asRecord(page.json(), 'the API response');
      const links = (body.links ?? {}) as Record<string, unknown>;
      const next = optionalString(links.next);
      return {
        ...readItems(requireArray(body.data, 'data'), (job) => toListing(asRecord(job, 'a job'))),
        // The API gives absolute next links on its own host: keep the configured host.
        requests: next ? [{ url: rebase(next, page.url), label: 'PAGE' }] : [],
      };
    },
  },
};

function rebase(next: string, current: string): string {
  const target = new URL(next, current);
  const here = new URL(current);
  return `${here.origin}${here.pathname}${target.search}`;
}

// The country of each of Arbeitnow's sites, by the last label of the job's host.
const SITE_COUNTRY: Readonly<Record<string, string>> = { com: 'DE', de: 'DE', ch: 'CH', fr: 'FR', at: 'AT', nl: 'NL', uk: 'GB' }; // prettier-ignore

function siteCountry(url: string | null): string | null {
  if (url === null) return 'DE';
  try {
    return SITE_COUNTRY[new URL(url).hostname.split('.').pop() ?? ''] ?? null;
  } catch {
    return 'DE';
  }
}

function toListing(job: Record<string, unknown>): ListingInput {
  const types = Array.isArray(job.job_types)
    ? job.job_types.filter((t): t is string => typeof t === 'string')
    : [];
  const url = optionalString(job.url);
  return {
    externalId: requireId(job.slug, 'job slug'),
    url: url ?? '',
    title: optionalString(job.title) ?? '',
    company: optionalString(job.company_name),
    location: optionalString(job.location),
    country: siteCountry(url),
    postedAt: toIsoDate(job.created_at),
    employmentType: types.join(', ') || null,
    pay: null,
    description: optionalString(job.description),
    tags: Array.isArray(job.tags) ? job.tags.filter((t): t is string => typeof t === 'string') : [],
    remote: typeof job.remote === 'boolean' ? job.remote : null,
    source: job,
  };
}

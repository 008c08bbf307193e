import { z } from 'zod';
import { asRecord, baseUrl, optionalString, requireArray, requireId, toIsoDate } from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://www.arbeitnow.com'),
  /** Only remote jobs. @defaultValue false */
  remoteOnly: z.coerce.boolean().default(false),
});
type ArbeitnowConfig = z.infer<typeof config>;

/** Arbeitnow job board API (Europe): pages linked by links.next. */
export const arbeitnow: SourceAdapter<ArbeitnowConfig, 'PAGE'> = {
  id: 'arbeitnow',
  name: 'Arbeitnow',
  crawler: 'http',
  configSchema: config,
  startRequests: (c) => [
    { url: `${c.baseUrl}/api/job-board-api${c.remoteOnly ? '?remote=true' : ''}`, label: 'PAGE' },
  ],
  handlers: {
    PAGE: (page) => {
      const body = asRecord(page.json(), 'the API response');
      const links = (body.links ?? {}) as Record<string, unknown>;
      const next = optionalString(links.next);
      return {
        listings: requireArray(body.data, 'data').map((job) => toListing(asRecord(job, 'a job'))),
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

function toListing(job: Record<string, unknown>): ListingInput {
  const types = Array.isArray(job.job_types)
    ? job.job_types.filter((t): t is string => typeof t === 'string')
    : [];
  return {
    externalId: requireId(job.slug, 'job slug'),
    url: optionalString(job.url) ?? '',
    title: optionalString(job.title) ?? '',
    company: optionalString(job.company_name),
    location: optionalString(job.location),
    postedAt: toIsoDate(job.created_at),
    employmentType: types.join(', ') || null,
    pay: null,
    description: optionalString(job.description),
    tags: Array.isArray(job.tags) ? job.tags.filter((t): t is string => typeof t === 'string') : [],
    remote: typeof job.remote === 'boolean' ? job.remote : null,
    source: job,
  };
}

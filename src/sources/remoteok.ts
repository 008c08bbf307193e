import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalNumber,
  optionalString,
  requireArray,
  requireId,
  toIsoDate,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://remoteok.com'),
  /** Narrow the feed to a tag, e.g. "devops"; empty for every job. */
  tag: z.string().default(''),
});
type RemoteOkConfig = z.infer<typeof config>;

/** RemoteOK API: one JSON array, its first element the terms of use, the rest jobs. */
export const remoteok: SourceAdapter<RemoteOkConfig, 'FEED'> = {
  id: 'remoteok',
  name: 'RemoteOK',
  crawler: 'http',
  configSchema: config,
  startRequests: (c) => [
    {
      url: c.tag ? `${c.baseUrl}/api?tag=${encodeURIComponent(c.tag)}` : `${c.baseUrl}/api`,
      label: 'FEED',
    },
  ],
  // RemoteOK asks API users to keep to a low rate.
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 10 },
  // Its salary fields contradict the pay the ad itself states in most ads that state pay.
  payFields: 'doubted',
  handlers: {
    FEED: (page) => ({
      listings: requireArray(page.json(), 'the API response')
        .map((item) => asRecord(item, 'an item'))
        .filter((item) => item.legal === undefined && item.id !== undefined)
        .map(toListing),
    }),
  },
};

function toListing(job: Record<string, unknown>): ListingInput {
  const min = optionalNumber(job.salary_min);
  const max = optionalNumber(job.salary_max);
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.url) ?? optionalString(job.apply_url) ?? '',
    title: optionalString(job.position) ?? '',
    company: optionalString(job.company),
    location: optionalString(job.location),
    postedAt: toIsoDate(job.date) ?? toIsoDate(job.epoch),
    employmentType: null,
    // RemoteOK's salary fields are yearly USD; 0 means not stated.
    pay:
      min || max
        ? { min: min || null, max: max || null, currency: 'USD', period: 'year', text: null }
        : null,
    description: optionalString(job.description),
    tags: Array.isArray(job.tags) ? job.tags.filter((t): t is string => typeof t === 'string') : [],
    remote: true,
    source: job,
  };
}

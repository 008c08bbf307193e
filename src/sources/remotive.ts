import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalString,
  requireArray,
  requireId,
  stringList,
  toIsoDate,
  withQuery,
  readItems,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://remotive.com'),
  /** Remotive category slugs. */
  categories: stringList(['software-dev', 'devops', 'data']),
  search: z.string().default(''),
});
type RemotiveConfig = z.infer<typeof config>;

/** Remotive API: remote jobs per category, with the salary as free text. */
export const remotive: SourceAdapter<RemotiveConfig, 'JOBS'> = {
  id: 'remotive',
  name: 'Remotive',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({
    remotive: { baseUrl: `${url}/remotive`, categories: ['software-dev'] },
  }),
  startRequests: (c) =>
    c.categories.map((category) => ({
      url: withQuery(`${c.baseUrl}/api/remote-jobs`, { category, search: c.search || undefined }),
      label: 'JOBS',
    })),
  // Remotive asks for no more than a few requests a minute.
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 4 },
  handlers: {
    JOBS: (page) => {
      const body = asRecord(page.json(), 'the API response');
      return {
        ...readItems(requireArray(body.jobs, 'jobs'), (job) => toListing(asRecord(job, 'a job'))),
      };
    },
  },
};

function toListing(job: Record<string, unknown>): ListingInput {
  const salary = optionalString(job.salary);
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.url) ?? '',
    title: optionalString(job.title) ?? '',
    company: optionalString(job.company_name),
    location: optionalString(job.candidate_required_location),
    postedAt: toIsoDate(
      typeof job.publication_date === 'string' && !/[Z+]/.test(job.publication_date)
        ? `${job.publication_date}Z`
        : job.publication_date,
    ),
    employmentType: optionalString(job.job_type),
    pay: salary ? { text: salary } : null,
    description: optionalString(job.description),
    tags: [...(Array.isArray(job.tags) ? (job.tags as unknown[]) : []), job.category].filter(
      (t): t is string => typeof t === 'string',
    ),
    remote: true,
    source: job,
  };
}

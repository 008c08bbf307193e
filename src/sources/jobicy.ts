import { decodeHTML } from 'entities';
import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalNumber,
  optionalString,
  requireArray,
  requireId,
  stringList,
  toIsoDate,
  withQuery,
  readItems,
} from './common.js';
import type { ListingInput, SourceAdapter, StatedPay } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://jobicy.com'),
  /**
   * Jobicy industry slugs, one request each; an empty list asks for every industry.
   * "engineering" is its Software Engineering category.
   */
  industries: stringList(['engineering']),
  /** Narrow each request to a region ("usa", "europe", "latam"); empty for all. */
  geo: z.string().default(''),
  /** Narrow each request to a search word in title and description; empty for all. */
  tag: z.string().default(''),
  /** Newest jobs per request: the API's own maximum was 50 (2024) and is 100 (2026). */
  count: z.coerce.number().int().min(1).max(100).default(50),
});
type JobicyConfig = z.infer<typeof config>;

/**
 * Jobicy, a remote-only job board, through its public API (https://jobi.cy/apidocs):
 * `GET /api/v2/remote-jobs?count=&industry=&geo=&tag=`, the newest jobs, no pages.
 *
 * Its terms, in every response's friendlyNotice: credit Jobicy and link to the job's
 * URL on jobicy.com (the listing's url is that link); do not pass its listings on to
 * other job platforms; and, as its data changes slowly and is published with a delay,
 * read it "a few times daily": excessive querying may lead to restricted access. The
 * default crawl schedule (every 6 hours) makes one request per configured industry, four
 * times a day; the politeness below keeps one request at a time, well apart.
 */
export const jobicy: SourceAdapter<JobicyConfig, 'JOBS'> = {
  id: 'jobicy',
  name: 'Jobicy',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({ jobicy: { baseUrl: `${url}/jobicy` } }),
  startRequests: (c) =>
    (c.industries.length > 0 ? c.industries : [undefined]).map((industry) => ({
      url: withQuery(`${c.baseUrl}/api/v2/remote-jobs`, {
        count: c.count,
        industry,
        geo: c.geo || undefined,
        tag: c.tag || undefined,
      }),
      label: 'JOBS',
    })),
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 2, sameDomainDelaySecs: 30 },
  handlers: {
    JOBS: (page) => {
      const body = asRecord(page.json(), 'the API response');
      return readItems(requireArray(body.jobs, 'jobs'), (job) => toListing(asRecord(job, 'a job')));
    },
  },
};

function toListing(job: Record<string, unknown>): ListingInput {
  const types = Array.isArray(job.jobType) ? job.jobType : [job.jobType];
  const industries = Array.isArray(job.jobIndustry) ? job.jobIndustry : [];
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.url) ?? '',
    title: optionalString(job.jobTitle) ?? '',
    company: optionalString(job.companyName),
    // Regions and countries the hire may live in, "Canada,  USA", or "Anywhere".
    location: optionalString(job.jobGeo)?.replace(/\s*,\s*/g, ', ') ?? null,
    postedAt: toIsoDate(utcPubDate(job.pubDate)),
    employmentType:
      types.filter((t): t is string => typeof t === 'string' && t !== '').join(', ') || null,
    pay: statedPay(job),
    description: optionalString(job.jobDescription) ?? optionalString(job.jobExcerpt),
    // Industry names come HTML-escaped ("Marketing &amp; Sales").
    tags: industries.filter((t): t is string => typeof t === 'string').map((t) => decodeHTML(t)),
    remote: true,
    source: job,
  };
}

/**
 * The publication date as UTC: the 2024 API wrote "2024-12-01 04:10:21" with no zone,
 * read as UTC, the zone the 2026 API states ("2026-09-28T05:17:23+00:00").
 */
function utcPubDate(value: unknown): unknown {
  return typeof value === 'string' && /^\d{4}-\d\d-\d\d[ T]\d\d:\d\d(:\d\d)?$/.test(value.trim())
    ? `${value.trim().replace(' ', 'T')}Z`
    : value;
}

/**
 * The salary as stated. The 2024 API has annualSalaryMin/Max, yearly by their name and
 * given as text ("60000"); the 2026 API has salaryMin/Max as numbers with salaryPeriod
 * ("yearly", "monthly", "hourly"), and often a minimum alone. Both name salaryCurrency.
 */
function statedPay(job: Record<string, unknown>): StatedPay | null {
  const annual = job.annualSalaryMin !== undefined || job.annualSalaryMax !== undefined;
  const min = optionalNumber(annual ? job.annualSalaryMin : job.salaryMin);
  const max = optionalNumber(annual ? job.annualSalaryMax : job.salaryMax);
  if (!min && !max) return null;
  return {
    min: min || null,
    max: max || null,
    currency: optionalString(job.salaryCurrency),
    period: annual ? 'yearly' : optionalString(job.salaryPeriod),
    text: null,
  };
}

import { z } from 'zod';
import type { RequestSpec } from '../db/schema.js';
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
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://www.freelancer.com'),
  /** Full-text queries; each is crawled on its own. */
  queries: stringList(['software', 'devops', 'cyber security', 'data engineering']),
  /** Freelancer job (skill) ids to filter by, e.g. 13 for Python. */
  jobIds: z.array(z.coerce.number().int().positive()).default([]),
  /** @defaultValue 50 */
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
type FreelancerConfig = z.infer<typeof config>;

/** Freelancer.com public projects API: active projects with budgets, fixed or hourly. */
export const freelancer: SourceAdapter<FreelancerConfig, 'PROJECTS'> = {
  id: 'freelancer',
  name: 'Freelancer.com',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({ freelancer: { baseUrl: `${url}/freelancer`, queries: ['software'] } }),
  startRequests: (c) =>
    c.queries.map((query) => projectsRequest(c.baseUrl, query, c.jobIds, 0, c.pageSize)),
  handlers: {
    PROJECTS: (page) => {
      const body = asRecord(page.json(), 'the API response');
      if (body.status !== 'success')
        throw new Error(`API status ${String(body.status)}: ${optionalString(body.message) ?? ''}`);
      const result = asRecord(body.result, 'result');
      // A search answers with result.projects; a single project's call with the project.
      const projects =
        result.projects === undefined && result.id !== undefined
          ? [result]
          : requireArray(result.projects, 'projects');
      const { offset, pageSize } = page.userData as { offset?: number; pageSize?: number };
      const total = optionalNumber(result.total_count) ?? 0;
      const next = (offset ?? 0) + projects.length;
      // With user_details the response carries each client; its country is the project's
      // where the project names none (most are not local jobs).
      const users = (result.users ?? {}) as Record<string, unknown>;
      return {
        ...readItems(projects, (p) =>
          toListing(asRecord(p, 'a project'), new URL(page.url).origin, users),
        ),
        requests:
          projects.length > 0 && next < total
            ? [
                {
                  url: withQuery(page.url, { offset: next }),
                  label: 'PROJECTS',
                  userData: { offset: next, pageSize },
                },
              ]
            : [],
      };
    },
  },
};

function projectsRequest(
  root: string,
  query: string,
  jobIds: number[],
  offset: number,
  pageSize: number,
): RequestSpec {
  const url = new URL(`${root}/api/projects/0.1/projects/active/`);
  url.searchParams.set('query', query);
  for (const id of jobIds) url.searchParams.append('jobs[]', String(id));
  url.searchParams.set('limit', String(pageSize));
  url.searchParams.set('offset', String(offset));
  url.searchParams.set('full_description', 'true');
  url.searchParams.set('job_details', 'true');
  url.searchParams.set('user_details', 'true');
  url.searchParams.set('user_country_details', 'true');
  url.searchParams.set('sort_field', 'time_updated');
  return { url: url.toString(), label: 'PROJECTS', userData: { offset, pageSize } };
}

/** A country object of the API ({name, code, ...}, every field null where unknown) as a name. */
function countryName(location: unknown): string | null {
  const country = (location as { country?: { name?: unknown; code?: unknown } } | null | undefined)
    ?.country;
  return optionalString(country?.name) ?? optionalString(country?.code)?.toUpperCase() ?? null;
}

function toListing(
  project: Record<string, unknown>,
  origin: string,
  users: Record<string, unknown>,
): ListingInput {
  const currency = (project.currency ?? {}) as Record<string, unknown>;
  const budget = (project.budget ?? {}) as Record<string, unknown>;
  const hourly = project.type === 'hourly';
  const jobs = Array.isArray(project.jobs) ? (project.jobs as { name?: unknown }[]) : [];
  const owner = users[String(project.owner_id)] as { location?: unknown } | undefined;
  const country = countryName(project.location) ?? countryName(owner?.location);
  const seo = optionalString(project.seo_url);
  // The API host serves the web site too; links point at the project page there (the
  // sandbox's for its API). Any other origin (a saved file, the demo's fixture web) is no
  // site of Freelancer's: the link is the real site's.
  const site = /^https:\/\/[\w.-]*\.freelancer-sandbox\.com$/.test(origin)
    ? origin
    : 'https://www.freelancer.com';
  return {
    externalId: requireId(project.id, 'project id'),
    url: seo ? `${site}/projects/${seo}` : `${site}/projects/${String(project.id)}`,
    title: optionalString(project.title) ?? '',
    company: null,
    location: country ?? (project.local === true ? null : 'Remote'),
    postedAt: toIsoDate(project.time_submitted) ?? toIsoDate(project.submitdate),
    employmentType: hourly ? 'hourly' : 'fixed',
    pay: {
      min: optionalNumber(budget.minimum),
      max: optionalNumber(budget.maximum),
      currency: optionalString(currency.code),
      period: hourly ? 'hour' : 'fixed',
      text: null,
    },
    description: optionalString(project.description) ?? optionalString(project.preview_description),
    tags: jobs.map((j) => optionalString(j.name)).filter((n): n is string => n !== null),
    remote: project.local === true ? false : true,
    source: project,
  };
}

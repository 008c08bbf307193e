import { z } from 'zod';
import {
  baseUrl,
  boardCompanies,
  boardCompany,
  optionalNumber,
  optionalString,
  asRecord,
  requireArray,
  requireId,
  stringList,
  toIsoDate,
  withQuery,
  workplaceOf,
  readItems,
  boardOf,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://api.lever.co'),
  /** Lever sites, as in jobs.lever.co/{site}. */
  sites: stringList([]),
  /**
   * The company of each site, by its slug (`matchgroup: Match Group`): Lever's API names
   * none, so a site not named here shows its slug. @defaultValue {}
   */
  companies: boardCompanies(),
  /** Postings per page. @defaultValue 100 */
  pageSize: z.coerce.number().int().min(1).max(500).default(100),
});
type LeverConfig = z.infer<typeof config>;

/** Lever postings API: a JSON array per page, paged with skip and limit. */
export const lever: SourceAdapter<LeverConfig, 'POSTINGS'> = {
  id: 'lever',
  name: 'Lever job sites',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({
    lever: {
      baseUrl: `${url}/lever`,
      sites: ['matchgroup', 'skillpulse'],
      companies: { matchgroup: 'Match Group' },
    },
  }),
  disabledReason: (c) => (c.sites.length === 0 ? 'no sites configured (sites: [...])' : undefined),
  startRequests: (c) =>
    c.sites.map((site) => ({
      url: postingsUrl(c, site, 0),
      label: 'POSTINGS',
      userData: { site, skip: 0, pageSize: c.pageSize },
    })),
  handlers: {
    POSTINGS: (page) => {
      const items = requireArray(page.json(), 'the postings response');
      const { site, skip, pageSize } = page.userData as {
        site: string;
        skip: number;
        pageSize: number;
      };
      const full = items.length >= pageSize;
      const nextSkip = skip + items.length;
      return {
        ...readItems(items, (item) =>
          toListing(item, typeof site === 'string' ? site : '', page.config.companies),
        ),
        requests: full
          ? [
              {
                url: withQuery(page.url, { skip: nextSkip }),
                label: 'POSTINGS',
                userData: { site, skip: nextSkip, pageSize },
              },
            ]
          : [],
      };
    },
  },
};

function postingsUrl(c: LeverConfig, site: string, skip: number): string {
  return withQuery(`${c.baseUrl}/v0/postings/${encodeURIComponent(site)}`, {
    mode: 'json',
    skip,
    limit: c.pageSize,
  });
}

function toListing(
  item: unknown,
  site: string,
  companies: Readonly<Record<string, string>>,
): ListingInput {
  const posting = asRecord(item, 'a posting');
  const categories = (posting.categories ?? {}) as Record<string, unknown>;
  const salary = posting.salaryRange as Record<string, unknown> | undefined;
  const lists = Array.isArray(posting.lists)
    ? (posting.lists as { text?: unknown; content?: unknown }[])
    : [];
  const description = [
    optionalString(posting.description),
    ...lists.map(
      (l) => `<h3>${optionalString(l.text) ?? ''}</h3><ul>${optionalString(l.content) ?? ''}</ul>`,
    ),
    optionalString(posting.additional),
  ]
    .filter(Boolean)
    .join('\n');
  return {
    externalId: requireId(posting.id, 'posting id'),
    url: optionalString(posting.hostedUrl) ?? '',
    title: optionalString(posting.text) ?? '',
    // The API names no company: the configured name of the site (from the hosted URL for
    // a saved file), else its slug.
    company: boardCompany(site || boardOf(posting.hostedUrl, 'jobs.lever.co'), companies),
    location: optionalString(categories.location),
    postedAt: toIsoDate(posting.createdAt),
    employmentType: optionalString(categories.commitment),
    contractDefault: 'permanent',
    pay: salary
      ? {
          min: optionalNumber(salary.min),
          max: optionalNumber(salary.max),
          currency: optionalString(salary.currency),
          period: optionalString(salary.interval),
          text: optionalString(posting.salaryDescriptionPlain),
        }
      : null,
    description,
    tags: [optionalString(categories.team), optionalString(categories.department)].filter(
      (t): t is string => t !== null,
    ),
    remote: optionalString(posting.workplaceType) === 'remote' ? true : null,
    workplace: workplaceOf(posting.workplaceType),
    source: posting,
  };
}

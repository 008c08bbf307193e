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
  readItems,
} from './common.js';
import { ParseError, type ListingInput, type SourceAdapter } from './types.js';
import { readUpworkFeed } from './upwork-feed.js';

const config = z.object({
  baseUrl: baseUrl('https://api.upwork.com'),
  /** The user's OAuth 2 access token (UPWORK_TOKEN); without it the source is off. */
  token: z.string().min(8).optional(),
  queries: stringList(['devops', 'cloud security', 'data engineer', 'typescript']),
  /** @defaultValue 50 */
  pageSize: z.coerce.number().int().min(1).max(100).default(50),
});
type UpworkConfig = z.infer<typeof config>;

export const UPWORK_SEARCH_QUERY = `query search($filter: MarketplaceJobPostingsSearchFilter, $sort: [MarketplaceJobPostingSearchSortAttribute]) {
  marketplaceJobPostingsSearch(marketPlaceJobFilter: $filter, searchType: USER_JOBS_SEARCH, sortAttributes: $sort) {
    totalCount
    edges { node {
      id title description ciphertext createdDateTime duration engagement experienceLevel category subcategory
      amount { rawValue currency displayValue }
      hourlyBudgetMin { rawValue currency }
      hourlyBudgetMax { rawValue currency }
      skills { name prettyName }
      client { location { country } }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

function searchRequest(c: UpworkConfig, query: string, after: string | null): RequestSpec {
  const pagination = after ? { after, first: c.pageSize } : { first: c.pageSize };
  return {
    url: `${c.baseUrl}/graphql`,
    label: 'SEARCH',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({
      query: UPWORK_SEARCH_QUERY,
      variables: {
        filter: { searchExpression_eq: query, pagination_eq: pagination },
        sort: [{ field: 'RECENCY' }],
      },
    }),
    userData: { query, pageSize: c.pageSize, baseUrl: c.baseUrl },
  };
}

/**
 * Upwork's GraphQL job search, with the user's own OAuth token; saved job RSS feeds
 * (the feeds ended in 2024) import through the same adapter with the FEED handler.
 */
export const upwork: SourceAdapter<UpworkConfig, 'SEARCH' | 'FEED'> = {
  id: 'upwork',
  name: 'Upwork',
  crawler: 'http',
  configSchema: config,
  secrets: [{ setting: 'token', env: 'UPWORK_TOKEN', expected: 'an Upwork OAuth 2 access token' }],
  demo: (url) => ({
    upwork: { baseUrl: `${url}/upwork`, token: 'fixture-upwork-token', queries: ['devops'] },
  }),
  disabledReason: (c) =>
    c.token === undefined
      ? 'needs an Upwork OAuth access token: set UPWORK_TOKEN (or sources.upwork.token)'
      : undefined,
  headers: (c) => ({ authorization: `Bearer ${c.token ?? ''}` }),
  startRequests: (c) => c.queries.map((query) => searchRequest(c, query, null)),
  importLabel: (body) => (/^\s*</.test(body) ? 'FEED' : 'SEARCH'),
  handlers: {
    FEED: readUpworkFeed,
    SEARCH: (page) => {
      const body = asRecord(page.json(), 'the GraphQL response');
      if (Array.isArray(body.errors) && body.errors.length > 0) {
        const first = asRecord(body.errors[0], 'an error');
        throw new ParseError(`GraphQL error: ${optionalString(first.message) ?? 'unknown'}`);
      }
      const search = asRecord(
        asRecord(body.data, 'data').marketplaceJobPostingsSearch,
        'marketplaceJobPostingsSearch',
      );
      const edges = requireArray(search.edges, 'edges');
      const info = (search.pageInfo ?? {}) as { hasNextPage?: unknown; endCursor?: unknown };
      const {
        query,
        pageSize,
        baseUrl: root,
      } = page.userData as { query: string; pageSize: number; baseUrl: string };
      const cursor = optionalString(info.endCursor);
      return {
        ...readItems(edges, (edge) =>
          toListing(asRecord(asRecord(edge, 'an edge').node, 'a node')),
        ),
        requests:
          info.hasNextPage === true && cursor
            ? [
                searchRequest(
                  { baseUrl: root, pageSize, queries: [], token: undefined },
                  query,
                  cursor,
                ),
              ]
            : [],
      };
    },
  },
};

function money(value: unknown): { amount: number | null; currency: string | null } {
  const node = (value ?? {}) as Record<string, unknown>;
  return { amount: optionalNumber(node.rawValue), currency: optionalString(node.currency) };
}

function toListing(node: Record<string, unknown>): ListingInput {
  const fixed = money(node.amount);
  const hourlyMin = money(node.hourlyBudgetMin);
  const hourlyMax = money(node.hourlyBudgetMax);
  const hourly = hourlyMin.amount !== null || hourlyMax.amount !== null;
  const skills = Array.isArray(node.skills)
    ? (node.skills as { prettyName?: unknown; name?: unknown }[])
    : [];
  const ciphertext = optionalString(node.ciphertext);
  return {
    externalId: requireId(node.id, 'job id'),
    url: ciphertext ? `https://www.upwork.com/jobs/${ciphertext}` : '',
    title: optionalString(node.title) ?? '',
    company: null,
    location: optionalString(
      (node.client as { location?: { country?: unknown } } | undefined)?.location?.country,
    ),
    postedAt: toIsoDate(node.createdDateTime),
    employmentType: hourly ? 'hourly' : 'fixed',
    pay: hourly
      ? {
          min: hourlyMin.amount,
          max: hourlyMax.amount,
          currency: hourlyMin.currency ?? hourlyMax.currency,
          period: 'hour',
        }
      : fixed.amount
        ? { min: fixed.amount, max: fixed.amount, currency: fixed.currency, period: 'fixed' }
        : null,
    description: optionalString(node.description),
    tags: skills
      .map((s) => optionalString(s.prettyName) ?? optionalString(s.name))
      .filter((n): n is string => n !== null),
    remote: true,
    source: node,
  };
}

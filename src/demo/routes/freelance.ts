import { postingsOf, type MarketPosting } from '../market.js';
import { fill, recorded } from '../recorded.js';
import { intParam, json, type Route, type FixtureSite } from '../types.js';

type Item = Record<string, unknown>;

const SYMBOL: Record<string, string> = { USD: '$', GBP: '£', EUR: '€' };
const CURRENCY_ID: Record<string, number> = { USD: 1, GBP: 3, EUR: 8 };
const numeric = (p: MarketPosting) => Number(p.id.replace(/\D/g, ''));
const plain = (html: string) => html.replace(/<[^>]+>/g, '').trim();
const SKILL_IDS: Record<string, number> = {
  Python: 13,
  'Node.js': 500,
  AWS: 1064,
  Terraform: 2322,
  React: 759,
  SQL: 7,
  Docker: 1230,
};

// The real response and project the market's are made from (Freelancer, March 2022).
const FREELANCER = recorded<{ result: { projects: Item[] } & Item } & Item>(
  'freelancer',
  'projects-active-2022-03.json',
);
const PROJECT = FREELANCER.result.projects[0]!;
const JOB = (PROJECT.jobs as Item[])[0]!;
const LOCATION = PROJECT.location as { country: Item } & Item;

function project(p: MarketPosting): Item {
  const code = p.rate?.currency ?? 'USD';
  const submitted = Math.floor(Date.parse(p.postedAt) / 1000);
  return fill(PROJECT, {
    id: 39_000_000 + numeric(p),
    owner_id: 70_000_000 + (numeric(p) % 997),
    title: p.title,
    seo_url: `${(p.skills[0] ?? 'software').toLowerCase().replace(/\W+/g, '-')}/${p.title.toLowerCase().replace(/\W+/g, '-')}-${numeric(p)}`,
    currency: {
      ...(PROJECT.currency as Item),
      id: CURRENCY_ID[code] ?? 1,
      code,
      sign: SYMBOL[code] ?? '$',
      name: code,
      country: p.country,
    },
    description: plain(p.descriptionHtml),
    preview_description: plain(p.descriptionHtml).slice(0, 100),
    submitdate: submitted,
    time_submitted: submitted,
    time_updated: submitted,
    type: p.rate?.period === 'hour' ? 'hourly' : 'fixed',
    budget: { ...(PROJECT.budget as Item), ...budget(p) },
    hourly_project_info:
      p.rate?.period === 'hour'
        ? { commitment: { hours: 40, interval: 'week' }, duration_enum: 'unspecified' }
        : null,
    bid_stats: { bid_count: numeric(p) % 40, bid_avg: 310.5 },
    jobs: p.skills.map((name) => ({
      ...JOB,
      id: SKILL_IDS[name] ?? 9999,
      name,
      seo_url: name.toLowerCase().replace(/\W+/g, '-'),
    })),
    // As on the real API: a local job names its country, the rest leave every field null.
    location: {
      ...LOCATION,
      country: {
        ...LOCATION.country,
        ...(p.workMode === 'onsite' ? { name: p.country, code: p.country.toLowerCase() } : {}),
      },
    },
    local: p.workMode === 'onsite',
  });
}

function budget(p: MarketPosting) {
  if (p.rate?.period === 'fixed' || p.rate?.period === 'hour')
    return { minimum: p.rate.min, maximum: p.rate.max };
  return { minimum: 250, maximum: 750 };
}

/** Freelancer.com projects API and Upwork's GraphQL search. */
const routes: Route[] = [
  {
    path: /^\/freelancer\/api\/projects\/0\.1\/projects\/active\/?$/,
    handle: (req, _m, { market }) => {
      const query = (req.url.searchParams.get('query') ?? '').toLowerCase();
      const offset = intParam(req.url, 'offset', 0);
      const limit = intParam(req.url, 'limit', 10);
      const matching = postingsOf(market, 'freelancer').filter(
        (p) =>
          query === '' ||
          query === 'software' ||
          `${p.title} ${p.skills.join(' ')}`.toLowerCase().includes(query),
      );
      return json({
        ...FREELANCER,
        result: {
          ...FREELANCER.result,
          projects: matching.slice(offset, offset + limit).map(project),
          total_count: matching.length,
        },
      });
    },
  },
  {
    method: 'POST',
    path: /^\/upwork\/graphql$/,
    handle: (req, _m, { market }) => {
      if (req.headers.authorization !== 'Bearer fixture-upwork-token') {
        return json(
          { message: 'Unauthorized', errors: [{ message: 'Authentication failed' }] },
          401,
        );
      }
      let variables: {
        filter?: {
          searchExpression_eq?: string;
          pagination_eq?: { after?: string; first?: number };
        };
      };
      try {
        variables = (JSON.parse(req.body) as { variables?: typeof variables }).variables ?? {};
      } catch {
        return json({ errors: [{ message: 'Syntax Error: Unexpected <EOF>' }] }, 400);
      }
      const jobs = postingsOf(market, 'upwork');
      const first = variables.filter?.pagination_eq?.first ?? 10;
      const after = Number(variables.filter?.pagination_eq?.after ?? 0);
      const page = jobs.slice(after, after + first);
      return json({
        data: {
          marketplaceJobPostingsSearch: {
            totalCount: jobs.length,
            edges: page.map((p) => ({
              node: {
                id: `1${numeric(p)}`,
                title: p.title,
                description: plain(p.descriptionHtml),
                ciphertext: `~01${numeric(p).toString(16).padStart(16, '0')}`,
                createdDateTime: p.postedAt,
                duration: 'MONTH_1_3',
                engagement: 'Less than 30 hrs/week',
                experienceLevel: 'EXPERT',
                category: 'Web, Mobile & Software Dev',
                subcategory: 'Web Development',
                amount:
                  p.rate?.period === 'fixed'
                    ? {
                        rawValue: String(p.rate.min),
                        currency: p.rate.currency,
                        displayValue: p.rateText,
                      }
                    : { rawValue: '0.0', currency: 'USD', displayValue: '$0.00' },
                hourlyBudgetMin:
                  p.rate?.period === 'hour'
                    ? { rawValue: String(p.rate.min), currency: p.rate.currency }
                    : null,
                hourlyBudgetMax:
                  p.rate?.period === 'hour'
                    ? { rawValue: String(p.rate.max), currency: p.rate.currency }
                    : null,
                skills: p.skills.map((s) => ({
                  name: s.toLowerCase().replace(/\W+/g, '-'),
                  prettyName: s,
                })),
                client: {
                  location: {
                    country:
                      p.country === 'GB'
                        ? 'United Kingdom'
                        : p.country === 'US'
                          ? 'United States'
                          : 'Germany',
                  },
                },
              },
            })),
            pageInfo: {
              hasNextPage: after + first < jobs.length,
              endCursor: String(after + page.length),
            },
          },
        },
      });
    },
  },
];

export const site: FixtureSite = { channels: ['freelancer', 'upwork'], routes };

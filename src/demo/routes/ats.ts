import { postingsOf, type MarketPosting } from '../market.js';
import { fill, recorded, recordedText } from '../recorded.js';
import { epochMsField, isoField, marketSpan, redateItems, type DateField } from '../redate.js';
import {
  escapeHtml,
  intParam,
  json,
  notFound,
  type FixtureResponse,
  type Route,
  type RouteContext,
  type FixtureSite,
} from '../types.js';

type Item = Record<string, unknown>;

const place = (p: MarketPosting) =>
  p.workMode === 'remote' ? `Remote, ${p.country}` : `${p.city}, ${p.country}`;
const numericId = (p: MarketPosting) => 8_600_000_000 + Number(p.id.replace(/\D/g, ''));
const plain = (html: string) => html.replace(/<[^>]+>/g, '');
const LEVER_INTERVAL = {
  hour: 'per-hour-wage',
  day: 'per-day-wage',
  year: 'per-year-salary',
  fixed: 'one-time',
} as const;
const ASHBY_INTERVAL = { hour: '1 HOUR', day: '1 DAY', year: '1 YEAR', fixed: 'ONE_TIME' } as const;
const ASHBY_EMPLOYMENT = {
  contract: 'Contract',
  freelance: 'Contract',
  temporary: 'Temporary',
  permanent: 'FullTime',
} as const;
const ASHBY_WORKPLACE = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'OnSite' } as const;
const EMPLOYMENT = {
  contract: 'Contract',
  freelance: 'Freelance',
  temporary: 'Temporary',
  permanent: 'Full-time',
} as const;

// The real items the market's are made from.
const GREENHOUSE_JOB = recorded<{ jobs: Item[] }>('greenhouse', 'phonepe-2026-07.json').jobs[0]!;
const LEVER_POSTING = recorded<Item[]>('lever', 'meesho-2026-07.json')[0]!;
const ASHBY_JOB = recorded<{ jobs: Item[] }>('ashby', 'sarvam-2026-07.json').jobs[0]!;

function greenhouseJob(p: MarketPosting, board: string): Item {
  const [metadata] = GREENHOUSE_JOB.metadata as Item[];
  const [department] = GREENHOUSE_JOB.departments as Item[];
  const [office] = GREENHOUSE_JOB.offices as Item[];
  return fill(GREENHOUSE_JOB, {
    absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${numericId(p)}`,
    internal_job_id: numericId(p) - 2_000_000_000,
    location: { name: place(p) },
    metadata: [{ ...metadata, name: 'Employment Type', value: EMPLOYMENT[p.contract] }],
    id: numericId(p),
    updated_at: p.postedAt.replace('Z', '-00:00').replace(/\.\d+/, ''),
    requisition_id: p.id,
    title: p.title,
    company_name: p.company,
    first_published: p.postedAt.replace('Z', '-00:00').replace(/\.\d+/, ''),
    // Greenhouse escapes the HTML of `content` once more.
    content: escapeHtml(p.descriptionHtml),
    departments: [{ ...department, name: 'Engineering', child_ids: [] }],
    offices: [{ ...office, name: p.city, location: `${p.city}, ${p.country}` }],
  });
}

function leverPosting(p: MarketPosting, site: string): Item {
  const id = `${p.id}-0000-4000-8000-${site.padEnd(12, '0').slice(0, 12)}`;
  const additional = '<div>We are an equal opportunity employer.</div>';
  return fill(LEVER_POSTING, {
    additionalPlain: plain(additional),
    additional,
    categories: {
      commitment: EMPLOYMENT[p.contract],
      department: 'Technology',
      location: p.city,
      team: 'Engineering',
      allLocations: [p.city],
    },
    createdAt: Date.parse(p.postedAt),
    descriptionPlain: plain(p.descriptionHtml),
    description: p.descriptionHtml,
    id,
    lists: [{ text: 'What you will use', content: p.skills.map((s) => `<li>${s}</li>`).join('') }],
    text: p.title,
    country: p.country,
    workplaceType: p.workMode,
    opening: '',
    openingPlain: '',
    descriptionBody: p.descriptionHtml,
    descriptionBodyPlain: plain(p.descriptionHtml),
    hostedUrl: `https://jobs.lever.co/${site}/${id}`,
    applyUrl: `https://jobs.lever.co/${site}/${id}/apply`,
    ...(p.rate
      ? {
          salaryRange: {
            currency: p.rate.currency,
            interval: LEVER_INTERVAL[p.rate.period],
            min: p.rate.min,
            max: p.rate.max,
          },
        }
      : {}),
  });
}

function ashbyJob(p: MarketPosting, board: string): Item {
  // Tiers name their components (id, summary); the summary lists them without.
  const summaryComponents = p.rate
    ? [
        {
          compensationType: 'Salary',
          interval: ASHBY_INTERVAL[p.rate.period],
          currencyCode: p.rate.currency,
          minValue: p.rate.min,
          maxValue: p.rate.max,
        },
      ]
    : [];
  const components = summaryComponents.map((c) => ({
    id: `${p.id}-salary`,
    summary: p.rateText,
    ...c,
  }));
  return fill(ASHBY_JOB, {
    id: `${p.id}-ashby`,
    title: p.title,
    department: 'Engineering',
    team: 'Platform',
    employmentType: ASHBY_EMPLOYMENT[p.contract],
    location: p.workMode === 'remote' ? 'Remote' : p.city,
    shouldDisplayCompensationOnJobPostings: components.length > 0,
    secondaryLocations: [],
    publishedAt: p.postedAt.replace('Z', '+00:00'),
    isListed: true,
    isRemote: p.workMode === 'remote',
    workplaceType: ASHBY_WORKPLACE[p.workMode],
    address: {
      postalAddress: { addressRegion: '', addressCountry: p.country, addressLocality: p.city },
    },
    jobUrl: `https://jobs.ashbyhq.com/${board}/${p.id}`,
    applyUrl: `https://jobs.ashbyhq.com/${board}/${p.id}/application`,
    descriptionHtml: p.descriptionHtml,
    descriptionPlain: plain(p.descriptionHtml),
    compensation: {
      compensationTierSummary: p.rateText,
      scrapeableCompensationSalarySummary: p.rateText,
      compensationTiers: components.length > 0 ? [ashbyTier(p, components)] : [],
      summaryComponents,
    },
  });
}

function ashbyTier(p: MarketPosting, components: readonly Item[]): Item {
  return {
    id: `${p.id}-tier`,
    tierSummary: p.rateText,
    title: null,
    additionalInformation: null,
    components,
  };
}

/**
 * A recording served as the site sent it; for the demo, its items' dates moved into the
 * market's span (src/demo/redate.ts), every other field as recorded.
 */
function asRecorded(
  source: string,
  file: string,
  context: RouteContext,
  redate: { items: (body: never) => Item[]; fields: readonly DateField<Item>[] },
): FixtureResponse {
  const span = context.demo ? marketSpan(context.market) : null;
  if (!span)
    return { headers: { 'content-type': 'application/json' }, body: recordedText(source, file) };
  const body = recorded<never>(source, file);
  redateItems(redate.items(body), redate.fields, span);
  return json(body);
}

const GREENHOUSE_DATES = {
  items: (body: { jobs: Item[] }) => body.jobs,
  fields: [isoField('first_published'), isoField('updated_at')],
};
const LEVER_DATES = { items: (body: Item[]) => body, fields: [epochMsField('createdAt')] };
const ASHBY_DATES = {
  items: (body: { jobs: Item[] }) => body.jobs,
  fields: [isoField('publishedAt')],
};

/**
 * The postings on a board: 'skillpulse' lists every posting of the source (one board for
 * the whole simulated market, as the tests crawl it); a company's board (its slug, see
 * `boardOf`) lists that company's, so that the company the adapters read from the board
 * is the posting's.
 */
function onBoard(
  market: readonly MarketPosting[],
  source: string,
  board: string,
): MarketPosting[] | null {
  const postings = postingsOf(market, source);
  if (board === 'skillpulse') return postings;
  const own = postings.filter((p) => p.board === board);
  return own.length > 0 || market.some((p) => p.board === board) ? own : null;
}

/** Greenhouse, Lever and Ashby: the real samples for their boards, the market for the rest. */
const routes: Route[] = [
  {
    path: /^\/greenhouse\/v1\/boards\/([^/]+)\/jobs$/,
    handle: (_req, [, board], context) => {
      if (board === 'gitlab')
        return asRecorded('greenhouse', 'gitlab-2026.json', context, GREENHOUSE_DATES);
      const jobs = onBoard(context.market, 'greenhouse', board!)?.map((p) =>
        greenhouseJob(p, board!),
      );
      return jobs ? json({ jobs, meta: { total: jobs.length } }) : notFound();
    },
  },
  {
    path: /^\/lever\/v0\/postings\/([^/]+)$/,
    handle: (req, [, site], context) => {
      if (site === 'matchgroup')
        return asRecorded('lever', 'matchgroup-2026.json', context, LEVER_DATES);
      const postings = onBoard(context.market, 'lever', site!);
      if (!postings) return json({ ok: false, error: 'Document not found' }, 404);
      const skip = intParam(req.url, 'skip', 0);
      const limit = intParam(req.url, 'limit', 100);
      return json(postings.slice(skip, skip + limit).map((p) => leverPosting(p, site!)));
    },
  },
  {
    path: /^\/ashby\/posting-api\/job-board\/([^/]+)$/,
    handle: (_req, [, board], context) => {
      if (board === 'linear') return asRecorded('ashby', 'linear-2026.json', context, ASHBY_DATES);
      const postings = onBoard(context.market, 'ashby', board!);
      if (!postings) return json({ success: false }, 404);
      return json({ jobs: postings.map((p) => ashbyJob(p, board!)), apiVersion: '1' });
    },
  },
];

export const site: FixtureSite = { channels: ['ashby', 'greenhouse', 'lever'], routes };

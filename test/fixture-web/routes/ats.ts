import { existsSync, readFileSync } from 'node:fs';
import { postingsOf, type MarketPosting } from '../market.js';
import { escapeHtml, intParam, json, notFound, type Route } from '../types.js';

// From test/fixture-web/routes, or from its build under dist/ (tsc does not copy JSON).
const SAMPLES = [
  new URL('../../fixtures/real-samples/', import.meta.url),
  new URL('../../../../test/fixtures/real-samples/', import.meta.url),
].find((url) => existsSync(url))!;
const sample = (file: string) => readFileSync(new URL(file, SAMPLES), 'utf8');

const place = (p: MarketPosting) =>
  p.workMode === 'remote' ? `Remote, ${p.country}` : `${p.city}, ${p.country}`;
const numericId = (p: MarketPosting) => 8_600_000_000 + Number(p.id.replace(/\D/g, ''));
const LEVER_INTERVAL = {
  hour: 'per-hour-wage',
  day: 'per-day-wage',
  year: 'per-year-salary',
  fixed: 'one-time',
} as const;
const ASHBY_INTERVAL = { hour: '1 HOUR', day: '1 DAY', year: '1 YEAR', fixed: 'ONE_TIME' } as const;
const EMPLOYMENT = {
  contract: 'Contract',
  freelance: 'Freelance',
  temporary: 'Temporary',
  permanent: 'Full-time',
} as const;

function greenhouseJob(p: MarketPosting, board: string) {
  return {
    absolute_url: `https://job-boards.greenhouse.io/${board}/jobs/${numericId(p)}`,
    data_compliance: [
      {
        type: 'gdpr',
        requires_consent: false,
        requires_processing_consent: false,
        requires_retention_consent: false,
        retention_period: null,
        demographic_data_consent_applies: false,
      },
    ],
    internal_job_id: numericId(p) - 2_000_000_000,
    location: { name: place(p) },
    metadata: [
      {
        id: 4595831002,
        name: 'Employment Type',
        value: EMPLOYMENT[p.contract],
        value_type: 'single_select',
      },
    ],
    id: numericId(p),
    updated_at: p.postedAt.replace('Z', '-00:00').replace(/\.\d+/, ''),
    requisition_id: p.id,
    title: p.title,
    company_name: p.company,
    first_published: p.postedAt.replace(/\.\d+/, ''),
    language: 'en',
    application_deadline: null,
    // Greenhouse escapes the HTML of `content` once more.
    content: escapeHtml(p.descriptionHtml),
    departments: [{ id: 4096748002, name: 'Engineering', child_ids: [], parent_id: null }],
    offices: [{ id: 4112149002, name: p.city, location: null, child_ids: [], parent_id: null }],
  };
}

function leverPosting(p: MarketPosting, site: string) {
  const id = `${p.id}-0000-4000-8000-${site.padEnd(12, '0').slice(0, 12)}`;
  return {
    additionalPlain: 'We are an equal opportunity employer.\n',
    additional: '<div>We are an equal opportunity employer.</div>',
    categories: {
      commitment: EMPLOYMENT[p.contract],
      department: 'Technology',
      location: p.city,
      team: 'Engineering',
      allLocations: [p.city],
    },
    createdAt: Date.parse(p.postedAt),
    descriptionPlain: p.descriptionHtml.replace(/<[^>]+>/g, ''),
    description: p.descriptionHtml,
    id,
    lists: [{ text: 'What you will use', content: p.skills.map((s) => `<li>${s}</li>`).join('') }],
    ...(p.rate
      ? {
          salaryRange: {
            interval: LEVER_INTERVAL[p.rate.period],
            currency: p.rate.currency,
            min: p.rate.min,
            max: p.rate.max,
          },
        }
      : {}),
    text: p.title,
    country: p.country,
    workplaceType: p.workMode === 'onsite' ? 'on-site' : p.workMode,
    hostedUrl: `https://jobs.lever.co/${site}/${id}`,
    applyUrl: `https://jobs.lever.co/${site}/${id}/apply`,
  };
}

function ashbyJob(p: MarketPosting, board: string) {
  const components = p.rate
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
  return {
    id: `${p.id}-ashby`,
    title: p.title,
    department: 'Engineering',
    team: 'Platform',
    employmentType:
      p.contract === 'permanent'
        ? 'FullTime'
        : p.contract === 'temporary'
          ? 'Temporary'
          : 'Contract',
    location: p.workMode === 'remote' ? 'Remote' : p.city,
    shouldDisplayCompensationOnJobPostings: components.length > 0,
    secondaryLocations: [],
    publishedAt: p.postedAt.replace('Z', '+00:00'),
    isListed: true,
    isRemote: p.workMode === 'remote',
    workplaceType:
      p.workMode === 'remote' ? 'Remote' : p.workMode === 'hybrid' ? 'Hybrid' : 'OnSite',
    address: { postalAddress: { addressCountry: p.country, addressLocality: p.city } },
    jobUrl: `https://jobs.ashbyhq.com/${board}/${p.id}`,
    applyUrl: `https://jobs.ashbyhq.com/${board}/${p.id}/application`,
    descriptionHtml: p.descriptionHtml,
    descriptionPlain: p.descriptionHtml.replace(/<[^>]+>/g, ''),
    compensation: {
      compensationTierSummary: p.rateText,
      scrapeableCompensationSalarySummary: p.rateText,
      compensationTiers: [],
      summaryComponents: components,
    },
  };
}

/** Greenhouse, Lever and Ashby: the real samples for their boards, the market for the rest. */
export const atsRoutes: Route[] = [
  {
    path: /^\/greenhouse\/v1\/boards\/([^/]+)\/jobs$/,
    handle: (_req, [, board], { market }) => {
      if (board === 'gitlab')
        return {
          headers: { 'content-type': 'application/json' },
          body: sample('greenhouse-gitlab.json'),
        };
      const jobs = postingsOf(market, 'greenhouse').map((p) => greenhouseJob(p, board!));
      return board === 'skillpulse' ? json({ jobs, meta: { total: jobs.length } }) : notFound();
    },
  },
  {
    path: /^\/lever\/v0\/postings\/([^/]+)$/,
    handle: (req, [, site], { market }) => {
      if (site === 'matchgroup')
        return {
          headers: { 'content-type': 'application/json' },
          body: sample('lever-matchgroup.json'),
        };
      if (site !== 'skillpulse') return json({ ok: false, error: 'Document not found' }, 404);
      const skip = intParam(req.url, 'skip', 0);
      const limit = intParam(req.url, 'limit', 100);
      return json(
        postingsOf(market, 'lever')
          .slice(skip, skip + limit)
          .map((p) => leverPosting(p, site)),
      );
    },
  },
  {
    path: /^\/ashby\/posting-api\/job-board\/([^/]+)$/,
    handle: (_req, [, board], { market }) => {
      if (board === 'linear')
        return {
          headers: { 'content-type': 'application/json' },
          body: sample('ashby-linear.json'),
        };
      if (board !== 'skillpulse') return json({ success: false }, 404);
      return json({
        jobs: postingsOf(market, 'ashby').map((p) => ashbyJob(p, board)),
        apiVersion: '1',
      });
    },
  },
];

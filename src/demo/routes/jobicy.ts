import { postingsOf, type Contract, type MarketPosting } from '../market.js';
import { fill, recorded } from '../recorded.js';
import { escapeHtml, intParam, json, type Route, type FixtureSite } from '../types.js';

type Item = Record<string, unknown>;

// The real response the market's jobs are made from (Jobicy, December 2024, ?tag=python):
// its wrapper, and its first job (Dynatrace's, which states no salary) as the template.
const JOBICY = recorded<{ jobs: Item[] } & Item>('jobicy', 'api-2024-12-08.json');
const { jobs: RECORDED_JOBS, ...WRAPPER } = JOBICY;
const JOB = RECORDED_JOBS[0]!;

// Jobicy's own words for the kind of work.
const JOB_TYPE: Readonly<Record<Contract, string>> = {
  contract: 'contract',
  freelance: 'contract',
  temporary: 'part-time',
  permanent: 'full-time',
};

const numeric = (p: MarketPosting) => 100_000 + Number(p.id.replace(/\D/g, ''));
const slug = (p: MarketPosting) =>
  `${numeric(p)}-${p.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}`;
// As the 2024 API wrote dates: UTC without a zone.
const pubDate = (iso: string) => iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function job(p: MarketPosting): Item {
  const yearly = p.rate?.period === 'year' ? p.rate : null;
  return fill(JOB, {
    id: numeric(p),
    url: `https://jobicy.com/jobs/${slug(p)}`,
    jobSlug: slug(p),
    // Titles come HTML-escaped, as the real API sends them ("Web &amp; Brand").
    jobTitle: escapeHtml(p.title),
    companyName: escapeHtml(p.company),
    jobIndustry: ['Software Engineering'],
    jobType: [JOB_TYPE[p.contract]],
    jobGeo: p.workMode === 'remote' ? 'Anywhere' : p.country,
    jobLevel: /^(Senior|Lead|Principal|Staff)\b/.test(p.title) ? 'Senior' : 'Any',
    jobExcerpt: `${escapeHtml(plain(p.descriptionHtml).slice(0, 300))}&#8230;`,
    jobDescription: p.descriptionHtml,
    pubDate: pubDate(p.postedAt),
    // Yearly salaries only, as text; jobs without one have none of the three fields.
    ...(yearly && {
      annualSalaryMin: String(yearly.min),
      annualSalaryMax: String(yearly.max),
      salaryCurrency: yearly.currency,
    }),
  });
}

/** Jobicy's remote-jobs API: the newest `count` jobs, no pages. */
const routes: Route[] = [
  {
    path: /^\/jobicy\/api\/v2\/remote-jobs$/,
    handle: (req, _m, { market }) => {
      const count = Math.min(50, Math.max(1, intParam(req.url, 'count', 50)));
      const jobs = postingsOf(market, 'jobicy').slice(0, count).map(job);
      return json({
        ...WRAPPER,
        jobCount: jobs.length,
        lastUpdate: jobs[0]?.pubDate ?? WRAPPER.lastUpdate,
        jobs,
      });
    },
  },
];

export const site: FixtureSite = { channels: ['jobicy'], routes };

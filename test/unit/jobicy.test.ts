import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RATE_SETTINGS } from '../../src/config/settings.js';
import { readSavedResponse } from '../../src/crawl/import-file.js';
import { FxTable } from '../../src/normalize/money.js';
import { normalizeListing } from '../../src/normalize/posting.js';
import { jobicy } from '../../src/sources/jobicy.js';
import { importSource, resolveSources } from '../../src/sources/registry.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { corpus, payOf, recordingPath } from '../helpers/recordings.js';

/*
 * The Jobicy adapter beyond what its labelled recordings check (recordings.test.ts): the
 * requests it makes, the 2026 API's shape (which no recording holds: PROVENANCE.md), and
 * what processing makes of every recorded job.
 */

const source = importSource({ sources: {} }, 'jobicy')!;
const URL_2026 = 'https://jobicy.com/api/v2/remote-jobs?count=3&industry=engineering';
const read = (body: string, url = URL_2026) => readSavedResponse(source, body, url).result;

/** A job as the 2026 API (apiVersion 2.2) sends one, with fields set. */
function job2026(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: 154108,
    url: 'https://jobicy.com/jobs/154108-engineering-manager-feegow',
    jobSlug: '154108-engineering-manager-feegow',
    jobTitle: 'Engineering Manager - Feegow (100% Remote within Brazil)',
    companyName: 'Docplanner',
    companyLogo: 'https://jobicy.com/data/server-nyc0409/galaxy/mercury/2025/08/84f2fa86-221.png',
    jobIndustry: ['Software Engineering'],
    jobType: ['Full-Time'],
    jobGeo: 'Brazil',
    jobLevel: 'Director',
    jobExcerpt: 'Welcome to the good side of tech&hellip;',
    jobDescription:
      '<p><strong>Welcome to the good side of tech</strong></p><p>Python and AWS.</p>',
    pubDate: '2026-09-27T20:34:23+00:00',
    ...fields,
  };
}

const response2026 = (jobs: unknown[]) =>
  JSON.stringify({
    apiVersion: '2.2.16',
    documentationUrl: 'https://jobi.cy/apidocs',
    friendlyNotice: 'Thanks for using Jobicy API! Please ensure Jobicy is clearly credited.',
    jobCount: jobs.length,
    lastUpdate: '2026-09-28T05:17:23+00:00',
    appliedFilters: { count: 3, industry: 'engineering' },
    jobs,
  });

describe('the Jobicy adapter', () => {
  it('asks once per industry, with the count, region and search word configured', () => {
    const [configured] = resolveSources({
      sources: { jobicy: { industries: 'engineering, data-science', geo: 'europe', count: 20 } },
    }).filter((s) => s.id === 'jobicy');
    const urls = jobicy.startRequests(configured!.config as never, { since: undefined });
    expect(urls.map((r) => r.url)).toEqual([
      'https://jobicy.com/api/v2/remote-jobs?count=20&industry=engineering&geo=europe',
      'https://jobicy.com/api/v2/remote-jobs?count=20&industry=data-science&geo=europe',
    ]);
    const every = jobicy.configSchema.parse({ industries: [], tag: 'python' });
    expect(jobicy.startRequests(every, { since: undefined }).map((r) => r.url)).toEqual([
      'https://jobicy.com/api/v2/remote-jobs?count=50&tag=python',
    ]);
  });

  it('keeps to the few requests a day Jobicy asks for: one at a time, well apart', () => {
    expect(jobicy.politeness).toMatchObject({ maxConcurrency: 1 });
    expect(jobicy.politeness!.maxRequestsPerMinute).toBeLessThanOrEqual(2);
    const defaults = jobicy.configSchema.parse({});
    expect(jobicy.startRequests(defaults, { since: undefined })).toHaveLength(1);
    expect(() => jobicy.configSchema.parse({ count: 500 })).toThrow();
  });

  it("reads the 2026 API's salary fields with their period, and its dates with their zone", () => {
    const result = read(
      response2026([
        job2026({ salaryMin: 227000, salaryCurrency: 'USD', salaryPeriod: 'yearly' }),
        job2026({
          id: 152625,
          jobType: ['Contract'],
          salaryMin: 5300,
          salaryMax: 6600,
          salaryCurrency: 'USD',
          salaryPeriod: 'monthly',
        }),
        job2026({ id: 151753, jobGeo: 'EMEA,  LATAM,  Canada,  USA', jobType: 'Full-Time' }),
      ]),
    );
    const [floor, monthly, none] = result.listings!;
    expect(floor).toMatchObject({
      externalId: '154108',
      postedAt: '2026-09-27T20:34:23.000Z',
      employmentType: 'Full-Time',
      remote: true,
      tags: ['Software Engineering'],
    });
    expect(payOf(floor!)).toMatchObject({ min: 227000, max: 227000, currency: 'USD', period: 'year' }); // prettier-ignore
    expect(payOf(monthly!)).toMatchObject({ min: 5300, max: 6600, currency: 'USD', period: 'month' }); // prettier-ignore
    expect(monthly!.employmentType).toBe('Contract');
    expect(none!.pay).toBeNull();
    expect(none!.location).toBe('EMEA, LATAM, Canada, USA');
    expect(none!.employmentType).toBe('Full-Time');
  });

  it('reads a 2024 date, which names no zone, as UTC and decodes industry names', () => {
    const result = read(
      response2026([
        job2026({
          pubDate: '2024-12-01 04:10:21',
          jobIndustry: ['DevOps &amp; SysAdmin'],
          annualSalaryMin: '60000',
          annualSalaryMax: '85000',
          salaryCurrency: 'USD',
        }),
      ]),
    );
    const [listing] = result.listings!;
    expect(listing!.postedAt).toBe('2024-12-01T04:10:21.000Z');
    expect(listing!.tags).toEqual(['DevOps & SysAdmin']);
    expect(listing!.pay).toMatchObject({ min: 60000, max: 85000, period: 'yearly' });
  });

  it('skips a job without an id as malformed and keeps the rest; a response without jobs is an error', () => {
    const result = read(response2026([job2026({ id: null }), job2026({ id: 1 })]));
    expect(result.listings!.map((l) => l.externalId)).toEqual(['1']);
    expect(result.skipped).toEqual([expect.objectContaining({ item: '#0', malformed: true })]);
    expect(() => read('{"success":false,"message":"Too many requests"}')).toThrow(/jobs/);
  });
});

describe('processing the real Jobicy recordings', () => {
  const context = {
    fetchedAt: new Date('2024-12-08T00:38:13Z'),
    fx: new FxTable([{ currency: 'USD', rate_date: '2024-01-01', per_usd: 1 }]),
    settings: DEFAULT_RATE_SETTINGS,
    reportCurrency: 'USD',
    tagger: defaultTagger(),
  };
  const recordings = corpus().find((s) => s.source === 'jobicy')!.labels!.recordings;

  it.each(recordings.map((r) => [r.file, r] as const))(
    '%s: at least 95% of its jobs become postings, remote, with their yearly salaries',
    (file, labels) => {
      const body = readFileSync(recordingPath('jobicy', file), 'utf8');
      const { listings = [] } = readSavedResponse(source, body, labels.url!).result;
      const postings = listings.flatMap((listing) => {
        try {
          return [{ listing, posting: normalizeListing(listing, context) }];
        } catch {
          return [];
        }
      });
      expect(postings.length).toBeGreaterThanOrEqual(Math.ceil(labels.items * 0.95));
      for (const { posting } of postings) expect(posting.workMode).toBe('remote');
      const paid = postings.filter(({ listing }) => listing.pay !== null);
      expect(paid.length).toBeGreaterThan(0);
      for (const { posting } of paid) expect(posting.rate).toMatchObject({ period: 'year', currency: 'USD' }); // prettier-ignore
    },
  );

  it('reads the contract job as a contract and finds its skills', () => {
    const labels = recordings.find((r) => r.file === 'api-2024-12-08.json')!;
    const body = readFileSync(recordingPath('jobicy', labels.file), 'utf8');
    const listings = readSavedResponse(source, body, labels.url!).result.listings!;
    const devops = normalizeListing(
      listings.find((l) => l.externalId === '111985')!,
      context,
    );
    expect(devops.contractType).toBe('contract');
    const sre = normalizeListing(
      listings.find((l) => l.externalId === '113597')!,
      context,
    );
    expect(sre.contractType).not.toBe('contract');
    expect(sre.skills.length).toBeGreaterThan(0);
  });
});

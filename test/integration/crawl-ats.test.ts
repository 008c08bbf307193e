import { describe, expect, it } from 'vitest';
import {
  crawlFixture,
  useCrawlFixture,
  fields,
  quietLogger,
  storedListings,
  TEST_USER_AGENT,
} from '../helpers/crawl.js';
import { postingsOf } from '../../src/demo/market.js';
import { processListings } from '../../src/process/process-listings.js';

const fixture = useCrawlFixture();

describe('greenhouse', () => {
  it('stores the real gitlab board field by field', async () => {
    const summary = await crawlFixture(fixture.database.db, 'greenhouse', {
      baseUrl: `${fixture.web.url}/greenhouse`,
      boards: ['gitlab'],
    });
    expect(summary).toMatchObject({
      status: 'ok',
      pages: 1,
      listings: 2,
      newListings: 2,
      errorCount: 0,
    });
    const [first] = await storedListings(fixture.database.db, 'greenhouse');
    expect(first?.external_id).toBe('8503792002');
    expect(first?.url).toBe('https://job-boards.greenhouse.io/gitlab/jobs/8503792002');
    expect(fields(first!)).toMatchObject({
      title: 'Account Executive - Italy',
      company: 'GitLab',
      location: 'Remote, Italy',
      postedAt: '2026-04-17T09:58:03.000Z',
      pay: null,
      tags: ['EMEA - Commercial'],
    });
    expect(String(fields(first!).description)).toMatch(
      /^&lt;div class=&quot;content-intro&quot;&gt;/,
    );
    expect((first!.payload.source as { requisition_id: string }).requisition_id).toBe('6263');
    // The crawler says who it is.
    expect(
      fixture.web.requestsFor('/greenhouse/').every((r) => r.userAgent === TEST_USER_AGENT),
    ).toBe(true);
  });

  it('adds nothing when the same board is crawled again', async () => {
    const again = await crawlFixture(fixture.database.db, 'greenhouse', {
      baseUrl: `${fixture.web.url}/greenhouse`,
      boards: ['gitlab'],
    });
    expect(again).toMatchObject({ status: 'ok', listings: 2, newListings: 0 });
    expect(await storedListings(fixture.database.db, 'greenhouse')).toHaveLength(2);
    const runs = await fixture.database.db
      .selectFrom('crawl_runs')
      .selectAll()
      .where('source_id', '=', 'greenhouse')
      .orderBy('id')
      .execute();
    expect(runs.map((r) => [r.status, r.listings, r.new_listings])).toEqual([
      ['ok', 2, 2],
      ['ok', 2, 0],
    ]);
    expect(runs.every((r) => r.finished_at instanceof Date)).toBe(true);
  });
});

describe('lever', () => {
  it('stores the real matchgroup postings with their salary range', async () => {
    const summary = await crawlFixture(fixture.database.db, 'lever', {
      baseUrl: `${fixture.web.url}/lever`,
      sites: ['matchgroup'],
      // Lever's API names no company: the user names the site's.
      companies: { matchgroup: 'Match Group' },
    });
    expect(summary).toMatchObject({ status: 'ok', listings: 2, newListings: 2 });
    const listing = (await storedListings(fixture.database.db, 'lever')).find(
      (l) => l.external_id === '3414ba28-35f7-45d3-8e13-35c883959635',
    );
    expect(fields(listing!)).toMatchObject({
      title: 'Android Engineer III',
      company: 'Match Group',
      location: 'New York, New York',
      employmentType: 'Full-time',
      pay: { min: 150000, max: 180000, currency: 'USD', period: 'per-year-salary' },
      postedAt: new Date(1779223091267).toISOString(),
      remote: null,
      tags: ['Engineering', 'Hinge'],
    });
    expect(String(fields(listing!).description)).toContain('401(k) Matching');
  });

  it('pages with skip and limit until a short page', async () => {
    const expected = postingsOf(fixture.web.market, 'lever').length;
    const summary = await crawlFixture(fixture.database.db, 'lever-paged', {
      adapter: 'lever',
      baseUrl: `${fixture.web.url}/lever`,
      sites: ['skillpulse'],
      pageSize: 10,
    });
    expect(summary.listings).toBe(expected);
    expect(summary.pages).toBe(Math.floor(expected / 10) + 1);
    const listings = await storedListings(fixture.database.db, 'lever-paged');
    expect(new Set(listings.map((l) => l.external_id)).size).toBe(expected);
  });

  it('stops paging at the first page of known listings on the next crawl', async () => {
    // Known means processed: listings stored and never handed on do not end the paging.
    await processListings(fixture.database.db, { reportCurrency: 'USD', logger: quietLogger });
    const before = fixture.web.requestsFor('/lever/v0/postings/skillpulse').length;
    const summary = await crawlFixture(fixture.database.db, 'lever-paged', {
      adapter: 'lever',
      baseUrl: `${fixture.web.url}/lever`,
      sites: ['skillpulse'],
      pageSize: 10,
    });
    expect(summary).toMatchObject({ pages: 1, newListings: 0 });
    expect(fixture.web.requestsFor('/lever/v0/postings/skillpulse').length - before).toBe(1);
  });

  it('stops paging at listings older than --since, and at --max-pages', async () => {
    const all = postingsOf(fixture.web.market, 'lever');
    const since = new Date(all[15]!.postedAt);
    const bySince = await crawlFixture(
      fixture.database.db,
      'lever-since',
      {
        adapter: 'lever',
        baseUrl: `${fixture.web.url}/lever`,
        sites: ['skillpulse'],
        pageSize: 10,
      },
      { since },
    );
    expect(bySince.pages).toBe(3);
    const byMax = await crawlFixture(
      fixture.database.db,
      'lever-max',
      { adapter: 'lever', baseUrl: `${fixture.web.url}/lever`, sites: ['skillpulse'], pageSize: 5 },
      { maxPages: 2 },
    );
    expect(byMax).toMatchObject({ pages: 2, listings: 10 });
  });
});

describe('ashby', () => {
  it('stores the real linear board', async () => {
    const summary = await crawlFixture(fixture.database.db, 'ashby', {
      baseUrl: `${fixture.web.url}/ashby`,
      boards: ['linear'],
    });
    expect(summary).toMatchObject({ status: 'ok', listings: 2 });
    const listing = (await storedListings(fixture.database.db, 'ashby')).find(
      (l) => l.external_id === 'd3bc1ced-3ce4-4086-a050-555055dbb1ff',
    );
    expect(fields(listing!)).toMatchObject({
      title: 'Senior / Staff Fullstack Engineer',
      company: 'linear',
      location: 'Europe',
      employmentType: 'FullTime',
      postedAt: '2021-04-27T20:13:45.158Z',
      remote: true,
      pay: null,
      tags: ['Product', 'Engineering'],
    });
  });

  it("names the board's company as configured, its slug when it is not", async () => {
    await crawlFixture(fixture.database.db, 'ashby-named', {
      adapter: 'ashby',
      baseUrl: `${fixture.web.url}/ashby`,
      boards: ['linear'],
      companies: { linear: 'Linear' },
    });
    const named = await storedListings(fixture.database.db, 'ashby-named');
    expect(named.map((l) => fields(l).company)).toEqual(['Linear', 'Linear']);
  });

  it('reads structured compensation of the simulated board', async () => {
    await crawlFixture(fixture.database.db, 'ashby-sim', {
      adapter: 'ashby',
      baseUrl: `${fixture.web.url}/ashby`,
      boards: ['skillpulse'],
    });
    const stored = await storedListings(fixture.database.db, 'ashby-sim');
    const withRate = postingsOf(fixture.web.market, 'ashby').find((p) => p.rate !== null)!;
    const listing = stored.find((l) => l.external_id === `${withRate.id}-ashby`);
    expect(fields(listing!).pay).toMatchObject({
      min: withRate.rate!.min,
      max: withRate.rate!.max,
      currency: withRate.rate!.currency,
      text: withRate.rateText,
    });
  });
});

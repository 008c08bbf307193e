import { describe, expect, it } from 'vitest';
import { processListings } from '../../src/process/process-listings.js';
import {
  crawlFixture,
  useCrawlFixture,
  fields,
  quietLogger,
  storedListings,
} from '../helpers/crawl.js';
import { postingsOf, type MarketPosting } from '../../src/demo/market.js';

const fixture = useCrawlFixture();

const byTitle = (listings: Awaited<ReturnType<typeof storedListings>>, p: MarketPosting) =>
  listings.find(
    (l) =>
      fields(l).title === p.title &&
      JSON.stringify(fields(l).description ?? '').includes(p.skills[0]!),
  );

describe('RemoteOK', () => {
  it('skips the legal notice and stores every job', async () => {
    const summary = await crawlFixture(fixture.database.db, 'remoteok', {
      baseUrl: `${fixture.web.url}/remoteok`,
    });
    const expected = postingsOf(fixture.web.market, 'remoteok');
    expect(summary).toMatchObject({
      status: 'ok',
      listings: expected.length,
      newListings: expected.length,
    });
    const p =
      expected.find((x) => x.rate?.period === 'year' && x.rate.currency === 'USD') ?? expected[0]!;
    const stored = (await storedListings(fixture.database.db, 'remoteok')).find(
      (l) => l.external_id === p.id.replace(/\D/g, ''),
    );
    expect(fields(stored!)).toMatchObject({
      title: p.title,
      company: p.company,
      postedAt: p.postedAt.replace(/\.\d+Z$/, '.000Z'),
      remote: true,
    });
    expect(fields(stored!).tags).toEqual(p.skills.map((s) => s.toLowerCase()));
  });
});

describe('Remotive', () => {
  it('reads jobs per category with the salary as free text', async () => {
    const summary = await crawlFixture(fixture.database.db, 'remotive', {
      baseUrl: `${fixture.web.url}/remotive`,
      categories: ['software-dev'],
    });
    const expected = postingsOf(fixture.web.market, 'remotive');
    expect(summary.listings).toBe(expected.length);
    const p = expected.find((x) => x.rateText) ?? expected[0]!;
    const stored = (await storedListings(fixture.database.db, 'remotive')).find(
      (l) => l.external_id === String(Number(p.id.replace(/\D/g, ''))),
    );
    expect(fields(stored!)).toMatchObject({
      title: p.title,
      company: p.company,
      pay: { text: p.rateText },
      postedAt: new Date(p.postedAt.replace(/\.\d+Z$/, 'Z')).toISOString(),
    });
  });
});

describe('Arbeitnow', () => {
  it('follows links.next on the configured host until the last page', async () => {
    const expected = postingsOf(fixture.web.market, 'arbeitnow');
    const summary = await crawlFixture(fixture.database.db, 'arbeitnow', {
      baseUrl: `${fixture.web.url}/arbeitnow`,
    });
    expect(summary).toMatchObject({
      listings: expected.length,
      pages: Math.ceil(expected.length / 10),
    });
    const p = expected[0]!;
    const stored = (await storedListings(fixture.database.db, 'arbeitnow')).find(
      (l) => fields(l).title === p.title && fields(l).company === p.company,
    );
    expect(fields(stored!)).toMatchObject({ location: p.city, remote: p.workMode === 'remote' });
  });
});

describe('We Work Remotely', () => {
  it('splits "Company: Role" titles of the RSS feed', async () => {
    const expected = postingsOf(fixture.web.market, 'weworkremotely');
    const summary = await crawlFixture(fixture.database.db, 'weworkremotely', {
      baseUrl: `${fixture.web.url}/weworkremotely`,
      categories: ['remote-programming-jobs'],
    });
    expect(summary.listings).toBe(expected.length);
    const stored = await storedListings(fixture.database.db, 'weworkremotely');
    const p = expected[0]!;
    const listing = byTitle(stored, p);
    expect(fields(listing!)).toMatchObject({
      company: p.company,
      title: p.title,
      employmentType: p.contract === 'permanent' ? 'Full-Time' : 'Contract',
      remote: true,
      postedAt: new Date(Math.floor(Date.parse(p.postedAt) / 1000) * 1000).toISOString(),
    });
    expect(String(fields(listing!).description)).toContain('<p>');
  });
});

describe('generic RSS/Atom', () => {
  it('reads an Atom feed configured with no code', async () => {
    const expected = postingsOf(fixture.web.market, 'feed');
    const summary = await crawlFixture(fixture.database.db, 'kestrel-careers', {
      adapter: 'rss',
      feeds: [`${fixture.web.url}/feed/atom.xml`],
    });
    expect(summary.listings).toBe(expected.length);
    const stored = await storedListings(fixture.database.db, 'kestrel-careers');
    const p = expected[0]!;
    const listing = stored.find((l) => l.external_id === `urn:kestrel:job:${p.id}`);
    expect(fields(listing!)).toMatchObject({
      title: p.title,
      company: p.company,
      url: `${fixture.web.url}/feed/jobs/${p.id}`,
      postedAt: p.postedAt,
    });
    expect(fields(listing!).tags).toEqual([p.skills[0]]);
  });
});

describe('Freelancer.com', () => {
  it('pages through active projects with budgets and currencies', async () => {
    const expected = postingsOf(fixture.web.market, 'freelancer');
    const summary = await crawlFixture(fixture.database.db, 'freelancer', {
      baseUrl: `${fixture.web.url}/freelancer`,
      queries: ['software'],
      pageSize: 7,
    });
    expect(summary).toMatchObject({
      listings: expected.length,
      pages: Math.ceil(expected.length / 7),
    });
    const hourly = expected.find((p) => p.rate?.period === 'hour');
    if (hourly) {
      const listing = (await storedListings(fixture.database.db, 'freelancer')).find(
        (l) => l.external_id === String(39_000_000 + Number(hourly.id.replace(/\D/g, ''))),
      );
      expect(fields(listing!)).toMatchObject({
        title: hourly.title,
        employmentType: 'hourly',
        pay: {
          min: hourly.rate!.min,
          max: hourly.rate!.max,
          currency: hourly.rate!.currency,
          period: 'hour',
        },
      });
      expect(fields(listing!).tags).toEqual(hourly.skills);
    }
  });
});

describe('Upwork', () => {
  it('is off without a token, and says why', async () => {
    const { resolveSources } = await import('../../src/sources/registry.js');
    const upwork = resolveSources({ sources: {} }).find((s) => s.id === 'upwork');
    expect(upwork).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(/UPWORK_TOKEN/) as unknown,
    });
  });

  it('searches the GraphQL API with the token and follows the cursor', async () => {
    const expected = postingsOf(fixture.web.market, 'upwork');
    const summary = await crawlFixture(fixture.database.db, 'upwork', {
      baseUrl: `${fixture.web.url}/upwork`,
      token: 'fixture-upwork-token',
      queries: ['devops'],
      pageSize: 5,
    });
    expect(summary).toMatchObject({
      status: 'ok',
      listings: expected.length,
      pages: Math.ceil(expected.length / 5),
    });
    const fixed = expected.find((p) => p.rate?.period === 'fixed');
    if (fixed) {
      const listing = (await storedListings(fixture.database.db, 'upwork')).find(
        (l) => l.external_id === `1${Number(fixed.id.replace(/\D/g, ''))}`,
      );
      expect(fields(listing!)).toMatchObject({
        title: fixed.title,
        employmentType: 'fixed',
        pay: { min: fixed.rate!.min, period: 'fixed', currency: fixed.rate!.currency },
      });
    }
  });

  it('records a rejected token as a failed run without retrying it', async () => {
    const before = fixture.web.requestsFor('/upwork/graphql').length;
    const summary = await crawlFixture(fixture.database.db, 'upwork-bad', {
      adapter: 'upwork',
      baseUrl: `${fixture.web.url}/upwork`,
      token: 'wrong-token-123',
      queries: ['devops'],
    });
    expect(summary).toMatchObject({ status: 'failed', pages: 0, errors: { http_4xx: 1 } });
    expect(fixture.web.requestsFor('/upwork/graphql').length - before).toBe(1);
  });
});

describe('Hacker News', () => {
  /** The postings of the newest month: the market's newest threads hold them. */
  const newestMonth = (postings: readonly MarketPosting[]) => {
    const month = postings
      .map((p) => p.postedAt.slice(0, 7))
      .sort()
      .at(-1);
    return postings.filter((p) => p.postedAt.startsWith(month!));
  };

  it('loads the latest monthly threads and reads every live top-level comment', async () => {
    const summary = await crawlFixture(fixture.database.db, 'hackernews', {
      baseUrl: `${fixture.web.url}/hn`,
      months: 1,
    });
    const expected = newestMonth(postingsOf(fixture.web.market, 'hackernews'));
    expect(expected.length).toBeGreaterThan(0);
    expect(summary.listings).toBe(expected.length);
    // Only the latest thread of each kind; "Who wants to be hired?" is not a hiring thread.
    expect(
      fixture.web
        .requestsFor('/hn/api/v1/items/')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['/hn/api/v1/items/46000000', '/hn/api/v1/items/46000001']);
    const stored = await storedListings(fixture.database.db, 'hackernews');
    expect(stored.some((l) => fields(l).company === null && fields(l).title === '')).toBe(false);
    const p = expected.find((x) => x.rateText && x.contract !== 'freelance')!;
    const listing = stored.find(
      (l) =>
        fields(l).company === p.company &&
        fields(l).title === p.title &&
        String(fields(l).description).includes(p.skills[0]!),
    );
    expect(fields(listing!)).toMatchObject({
      location: `${p.city}, ${p.country}`,
      pay: { text: p.rateText },
      // REMOTE says remote, ONSITE says not; a hybrid job says neither.
      remote: p.workMode === 'remote' ? true : p.workMode === 'onsite' ? false : null,
    });
  });

  it('reads the same threads through the official API, one comment a request', async () => {
    const summary = await crawlFixture(fixture.database.db, 'hn-official', {
      adapter: 'hackernews',
      api: 'firebase',
      firebaseUrl: `${fixture.web.url}/hn-firebase`,
      months: 1,
    });
    const expected = newestMonth(postingsOf(fixture.web.market, 'hackernews'));
    expect(summary).toMatchObject({ status: 'ok', listings: expected.length });
    // The newest month's three threads are looked at; only the two asked for are read.
    const items = fixture.web.requestsFor('/hn-firebase/v0/item/').map((r) => r.path);
    expect(items.length).toBe(3 + expected.length);
    const official = await storedListings(fixture.database.db, 'hn-official');
    const algolia = await storedListings(fixture.database.db, 'hackernews');
    const read = (rows: typeof official) =>
      rows
        .map((l) =>
          [fields(l).company, fields(l).title, fields(l).location, fields(l).remote].join('|'),
        )
        .sort();
    expect(read(official)).toEqual(read(algolia));
  });
});

describe('generic JSON-LD', () => {
  it('reads a sitemap of job pages in every JSON-LD shape, skipping the broken one', async () => {
    const expected = postingsOf(fixture.web.market, 'jsonld-site');
    const summary = await crawlFixture(fixture.database.db, 'acme-jobs', {
      adapter: 'jsonld',
      sitemaps: [`${fixture.web.url}/jsonld-site/sitemap.xml`],
    });
    expect(summary).toMatchObject({
      listings: expected.length,
      errors: { parse: 1, robots_disallowed: 1 },
    });
    expect(fixture.web.requestsFor('/private/')).toEqual([]);
    const stored = await storedListings(fixture.database.db, 'acme-jobs');
    for (const [index, p] of expected.entries()) {
      const listing = stored.find((l) => l.external_id === p.id);
      expect(fields(listing!), `variant ${index}`).toMatchObject({
        title: p.title,
        company: p.company,
        postedAt: `${p.postedAt.slice(0, 10)}T00:00:00.000Z`,
        ...(p.rate ? { pay: { min: p.rate.min, max: p.rate.max, currency: p.rate.currency } } : {}),
        ...(p.workMode === 'remote' ? { remote: true } : { location: `${p.city}, ${p.country}` }),
      });
      expect(String(fields(listing!).employmentType)).toMatch(/CONTRACTOR|TEMPORARY|FULL_TIME/);
    }
  });

  it('crawls Onsiter listing pages through the preset, then only new pages', async () => {
    const expected = postingsOf(fixture.web.market, 'onsiter');
    const summary = await crawlFixture(fixture.database.db, 'onsiter', {
      startUrls: [`${fixture.web.url}/onsiter/jobs`],
    });
    expect(summary).toMatchObject({
      status: 'ok',
      listings: expected.length,
      newListings: expected.length,
    });
    expect(fixture.web.requestsFor('/onsiter/about')).toEqual([]);
    // Known means processed: listings stored and never handed on do not end the paging.
    await processListings(fixture.database.db, { reportCurrency: 'USD', logger: quietLogger });
    const again = await crawlFixture(fixture.database.db, 'onsiter', {
      startUrls: [`${fixture.web.url}/onsiter/jobs`],
    });
    // Every job page on the first listing page is known: no job page is fetched, paging stops.
    expect(again).toMatchObject({ pages: 1, listings: 0, newListings: 0 });
  });
});

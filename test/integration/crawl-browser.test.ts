import { describe, expect, it } from 'vitest';
import {
  crawlFixture,
  useCrawlFixture,
  fields,
  storedListings,
  TEST_USER_AGENT,
} from '../helpers/crawl.js';
import { postingsOf } from '../../src/demo/market.js';

const fixture = useCrawlFixture();

describe('Craigslist in Chromium', () => {
  it('reads results that only exist after the page script ran, then every posting', async () => {
    const gigs = postingsOf(fixture.web.market, 'craigslist').filter(
      (p) => p.contract === 'freelance' || p.contract === 'temporary',
    );
    const summary = await crawlFixture(fixture.database.db, 'craigslist', {
      baseUrl: `${fixture.web.url}/craigslist`,
      cities: ['sfbay'],
      categories: ['cpg'],
    });
    expect(summary).toMatchObject({
      status: 'ok',
      listings: gigs.length,
      newListings: gigs.length,
      errorCount: 0,
    });
    // The search page was loaded by a browser: its script fetched the results itself.
    expect(fixture.web.requestsFor('/craigslist/sfbay/search/cpg.json').length).toBeGreaterThan(0);
    expect(
      fixture.web
        .requestsFor('/craigslist/sfbay/search/cpg')
        .every((r) => r.userAgent === TEST_USER_AGENT),
    ).toBe(true);
    expect(fixture.web.requestsFor('/craigslist/reply/')).toEqual([]);
    const stored = await storedListings(fixture.database.db, 'craigslist');
    const p = gigs.find((x) => x.rateText) ?? gigs[0]!;
    const pid = String(7_800_000_000 + Number(p.id.replace(/\D/g, '')));
    const listing = stored.find((l) => l.external_id === `sfbay:${pid}`);
    expect(fields(listing!)).toMatchObject({
      title: p.title,
      location: `${p.city}, sfbay`,
      employmentType: 'gig',
      postedAt: new Date(p.postedAt.replace(/\.\d+Z$/, 'Z')).toISOString(),
      ...(p.rateText ? { pay: { text: p.rateText } } : {}),
    });
    expect(String(fields(listing!).description)).toContain(p.skills[0]!);
    expect(String(fields(listing!).description)).not.toContain('QR Code');
  });
});

describe('Fiverr in Chromium', () => {
  it('is off by default', async () => {
    const { resolveSources } = await import('../../src/sources/registry.js');
    expect(resolveSources({ sources: {} }).find((s) => s.id === 'fiverr')).toMatchObject({
      enabled: false,
    });
  });

  it('reads gig cards with seller level and starting price, and never fetches what robots.txt disallows', async () => {
    const summary = await crawlFixture(fixture.database.db, 'fiverr', {
      enabled: true,
      baseUrl: `${fixture.web.url}/fiverr`,
      categories: ['programming-tech/software-development'],
      pages: 2,
      gigPages: true,
    });
    expect(summary.listings).toBeGreaterThan(0);
    expect(summary.errors.robots_disallowed).toBe(summary.listings);
    expect(fixture.web.requestsFor('/fiverr/gigs/')).toEqual([]);
    const stored = await storedListings(fixture.database.db, 'fiverr');
    const first = stored[0]!;
    expect(fields(first)).toMatchObject({
      employmentType: 'gig',
      pay: { period: 'fixed', currency: 'USD' },
    });
    expect((first.payload.source as { sellerLevel: string }).sellerLevel).toMatch(
      /Level|Top Rated|New Seller/,
    );
    expect(String(fields(first).title)).toMatch(/^I will be your /);
  });
});

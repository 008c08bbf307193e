import { describe, expect, it } from 'vitest';
import { captureListing, LIMITS } from '../../src/crawl/capture.js';
import { errorForStatus, errorKind, parseRetryAfter } from '../../src/crawl/errors.js';
import { storedListingSchema } from '../../src/normalize/stored-listing.js';

const listing = {
  externalId: '42',
  url: 'https://jobs.example/42',
  title: 'Cloud Engineer',
  description: '<p>AWS</p>',
  source: { id: 42, views: 10 },
};

describe('captureListing', () => {
  it('hashes what the listing says, not the source bookkeeping', () => {
    const a = captureListing(listing);
    const b = captureListing({ ...listing, source: { id: 42, views: 11 } });
    const c = captureListing({ ...listing, title: 'Senior Cloud Engineer' });
    expect(a.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(b.contentHash).toBe(a.contentHash);
    expect(c.contentHash).not.toBe(a.contentHash);
  });

  it('stores what normalize reads: a payload the stored-listing schema accepts', () => {
    const full = captureListing({
      ...listing,
      company: 'Acme',
      country: 'GB',
      workplace: 'hybrid',
      remote: false,
      tags: ['aws'],
      pay: { min: 450, max: Number.NaN, currency: 'GBP', period: 'day', text: '£450/day' },
    });
    expect(storedListingSchema.safeParse(full.payload).success).toBe(true);
    expect(storedListingSchema.safeParse(captureListing(listing).payload).success).toBe(true);
  });

  it('bounds untrusted text and drops NUL characters', () => {
    const huge = 'x'.repeat(5 * 1024 * 1024);
    const captured = captureListing({
      ...listing,
      title: `A\u0000B${'t'.repeat(5000)}`,
      description: huge,
      tags: Array.from({ length: 500 }, (_, i) => `tag${i}`),
      source: { blob: huge },
    });
    expect(String(captured.payload.title)).toMatch(/^AB/);
    expect(String(captured.payload.title)).toHaveLength(LIMITS.title);
    expect(String(captured.payload.description)).toHaveLength(LIMITS.description);
    expect(captured.payload.tags).toHaveLength(LIMITS.tags);
    expect(captured.payload.source).toEqual({
      truncated: true,
      bytes: expect.any(Number) as number,
    });
  });

  it('keeps only finite numbers in stated pay', () => {
    const captured = captureListing({
      ...listing,
      pay: { min: Number.NaN, max: Infinity, currency: 'GBP', period: 'day', text: '£500/day' },
    });
    expect(captured.payload.pay).toEqual({
      min: null,
      max: null,
      currency: 'GBP',
      period: 'day',
      text: '£500/day',
    });
  });
});

describe('HTTP status handling', () => {
  it('maps statuses to retry behaviour', () => {
    expect(errorForStatus(200, undefined)).toBeUndefined();
    expect(errorKind(errorForStatus(429, '3'))).toBe('throttled');
    expect(errorKind(errorForStatus(503, undefined))).toBe('throttled');
    expect(errorKind(errorForStatus(500, undefined))).toBe('http_5xx');
    expect(errorKind(errorForStatus(408, undefined))).toBe('http_5xx');
    expect(errorKind(errorForStatus(404, undefined))).toBe('http_4xx');
    expect(errorKind(new Error('Navigation timed out after 30 seconds.'))).toBe('timeout');
    expect(errorKind(new Error('ECONNREFUSED'))).toBe('network');
  });

  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2026-11-24T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Tue, 24 Nov 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

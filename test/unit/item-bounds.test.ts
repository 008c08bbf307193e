import { describe, expect, it } from 'vitest';
import { captureListing, captureListings } from '../../src/crawl/capture.js';
import {
  exceedsItemLimits,
  ITEM_LIMITS,
  readEach,
  readItems,
  requireId,
} from '../../src/sources/common.js';
import { hackernews } from '../../src/sources/hackernews.js';
import { remoteok } from '../../src/sources/remoteok.js';
import { pageInput } from '../../src/crawl/crawl-source.js';

/** JSON text of an array nested `depth` levels deep. */
function nestedText(depth: number): string {
  return `${'['.repeat(depth)}1${']'.repeat(depth)}`;
}

const job = (id: number | string) => ({
  id,
  position: `Go Engineer ${id}`,
  company: 'Acme',
  url: `https://remoteok.test/${id}`,
  description: 'Go and PostgreSQL',
});

/** A RemoteOK response with one bad item of each kind among good ones, as the API sends text. */
function badFeed(): string {
  const items = [
    JSON.stringify({ legal: 'terms of use' }),
    JSON.stringify(job(1)),
    '42',
    JSON.stringify(job(2)).replace('"id":2', '"id":1e309'),
    JSON.stringify({ ...job(3), extra: 'DEEP' }).replace('"DEEP"', nestedText(10_000)),
    JSON.stringify({ ...job(4), blob: 'x'.repeat(ITEM_LIMITS.jsonChars + 10) }),
    JSON.stringify(job(5)),
  ];
  return `[${items.join(',')}]`;
}

describe('item limits', () => {
  it('measures depth and size without recursion, stopping at the first limit', () => {
    const deep = JSON.parse(nestedText(10_000)) as unknown;
    expect(exceedsItemLimits(deep)).toBe('depth');
    expect(exceedsItemLimits(JSON.parse(nestedText(ITEM_LIMITS.depth)))).toBeUndefined();
    expect(exceedsItemLimits(JSON.parse(nestedText(ITEM_LIMITS.depth + 1)))).toBe('depth');
    expect(exceedsItemLimits({ text: 'x'.repeat(ITEM_LIMITS.jsonChars) })).toBe('size');
    expect(exceedsItemLimits({ text: 'x'.repeat(1_000), tags: ['a', 'b'] })).toBeUndefined();
    // A cycle is no JSON, and ends at a limit instead of looping.
    const cyclic: Record<string, unknown> = { id: 1 };
    cyclic.self = cyclic;
    expect(exceedsItemLimits(cyclic)).toBe('depth');
    expect(exceedsItemLimits(cyclic, { depth: Infinity, jsonChars: 10_000 })).toBe('size');
  });

  it('names an id of 1e309 as not a finite number, not as null', () => {
    expect(() => requireId(JSON.parse('1e309'), 'job id')).toThrow('job id is not a finite number');
  });
});

describe('a page with bad items', () => {
  it('keeps the good items of a feed and skips each bad one with its reason', () => {
    const result = remoteok.handlers.FEED(
      pageInput('https://remoteok.test/api', badFeed(), {}, remoteok.configSchema.parse({})),
    );
    expect(result.listings?.map((l) => l.externalId)).toEqual(['1', '5']);
    expect(result.skipped?.map((s) => [s.item, s.reason, s.malformed])).toEqual([
      ['#0', "the API's legal notice", false],
      ['#2', 'expected an item to be an object', true],
      ['#3', 'job id is not a finite number', true],
      ['3', 'too_deep', true],
      ['4', 'too_large', true],
    ]);
  });

  it('skips an item the adapter throws on, with the error for the warning', () => {
    const { listings, skipped } = readItems([job(1), job(2)], (item) => {
      if ((item as { id: number }).id === 2) throw new TypeError('cannot read tags');
      return { externalId: '1', url: '', title: '', source: item };
    });
    expect(listings).toHaveLength(1);
    expect(skipped).toEqual([
      {
        item: '2',
        reason: 'adapter_error',
        malformed: true,
        detail: 'TypeError: cannot read tags',
      },
    ]);
  });

  it('reads items that become requests the same way', () => {
    const { results, skipped } = readEach<{ url: string; label: string }>([1, 'x', 3], (id) => {
      if (typeof id !== 'number') throw new TypeError('not a number');
      return { url: `https://hn.test/${id}`, label: 'COMMENT' };
    });
    expect(results.map((r) => r.url)).toEqual(['https://hn.test/1', 'https://hn.test/3']);
    expect(skipped.map((s) => s.reason)).toEqual(['adapter_error']);
  });

  it('keeps a Hacker News search page with a hit that is no object', () => {
    const body = JSON.stringify({
      hits: [
        7,
        { objectID: '100', title: 'Ask HN: Who is hiring? (May 2026)' },
        { objectID: '101', title: 'Ask HN: Freelancer? Seeking freelancer? (May 2026)' },
      ],
    });
    const config = hackernews.configSchema.parse({});
    const result = hackernews.handlers.THREADS(
      pageInput('https://hn.algolia.com/api/v1/search', body, {}, config),
    );
    expect(result.requests?.map((r) => r.url)).toEqual([
      `${config.baseUrl}/api/v1/items/100`,
      `${config.baseUrl}/api/v1/items/101`,
    ]);
    expect(result.skipped).toEqual([
      { item: '#0', reason: 'expected a hit to be an object', malformed: true },
    ]);
  });
});

describe('captureListings', () => {
  const listing = (externalId: string, source: unknown) => ({
    externalId,
    url: `https://jobs.test/${externalId}`,
    title: 'Rust Engineer',
    source,
  });

  it('skips a listing whose source item is too deep or too large and keeps the rest', () => {
    const { captured, skipped } = captureListings([
      listing('a', { id: 'a' }),
      listing('deep', JSON.parse(nestedText(10_000))),
      listing('large', { blob: 'x'.repeat(ITEM_LIMITS.jsonChars + 1) }),
      listing('b', { id: 'b' }),
    ]);
    expect(captured.map((c) => c.externalId)).toEqual(['a', 'b']);
    expect(skipped.map((s) => [s.item, s.reason])).toEqual([
      ['deep', 'too_deep'],
      ['large', 'too_large'],
    ]);
  });

  it('skips a listing that fails to capture', () => {
    const broken = { ...listing('c', {}), tags: 'not a list' as unknown as string[] };
    const { captured, skipped } = captureListings([broken, listing('d', {})]);
    expect(captured.map((c) => c.externalId)).toEqual(['d']);
    expect(skipped[0]).toMatchObject({ item: 'c', reason: 'adapter_error', malformed: true });
  });

  it('hashes and stores as before: the payload is the fields, then the source item', () => {
    const captured = captureListing({ ...listing('e', { id: 'e', n: 1 }), workplace: 'remote' });
    expect(Object.keys(captured.payload)).toEqual([
      'externalId',
      'url',
      'title',
      'company',
      'location',
      'postedAt',
      'employmentType',
      'pay',
      'description',
      'tags',
      'remote',
      'workplace',
      'source',
    ]);
    expect(captured.payload.source).toEqual({ id: 'e', n: 1 });
    // The hash of these fields as it was before the payload was built in place (commit 22d1f4e).
    expect(captured.contentHash).toBe(
      '1639b3a07047940987bffee8d5d048d86c23eabadb86953c2777210de35c2073',
    );
  });
});

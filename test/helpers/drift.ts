import * as cheerio from 'cheerio';
import { elementShape, feedShape } from './shape.js';

/*
 * What the fixture-drift test (test/integration/fixture-drift.test.ts) compares per kind
 * of response: each source declares its kinds in test/integration/drift/<source>.ts.
 */

/** A response read into named parts, each a list of values whose merged shape is compared. */
export type Parts = Record<string, unknown[]>;

/** Fetches a path of the fixture web; fails the test unless it answers 200. */
export type Get = (path: string) => Promise<string>;

export interface DriftKind {
  readonly name: string;
  readonly source: string;
  /** Which recordings of the source are of this kind. */
  readonly files: RegExp;
  /** The fixture web's answers of this kind: its responses at these paths, or as fetched. */
  readonly paths: readonly string[] | ((get: Get) => Promise<string[]>);
  readonly parts: (body: string) => Parts;
}

export const json = (body: string) => JSON.parse(body) as unknown;

/** The response's wrapper object, and the list under `key`. */
export const wrapperAnd = (key: string) => (body: string) => {
  const { [key]: items, ...wrapper } = json(body) as Record<string, unknown>;
  return { wrapper: [wrapper], [key]: items as unknown[] };
};

/** A feed's channel and items. */
export const feedParts = (body: string): Parts => {
  const feed = feedShape(body);
  return { channel: [feed.channel], items: feed.items };
};

/** A page's elements matching `selector`. */
export const elementParts = (name: string, selector: string) => (body: string) => ({
  [name]: elementShape(body, selector),
});

// eslint-disable-next-line no-control-regex -- control characters are the point
const CONTROL = /[\u0000-\u001f]+/g;

/** The schema.org JobPostings of a page's JSON-LD. */
export const jobPostings = (body: string): Parts => {
  const $ = cheerio.load(body);
  const postings: unknown[] = [];
  $('script[type="application/ld+json"]').each((_, script) => {
    // Real pages put raw newlines inside JSON strings; JSON-LD readers accept them.
    const value = JSON.parse($(script).text().replace(CONTROL, ' ')) as unknown;
    for (const node of Array.isArray(value) ? value : [value]) {
      if ((node as { '@type'?: unknown })['@type'] === 'JobPosting') postings.push(node);
    }
  });
  return { postings };
};

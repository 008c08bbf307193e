import { readFileSync } from 'node:fs';
import * as cheerio from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { corpus, recordingPath } from '../helpers/recordings.js';
import { elementShape, feedShape, shapeDrift, shapeOf } from '../helpers/shape.js';

/*
 * The fixture web must answer in the shapes the real sites send: for each kind of
 * response that has real recordings, the fixture's response and the recordings are read
 * into their structure (keys, types, nesting; for feeds their elements, for pages their
 * elements' tags and classes) and compared. A key or element the real responses never
 * have, one they always have that the fixture leaves out, or another type, is drift.
 */

/** A response read into named parts, each a list of values whose merged shape is compared. */
type Parts = Record<string, unknown[]>;

interface Kind {
  readonly name: string;
  readonly source: string;
  /** Which recordings of the source are of this kind. */
  readonly files: RegExp;
  /** The fixture web's answers of this kind: its responses at these paths, or as fetched. */
  readonly paths:
    readonly string[] | ((get: (path: string) => Promise<string>) => Promise<string[]>);
  readonly parts: (body: string) => Parts;
}

const json = (body: string) => JSON.parse(body) as unknown;
const wrapperAnd = (key: string) => (body: string) => {
  const { [key]: items, ...wrapper } = json(body) as Record<string, unknown>;
  return { wrapper: [wrapper], [key]: items as unknown[] };
};
// eslint-disable-next-line no-control-regex -- control characters are the point
const CONTROL = /[\u0000-\u001f]+/g;
const jobPostings = (body: string) => {
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

/** For HN's official API: the user, the threads it names, and their first comments. */
async function firebaseBodies(get: (path: string) => Promise<string>): Promise<string[]> {
  const user = JSON.parse(await get('/hn-firebase/v0/user/whoishiring.json')) as { submitted: number[] }; // prettier-ignore
  const bodies: string[] = [];
  for (const id of user.submitted.slice(0, 3)) {
    const story = await get(`/hn-firebase/v0/item/${id}.json`);
    bodies.push(story);
    const kids = (JSON.parse(story) as { kids?: number[] }).kids ?? [];
    for (const kid of kids.slice(0, 12)) bodies.push(await get(`/hn-firebase/v0/item/${kid}.json`));
  }
  return bodies;
}

/**
 * Onsiter's job pages of remote work: both real JSON-LD pages recorded are of remote
 * jobs, and a remote job's posting says so (jobLocationType) where an on-site one does not.
 */
async function remoteJobPages(get: (path: string) => Promise<string>): Promise<string[]> {
  const list = await get('/onsiter/jobs');
  const pages: string[] = [];
  for (const [, href] of list.matchAll(/href="(\/onsiter\/job\/[^"]+)"/g)) {
    const page = await get(href!);
    if (page.includes('"TELECOMMUTE"')) pages.push(page);
    if (pages.length === 3) break;
  }
  return pages;
}

const KINDS: readonly Kind[] = [
  { name: 'Greenhouse board', source: 'greenhouse', files: /\.json$/, paths: ['/greenhouse/v1/boards/skillpulse/jobs?content=true'], parts: wrapperAnd('jobs') }, // prettier-ignore
  { name: 'Lever postings', source: 'lever', files: /\.json$/, paths: ['/lever/v0/postings/skillpulse?mode=json'], parts: (b) => ({ postings: json(b) as unknown[] }) }, // prettier-ignore
  { name: 'Ashby job board', source: 'ashby', files: /\.json$/, paths: ['/ashby/posting-api/job-board/skillpulse?includeCompensation=true'], parts: wrapperAnd('jobs') }, // prettier-ignore
  { name: 'RemoteOK API', source: 'remoteok', files: /\.json$/, paths: ['/remoteok/api'], parts: (b) => { const [notice, ...jobs] = json(b) as unknown[]; return { notice: [notice], jobs }; } }, // prettier-ignore
  { name: 'Remotive API', source: 'remotive', files: /\.json$/, paths: ['/remotive/api/remote-jobs?category=software-dev'], parts: wrapperAnd('jobs') }, // prettier-ignore
  { name: 'Arbeitnow API', source: 'arbeitnow', files: /\.json$/, paths: ['/arbeitnow/api/job-board-api'], parts: wrapperAnd('data') }, // prettier-ignore
  { name: 'Jobicy API', source: 'jobicy', files: /\.json$/, paths: ['/jobicy/api/v2/remote-jobs?count=50&industry=engineering'], parts: wrapperAnd('jobs') }, // prettier-ignore
  { name: 'Freelancer active projects', source: 'freelancer', files: /^projects-active/, paths: ['/freelancer/api/projects/0.1/projects/active/?query=software&limit=20'], parts: (b) => { const { result, ...wrapper } = json(b) as { result: Record<string, unknown> }; const { projects, ...rest } = result; return { wrapper: [wrapper], result: [rest], projects: projects as unknown[] }; } }, // prettier-ignore
  { name: 'HN Algolia search_by_date', source: 'hackernews', files: /^search-by-date/, paths: ['/hn/api/v1/search_by_date?tags=story,author_whoishiring'], parts: wrapperAnd('hits') }, // prettier-ignore
  { name: 'HN official API items', source: 'hackernews', files: /^firebase-.*\/item-/, paths: firebaseBodies, parts: (b): Parts => { const value = json(b) as { type?: string }; return value.type === 'story' || value.type === 'comment' ? { [value.type]: [value] } : {}; } }, // prettier-ignore
  { name: 'We Work Remotely feed', source: 'weworkremotely', files: /2026.*\.rss$/, paths: ['/weworkremotely/categories/remote-programming-jobs.rss'], parts: (b) => { const f = feedShape(b); return { channel: [f.channel], items: f.items }; } }, // prettier-ignore
  { name: 'Himalayas RSS feed', source: 'rss', files: /^himalayas/, paths: ['/himalayas/jobs/rss'], parts: (b) => { const f = feedShape(b); return { items: f.items }; } }, // prettier-ignore
  { name: 'JSON-LD JobPosting pages', source: 'jsonld', files: /\.html$/, paths: remoteJobPages, parts: jobPostings }, // prettier-ignore
  { name: 'Craigslist search page (static results)', source: 'craigslist', files: /^search-.*2025/, paths: ['/craigslist/sfbay/search/sof'], parts: (b) => ({ rows: elementShape(b, 'li.cl-static-search-result') }) }, // prettier-ignore
];

describe('fixture web shapes against the real recordings', () => {
  let web: FixtureWeb;
  beforeAll(async () => {
    web = await startFixtureWeb({ marketOptions: { weeks: 2, perWeek: 60 } });
  });
  afterAll(async () => web?.close());

  const get = async (path: string) => {
    const response = await fetch(`${web.url}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (_, kind) => {
    const files = corpus()
      .find((s) => s.source === kind.source)!
      .files.filter((f) => kind.files.test(f));
    expect(files.length, `recordings of ${kind.name}`).toBeGreaterThan(0);
    const recorded = merge(files.map((f) => kind.parts(readFileSync(recordingPath(kind.source, f), 'utf8')))); // prettier-ignore
    const bodies =
      typeof kind.paths === 'function' ? await kind.paths(get) : await Promise.all(kind.paths.map(get)); // prettier-ignore
    const fixture = merge(bodies.map((b) => kind.parts(b)));
    const drift: string[] = [];
    for (const [part, values] of Object.entries(recorded)) {
      expect(fixture[part]?.length ?? 0, `the fixture answers no ${part}`).toBeGreaterThan(0);
      drift.push(...shapeDrift(shapeOf(fixture[part]!), shapeOf(values), part));
    }
    expect(drift).toEqual([]);
  });
});

function merge(parts: readonly Parts[]): Parts {
  const merged: Parts = {};
  for (const p of parts) {
    for (const [name, values] of Object.entries(p)) (merged[name] ??= []).push(...values);
  }
  return merged;
}

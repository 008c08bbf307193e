import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/demo/generate-market.js';
import { BOARD_COMPANIES, BOARDS, postingsOf } from '../../src/demo/market.js';
import { recordedText } from '../../src/demo/recorded.js';
import { likeRecorded, marketSpan, rescale } from '../../src/demo/redate.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { demoSources } from '../../src/demo/sources.js';

describe('re-dating a recording', () => {
  it('moves times into a span in the same order and proportions', () => {
    const span = { from: 1000, to: 2000 };
    expect(rescale([50, 10, 30], span)).toEqual([2000, 1000, 1500]);
    expect(rescale([7], span)).toEqual([2000]);
  });

  it('writes a time as the recorded field is written: offset and milliseconds kept', () => {
    const time = Date.parse('2026-03-02T12:00:00.250Z');
    expect(likeRecorded('2026-04-17T05:58:03-04:00', time)).toBe('2026-03-02T08:00:00-04:00');
    expect(likeRecorded('2021-04-27T20:13:45.158+00:00', time)).toBe(
      '2026-03-02T12:00:00.250+00:00',
    );
    expect(likeRecorded('2021-04-27T20:13:45Z', time)).toBe('2026-03-02T12:00:00Z');
    expect(Date.parse(likeRecorded('2026-04-17T05:58:03-04:00', time))).toBe(time - 250);
  });
});

describe('the fixture web for the demo', () => {
  const market = generateMarket({ weeks: 6, perWeek: 30, lastWeek: '2026-11-23' });
  const span = marketSpan(market)!;
  let demo: FixtureWeb;
  let tests: FixtureWeb;

  beforeAll(async () => {
    [demo, tests] = await Promise.all([
      startFixtureWeb({ market, demo: true }),
      startFixtureWeb({ market }),
    ]);
  });
  afterAll(() => Promise.all([demo.close(), tests.close()]));

  const get = async (web: FixtureWeb, path: string) => {
    const response = await fetch(`${web.url}${path}`);
    return { status: response.status, body: await response.text() };
  };
  // Within the market's first and last posting, to the second a recorded field is written in.
  const inSpan = (time: number) => time > span.from - 1000 && time <= span.to;

  it('serves the real boards with every field as recorded but the dates, moved into the market', async () => {
    const linear = JSON.parse(recordedText('ashby', 'linear-2026.json')) as {
      jobs: { publishedAt: string }[];
    };
    const served = JSON.parse((await get(demo, '/ashby/posting-api/job-board/linear')).body) as {
      jobs: { publishedAt: string }[];
    };
    expect(linear.jobs[0]!.publishedAt.startsWith('2021')).toBe(true);
    expect(served.jobs.map((j) => inSpan(Date.parse(j.publishedAt)))).toEqual([true, true]);
    // The order of the recorded dates is kept; nothing else changes.
    const order = (jobs: { publishedAt: string }[]) =>
      jobs
        .map((j) => Date.parse(j.publishedAt))
        .map((t, _, all) => all.filter((u) => u < t).length);
    expect(order(served.jobs)).toEqual(order(linear.jobs));
    expect(served.jobs.map((j) => ({ ...j, publishedAt: null }))).toEqual(
      linear.jobs.map((j) => ({ ...j, publishedAt: null })),
    );

    const matchgroup = JSON.parse((await get(demo, '/lever/v0/postings/matchgroup')).body) as {
      createdAt: number;
    }[];
    expect(matchgroup.every((p) => inSpan(p.createdAt))).toBe(true);
    const gitlab = JSON.parse((await get(demo, '/greenhouse/v1/boards/gitlab/jobs')).body) as {
      jobs: { first_published: string; updated_at: string }[];
    };
    for (const job of gitlab.jobs) {
      expect(inSpan(Date.parse(job.first_published))).toBe(true);
      expect(job.first_published).toMatch(/-04:00$/);
    }
  });

  it('serves the real boards as recorded, byte for byte, to tests', async () => {
    expect((await get(tests, '/ashby/posting-api/job-board/linear')).body).toBe(
      recordedText('ashby', 'linear-2026.json'),
    );
  });

  it("lists a company's postings on its board, and none on an unknown one", async () => {
    const board = BOARDS[0]!;
    const served = JSON.parse((await get(demo, `/lever/v0/postings/${board}`)).body) as {
      text: string;
    }[];
    const expected = postingsOf(market, 'lever').filter((p) => p.board === board);
    expect(served.map((p) => p.text)).toEqual(expected.map((p) => p.title));
    const all = JSON.parse((await get(demo, '/lever/v0/postings/skillpulse')).body) as unknown[];
    expect(all).toHaveLength(postingsOf(market, 'lever').length);
    expect((await get(demo, '/lever/v0/postings/nobody-at-all')).status).toBe(404);
    expect((await get(demo, '/greenhouse/v1/boards/nobody-at-all/jobs')).status).toBe(404);
  });

  it('crawls one board per company in the demo, so the company is the posting’s', () => {
    const sources = demoSources('http://127.0.0.1:1');
    expect(sources.lever!.sites).toEqual(['matchgroup', ...BOARDS]);
    expect(sources.ashby!.boards).toEqual(['linear', ...BOARDS]);
    expect(sources.greenhouse!.boards).toEqual(['gitlab', ...BOARDS]);
    // Lever and Ashby name no company: the demo names each board's, as a user would.
    expect(sources.lever!.companies).toEqual({ matchgroup: 'Match Group', ...BOARD_COMPANIES });
    expect(sources.ashby!.companies).toEqual({ linear: 'Linear', ...BOARD_COMPANIES });
    expect(BOARD_COMPANIES['kestrel-systems']).toBe('Kestrel Systems');
    expect(Object.keys(BOARD_COMPANIES)).toEqual(BOARDS);
  });

  it('opens a "Who is hiring?" thread each month the market spans, each posting in its month', async () => {
    const search = JSON.parse(
      (await get(demo, '/hn/api/v1/search_by_date?tags=story,author_whoishiring')).body,
    ) as { hits: { title: string; created_at: string; objectID: string }[] };
    // The market runs from 19 Oct to 29 Nov 2026: two months, newest first.
    const hiring = search.hits.filter((h) => h.title.startsWith('Ask HN: Who is hiring?'));
    expect(hiring.map((h) => h.title)).toEqual([
      'Ask HN: Who is hiring? (November 2026)',
      'Ask HN: Who is hiring? (October 2026)',
    ]);
    const monthOf = (iso: string) =>
      new Date(iso).toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' });
    const threads = search.hits.filter((h) => !h.title.includes('wants to be hired'));
    const read: string[] = [];
    for (const hit of threads) {
      const month = /\(([A-Za-z]+ \d{4})\)$/.exec(hit.title)![1]!;
      expect(monthOf(hit.created_at), hit.title).toBe(month);
      const thread = JSON.parse((await get(demo, `/hn/api/v1/items/${hit.objectID}`)).body) as {
        children: { author: string | null; text: string | null; created_at: string }[];
      };
      const comments = thread.children.filter((c) => c.author !== null && c.text !== '[dead]');
      for (const comment of comments) expect(monthOf(comment.created_at), hit.title).toBe(month);
      read.push(...comments.map((c) => c.created_at));
    }
    // Every posting once, in its month's thread.
    const posted = postingsOf(market, 'hackernews').map((p) => p.postedAt);
    expect(posted.length).toBeGreaterThan(0);
    expect(read.sort()).toEqual(posted.sort());
  });

  it('links postings where the real site has them, not to itself', async () => {
    const [p] = postingsOf(market, 'onsiter');
    const onsiter = (await get(demo, `/onsiter/job/${p!.id}`)).body;
    expect(onsiter).toContain(`"url":"https://www.onsiter.com/job/${p!.id}"`);
    const [q] = postingsOf(market, 'jsonld-site');
    const jsonld = (await get(demo, `/jsonld-site/jobs/${q!.id}`)).body;
    expect(jsonld).toContain(`https://careers.${q!.board}.example/jobs/${q!.id}`);
    const feed = (await get(demo, '/feed/atom.xml')).body;
    expect(feed).not.toContain(`${demo.url}/feed/jobs`);
    expect(feed).toMatch(/<link rel="alternate" href="https:\/\/careers\.[a-z-]+\.example\/jobs\//);
    const [c] = postingsOf(market, 'craigslist');
    const list = JSON.parse((await get(demo, '/craigslist/sfbay/search/sof.json')).body) as {
      items: { href: string }[];
    };
    const page = (await get(demo, list.items[0]!.href)).body;
    expect(c).toBeDefined();
    expect(page).toMatch(/<link rel="canonical" href="https:\/\/sfbay\.craigslist\.org\/sof\/d\//);
    const gigs = (await get(demo, '/fiverr/api/gigs?page=1')).body;
    expect(gigs).toContain('"href":"https://www.fiverr.com/');
    // Tests keep the fixture web's own links.
    expect((await get(tests, `/onsiter/job/${p!.id}`)).body).toContain(tests.url);
  });
});

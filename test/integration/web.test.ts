import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQueues, closeQueues, type PipelineQueues } from '../../src/pipeline/queues.js';
import { rollupWeeks } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { SKILL_WEEKS } from '../../src/web/data.js';
import { createWebApp } from '../../src/web/app.js';
import { quietLogger } from '../helpers/crawl.js';
import { HOSTILE, seedDashboard, seedMover } from '../helpers/dashboard.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { W } from '../helpers/trends.js';

/** The config's sources: 't' crawled, 'jobs-never' enabled and never run, 'jobs-off' off. */
const CONFIGURED = [
  { id: 't', adapter: { id: 'rss', name: 'Test feed' }, enabled: true },
  { id: 'jobs-never', adapter: { id: 'jobicy', name: 'Jobicy' }, enabled: true },
  {
    id: 'jobs-off',
    adapter: { id: 'upwork', name: 'Upwork' },
    enabled: false,
    disabledReason: 'needs a token',
  },
];

describe.each(BACKENDS)('web dashboard and API (%s)', (backend) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedDashboard(database.db);
    await seedMover(database.db);
    // The rollup stamp read on every request: a rollup shows at once.
    app = createWebApp({
      db: database.db,
      logger: quietLogger,
      cache: { checkEveryMs: 0 },
      sources: CONFIGURED,
    });
  });
  afterAll(() => database?.drop());

  const get = (path: string) => app.request(path);

  it('answers the API from the trend tables', async () => {
    const health = await get('/api/health');
    expect(await health.json()).toEqual({ status: 'ok', week: W });
    const skill = (await (await get('/api/skills/AWS')).json()) as {
      skill: { id: string };
      series: { week: string; postings: number }[];
      related: { id: string; lift: number }[];
      postings: { title: string }[];
    };
    expect(skill.skill.id).toBe('aws');
    expect(skill.series).toHaveLength(SKILL_WEEKS);
    expect(skill.series.slice(-2).map((s) => s.postings)).toEqual([1, 5]); // aws in W-1 and W
    expect(skill.related.map((r) => [r.id, Number(r.lift.toFixed(4))])).toEqual([
      ['splunk', 1.8333],
      ['python', 0.7333],
      ['terraform', 0.4583],
    ]);
    // Canonical postings asking for aws open in W: P1, P2, P3, P5, P7 (P6 folds into P1).
    expect(skill.postings).toHaveLength(5);
    expect(skill.postings.map((p) => p.title)).toContain(HOSTILE.title);
    const search = (await (await get('/api/skills?q=ERRA')).json()) as {
      id: string;
      postings: number;
    }[];
    expect(search).toEqual([
      { id: 'terraform', name: 'TERRAFORM', category: 'cloud', postings: 3, rank: 2 },
    ]);
    const report = (await (await get('/api/reports/2026-W47')).json()) as {
      market: { postings: number };
    };
    expect(report.market.postings).toBe(8);
    const gap = (await (await get('/api/gap?skills=python')).json()) as {
      adjacent: { id: string }[];
    };
    expect(gap.adjacent.map((a) => a.id)).toEqual(['terraform', 'aws']);
    const cloud = (await (await get('/api/categories/cloud')).json()) as {
      week: string;
      section: { demand: { postings: number } };
      series: { postings: number }[];
    };
    expect(cloud.week).toBe(W);
    expect(cloud.section.demand.postings).toBe(7); // cloud in W: the hand-worked 7
    expect(cloud.series).toHaveLength(52);
    expect(cloud.series.at(-1)?.postings).toBe(7);
    expect(await get('/api/categories/gardening')).toHaveProperty('status', 404);
    const sources = (await (await get('/api/sources')).json()) as {
      id: string;
      lastRun: { status: string };
      runs7d: number;
      troubled7d: number;
    }[];
    expect(sources).toMatchObject([
      { id: 'jobs-never', enabled: true, lastRun: null, runs7d: 0 },
      { id: 'jobs-off', enabled: false, disabledReason: 'needs a token', lastRun: null },
      { id: 't', lastRun: { status: 'degraded' }, runs7d: 1, troubled7d: 1 },
    ]);
  });

  it("shows a skill's rank changes, rate percentiles and breakdowns, each '–' explained", async () => {
    const skill = (await (await get('/api/skills/aws')).json()) as {
      series: { day_rate_count: number; day_rate_median: number | null }[];
      figures: {
        rank: number;
        rankChanges: { weeks: number; change: number | null; missing: string | null }[];
        dayRate: { count: number; percentiles: Record<string, number | null>; note: string };
        hourlyRate: { count: number; percentiles: Record<string, number | null> };
      };
      breakdowns: { country: { value: string; postings: number }[] };
    };
    const { figures } = skill;
    expect(figures.rankChanges.map((c) => c.weeks)).toEqual([1, 4, 13, 52]);
    // aws was asked for in W-1 (Q3), not 4, 13 or 52 weeks before (only in June 2025).
    expect(figures.rankChanges[0]).toMatchObject({ missing: null });
    expect(figures.rankChanges[0]?.change).not.toBeNull();
    expect(figures.rankChanges[3]).toEqual({ weeks: 52, change: null, missing: 'not ranked then' });
    // P1, P2, P3's day rates (P7's is implausible): 3, fewer than 5.
    expect(figures.dayRate).toMatchObject({ count: 3, note: 'few rates' });
    expect(Object.keys(figures.dayRate.percentiles)).toEqual([
      'p10',
      'p25',
      'median',
      'p75',
      'p90',
    ]);
    expect(figures.dayRate.percentiles.median).toBe(skill.series.at(-1)?.day_rate_median);
    expect(figures.dayRate.percentiles.p10).toBe(420);
    expect(figures.dayRate.percentiles.p90).toBe(580);
    expect(figures.hourlyRate).toMatchObject({ count: 1, percentiles: { median: 50 } });
    // P1, P2, P3, P7 in GB, P5 with no country.
    expect(skill.breakdowns.country.map((c) => [c.value, c.postings])).toEqual([
      ['GB', 4],
      ['unknown', 1],
    ]);
    const page = await (await get('/skills/aws')).text();
    expect(page).toContain('<th>year ago</th>');
    expect(page).toContain('<span class="why">(no postings then)</span>');
    expect(page).toContain('<span class="why">(fewer than 5 rates)</span>');
    expect(page).toMatch(/<td>not stated<\/td>\s*<td>1<\/td>/);
  });

  it('lists the rising and falling skills of a category, and every configured source', async () => {
    const cloud = await (await get('/categories/cloud')).text();
    expect(cloud).toContain('<h2>Rising and falling skills</h2>');
    expect(cloud).toMatch(
      /<td class="text up">rising<\/td>\s*<td><a href="\/skills\/terraform">TERRAFORM<\/a><\/td>/,
    );
    expect(cloud).toContain('<td>12 → 40</td>');
    const data = await (await get('/categories/data')).text();
    expect(data).toContain('No Data skill rose or fell significantly');
    const api = (await (await get('/api/categories/cloud')).json()) as { movers: { id: string }[] };
    expect(api.movers.map((m) => m.id)).toEqual(['terraform']);
    const sources = await (await get('/sources')).text();
    expect(sources).toMatch(
      /Jobicy <span class="muted">jobs-never<\/span>[\s\S]*?<td class="text when">never run<\/td>/,
    );
    expect(sources).toContain('off: needs a token');
  });

  it('names bad requests with their status, in JSON under /api and as pages elsewhere', async () => {
    const unknownSkill = await get('/api/skills/cobol-on-mars');
    expect(unknownSkill.status).toBe(404);
    expect(await unknownSkill.json()).toEqual({ error: 'no skill "cobol-on-mars"' });
    const gap = await get('/api/gap?skills=python,nonsense');
    expect(gap.status).toBe(400);
    expect(await gap.json()).toEqual({
      error: 'no skill "nonsense" in the taxonomy (try its full name)',
    });
    const week = await get('/reports/2026-W54');
    expect(week.status).toBe(400);
    expect(await week.text()).toContain('&quot;2026-W54&quot; is not a week of 2026');
    const notRolled = await get('/api/reports/2030-W02');
    expect(notRolled.status).toBe(404);
    expect(await get('/no/such/page')).toHaveProperty('status', 404);
    expect(await get('/reports/2026-W47.pdf')).toHaveProperty('status', 404);
  });

  it('serves pages with crawled text escaped and no script allowed', async () => {
    const page = await get('/skills/aws');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const body = await page.text();
    expect(body).not.toMatch(/<script|<img|<svg onload|javascript:/i);
    expect(body).toContain(
      '&lt;script&gt;window.__pwned = &quot;title&quot;&lt;/script&gt;Senior &lt;b&gt;AWS&lt;/b&gt; engineer',
    );
    expect(body).toContain(
      '&lt;img src=x onerror=&quot;window.__pwned = &#39;company&#39;&quot;&gt;Acme &amp; Co',
    );
    // Every week of the year is a point of the demand chart.
    const demand = body.slice(body.indexOf('data-chart="skill-demand"'));
    expect(
      demand.slice(0, demand.indexOf('</svg>')).match(/ecmeta_ssr_type="chart"/g),
    ).toHaveLength(SKILL_WEEKS);
    // The rate chart's legend names each kind of line once, and the caption its style.
    const rates = body.slice(body.indexOf('data-chart="skill-rates"'));
    for (const name of ['median', 'p25 and p75', 'p10 and p90']) {
      const entries = rates
        .slice(0, rates.indexOf('</svg>'))
        .match(new RegExp(`>${name}</text>`, 'g'));
      expect(entries, name).toHaveLength(1);
    }
    expect(body).toMatch(/p25\s+and\s+p75\s+\(dashed;[^)]*\),\s+p10\s+and\s+p90\s+\(dotted;/);
    const sources = await (await get('/sources')).text();
    expect(sources).toContain('&lt;i&gt;fewer listings&lt;/i&gt; than usual');
    for (const path of [
      '/',
      '/reports',
      '/skills',
      '/skills?q=%3Cscript%3E',
      '/categories',
      '/categories/cloud',
      '/gap',
      '/gap?skills=python',
      '/sources',
    ]) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).not.toMatch(/<script/i);
    }
  });

  it('serves the stored report files, and makes a week never stored', async () => {
    const md = await get('/reports/2026-W47.md');
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    const stored = await database.db
      .selectFrom('reports')
      .select('content')
      .where('week', '=', W)
      .where('format', '=', 'md')
      .executeTakeFirstOrThrow();
    expect(await md.text()).toBe(stored.content);
    const older = await get('/reports/2026-W46.json');
    expect(((await older.json()) as { label: string }).label).toBe('2026-W46');
  });

  it("reuses a week's report until the week is rolled up again", async () => {
    const heading = async () =>
      /<h2>All skills<\/h2>[\s\S]*?<td><a href="\/skills\/aws">([^<]*)<\/a>/.exec(
        await (await get('/')).text(),
      )?.[1];
    expect(await heading()).toBe('AWS');
    await database.db
      .updateTable('skills')
      .set({ name: 'Amazon Web Services' })
      .where('id', '=', 'aws')
      .execute();
    // Built at the week's last rollup: the page shows what the report said then.
    expect(await heading()).toBe('AWS');
    await rollupWeeks(database.db, [W], {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
    });
    expect(await heading()).toBe('Amazon Web Services');
    await database.db.updateTable('skills').set({ name: 'AWS' }).where('id', '=', 'aws').execute();
    await rollupWeeks(database.db, [W], {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
    });
  });

  it('has no queue board without a token', async () => {
    expect(await get('/admin/queues')).toHaveProperty('status', 404);
  });
});

describe('queue board (Redis)', () => {
  let database: TestDatabase;
  let queues: PipelineQueues;
  const token = 'a-long-admin-token-0123456789';

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    queues = createQueues('redis://127.0.0.1:6379', `web-test-${process.pid}`, quietLogger);
  });
  afterAll(async () => {
    await closeQueues(queues);
    await database?.drop();
  });

  it('is mounted at /admin/queues behind the token', async () => {
    const app = createWebApp({
      db: database.db,
      logger: quietLogger,
      queueBoard: { queues, token },
    });
    expect(await app.request('/admin/queues')).toHaveProperty('status', 401);
    const wrong = {
      authorization: `Basic ${Buffer.from('admin:wrong-token-0123456789').toString('base64')}`,
    };
    expect(await app.request('/admin/queues/api/queues', { headers: wrong })).toHaveProperty(
      'status',
      401,
    );
    const right = { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` };
    const board = await app.request('/admin/queues', { headers: right });
    expect(board.status).toBe(200);
    expect(await board.text()).toMatch(/<div id="root">/);
    const api = (await (
      await app.request('/admin/queues/api/queues', { headers: right })
    ).json()) as { queues: { name: string }[] };
    expect(api.queues.map((q) => q.name).sort()).toEqual(['crawl', 'process', 'report', 'rollup']);
  });
});

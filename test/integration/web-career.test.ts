import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CareerPlan } from '../../src/career/plan.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { rollupWeeks } from '../../src/trends/rollup.js';
import { CareerMarkets, type RoleDetail, type RoleList } from '../../src/web/career-data.js';
import { createWebApp } from '../../src/web/app.js';
import { quietLogger } from '../helpers/crawl.js';
import { HOSTILE_ROLE, seedCareerMarket } from '../helpers/career.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { W, W1 } from '../helpers/trends.js';

/** The escaped forms of the hostile names, as the pages must show them. */
const ESCAPED_ROLE =
  '&lt;script&gt;window.__pwned = &quot;role&quot;&lt;/script&gt;DevOps &amp; &lt;b&gt;SRE&lt;/b&gt;';
const ESCAPED_CERT = '&lt;img src=x onerror=&quot;window.__pwned = &#39;cert&#39;&quot;&gt;CKA';

describe.each(BACKENDS)('career and role pages and API (%s)', (backend) => {
  let database: TestDatabase;
  let app: ReturnType<typeof createWebApp>;
  const built: string[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedCareerMarket(database.db);
    app = createWebApp({
      db: database.db,
      logger: quietLogger,
      cache: { checkEveryMs: 0, onBuild: (key) => built.push(key) },
    });
  });
  afterAll(() => database?.drop());

  const get = (path: string) => app.request(path);
  const text = async (path: string, status = 200) => {
    const response = await get(path);
    const body = await response.text();
    expect(response.status, `${path}: ${body.slice(0, 300)}`).toBe(status);
    return body;
  };
  /** No hostile markup reaches a page unescaped. */
  const inert = (body: string) => {
    expect(body).not.toContain('<script>window');
    expect(body).not.toContain('<img src=x');
    expect(body).not.toContain('<b>SRE');
  };

  it('plans a career from the form: better-paid roles, the path, currency, forecasts', async () => {
    const plan = (await (
      await get('/api/career?skills=aws,%20terraform&years=3')
    ).json()) as CareerPlan;
    expect(plan.week).toBe(W);
    // Fit: cloud (1 + 1/6) / (4/3) = 7/8, devops (1 + 1/5) / 2 = 3/5, both ≥ 1/2 with 5
    // rates: the rate is the postings-weighted median of 500 (6 postings) and 800 (5): 500.
    expect(plan.currentRate).toEqual({
      dayRate: 500,
      basis: 'roles',
      roles: ['cloud-engineer', 'devops-engineer'],
    });
    // Better paid than 500: devops alone (800, uplift 800 / 500 - 1 = 0.6).
    expect(plan.roles.map((r) => [r.id, r.dayRateMedian])).toEqual([['devops-engineer', 800]]);
    const devops = plan.roles[0]!;
    expect(devops.fit).toBeCloseTo(3 / 5, 10);
    expect(devops.uplift).toBeCloseTo(0.6, 10);
    // Missing: cka (3/5 asking) before kafka (1/5); years: 7 asked, 3 had, 4 short.
    expect(devops.path.map((s) => s.id)).toEqual(['cka', 'kafka']);
    expect(devops.experience).toEqual({ asked: 7, yours: 3, short: 4 });
    expect(plan.currencyOfSkills.map((c) => c.id)).toEqual(['aws', 'terraform']);
    expect(plan.target).toBeNull();

    const page = await text('/career?skills=aws,%20terraform&years=3');
    expect(page).toContain('value="aws, terraform"'); // the form kept filled
    expect(page).toContain('<a href="/roles/devops-engineer">');
    expect(page).toContain(ESCAPED_ROLE);
    // The plan cuts names past 40 characters (the command's tables stay tables).
    expect(page).toContain('1. &lt;img src=x onerror=&quot;window.__pwned');
    expect(page).toContain('Nearest better-paid roles');
    expect(page).toContain('Currency of your skills');
    expect(page).toContain('Where demand is heading');
    expect(page).toContain('<a href="/career">Career</a>');
    inert(page);
  });

  it('shows the dream job given as target, and keeps one answer per form', async () => {
    const plan = (await (
      await get('/api/career?skills=python&target=DEVOPS-ENGINEER&category=devops')
    ).json()) as CareerPlan;
    expect(plan.category).toBe('devops');
    // python is not in devops's profile: fit 0; its core items (asked by 1/3 or more) missing.
    expect(plan.target).toMatchObject({
      id: 'devops-engineer',
      fitNow: 0,
      missingCore: ['terraform', 'cka'],
    });
    const page = await text('/career?skills=python&target=devops-engineer');
    expect(page).toContain('Dream job:');
    expect(page).toContain('value="devops-engineer"');
    const other = await text('/career?skills=aws');
    expect(other).not.toContain('Dream job:');
    // Each distinct form built once; the same form again is answered from the cache.
    const before = built.length;
    await text('/career?skills=aws');
    expect(built.length).toBe(before);
  });

  it('answers unknown skills, certifications and roles with the nearest known names (400)', async () => {
    const page = await text(
      '/career?skills=terrafrom,aws&certs=ckaa&target=devops%20enginer&years=4',
      400,
    );
    expect(page).toContain('no skill &quot;terrafrom&quot; in the taxonomy; nearest: TERRAFORM');
    expect(page).toContain('no certification &quot;ckaa&quot; in the taxonomy; nearest: ');
    expect(page).toContain(
      `no role &quot;devops enginer&quot; in the taxonomy; nearest: ${ESCAPED_ROLE}`,
    );
    // The form as filled in, to correct.
    expect(page).toContain('value="terrafrom,aws"');
    expect(page).toContain('value="ckaa"');
    expect(page).toContain('value="4"');
    inert(page);
    const hostile = await text(`/career?skills=${encodeURIComponent('<script>x</script>')}`, 400);
    expect(hostile).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(hostile).not.toContain('<script>x');
    expect(await text('/career?skills=aws&years=old', 400)).toContain('years: expected a number');
    expect(await text('/career?skills=aws&category=gardening', 400)).toContain('no category');
    // A skills list far past the bound: cut, and quoted back cut.
    const long = await text(`/career?skills=${'x'.repeat(5000)}`, 400);
    expect(long).not.toContain('x'.repeat(1001));
    // No skills: the form and what it does.
    expect(await text('/career')).toContain('Plan my career');

    for (const [path, message] of [
      ['/api/career', 'name at least one skill'],
      ['/api/career?skills=terrafrom', 'nearest: TERRAFORM'],
      ['/api/career?skills=aws&target=nobody', 'no role "nobody"'],
      ['/api/career?skills=aws&years=-1', 'years'],
    ] as const) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect(((await response.json()) as { error: string }).error).toContain(message);
    }
  });

  it("lists the week's roles by demand, filtered by category", async () => {
    const list = (await (await get('/api/roles')).json()) as RoleList;
    // 15 canonical postings in W: cloud 6, devops 5, data 2 (and 2 without a role).
    expect(list.roles.map((r) => [r.rank, r.role_id, r.postings, r.day_rate_median])).toEqual([
      [1, 'cloud-engineer', 6, 500],
      [2, 'devops-engineer', 5, 800],
      [3, 'data-engineer', 2, null],
    ]);
    expect(list.roles[0]?.share).toBeCloseTo(6 / 15, 10);
    const cloud = (await (await get('/api/roles?category=CLOUD')).json()) as RoleList;
    expect(cloud.roles.map((r) => r.role_id)).toEqual(['cloud-engineer']);
    const page = await text('/roles');
    expect(page).toContain('<a href="/roles/cloud-engineer">Role cloud-engineer</a>');
    expect(page).toContain(ESCAPED_ROLE);
    expect(page).toContain('<a href="/roles">Roles</a>');
    inert(page);
    const filtered = await text('/roles?category=data');
    expect(filtered).toContain('/roles/data-engineer');
    expect(filtered).not.toContain('/roles/cloud-engineer');
    expect(filtered).toContain('<option value="data" selected>');
    const bad = await text(`/roles?category=${encodeURIComponent('<b>x</b>')}`, 400);
    expect(bad).toContain('no role category &quot;&lt;b&gt;x&lt;/b&gt;&quot;');
    expect((await get('/api/roles?category=gardening')).status).toBe(400);
  });

  it("shows a role's demand and rates over time, profile, experience and nearest roles", async () => {
    const detail = (await (await get('/api/roles/devops-engineer')).json()) as RoleDetail;
    expect(detail.role).toEqual({ id: 'devops-engineer', name: HOSTILE_ROLE, category: 'devops' });
    expect(detail.series).toHaveLength(52);
    expect(detail.series.at(-1)).toMatchObject({
      week: W,
      postings: 5,
      day_rate_p25: 750,
      day_rate_median: 800,
      day_rate_p75: 850,
      experience_years_count: 3,
      experience_years_median: 7,
    });
    expect(detail.profile.map((p) => [p.skill_id, p.postings, p.is_certification])).toEqual([
      ['terraform', 5, false],
      ['cka', 3, true],
      ['aws', 1, false],
      ['kafka', 1, false],
    ]);
    // devops's core (≥ 1/3 asking): terraform, cka. Of data's profile over the window
    // (python and terraform 2/3, kafka 1/3) it covers (2/3) / (5/3) = 2/5; of cloud's
    // (aws 1, terraform and python 1/6) (1/6) / (4/3) = 1/8.
    expect(detail.nearest.map((r) => r.id)).toEqual(['data-engineer', 'cloud-engineer']);
    expect(detail.nearest[0]?.coverage).toBeCloseTo(2 / 5, 10);
    expect(detail.nearest[1]?.coverage).toBeCloseTo(1 / 8, 10);

    const page = await text('/roles/devops-engineer');
    expect(page).toContain(`<h1>${ESCAPED_ROLE}</h1>`);
    expect(page).toContain('data-chart="role-demand"');
    expect(page).toContain('data-chart="role-rates"');
    expect(page).toContain(ESCAPED_CERT);
    expect(page).toContain('a median of 7 years');
    expect(detail.window).toEqual({ week: W, weeks: 13 });
    expect(detail.windowFigures).toMatchObject({ postings: 5, day_rate_median: 800 });
    expect(page).toContain('Over the 13 weeks to 2026-W47: 5 postings');
    expect(page).toContain('<a href="/roles/cloud-engineer">');
    expect(page).toContain('/career?target=devops-engineer');
    inert(page);

    expect(await text('/roles/nobody', 404)).toContain('no role &quot;nobody&quot;');
    const hostile = await text(`/roles/${encodeURIComponent('<i>x</i>')}`, 404);
    expect(hostile).toContain('&lt;i&gt;x&lt;/i&gt;');
    const missing = await get('/api/roles/nobody');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'no role "nobody"' });
  });
});

describe('the career market kept between rollups', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedCareerMarket(database.db);
  });
  afterAll(() => database?.drop());

  it('is read once per rollup, again after a rollup of any week it reads', async () => {
    const markets = new CareerMarkets(database.db);
    const first = await markets.get(W);
    expect(await markets.get(W)).toBe(first);
    // W-1 rolled up again: W's rows stay, but the market's series read W-1.
    await rollupWeeks(database.db, [W1], {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 1 },
    });
    const second = await markets.get(W);
    expect(second).not.toBe(first);
    expect(second).toEqual(first);
  });
});

describe('career and role pages before the first rollup', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await database.db
      .insertInto('roles')
      .values({ id: 'cloud-engineer', name: 'Cloud Engineer', category: 'cloud' })
      .execute();
    app = createWebApp({ db: database.db, logger: quietLogger, cache: { checkEveryMs: 0 } });
  });
  afterAll(() => database?.drop());

  it('says no week has been rolled up, and the API answers 404 or empty', async () => {
    for (const path of ['/career?skills=aws', '/roles', '/roles/cloud-engineer']) {
      const response = await app.request(path);
      expect(response.status, path).toBe(200);
      expect(await response.text(), path).toContain('No week has been rolled up yet');
    }
    const plan = await app.request('/api/career?skills=aws');
    expect(plan.status).toBe(404);
    expect(await plan.json()).toEqual({ error: 'no week has been rolled up yet' });
    expect(await (await app.request('/api/roles')).json()).toEqual({
      week: null,
      category: null,
      roles: [],
    });
    expect((await app.request('/roles/nobody')).status).toBe(404);
  });
});

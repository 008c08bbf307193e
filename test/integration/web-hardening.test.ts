import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/logger.js';
import { closeQueues, createQueues, type PipelineQueues } from '../../src/pipeline/queues.js';
import { rollupWeeks } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { openBoardQueues } from '../../src/web/admin.js';
import { createWebApp, type WebAppOptions } from '../../src/web/app.js';
import { quietLogger } from '../helpers/crawl.js';
import { seedDashboard } from '../helpers/dashboard.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { seedTrendPostings } from '../helpers/trends.js';

const ROLLUP = { currency: 'GBP', settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 } };
/** The week after the hand-worked market's newest, 2026-W48. */
const NEXT_WEEK = '2026-11-23';

type WebApp = ReturnType<typeof createWebApp>;
/** The app's answer, always a promise (Hono's request may answer at once). */
const ask = (app: WebApp, path: string, init?: RequestInit): Promise<Response> =>
  Promise.resolve(app.request(path, init));

describe('requests the dashboard refuses', () => {
  let database: TestDatabase;
  let app: ReturnType<typeof createWebApp>;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    await seedDashboard(database.db);
    app = createWebApp({ db: database.db, logger: quietLogger });
  });
  afterAll(() => database?.drop());

  it.each([
    ['/api/skills?q=aw%00s', 'q'],
    ['/api/skills/aws%00', null],
    ['/api/gap?skills=python%00&category=cloud', 'skills'],
    ['/api/gap?skills=python&category=cl%00oud', 'category'],
    ['/api/categories/cl%00oud', null],
    ['/api/reports/2026-W47%00', null],
  ])('answers a NUL in %s with 400 naming it, as JSON', async (path, parameter) => {
    const response = await ask(app, path);
    expect(response.status).toBe(400);
    const { error } = (await response.json()) as { error: string };
    expect(error).toBe(
      parameter
        ? `the query parameter "${parameter}" holds a NUL character (%00): remove it`
        : 'the path holds a NUL character (%00): remove it',
    );
  });

  it.each([
    '/skills?q=%00',
    '/skills/aws%00',
    '/gap?skills=python&category=%00',
    '/reports/2026-W47%00.md',
  ])('answers a NUL in %s with a 400 page', async (path) => {
    const response = await ask(app, path);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/holds a NUL character \(%00\): remove it/);
  });

  it('answers a method a route does not take with 405 and the methods it does', async () => {
    for (const [method, path] of [
      ['POST', '/'],
      ['PUT', '/skills/aws'],
      ['DELETE', '/api/skills'],
      ['PATCH', '/api/gap?skills=python'],
      ['POST', '/reports/2026-W47.md'],
    ] as const) {
      const response = await ask(app, path, { method });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD, OPTIONS');
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    }
    const api = await ask(app, '/api/skills/aws', { method: 'DELETE' });
    expect(await api.json()).toEqual({
      error: 'DELETE is not allowed on /api/skills/aws: use GET, HEAD, OPTIONS',
    });
    const options = await ask(app, '/api/skills', { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const head = await ask(app, '/skills/aws', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
    // A path no route has stays a 404, whatever the method.
    expect(await ask(app, '/no/such/page', { method: 'POST' })).toHaveProperty('status', 404);
  });
});

/** A logger whose JSON lines the test reads. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write: (chunk: Buffer, _encoding, done) => {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ logLevel: 'info', logFormat: 'json' }, { stream }) };
}

describe('queue board', () => {
  let database: TestDatabase;
  let queues: PipelineQueues;
  const token = 'a-long-admin-token-0123456789';
  const right = { authorization: `Basic ${Buffer.from(`admin:${token}`).toString('base64')}` };

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    queues = createQueues('redis://127.0.0.1:6379', `web-hardening-${process.pid}`, quietLogger);
  });
  afterAll(async () => {
    await closeQueues(queues);
    await database?.drop();
  });

  it('carries the security headers of the pages, its policy letting its own scripts run', async () => {
    const app = createWebApp({
      db: database.db,
      logger: quietLogger,
      queueBoard: { queues, token },
    });
    const page = await ask(app, '/skills');
    const board = [
      await ask(app, '/admin/queues'),
      await ask(app, '/admin/queues', { headers: right }),
      await ask(app, '/admin/queues/api/queues', { headers: right }),
      await ask(app, '/admin/queues/static/images/logo.svg', { headers: right }),
    ];
    expect(board.map((r) => r.status)).toEqual([401, 200, 200, 200]);
    for (const response of [page, ...board]) {
      expect(response.headers.get('x-content-type-options'), response.url).toBe('nosniff');
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('content-security-policy')).toMatch(
        /(^|; )default-src 'none'(;|$)/,
      );
      expect(response.headers.get('content-security-policy')).toMatch(
        /(^|; )frame-ancestors 'none'(;|$)/,
      );
    }
    expect(board[1]?.headers.get('content-security-policy')).toMatch(
      /(^|; )script-src 'self'(;|$)/,
    );
    expect(page.headers.get('content-security-policy')).not.toMatch(/script-src/);
  });

  it('answers 503 naming Redis at once when it cannot be reached, logs that once, and closes without waiting', async () => {
    const { lines, logger } = recordingLogger();
    const board = openBoardQueues('redis://127.0.0.1:1', `web-hardening-${process.pid}`, logger);
    const app = createWebApp({
      db: database.db,
      logger,
      queueBoard: { queues: board.queues, token, reachable: board.reachable },
    });
    // Several reconnection attempts.
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const api = await ask(app, '/admin/queues/api/queues', { headers: right });
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({
      error: 'Redis cannot be reached: the queue board works again when it is back',
    });
    expect(api.headers.get('x-frame-options')).toBe('DENY');
    // Closing drops the connection, never waiting for Redis to answer.
    const bound = new Promise((resolve) => setTimeout(resolve, 10_000, 'still open'));
    expect(await Promise.race([board.close().then(() => 'closed'), bound])).toBe('closed');
    const redisLines = lines.filter((l) => /Redis/.test(String(l.msg)));
    expect(redisLines.map((l) => l.msg)).toEqual([
      'Redis at 127.0.0.1:1 cannot be reached: the queue board answers 503 until it is back (retrying)',
    ]);
    expect(redisLines[0]?.err).toMatch(/ECONNREFUSED/);
  });
});

describe.each(BACKENDS)('answers kept between rollups (%s)', (backend) => {
  let database: TestDatabase;
  const builds: string[] = [];
  let app: ReturnType<typeof createWebApp>;
  const make = (cache: WebAppOptions['cache']) =>
    createWebApp({ db: database.db, logger: quietLogger, cache });

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedDashboard(database.db);
    app = make({ checkEveryMs: 0, onBuild: (key) => builds.push(key) });
  });
  afterAll(() => database?.drop());

  const count = (path: string) => builds.filter((key) => key.startsWith(`${path}\n`)).length;

  it('builds a page once for many visitors arriving together, and again after a rollup of a newer week', async () => {
    const cold = await Promise.all(Array.from({ length: 24 }, () => ask(app, '/')));
    expect(cold.map((r) => r.status)).toEqual(Array(24).fill(200));
    const bodies = new Set(await Promise.all(cold.map((r) => r.text())));
    expect(bodies.size).toBe(1);
    expect([...bodies][0]).toContain('<title>Week 2026-W47 · skillpulse</title>');
    expect(count('/')).toBe(1);
    await Promise.all(Array.from({ length: 8 }, () => ask(app, '/').then((r) => r.text())));
    expect(count('/')).toBe(1);

    await seedTrendPostings(database.db, [
      {
        key: 'N1',
        posted: NEXT_WEEK,
        firstSeen: NEXT_WEEK,
        contract: 'contract',
        skills: ['rust'],
      },
    ]);
    // Postings written, no rollup yet: the page is what the last rollup said.
    expect(await (await ask(app, '/')).text()).toContain('Week 2026-W47');
    expect(count('/')).toBe(1);
    await rollupWeeks(database.db, [NEXT_WEEK], ROLLUP);
    const after = await Promise.all(
      Array.from({ length: 8 }, () => ask(app, '/').then((r) => r.text())),
    );
    expect(new Set(after).size).toBe(1);
    expect(after[0]).toContain('<title>Week 2026-W48 · skillpulse</title>');
    expect(count('/')).toBe(2);
    // The API read the week the same way.
    expect(await (await ask(app, '/api/health')).json()).toEqual({ status: 'ok', week: NEXT_WEEK });
  });

  it('keeps one answer per normalized question, and each question its own', async () => {
    const search = async (q: string) =>
      (await (await ask(app, `/api/skills?q=${q}`)).json()) as { id: string }[];
    expect((await search('ERRA')).map((s) => s.id)).toEqual(['terraform']);
    expect((await search('%20erra%20')).map((s) => s.id)).toEqual(['terraform']);
    expect(count('/api/skills')).toBe(1);
    expect((await search('pyth')).map((s) => s.id)).toEqual(['python']);
    expect(count('/api/skills')).toBe(2);
    // The page shows the search as typed: one page per text.
    expect(await (await ask(app, '/skills?q=ERRA')).text()).toContain('value="ERRA"');
    expect(await (await ask(app, '/skills?q=erra')).text()).toContain('value="erra"');
    const gap = async (query: string) =>
      (await (await ask(app, `/api/gap?${query}`)).json()) as {
        category: string | null;
        adjacent: { id: string }[];
      };
    expect((await gap('skills=python')).category).toBeNull();
    expect((await gap('skills=python&category=cloud')).category).toBe('cloud');
    expect((await gap('skills=%20python,python&category=%20Cloud')).category).toBe('cloud');
    expect(count('/api/gap')).toBe(2);
  });

  it("answers gzip'd text to clients that take it, compressed once", async () => {
    const plain = await ask(app, '/skills/aws');
    const zipped = await ask(app, '/skills/aws', {
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    const refused = await ask(app, '/skills/aws', {
      headers: { 'accept-encoding': 'gzip;q=0, br' },
    });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(refused.headers.get('content-encoding')).toBeNull();
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    for (const r of [plain, zipped]) expect(r.headers.get('vary')).toBe('accept-encoding');
    const body = await plain.text();
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(body);
    expect(await refused.text()).toBe(body);
    expect(count('/skills/aws')).toBe(1);
    // Small answers go as they are.
    const small = await ask(app, '/api/skills?q=kafka', { headers: { 'accept-encoding': 'gzip' } });
    expect(small.headers.get('content-encoding')).toBeNull();
  });

  it('shares in-flight builds of errors without keeping them', async () => {
    const missing = await Promise.all(
      Array.from({ length: 6 }, () => ask(app, '/api/skills/cobol-on-mars')),
    );
    expect(missing.map((r) => r.status)).toEqual(Array(6).fill(404));
    expect(count('/api/skills/cobol-on-mars')).toBe(1);
    expect(await ask(app, '/api/skills/cobol-on-mars')).toHaveProperty('status', 404);
    expect(count('/api/skills/cobol-on-mars')).toBe(2);
  });

  it('drops the least recently used answers past its bounds', async () => {
    const local: string[] = [];
    const small = make({ checkEveryMs: 60_000, maxEntries: 2, onBuild: (key) => local.push(key) });
    for (const path of ['/categories', '/reports', '/categories', '/skills/aws', '/reports'])
      await (await ask(small, path)).text();
    // /reports went when /skills/aws came in (/categories had been used since).
    expect(local.map((key) => key.split('\n')[0])).toEqual([
      '/categories',
      '/reports',
      '/skills/aws',
      '/reports',
    ]);
    // An answer bigger than a quarter of maxBytes is answered, never kept.
    const big: string[] = [];
    const bytes = make({
      checkEveryMs: 60_000,
      maxBytes: 16 * 1024,
      onBuild: (key) => big.push(key),
    });
    const pages = [await (await ask(bytes, '/')).text(), await (await ask(bytes, '/')).text()];
    expect(pages[0]?.length).toBeGreaterThan(4 * 1024);
    expect(pages[1]).toBe(pages[0]);
    expect(big).toHaveLength(2);
    await (await ask(bytes, '/api/categories')).text();
    await (await ask(bytes, '/api/categories')).text();
    expect(big).toHaveLength(3);
  });
});

import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../../src/crawl/crawlers.js';
import { createWebApp } from '../../src/web/app.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { HOSTILE_ROLE, seedCareerMarket } from '../helpers/career.js';
import { ROOT } from '../helpers/cli.js';
import { quietLogger } from '../helpers/crawl.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');

/**
 * The career planner and the role pages in a real Chromium, on the real PostgreSQL, with a
 * role and a certification whose names try to run script (test/helpers/career.ts).
 */
describe('career and role pages in Chromium', () => {
  let database: TestDatabase;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await seedCareerMarket(database.db);
    const app = createWebApp({ db: database.db, logger: quietLogger });
    server = await startWebServer(app, { host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await database?.drop();
  });

  /** A page of the given width that records console errors, page errors and dialogs. */
  async function open(url: string, options: { width?: number; javaScript?: boolean } = {}) {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      viewport: { width: options.width ?? 1280, height: 800 },
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const response = await page.goto(`${server.url}${url}`);
    return { page, problems, response, close: () => context.close() };
  }

  const pwned = (page: Page) =>
    page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
  /** How far the page scrolls sideways: 0 when nothing is wider than the window. */
  const sideScroll = (page: Page) =>
    page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );

  it('fills the form without JavaScript, submits, and shows the plan on the same URL', async () => {
    const { page, problems, close } = await open('/career', { javaScript: false });
    await page.fill('input[name="skills"]', 'aws, terraform');
    await page.fill('input[name="years"]', '3');
    await page.fill('input[name="target"]', 'devops-engineer');
    await Promise.all([page.waitForURL(/\/career\?/), page.click('button[type="submit"]')]);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/career');
    expect(url.searchParams.get('skills')).toBe('aws, terraform');
    expect(url.searchParams.get('target')).toBe('devops-engineer');
    // The form kept filled in, and the plan below it.
    expect(await page.inputValue('input[name="skills"]')).toBe('aws, terraform');
    const roles = page.locator('section.career-plan h2', { hasText: 'Nearest better-paid roles' });
    expect(await roles.count()).toBe(1);
    // The better-paid role (devops, 800 against 500 now) links to its page, its name as text.
    const link = page.locator('section.career-plan a[href="/roles/devops-engineer"]').first();
    // As text, cut as the plan cuts names past 40 characters.
    expect(await link.textContent()).toBe(`${HOSTILE_ROLE.slice(0, 39)}…`);
    expect(await page.locator('section.career-plan h2', { hasText: 'Dream job' }).count()).toBe(1);
    expect(
      await page.locator('section.career-plan h2', { hasText: 'Currency of your skills' }).count(),
    ).toBe(1);
    expect(problems).toEqual([]);
    await close();
  });

  it('names unknown skills with the nearest known ones, the form kept', async () => {
    const { page, response, close } = await open('/career?skills=terrafrom&certs=ckaa');
    expect(response?.status()).toBe(400);
    const alert = await page.locator('[role="alert"]').textContent();
    expect(alert).toContain('no skill "terrafrom" in the taxonomy; nearest: TERRAFORM');
    expect(await page.inputValue('input[name="skills"]')).toBe('terrafrom');
    expect(await page.inputValue('input[name="certs"]')).toBe('ckaa');
    await close();
  });

  it.each([
    ['career', '/career?skills=aws,%20terraform&years=3&target=devops-engineer'],
    ['career-form', '/career'],
    ['roles', '/roles'],
    ['role', '/roles/devops-engineer'],
  ])('shows %s at 375px without sideways page scroll or script run', async (name, url) => {
    const { page, problems, response, close } = await open(url, { width: 375 });
    expect(response?.status()).toBe(200);
    expect(await sideScroll(page)).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}-375.png`), fullPage: true });
    expect(problems).toEqual([]);
    expect(await pwned(page)).toBeUndefined();
    await close();
  });

  it("draws a role's demand and rate charts and links its nearest roles", async () => {
    const { page, close } = await open('/roles/devops-engineer');
    expect(await page.locator('svg[data-chart="role-demand"]').count()).toBe(1);
    expect(await page.locator('svg[data-chart="role-rates"]').count()).toBe(1);
    expect(await page.locator('h1').textContent()).toBe(HOSTILE_ROLE);
    await page.click('table.nearest a[href="/roles/cloud-engineer"]');
    await page.waitForURL(/\/roles\/cloud-engineer$/);
    expect(await page.locator('h1').textContent()).toBe('Role cloud-engineer');
    await close();
  });
});

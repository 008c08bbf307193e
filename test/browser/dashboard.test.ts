import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../../src/crawl/crawlers.js';
import { closeQueues, createQueues, type PipelineQueues } from '../../src/pipeline/queues.js';
import { rangeChart } from '../../src/report/charts.js';
import { renderReport } from '../../src/report/formats.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { HISTORY_WEEKS, type DemandLine, type RateRange } from '../../src/report/weekly-model.js';
import { createWebApp } from '../../src/web/app.js';
import { SKILL_WEEKS } from '../../src/web/data.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { ROOT } from '../helpers/cli.js';
import { quietLogger } from '../helpers/crawl.js';
import { HOSTILE, seedDashboard, seedMover } from '../helpers/dashboard.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { W } from '../helpers/trends.js';

const SCREENSHOTS = path.join(ROOT, 'test-artifacts', 'screenshots');
const TOKEN = 'browser-test-admin-token-0123';

/** Every page of the dashboard, with a name for its screenshot. */
const PAGES = [
  ['report', '/'],
  ['archive', '/reports'],
  ['report-week', '/reports/2026-W47'],
  ['skills', '/skills'],
  ['skill', '/skills/aws'],
  ['categories', '/categories'],
  ['category', '/categories/cloud'],
  ['gap', '/gap?skills=python'],
  ['sources', '/sources'],
] as const;

/**
 * The dashboard in a real Chromium (playwright-core, /usr/bin/chromium) on the real
 * PostgreSQL, with crawled fields that try to run script.
 */
describe('dashboard in Chromium', () => {
  let database: TestDatabase;
  let queues: PipelineQueues;
  let server: WebServer;
  let browser: Browser;
  let reportFile: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await seedDashboard(database.db);
    await seedMover(database.db);
    queues = createQueues('redis://127.0.0.1:6379', `browser-test-${process.pid}`, quietLogger);
    const app = createWebApp({
      db: database.db,
      logger: quietLogger,
      queueBoard: { queues, token: TOKEN },
      sources: [
        { id: 't', adapter: { id: 'rss', name: 'Test feed' }, enabled: true },
        { id: 'jobs-never', adapter: { id: 'jobicy', name: 'Jobicy' }, enabled: true },
      ],
    });
    server = await startWebServer(app, { host: '127.0.0.1', port: 0 });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
    reportFile = path.join(ROOT, 'test-artifacts', 'skillpulse-report-2026-W47.html');
    writeFileSync(reportFile, renderReport(await buildWeeklyReport(database.db, W), 'html'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (queues) await closeQueues(queues);
    await database?.drop();
  });

  /** A page that records console errors, page errors and dialogs; none should happen. */
  async function open(
    url: string,
    options: {
      javaScript?: boolean;
      credentials?: boolean;
      viewport?: { width: number; height: number };
    } = {},
  ) {
    const context = await browser.newContext({
      javaScriptEnabled: options.javaScript ?? true,
      ...(options.viewport ? { viewport: options.viewport } : {}),
      httpCredentials: options.credentials ? { username: 'admin', password: TOKEN } : undefined,
    });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    const failed: string[] = [];
    page.on('requestfailed', (r) => failed.push(r.url()));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    const response = await page.goto(url.startsWith('file:') ? url : `${server.url}${url}`);
    return { page, problems, failed, response, close: () => context.close() };
  }

  const pwned = (page: Page) =>
    page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
  const chartPoints = (page: Page, chart: string, series = 0) =>
    page
      .locator(
        `svg[data-chart="${chart}"] [ecmeta_ssr_type="chart"][ecmeta_series_index="${series}"]`,
      )
      .count();

  it.each(PAGES)(
    'loads %s (%s) with no console errors, and saves a screenshot',
    async (name, url) => {
      const { page, problems, response, close } = await open(url);
      expect(response?.status()).toBe(200);
      await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
      expect(problems).toEqual([]);
      expect(await pwned(page)).toBeUndefined();
      await close();
    },
  );

  it('draws every week of every charted skill as an SVG point', async () => {
    const { page, close } = await open('/');
    const report = await buildWeeklyReport(database.db, W);
    expect(report.overall.history.length).toBeGreaterThan(0);
    for (const [i] of report.overall.history.entries()) {
      expect(await chartPoints(page, 'all-demand', i)).toBe(HISTORY_WEEKS);
    }
    // Rate ranges: one median per top skill that has rates.
    expect(await chartPoints(page, 'all-rates', 2)).toBe(
      report.overall.topSkills.filter((s) => s.dayRate).length,
    );
    await close();
    const skill = await open('/skills/aws');
    expect(await chartPoints(skill.page, 'skill-demand')).toBe(SKILL_WEEKS);
    // Median day rate only in weeks with rates: aws had them in W alone.
    expect(await chartPoints(skill.page, 'skill-rates')).toBe(1);
    await skill.close();
  });

  /** Each chart's texts that reach outside its SVG (which clips them), by their text. */
  const clippedLabels = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('svg[data-chart]')].flatMap((svg) => {
        const box = svg.getBoundingClientRect();
        return [...svg.querySelectorAll('text')]
          .filter((t) => {
            const b = t.getBoundingClientRect();
            return b.left < box.left - 0.5 || b.right > box.right + 0.5;
          })
          .map((t) => t.textContent);
      }),
    );

  it('draws charts across the content width, every label inside, rate axes fitted', async () => {
    for (const url of ['/', '/skills/aws', '/categories/cloud']) {
      const { page, close } = await open(url);
      expect(await clippedLabels(page), url).toEqual([]);
      // A chart is as wide as the text column it sits in.
      const widths = await page.evaluate(() =>
        [...document.querySelectorAll('figure.chart')].map((f) => [
          f.querySelector('svg')!.getBoundingClientRect().width,
          f.getBoundingClientRect().width,
        ]),
      );
      expect(widths.length, url).toBeGreaterThan(0);
      for (const [svg, figure] of widths) expect(svg).toBeCloseTo(figure!, 0);
      await close();
    }
    // Long names, as the demo's "Software Development" once lost its "S" to the edge.
    const long = await open('/nothing');
    const names = ['Software Development', 'Security Information and Event Management'];
    const ranges = names.map((name) => ({ name, p25: 500, median: 600, p75: 700 }));
    await long.page.setContent(`<main style="width: 940px">${rangeChart('long', ranges)}</main>`);
    expect(await clippedLabels(long.page)).toEqual([]);
    expect(await long.page.locator('svg text title').allTextContents()).toEqual([names[1]]);
    await long.close();
    // The rate chart's axis fits the rates (400 to 600): its lowest label is above 0.
    const { page, close } = await open('/skills/aws');
    const labels = await page
      .locator('svg[data-chart="skill-rates"] text')
      .allTextContents()
      .then((texts) =>
        texts.filter((t) => /^[\d,]+$/.test(t)).map((t) => Number(t.replace(/,/g, ''))),
      );
    expect(Math.min(...labels)).toBeGreaterThan(0);
    expect(Math.min(...labels)).toBeLessThanOrEqual(400);
    await close();
  });

  /** Each chart's SVGs shown, its width against its figure's, and its text's size on screen. */
  const shownCharts = (page: Page) =>
    page.evaluate(() =>
      [...document.querySelectorAll('figure.chart')].map((figure) => {
        const shown = [...figure.querySelectorAll('svg')].filter(
          (svg) => svg.getBoundingClientRect().width > 0,
        );
        const svg = shown[0]!;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const text = svg.querySelector('text')!;
        return {
          shown: shown.map((s) => s.getAttribute('class')),
          width: svg.getBoundingClientRect().width,
          figure: figure.getBoundingClientRect().width,
          textPx: parseFloat(getComputedStyle(text).fontSize) * scale,
        };
      }),
    );

  it('fits every page to a phone at 375 px wide: tables scroll in their own boxes', async () => {
    const pages = ['/skills', '/categories', '/categories/data', '/gap?skills=aws%2C+python', '/sources', '/reports', '/roles']; // prettier-ignore
    for (const url of pages) {
      const phone = await open(url, { viewport: { width: 375, height: 800 } });
      const pageWidth = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth, url).toBeLessThanOrEqual(375);
      await phone.close();
    }
  });

  it('draws charts for a phone at 375 px wide: the narrow drawing, its text readable', async () => {
    for (const url of ['/', '/skills/aws', '/categories/cloud', `file://${reportFile}`]) {
      const phone = await open(url, { viewport: { width: 375, height: 800 } });
      const charts = await shownCharts(phone.page);
      expect(charts.length, url).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.shown, url).toEqual(['chart-narrow']);
        expect(chart.width, url).toBeCloseTo(chart.figure, 0);
        expect(chart.textPx, url).toBeGreaterThanOrEqual(9.5);
      }
      expect(await clippedLabels(phone.page), url).toEqual([]);
      // Nothing widens the page: wide tables and charts keep to their own boxes.
      const pageWidth = await phone.page.evaluate(() => document.documentElement.scrollWidth);
      expect(pageWidth, url).toBeLessThanOrEqual(375);
      await phone.close();
      const desktop = await open(url);
      for (const chart of await shownCharts(desktop.page)) {
        expect(chart.shown, url).toEqual(['chart-wide']);
        expect(chart.textPx, url).toBeGreaterThanOrEqual(11);
      }
      await desktop.close();
    }
  });

  it("fits the report's skills table in a 1280 px window, and scrolls it in its own box on a phone", async () => {
    // The widest figures a line may hold: five-digit counts, salaries and signed changes, all †.
    const range = (median: number, count: number): RateRange => ({
      p10: median * 0.8,
      p25: median * 0.9,
      median,
      p75: median * 1.1,
      p90: median * 1.25,
      count,
      change13w: -0.12,
      smallSample: true,
    });
    const widest = (line: DemandLine): DemandLine => ({
      ...line,
      name: 'Security Information and Event Management',
      postings: 12345,
      share: 0.1234,
      change1w: 1.23,
      change13w: -0.456,
      rankChange52w: -12,
      smallSample: true,
      dayRate: range(1250, 1234),
      hourlyRate: range(125, 123),
      annualSalary: range(123456, 1234),
    });
    const report = await buildWeeklyReport(database.db, W);
    const overall = { ...report.overall, topSkills: report.overall.topSkills.map(widest) };
    const html = renderReport({ ...report, overall }, 'html');
    for (const width of [1280, 375]) {
      const page = await browser.newPage({ viewport: { width, height: 800 } });
      await page.setContent(html);
      const box = await page
        .locator('#all .table-scroll')
        .evaluate((div) => ({ inner: div.scrollWidth, outer: div.clientWidth }));
      // Every column, the annual salary's last, within the box at 1280 px; scrolled on a phone.
      if (width === 1280) expect(box.inner).toBeLessThanOrEqual(box.outer);
      else expect(box.inner).toBeGreaterThan(box.outer);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        width,
      );
      await page.close();
    }
  });

  it("lists a category's movers and the sources that never ran", async () => {
    const category = await open('/categories/cloud');
    const mover = category.page.locator('table.movers tbody tr');
    expect(await mover.count()).toBe(1);
    expect(await mover.locator('td').allInnerTexts()).toEqual([
      'rising',
      'TERRAFORM',
      '13 weeks',
      '12 → 40',
      '10.0% → 30.0%',
      '< 0.001',
    ]);
    await category.close();
    const sources = await open('/sources');
    const never = sources.page.locator('table.sources tr', { hasText: 'jobs-never' });
    expect(await never.locator('td.when').innerText()).toBe('never run');
    // A run's time on one line: its text makes one line box.
    const when = sources.page
      .locator('table.sources tr', { hasText: 'Test feed' })
      .locator('td.when');
    const lines = await when.evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
    });
    expect(lines).toBe(1);
    await sources.close();
  });

  it('shows injected crawled text as text, and nothing runs', async () => {
    const { page, problems, close } = await open('/skills/aws');
    const row = page.locator('table.postings tr', { hasText: 'Senior <b>AWS</b> engineer' });
    await expect(row.count()).resolves.toBe(1);
    expect(await row.locator('td').nth(1).innerText()).toBe(HOSTILE.title);
    expect(await row.locator('td').nth(2).innerText()).toBe(HOSTILE.company);
    // A javascript: URL is never a link.
    expect(await row.locator('a').count()).toBe(0);
    expect(
      await page.locator('table.postings img, table.postings b, table.postings script').count(),
    ).toBe(0);
    expect(await pwned(page)).toBeUndefined();
    expect(problems).toEqual([]);
    await close();
  });

  it('finds a skill from the search form, without JavaScript', async () => {
    const { page, close } = await open('/skills', { javaScript: false });
    await page.getByLabel('skill').fill('terra');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/skills\?q=terra$/);
    await page.getByRole('link', { name: 'TERRAFORM' }).click();
    await page.waitForURL(/\/skills\/terraform$/);
    expect(await page.locator('h1').innerText()).toBe('TERRAFORM');
    expect(await chartPoints(page, 'skill-demand')).toBe(SKILL_WEEKS);
    await close();
  });

  it('answers the skill-gap form, and names an unknown skill', async () => {
    const { page, problems, close } = await open('/gap');
    await page.getByLabel('your skills').fill('Python');
    await page.getByLabel('category').selectOption('cloud');
    await page.getByRole('button', { name: 'Show my gap' }).click();
    await page.waitForURL(/\/gap\?skills=Python&category=cloud$/);
    const adjacent = await page
      .locator('table.adjacent-skills tbody tr td:first-child')
      .allInnerTexts();
    expect(adjacent).toEqual(['TERRAFORM', 'AWS']);
    await page.getByLabel('your skills').fill('python, klingon');
    await page.getByRole('button', { name: 'Show my gap' }).click();
    await page.waitForURL(/klingon/);
    expect(await page.locator('p.error').innerText()).toBe(
      'no skill "klingon" in the taxonomy (try its full name)',
    );
    expect(problems.filter((p) => !p.includes('400'))).toEqual([]);
    await close();
  });

  it('opens the report file on its own: charts, no script, every section', async () => {
    const { page, problems, close } = await open(`file://${reportFile}`, { javaScript: true });
    expect(await page.locator('h1').innerText()).toBe('IT contract market, week 2026-W47');
    expect(await page.locator('svg[data-chart]').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('script').count()).toBe(0);
    expect(await page.locator('section h2').allInnerTexts()).toEqual([
      'All skills',
      'Where and how',
      'Roles',
      'Cloud',
      'Data',
      'Cybersecurity',
      'Method',
    ]);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'report-file.png'), fullPage: true });
    await page.pdf?.({ path: path.join(SCREENSHOTS, 'report-file.pdf') }).catch(() => undefined);
    expect(problems).toEqual([]);
    await close();
  });

  it('keeps the queue board behind the token, and shows the queues with it', async () => {
    const denied = await fetch(`${server.url}/admin/queues`);
    expect(denied.status).toBe(401);
    expect(denied.headers.get('www-authenticate')).toMatch(/^Basic/);
    const { page, problems, failed, close } = await open('/admin/queues', { credentials: true });
    await page.getByText('rollup', { exact: false }).first().waitFor();
    for (const queue of ['crawl', 'process', 'rollup', 'report']) {
      expect(await page.getByText(queue, { exact: true }).count(), queue).toBeGreaterThan(0);
    }
    await page.screenshot({ path: path.join(SCREENSHOTS, 'queues.png') });
    // Bull Board's page links Google Fonts, unreachable offline (the board falls back to
    // system fonts); that request is the only one allowed to fail.
    expect(
      failed.every((url) => new URL(url).hostname === 'fonts.googleapis.com'),
      failed.join(),
    ).toBe(true);
    expect(
      problems.filter((p) => !(failed.length > 0 && p.includes('ERR_NAME_NOT_RESOLVED'))),
    ).toEqual([]);
    await close();
  });
});

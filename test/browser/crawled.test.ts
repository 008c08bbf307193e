import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_FLAGS } from '../../src/crawl/crawlers.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/connect.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { defaultWeek } from '../../src/trends/read.js';
import { createWebApp } from '../../src/web/app.js';
import { startWebServer, type WebServer } from '../../src/web/server.js';
import { runCli } from '../helpers/cli.js';
import { quietLogger } from '../helpers/crawl.js';

/**
 * The whole way from the fixture web: `skillpulse demo` crawls the simulated market (one
 * posting in 40 carries a script in its title and escaped markup in its company),
 * processes and rolls it up; the dashboard then shows those postings in Chromium.
 */
describe('crawled injections in the dashboard', () => {
  let handle: DatabaseHandle;
  let server: WebServer;
  let browser: Browser;

  beforeAll(async () => {
    const cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-crawled-'));
    const dataDir = path.join(cwd, 'data');
    const demo = await runCli(['demo', '--no-browser', '--weeks', '4', '--per-week', '60'], {
      cwd,
      env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    });
    expect(demo.code, demo.stderr).toBe(0);
    handle = await openDatabase({ backend: 'pglite', dataDir: path.join(dataDir, 'pgdata') });
    server = await startWebServer(createWebApp({ db: handle.db, logger: quietLogger }), {
      host: '127.0.0.1',
      port: 0,
    });
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_FLAGS],
    });
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await handle?.close();
  });

  it('shows the hostile postings of the week as text on their skill pages, and runs nothing', async () => {
    const { db } = handle;
    // The week the dashboard shows: the last complete one (the demo's market ends there).
    const week = (await defaultWeek(db))!;
    // Hostile canonical postings open in the newest week, each with its rarest skill there
    // (so it is among the 20 newest postings its skill page lists).
    const { rows } = await sql<{ id: number; title: string; company: string; skill_id: string }>`
      select distinct on (p.id) p.id, p.title, p.company, ps.skill_id
      from postings p
      join posting_skills ps on ps.posting_id = p.id
      join skill_weekly w on w.skill_id = ps.skill_id and w.week = ${week}::date and w.segment = 'all'
      where p.canonical_id is null and p.active_until >= ${week}::date and p.company like '%onerror%'
      order by p.id, w.postings, ps.skill_id`.execute(db);
    expect(rows.length).toBeGreaterThan(0);
    // What processing kept: the script tag stripped from the title, the escaped tag in the
    // company decoded into a literal one: it is this text that must stay inert.
    expect(rows[0]?.company).toMatch(/<img src=x onerror=alert\(1\)>$/);

    const context = await browser.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('dialog', (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    let shown = 0;
    for (const row of rows) {
      await page.goto(`${server.url}/skills/${encodeURIComponent(row.skill_id)}`);
      const text = await page.locator('table.postings').innerText();
      if (text.includes(row.company)) shown += 1;
      expect(await page.locator('table.postings img, table.postings script').count()).toBe(0);
    }
    expect(shown).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('keeps the Markdown report whole', async () => {
    const markdown = renderMarkdown(
      await buildWeeklyReport(handle.db, (await defaultWeek(handle.db))!),
    );
    expect(markdown).not.toMatch(/(?<!\\)<(img|script)/);
    // Every table row has as many cells as its header.
    const tables = markdown.split('\n\n').filter((block) => block.startsWith('| #'));
    expect(tables.length).toBeGreaterThan(0);
    for (const table of tables) {
      const counts = table.split('\n').map((line) => line.split(/(?<!\\)\|/).length);
      expect(new Set(counts).size, table).toBe(1);
    }
  });
});

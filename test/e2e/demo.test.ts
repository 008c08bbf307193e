import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/demo/sources.js';
import { resolveSources } from '../../src/sources/registry.js';
import { addWeeks, weekLabel, weekOf } from '../../src/trends/weeks.js';
import { runCli, type CliResult } from '../helpers/cli.js';

/*
 * `skillpulse demo` as a user runs it with its output piped (CI, `| tee`): no progress
 * display, no log lines, the summary and what to run next; its counts are those that
 * `sources` and `report` show afterwards.
 */

const DEMO = ['demo', '--no-browser', '--weeks', '3', '--per-week', '12'];
/** The demo's sources that need no browser: each must crawl ok with --no-browser. */
const SOURCES = resolveSources({ sources: demoSources('http://127.0.0.1:1') })
  .filter((s) => s.enabled && s.adapter.crawler !== 'playwright')
  .map((s) => s.id);

interface SourceRow {
  readonly source: string;
  readonly fetched: number;
  readonly added: number;
  readonly stored: number;
}

/** The rows of the summary's source table: `source crawl pages fetched new stored`. */
function sourceRows(stdout: string): SourceRow[] {
  const number = (text: string) => Number(text.replace(/,/g, ''));
  return [...stdout.matchAll(/^([a-z-]+) +ok +\d+ +([\d,]+) +([\d,]+) +([\d,]+)/gm)].map((m) => ({
    source: m[1]!,
    fetched: number(m[2]!),
    added: number(m[3]!),
    stored: number(m[4]!),
  }));
}

const LOG_LINE = /^\{"level"|^\[\d\d:\d\d:\d\d|"msg":/m;

describe('skillpulse demo, piped', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-demo-'));
  const env = { DATA_DIR: path.join(dir, 'data') };
  let first: CliResult;

  beforeAll(async () => {
    first = await runCli(DEMO, { cwd: dir, env });
  }, 600_000);

  it('prints the summary and the next steps, and no log line', () => {
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).not.toMatch(LOG_LINE);
    // No progress display: no carriage returns or escape sequences in a pipe.
    expect(first.stdout).not.toContain('\r');
    expect(first.stdout).not.toContain('\u001b');
    const lastWeek = addWeeks(weekOf(new Date()), -1);
    expect(first.stdout).toMatch(
      new RegExp(
        `^simulated market: 36 postings over 3 weeks, ${weekLabel(addWeeks(lastWeek, -2))} to ${weekLabel(lastWeek)} \\(seed 42\\)$`,
        'm',
      ),
    );
    expect(first.stdout).toMatch(/^craigslist +skipped +--no-browser$/m);
    expect(first.stdout).toMatch(/^processed \d+ listings into \d+ postings: /m);
    expect(first.stdout).toMatch(/^next: npx skillpulse report +the week's skill-demand report$/m);
    expect(first.stdout).toMatch(
      /^ +npx skillpulse serve +the dashboard on http:\/\/127\.0\.0\.1:8080\/$/m,
    );
    expect(first.stdout.trimEnd().split('\n').at(-1)).toMatch(/npx skillpulse sources/);
  });

  it('crawls every source and stores each listing it fetched on a fresh database', () => {
    const rows = sourceRows(first.stdout);
    expect(rows.map((r) => r.source)).toEqual(expect.arrayContaining(SOURCES));
    expect(rows.reduce((n, r) => n + r.fetched, 0)).toBeGreaterThan(36);
    for (const row of rows) {
      expect(row.added).toBe(row.fetched);
      expect(row.stored).toBe(row.added);
    }
  });

  it('rolls up the simulated weeks only, from the first one', () => {
    const firstWeek = addWeeks(weekOf(new Date()), -3);
    // The real recordings' dates (2021 on, for the linear board) are moved into the market.
    expect(first.stdout).toMatch(
      new RegExp(`^rolled up \\d+ weeks, ${weekLabel(firstWeek)} to `, 'm'),
    );
  });

  it('writes its logs to DATA_DIR/logs/demo.log and says so', () => {
    const file = path.join(env.DATA_DIR, 'logs', 'demo.log');
    expect(first.stdout).toContain(`logs: ${file}`);
    expect(existsSync(file)).toBe(true);
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const messages = lines.map((line) => (JSON.parse(line) as { msg: string }).msg);
    expect(messages.filter((m) => m === 'crawl ok').length).toBe(sourceRows(first.stdout).length);
    expect(messages).toContain('rollup done');
  });

  it('counts what `sources` and `report` show', async () => {
    const sources = await runCli(['sources', '--json'], { cwd: dir, env });
    expect(sources.code).toBe(0);
    const stored = new Map(
      (JSON.parse(sources.stdout) as { id: string; storedListings: number }[]).map((s) => [
        s.id,
        s.storedListings,
      ]),
    );
    for (const row of sourceRows(first.stdout)) {
      // Sources the demo alone configures (demo-feed, demo-jsonld) are not in the user's list.
      if (stored.has(row.source)) expect(stored.get(row.source)).toBe(row.stored);
    }
    const report = await runCli(['report'], { cwd: dir, env });
    expect(report.code).toBe(0);
    const week = /^# .*week (\d{4}-W\d\d)$/m.exec(report.stdout)?.[1];
    const [, open, added] = /^([\d,]+) postings open \(([\d,]+) new\)/m.exec(report.stdout) ?? [];
    expect(week).toBeDefined();
    expect(first.stdout).toContain(
      `report week ${week}: ${open} postings open (${added} new that week)`,
    );
  });

  it('shows its logs on stderr with --verbose, and counts a second run as nothing new', async () => {
    const again = await runCli([...DEMO, '--verbose'], { cwd: dir, env });
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/"msg":"crawl ok"/);
    expect(again.stdout).not.toMatch(LOG_LINE);
    expect(again.stdout).not.toContain('logs: ');
    const before = new Map(sourceRows(first.stdout).map((r) => [r.source, r.stored]));
    for (const row of sourceRows(again.stdout)) {
      expect(row.added).toBe(0);
      expect(row.stored).toBe(before.get(row.source));
    }
  }, 600_000);
});

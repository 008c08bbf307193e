import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { postingsOf } from '../../src/demo/market.js';

let web: FixtureWeb;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  web = await startFixtureWeb();
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-crawl-cli-'));
  const configFile = path.join(cwd, 'skillpulse.yaml');
  writeFileSync(
    configFile,
    stringify({
      crawlContact: 'https://ops.example/skillpulse',
      sources: {
        remoteok: { baseUrl: `${web.url}/remoteok` },
        greenhouse: { baseUrl: `${web.url}/greenhouse`, boards: ['gitlab'] },
        'kestrel-careers': { adapter: 'rss', feeds: [`${web.url}/feed/atom.xml`] },
        remotive: { enabled: false },
      },
    }),
  );
  env = { DATA_DIR: path.join(cwd, 'data'), SKILLPULSE_CONFIG: configFile, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  await web?.close();
});

describe('skillpulse crawl, sources and import', () => {
  it('crawls the named sources, says who it is, and reports per source', async () => {
    const result = await runCli(['crawl', 'remoteok', 'greenhouse', 'kestrel-careers'], {
      cwd,
      env,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      new RegExp(
        `^remoteok +ok +pages=1 listings=${postingsOf(web.market, 'remoteok').length} new=`,
        'm',
      ),
    );
    expect(result.stdout).toMatch(/^greenhouse +ok +pages=1 listings=2 new=2$/m);
    expect(result.stdout).toMatch(/^kestrel-careers +ok /m);
    expect(web.requestsFor('/remoteok/api')[0]?.userAgent).toMatch(
      /^skillpulse\/\d+\.\d+\.\d+ \(\+https:\/\/ops\.example\/skillpulse\)$/,
    );
  });

  it('lists every source with its health and why a source is off', async () => {
    const result = await runCli(['sources', '--json'], { cwd, env });
    expect(result.code).toBe(0);
    const rows = JSON.parse(result.stdout) as {
      id: string;
      enabled: boolean;
      health: string | null;
      storedListings: number;
      disabledReason: string | null;
    }[];
    expect(rows.find((r) => r.id === 'greenhouse')).toMatchObject({
      enabled: true,
      health: 'ok',
      storedListings: 2,
    });
    expect(rows.find((r) => r.id === 'remotive')).toMatchObject({
      enabled: false,
      disabledReason: 'disabled in the configuration',
    });
    expect(rows.find((r) => r.id === 'upwork')?.disabledReason).toMatch(/UPWORK_TOKEN/);
    expect(rows.find((r) => r.id === 'fiverr')).toMatchObject({ enabled: false });
    const table = await runCli(['sources'], { cwd, env });
    expect(table.stdout).toMatch(/^greenhouse +http +yes +ok +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d +2 +- +-$/m); // prettier-ignore
  });

  it('imports real recordings and shows what processing made of them', async () => {
    const recording = (file: string) => new URL(`../recordings/${file}`, import.meta.url).pathname;
    // An Upwork RSS feed through the upwork adapter, its budgets and skills read as fields.
    const feed = await runCli(['import', 'upwork', recording('upwork/rss-topic-javafx-2024-07.xml')], { cwd, env }); // prettier-ignore
    expect(feed.stdout).toBe('upwork: 8 listings read with FEED, 8 new\n');
    // The official HN API's thread names its comments, which an import does not fetch.
    const thread = await runCli(['import', 'hackernews', recording('hackernews/firebase-2020-02/item-22225314.json')], { cwd, env }); // prettier-ignore
    expect(thread.stdout).toBe('hackernews: 0 listings read with THREAD, 0 new, 414 linked pages not followed\n'); // prettier-ignore
    const stats = await runCli(['import', 'hackernews', recording('hackernews/firebase-2020-02/item-22231675.json')], { cwd, env }); // prettier-ignore
    expect(stats.stdout).toBe('hackernews: 0 listings read with COMMENT, 0 new; skipped: 1 not a job post\n'); // prettier-ignore
    expect((await runCli(['process'], { cwd, env })).code).toBe(0);
    const rows = JSON.parse((await runCli(['sources', '--json'], { cwd, env })).stdout) as Record<string, unknown>[]; // prettier-ignore
    expect(rows.find((r) => r.id === 'upwork')).toMatchObject({
      health: 'ok',
      lastProcessed: 8,
      lastRejected: 0,
      message: 'imported rss-topic-javafx-2024-07.xml',
    });
  });

  it('imports a saved response of a source, idempotently', async () => {
    const saved = path.join(cwd, 'lever.json');
    writeFileSync(
      saved,
      await (await fetch(`${web.url}/lever/v0/postings/matchgroup?mode=json`)).text(),
    );
    const first = await runCli(['import', 'lever', saved], { cwd, env });
    expect(first.stdout).toBe('lever: 2 listings read with POSTINGS, 2 new\n');
    const again = await runCli(['import', 'lever', saved], { cwd, env });
    expect(again.stdout).toBe('lever: 2 listings read with POSTINGS, 0 new\n');
  });

  it('rejects what it cannot do with a message that names the problem', async () => {
    const unknown = await runCli(['crawl', 'monster'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown source "monster"/);
    const noToken = await runCli(['crawl', 'upwork'], { cwd, env });
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toMatch(/source upwork cannot run: needs an Upwork OAuth access token/);
    const badDate = await runCli(['crawl', 'remoteok', '--since', 'yesterday-ish'], { cwd, env });
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(/--since.*expected a date/);
    const badLabel = await runCli(
      ['import', 'lever', path.join(cwd, 'lever.json'), '--label', 'NOPE'],
      { cwd, env },
    );
    expect(badLabel.code).toBe(2);
    expect(badLabel.stderr).toMatch(/no handler "NOPE"; its labels: POSTINGS/);
    const junk = path.join(cwd, 'junk.json');
    writeFileSync(junk, '{"truncated": [1, 2');
    const malformed = await runCli(['import', 'lever', junk], { cwd, env });
    // A file the adapter cannot read is bad input, named with how it starts: exit 2.
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/junk\.json: lever cannot read it: not valid JSON/);
    expect(malformed.stderr).toMatch(/the file ends early/);
  });

  it('fails with exit 1 when a source fails, and records the run', async () => {
    const failing = await startFixtureWeb({ faults: [{ path: '/greenhouse/', status: 500 }] });
    try {
      const configFile = path.join(cwd, 'failing.yaml');
      writeFileSync(
        configFile,
        stringify({
          sources: {
            greenhouse: {
              baseUrl: `${failing.url}/greenhouse`,
              boards: ['gitlab'],
              politeness: { maxRetries: 1 },
            },
          },
        }),
      );
      const result = await runCli(['crawl', 'greenhouse'], {
        cwd,
        env: { ...env, SKILLPULSE_CONFIG: configFile },
      });
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/^greenhouse +failed +pages=0 listings=0 new=0 http_5xx=1/m);
      expect(result.stderr).toMatch(/"kind":"http_5xx"/);
    } finally {
      await failing.close();
    }
  });
});

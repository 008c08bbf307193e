import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { postingsOf } from '../../src/demo/market.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { runCli } from '../helpers/cli.js';

/*
 * Jobicy through the built CLI: its real recordings imported and processed, and a crawl
 * of the fixture web's copy of its API.
 */

let web: FixtureWeb;
let cwd: string;
let env: Record<string, string>;
const recording = (file: string) =>
  new URL(`../recordings/jobicy/${file}`, import.meta.url).pathname;

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 2, perWeek: 60 } });
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-jobicy-cli-'));
  const configFile = path.join(cwd, 'skillpulse.yaml');
  writeFileSync(
    configFile,
    stringify({
      crawlContact: 'https://ops.example/skillpulse',
      sources: { jobicy: { baseUrl: `${web.url}/jobicy` } },
    }),
  );
  env = { DATA_DIR: path.join(cwd, 'data'), SKILLPULSE_CONFIG: configFile, LOG_LEVEL: 'warn' };
});
afterAll(async () => {
  await web?.close();
});

interface SourceRow {
  id: string;
  health: string | null;
  lastProcessed: number | null;
  lastRejected: number | null;
  storedListings: number;
}

const jobicyRow = async () => {
  const rows = JSON.parse((await runCli(['sources', '--json'], { cwd, env })).stdout) as SourceRow[]; // prettier-ignore
  return rows.find((r) => r.id === 'jobicy')!;
};

describe('skillpulse import and crawl of jobicy', () => {
  it('imports each real recording and processes at least 95% of its jobs into postings', async () => {
    for (const [file, jobs] of [
      ['api-2024-12-05.json', 8],
      ['api-2024-12-08.json', 6],
    ] as const) {
      const imported = await runCli(['import', 'jobicy', recording(file)], { cwd, env });
      expect(imported.stderr).toBe('');
      expect(imported.stdout).toBe(`jobicy: ${jobs} listings read with JOBS, ${jobs} new\n`);
      expect((await runCli(['process'], { cwd, env })).code).toBe(0);
      const row = await jobicyRow();
      expect(row.lastProcessed! + row.lastRejected!).toBe(jobs);
      expect(row.lastProcessed).toBeGreaterThanOrEqual(Math.ceil(jobs * 0.95));
    }
    // Imported again, nothing is new.
    const again = await runCli(['import', 'jobicy', recording('api-2024-12-05.json')], { cwd, env }); // prettier-ignore
    expect(again.stdout).toBe('jobicy: 8 listings read with JOBS, 0 new\n');
  }, 600_000); // seven CLI runs, each opening the embedded database, on a busy machine

  it("crawls the fixture web's Jobicy API in one request", async () => {
    const result = await runCli(['crawl', 'jobicy'], { cwd, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const listed = Math.min(50, postingsOf(web.market, 'jobicy').length);
    expect(listed).toBeGreaterThan(0);
    expect(result.stdout).toMatch(
      new RegExp(`^jobicy +ok +pages=1 listings=${listed} new=${listed}$`, 'm'),
    );
    expect(web.requestsFor('/jobicy/').map((r) => r.path)).toEqual([
      '/jobicy/api/v2/remote-jobs?count=50&industry=engineering',
    ]);
  }, 300_000);
});

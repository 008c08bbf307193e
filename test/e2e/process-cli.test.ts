import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runCli } from '../helpers/cli.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';

let web: FixtureWeb;
let cwd: string;
let env: Record<string, string>;

beforeAll(async () => {
  web = await startFixtureWeb({ marketOptions: { weeks: 6, perWeek: 30 } });
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-process-cli-'));
  const configFile = path.join(cwd, 'skillpulse.yaml');
  writeFileSync(
    configFile,
    stringify({
      sources: {
        remoteok: { baseUrl: `${web.url}/remoteok` },
        lever: { baseUrl: `${web.url}/lever`, sites: ['matchgroup', 'skillpulse'] },
      },
      rates: { daysPerMonth: 20 },
    }),
  );
  env = { DATA_DIR: path.join(cwd, 'data'), SKILLPULSE_CONFIG: configFile, LOG_LEVEL: 'warn' };
  const crawl = await runCli(['crawl', 'remoteok', 'lever'], { cwd, env });
  expect(crawl.code).toBe(0);
});
afterAll(async () => {
  await web?.close();
});

describe('skillpulse process', () => {
  it('processes what the crawl stored, then nothing more, then everything again on --all', async () => {
    const first = await runCli(['process'], { cwd, env });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [, listings, postings] = /^processed (\d+) listings in [\d.]+ s: (\d+) postings written/m.exec(first.stdout) ?? []; // prettier-ignore
    expect(Number(listings)).toBeGreaterThan(20);
    expect(postings).toBe(listings);
    expect(first.stdout).toMatch(
      /^weeks touched: \d{4}-\d{2}-\d{2} \.\. \d{4}-\d{2}-\d{2} \(\d+\)$/m,
    );

    const again = await runCli(['process'], { cwd, env });
    expect(again.stdout).toMatch(/^processed 0 listings/m);
    const all = await runCli(['process', '--all'], { cwd, env });
    expect(all.stdout).toMatch(new RegExp(`^processed ${listings} listings`, 'm'));
  });

  it('refuses --all with --since', async () => {
    const result = await runCli(['process', '--all', '--since', '2026-01-01'], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot be used with option '--since/);
  });

  it('lists emerging terms as JSON', async () => {
    const result = await runCli(['terms', '--format', 'json', '--min-support', '2'], { cwd, env });
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.stdout) as { terms: { term: string; postings: number }[] };
    expect(Array.isArray(parsed.terms)).toBe(true);
    for (const term of parsed.terms) expect(term.postings).toBeGreaterThanOrEqual(2);
  });
});

describe('skillpulse run', () => {
  it('crawls and processes in one go on the inline runner', async () => {
    const fresh = { ...env, DATA_DIR: path.join(cwd, 'run-data') };
    const result = await runCli(['run', 'remoteok', 'lever'], { cwd, env: fresh });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^remoteok +ok +pages=1 listings=(\d+) new=\1$/m);
    expect(result.stdout).toMatch(/^lever +ok /m);
    const [, processed, postings] = /^processed (\d+) listings: (\d+) postings, \d+ duplicates, 0 not processable$/m.exec(result.stdout) ?? []; // prettier-ignore
    expect(Number(processed)).toBeGreaterThan(20);
    expect(postings).toBe(processed);
    // Then the weeks it changed rolled up, and the newest week's report stored.
    expect(result.stdout).toMatch(/^rolled up \d{4}-W\d\d \.\. \d{4}-W\d\d \(\d+ weeks\) in [\d.]+ s: [1-9]\d* skill rows/m); // prettier-ignore
    expect(result.stdout).toMatch(/^report of \d{4}-W\d\d stored$/m);
  });
});

describe('skillpulse fx', () => {
  it('imports a rates file and lists the newest rate per currency', async () => {
    const file = path.join(cwd, 'rates.csv');
    writeFileSync(file, 'currency,date,per_usd\nGBP,2026-11-20,0.77\nEUR,2026-11-20,0.93\n');
    const imported = await runCli(['fx', 'import', file], { cwd, env });
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(`imported 2 exchange rates from ${file}\n`);
    const listed = await runCli(['fx', 'list'], { cwd, env });
    expect(listed.stdout).toMatch(/^GBP 2026-11-20 0\.77 \(rates\.csv\)$/m);
    expect(listed.stdout).toMatch(/^CAD 2026-01-01 1\.372 \(seed\)$/m);
  });

  it('names the bad lines of a bad file and imports none of it', async () => {
    const file = path.join(cwd, 'bad.csv');
    writeFileSync(file, 'currency,date,per_usd\nGBP,2026-11-21,0.5\nXX,2026-11-21,1\n');
    const result = await runCli(['fx', 'import', file], { cwd, env });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/1 bad lines, nothing imported:\n {2}line 3: currency "XX"/);
    const listed = await runCli(['fx', 'list'], { cwd, env });
    expect(listed.stdout).toMatch(/^GBP 2026-11-20 0\.77/m);
  });
});

describe('skillpulse tag', () => {
  it('answers each JSON line in order, with the matched text', async () => {
    const input = [
      JSON.stringify({ id: 'a', title: 'Senior Go Engineer', text: 'k8s, Terraform and CI/CD' }),
      '',
      'not json',
      JSON.stringify({ id: 7, text: 'We go to the office. React quickly.' }),
      JSON.stringify({ id: 'b', title: 42 }),
      JSON.stringify({
        id: 'c',
        title: 'Backend Engineer',
        text: 'Requirements\nPython and PostgreSQL\nWhat we offer\nA ChatGPT subscription',
        company: 'Acme',
        tags: ['docker'],
      }),
    ].join('\n');
    const result = await runCli(['tag'], { cwd, env, input });
    expect(result.code).toBe(1);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>); // prettier-ignore
    // One line out for each line in, the empty one included.
    expect(lines).toHaveLength(6);
    // Read as processing reads a posting: the perks ask for nothing, the poster's tags count.
    const read = (lines[5]?.skills as { id: string }[]).map((s) => s.id).sort();
    expect(read).toEqual(['backend-development', 'docker', 'postgresql', 'python']);
    expect(lines[0]).toEqual({
      id: 'a',
      skills: [
        { id: 'go', name: 'Go', category: 'software-engineering', mentions: 1, surface: ['Go'] },
        { id: 'kubernetes', name: 'Kubernetes', category: 'devops', mentions: 1, surface: ['k8s'] },
        {
          id: 'terraform',
          name: 'Terraform',
          category: 'devops',
          mentions: 1,
          surface: ['Terraform'],
        },
        { id: 'ci-cd', name: 'CI/CD', category: 'devops', mentions: 1, surface: ['CI/CD'] },
      ],
    });
    expect(lines[1]).toEqual({ id: null, skills: [] });
    expect(lines[2]?.id).toBeNull();
    expect(lines[2]?.error).toMatch(/not a JSON object/);
    expect(lines[3]).toEqual({ id: 7, skills: [] });
    expect(lines[4]?.id).toBeNull();
    expect(lines[4]?.error).toMatch(/^bad field title/);
  });
});

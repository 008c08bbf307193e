import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { runCli } from '../helpers/cli.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

let cwd: string;
let env: Record<string, string>;

/*
 * 2026-W47 (Monday 2026-11-16): cloud-engineer 3 contract postings at 400, 500, 600 a day
 * asking 2, 4 and 6 years; data-engineer 1 posting; 4 postings without a role, three of
 * one title whatever its level and place, one of another. 2026-W34 (13 weeks before):
 * cloud-engineer 2 postings, so +50% over 13 weeks; data-engineer none.
 */
const W47 = '2026-11-17T09:00:00Z';
const W34 = '2026-08-18T09:00:00Z';
const POSTINGS: TrendPosting[] = [
  ...[400, 500, 600].map((dayRate, i) => ({
    key: `C${i}`,
    posted: W47,
    firstSeen: W47,
    contract: 'contract' as const,
    skills: ['aws'],
    dayRate,
    role: 'cloud-engineer',
    years: 2 + 2 * i,
  })),
  { key: 'D0', posted: W47, firstSeen: W47, contract: 'permanent', skills: ['python'], role: 'data-engineer' }, // prettier-ignore
  { key: 'B0', posted: W34, firstSeen: W34, contract: 'contract', skills: ['aws'], role: 'cloud-engineer' }, // prettier-ignore
  { key: 'B1', posted: W34, firstSeen: W34, contract: 'contract', skills: ['aws'], role: 'cloud-engineer' }, // prettier-ignore
  { key: 'U0', title: 'Kafka Wrangler', posted: W47, firstSeen: W47, contract: 'contract', skills: ['kafka'] }, // prettier-ignore
  { key: 'U1', title: 'Senior Kafka Wrangler (Remote)', posted: W47, firstSeen: W47, contract: 'contract', skills: ['kafka', 'python'] }, // prettier-ignore
  { key: 'U2', title: 'Kafka Wrangler - Contract', posted: W47, firstSeen: W47, contract: 'contract', skills: ['kafka'] }, // prettier-ignore
  { key: 'U3', title: 'Prompt Whisperer', posted: W47, firstSeen: W47, contract: 'contract', skills: [] }, // prettier-ignore
];

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-roles-cli-'));
  env = { DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'warn', REPORT_CURRENCY: 'GBP' };
  const handle = await openDatabase({ backend: 'pglite', dataDir: path.join(env.DATA_DIR as string, 'pgdata') }); // prettier-ignore
  await migrateUp(handle.db);
  await seedTrendPostings(handle.db, POSTINGS);
  await handle.close();
  const rollup = await runCli(['rollup', '--all'], { cwd, env });
  expect(rollup.code).toBe(0);
}, 60_000);

describe('skillpulse roles', () => {
  it("lists the week's roles by demand with rate, growth and years", async () => {
    const result = await runCli(['roles', '--week', '2026-W47'], { cwd, env });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('2026-W47 (2026-11-16), all: 2 roles with postings');
    // 8 postings in the week: cloud-engineer 3 (37.5%), data-engineer 1 (12.5%).
    expect(lines[2]).toMatch(/^ {3}1 {2}Role cloud-engineer +3 +37\.5% +\+50% +500 \(3\) +4$/);
    expect(lines[3]).toMatch(/^ {3}2 {2}Role data-engineer +1 +12\.5% +– +– +–$/);
  });

  it('gives JSON, and one category', async () => {
    const json = await runCli(['roles', '--week', '2026-W47', '--format', 'json', '--category', 'data'], { cwd, env }); // prettier-ignore
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.stdout) as { week: string; roles: { role_id: string }[] };
    expect(parsed.week).toBe('2026-11-16');
    expect(parsed.roles.map((r) => r.role_id)).toEqual(['data-engineer']);
    const unknown = await runCli(['roles', '--week', '2026-W47', '--category', 'gardening'], { cwd, env }); // prettier-ignore
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no role category "gardening": one of cloud, data, devops/);
  });

  it('groups the titles no role matched, the biggest first', async () => {
    const result = await runCli(['roles', '--unknown', '--week', '2026-W47', '--weeks', '1'], { cwd, env }); // prettier-ignore
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe(
      '4 postings without a role open in 2026-W47 .. 2026-W47: 4 with titles of no known trade',
    );
    // One group of 3: level, place and contract words left out; the single title is not listed.
    expect(lines[2]).toMatch(
      /^ {7}3 {2}kafka wrangler +"Kafka Wrangler", .*; kafka 100%, python 33%$/,
    );
    expect(result.stdout).not.toMatch(/Prompt/);
    const json = await runCli(['roles', '--unknown', '--week', '2026-W47', '--format', 'json'], { cwd, env }); // prettier-ignore
    const parsed = JSON.parse(json.stdout) as { groups: { words: string; postings: number }[] };
    expect(parsed.groups).toEqual([
      expect.objectContaining({ words: 'kafka wrangler', postings: 3 }),
    ]);
  });
});

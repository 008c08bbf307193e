import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { addWeeks, weekLabel, weekOf } from '../../src/trends/weeks.js';
import { runCli } from '../helpers/cli.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

/*
 * A database whose newest rolled-up week is the current one, a few days in (as after the
 * demo or the first crawl of a week): what report, trends and gap show without --week.
 */
const CURRENT = weekOf(new Date());
const LAST = addWeeks(CURRENT, -1);

let env: Record<string, string>;

beforeAll(async () => {
  const cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-default-week-'));
  env = { DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'warn', REPORT_CURRENCY: 'GBP' };
  const handle = await openDatabase({ backend: 'pglite', dataDir: path.join(cwd, 'data', 'pgdata') }); // prettier-ignore
  await migrateUp(handle.db);
  // Ten postings in each of the two weeks before this one, two so far in this one.
  const postings: TrendPosting[] = [];
  for (const [week, count] of [
    [addWeeks(CURRENT, -2), 10],
    [LAST, 10],
    [CURRENT, 2],
  ] as const) {
    for (let i = 0; i < count; i += 1) {
      const at = `${week}T00:00:00Z`;
      postings.push({ key: `${week}-${i}`, posted: at, firstSeen: at, contract: 'contract', skills: ['aws'], dayRate: 500 }); // prettier-ignore
    }
  }
  await seedTrendPostings(handle.db, postings);
  await handle.close();
  const rollup = await runCli(['rollup', '--all'], { env });
  expect(rollup.stdout).toContain(`.. ${weekLabel(CURRENT)} (3 weeks)`);
});

describe('the default week, while the current week is rolled up but partial', () => {
  it('is the last complete week for report, trends and gap', async () => {
    const report = await runCli(['report', '--format', 'md'], { env });
    expect(report.stderr).toBe('');
    expect(report.stdout.split('\n')[0]).toBe(`# IT contract market, week ${weekLabel(LAST)}`);
    expect(report.stdout).toMatch(/^10 postings open \(10 new\)/m);
    const trends = await runCli(['trends', 'aws', '--weeks', '2'], { env });
    expect(trends.stdout.split('\n')[0]).toMatch(new RegExp(`\\.\\. ${weekLabel(LAST)}$`));
    const gap = await runCli(['gap', '--skills', 'aws'], { env });
    expect(gap.stdout).toContain(`Week ${weekLabel(LAST)}`);
  });

  it('is still read when asked for with --week', async () => {
    const report = await runCli(['report', '--week', weekLabel(CURRENT), '--format', 'md'], { env }); // prettier-ignore
    expect(report.stdout.split('\n')[0]).toBe(`# IT contract market, week ${weekLabel(CURRENT)}`);
    expect(report.stdout).toMatch(/^2 postings open \(2 new\)/m);
  });
});

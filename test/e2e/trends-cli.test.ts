import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { CLI, runCli } from '../helpers/cli.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

let cwd: string;
let env: Record<string, string>;

// Six weeks to 2026-W47, ten postings a week: aws in every one, terraform in more each week.
const POSTINGS: TrendPosting[] = [];
const SALARIES = new Map<string, number>();
for (let w = 0; w < 6; w += 1) {
  const day = new Date(Date.parse('2026-10-13T09:00:00Z') + w * 7 * 86_400_000).toISOString();
  for (let i = 0; i < 10; i += 1) {
    POSTINGS.push({
      key: `E${w}-${i}`,
      posted: day,
      firstSeen: day,
      contract: i % 2 === 0 ? 'contract' : 'permanent',
      skills: i < w + 2 ? ['aws', 'terraform'] : ['aws'],
      dayRate: i % 2 === 0 ? 400 + 10 * i : undefined,
      country: 'GB',
    });
    // The permanent postings state salaries: 55,000 to 75,000 (set after seeding).
    if (i % 2 === 1) SALARIES.set(`E${w}-${i}`, 50_000 + 2_500 * (i + 1));
  }
}

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-trends-cli-'));
  env = { DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'warn', REPORT_CURRENCY: 'GBP' };
  const handle = await openDatabase({ backend: 'pglite', dataDir: path.join(env.DATA_DIR as string, 'pgdata') }); // prettier-ignore
  await migrateUp(handle.db);
  await seedTrendPostings(handle.db, POSTINGS);
  for (const [key, salary] of SALARIES) {
    await handle.db
      .updateTable('postings')
      .set({ annual_salary: salary, normalized_currency: 'GBP' })
      .where('external_id', '=', key)
      .execute();
  }
  await handle.close();
});

describe('skillpulse rollup, trends and export', () => {
  it('rolls up every week, then nothing changed, then one named week', async () => {
    const all = await runCli(['rollup', '--all'], { cwd, env });
    expect(all.stderr).toBe('');
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(/^rolled up 2026-W42 \.\. 2026-W47 \(6 weeks\) in [\d.]+ s: 36 skill rows/m); // prettier-ignore
    const changed = await runCli(['rollup'], { cwd, env });
    expect(changed.stdout).toMatch(/^rolled up no weeks/m);
    const one = await runCli(['rollup', '--week', '2026-11-18'], { cwd, env });
    expect(one.stdout).toMatch(/^rolled up 2026-W47 \.\. 2026-W47 \(1 weeks\)/m);
  });

  it('shows a skill found by name, with sparklines and week rows', async () => {
    const result = await runCli(['trends', 'Terraform', '--weeks', '6', '--segment', 'contract'], { cwd, env }); // prettier-ignore
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('TERRAFORM (terraform, Cloud), contract postings, 2026-W42 .. 2026-W47');
    // Contract postings with terraform: i even and i < w + 2 -> 1, 2, 2, 3, 3, 4.
    expect(lines[1]).toMatch(/^demand {4}▁▃▃▆▆█ {2}4 postings \(80\.0% of all\)/);
    expect(result.stdout).toMatch(/^2026-W47 +4 +80\.0% +2 /m);
  });

  it('shows rates rounded, p10–p90, salaries, and only the weeks with postings, with "–" explained', async () => {
    const result = await runCli(['trends', 'aws', '--week', '2026-W47'], { cwd, env });
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^AWS \(aws, Cloud\), all postings, 2026-W22 \.\. 2026-W47$/m);
    // Contract rates 400, 420, ..., 480 every week; permanent postings state salaries.
    expect(out).toMatch(
      /^day rate {22}▁{6} {2}median 440 GBP \(p10 408, p25 420, p75 460, p90 472; 5 rates\)$/m,
    );
    expect(out).toMatch(
      /^salary {4}.* {2}median 65,000 GBP \(p10 57,000, p25 60,000, p75 70,000, p90 73,000; 5 salaries\)$/m,
    );
    expect(out).not.toMatch(/\d\.\d\d\b/); // no rate with decimals
    expect(out).toMatch(
      /^week +postings +share +rank +1 week +1 year +day rate \(p25–p75\) +p10–p90 +rates +salary$/m,
    );
    expect(out).toMatch(
      /^2026-W47 +10 +100\.0% +1 +0 +– +440 \(420–460\) +408–472 +5 +65,000 \(5\)$/m,
    );
    expect(out).toMatch(/^countries 2026-W47: GB 10 \(100%\)$/m);
    expect(out).toMatch(/^work mode 2026-W47: on site 10 \(100%\)$/m);
    // 26 weeks asked, six with postings: only those six are rows.
    expect(out.match(/^2026-W\d\d /gm)).toHaveLength(6);
    expect(out).toContain('6 of the 26 weeks to 2026-W47 have postings; the others are left out');
    expect(out).toMatch(/^– : no figure\. "1 week" and "1 year" need the skill ranked/m);
  });

  it('exports a view as CSV and as JSON, with the same rows', async () => {
    const csv = await runCli(['export', 'trend_skill_demand', '--since', '2026-W46'], { cwd, env }); // prettier-ignore
    expect(csv.code).toBe(0);
    const [header, ...rows] = csv.stdout.trim().split('\n');
    expect(header?.split(',').slice(0, 6)).toEqual(['week', 'skill_id', 'skill', 'category', 'segment', 'postings']); // prettier-ignore
    // 2 weeks x 2 skills x 3 segments (all, contract, permanent).
    expect(rows).toHaveLength(12);
    expect(rows[0]).toMatch(/^2026-11-09,aws,AWS,cloud,all,10,1,1,/);
    const out = path.join(cwd, 'demand.json');
    const json = await runCli(['export', 'trend_skill_demand', '--since', '2026-W46', '--format', 'json', '--out', out], { cwd, env }); // prettier-ignore
    expect(json.stderr).toMatch(/wrote 12 rows of trend_skill_demand/);
    const parsed = JSON.parse(readFileSync(out, 'utf8')) as { week: string; postings: number }[];
    expect(parsed).toHaveLength(12);
    expect(parsed[0]).toMatchObject({ week: '2026-11-09', skill_id: 'aws', postings: 10 });
    // A range without rows still has its header: a spreadsheet or script sees the columns.
    const empty = await runCli(['export', 'trend_skill_rates', '--since', '2030-01-07'], {
      cwd,
      env,
    });
    expect(empty.code).toBe(0);
    expect(empty.stdout).toMatch(/^week,skill_id,skill,category,segment,currency,day_rate_count,/);
    expect(empty.stdout.split('\n')).toEqual([expect.any(String), '']);
    expect(empty.stdout).toMatch(/,annual_salary_count,annual_salary_p10,.*,annual_salary_p90\n$/);
  });

  it('makes the weekly report of the newest week, stored and written as asked', async () => {
    const md = await runCli(['report', '--format', 'md'], { cwd, env });
    expect(md.code).toBe(0);
    expect(md.stdout.startsWith('# IT contract market, week 2026-W47\n')).toBe(true);
    expect(md.stdout).toMatch(
      /^\| 1 \| AWS \| 10 \| 100\.0% \| \+0% \| – \| – \| 440 \(420–460\) – \| 408–472 \| 5 \| – \| 65,000 \(5\) \|$/m,
    );
    const out = path.join(cwd, 'reports');
    const json = await runCli(['report', '--week', '2026-W46', '--format', 'json', '--out', out], { cwd, env }); // prettier-ignore
    expect(json.stdout).toMatch(/wrote .*skillpulse-report-2026-W46\.json/);
    const report = JSON.parse(readFileSync(path.join(out, 'skillpulse-report-2026-W46.json'), 'utf8')) as { market: { postings: number } }; // prettier-ignore
    expect(report.market.postings).toBe(10);
    const all = await runCli(['report', '--week', '2026-W46', '--out', out], { cwd, env });
    expect(all.stdout.match(/wrote .*skillpulse-report-2026-W46\.(html|md|json)$/gm)).toHaveLength(3); // prettier-ignore
    const page = readFileSync(path.join(out, 'skillpulse-report-2026-W46.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('data-chart="all-demand"');
    const missing = await runCli(['report', '--week', '2030-W02'], { cwd, env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/week 2030-W02 \(2030-01-07\) has not been rolled up/);
  });

  it('names bad input and exits 2', async () => {
    const view = await runCli(['export', 'postings'], { cwd, env });
    expect(view.code).toBe(2);
    expect(view.stderr).toMatch(/no trend view "postings": expected one of trend_market/);
    const week = await runCli(['rollup', '--week', '2026-W54'], { cwd, env });
    expect(week.code).toBe(2);
    expect(week.stderr).toMatch(/"2026-W54" is not a week of 2026/);
    const future = await runCli(['rollup', '--week', '2031-W01'], { cwd, env });
    expect(future.code).toBe(2);
    expect(future.stderr).toMatch(/--week 2031-W01 is in the future \(this week is 20\d\d-W\d\d\)/);
    const since = await runCli(['rollup', '--since', '2031-01-01'], { cwd, env });
    expect(since.code).toBe(2);
    expect(since.stderr).toMatch(/--since 2031-W01 is in the future/);
    const weeks = await runCli(['trends', 'aws', '--weeks', '100000'], { cwd, env });
    expect(weeks.code).toBe(2);
    expect(weeks.stderr).toMatch(/expected at most 520 weeks/);
    const skill = await runCli(['trends', 'cobol-on-mars'], { cwd, env });
    expect(skill.code).toBe(2);
    expect(skill.stderr).toMatch(/no skill called "cobol-on-mars"/);
  });
});

describe('skillpulse gap and serve', () => {
  it('prints the skill gap, and names an unknown skill', async () => {
    // terraform rode along with aws in 2 to 7 of ten postings a week: adjacent to aws.
    const gap = await runCli(['gap', '--skills', 'AWS'], { cwd, env });
    expect(gap.code).toBe(0);
    expect(gap.stdout).toMatch(/^Skill gap — Week 2026-W47; rates are day rates in GBP\.$/m);
    expect(gap.stdout).toMatch(/^AWS\s+10\s+–\s+440\s+5$/m);
    expect(gap.stdout).toMatch(/^TERRAFORM\s+[\d.]+\s+AWS\s+7\s/m);
    const json = await runCli(['gap', '--skills', 'aws', '--format', 'json'], { cwd, env });
    expect((JSON.parse(json.stdout) as { adjacent: { id: string }[] }).adjacent[0]?.id).toBe('terraform'); // prettier-ignore
    const unknown = await runCli(['gap', '--skills', 'aws, klingon'], { cwd, env });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no skill "klingon" in the taxonomy/);
  });

  it('serves the dashboard until SIGTERM, then exits 0', async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const deadline = Date.now() + 30_000;
    while (!/dashboard at (\S+)\//.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100)); // prettier-ignore
    const url = /dashboard at (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout)?.[1];
    expect(url, stdout).toBeDefined();
    expect(await (await fetch(`${url}/api/health`)).json()).toEqual({ status: 'ok', week: '2026-11-16' }); // prettier-ignore
    const page = await fetch(`${url}/skills/aws`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>AWS</h1>');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});

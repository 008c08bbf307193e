import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CareerPlan } from '../../src/career/plan.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { addWeeks } from '../../src/trends/weeks.js';
import { runCli } from '../helpers/cli.js';

/*
 * `skillpulse career` on rolled-up tables written by hand: 30 weeks to 2026-W47 of a
 * market of 1,000 postings a week, the skills' series, and three roles (plus one whose
 * name is markup) with their profiles. The figures expected are worked out in comments.
 */

const W = '2026-11-16';
const WEEKS = 30;
const HOSTILE = '<script>alert("x")</script> Engineer';

interface SkillSeed {
  id: string;
  name: string;
  rate: number;
  demand: (t: number) => number;
  certification?: boolean;
  aliases?: string[];
}
const SKILLS: SkillSeed[] = [
  { id: 'aws', name: 'AWS', rate: 500, demand: (t) => (t % 2 === 0 ? 295 : 305) },
  { id: 'terraform', name: 'Terraform', rate: 550, demand: () => 200 },
  { id: 'python', name: 'Python', rate: 450, demand: () => 250 },
  { id: 'kubernetes', name: 'Kubernetes', rate: 650, demand: () => 150 },
  { id: 'security', name: 'Security', rate: 600, demand: () => 100 },
  { id: 'cissp', name: 'CISSP', rate: 700, demand: () => 50, certification: true, aliases: ['ISC2 CISSP'] }, // prettier-ignore
  // 200 down to 26: fading.
  { id: 'cobol', name: 'COBOL', rate: 300, demand: (t) => 200 - 6 * t },
  // 10 up to 155: rising.
  { id: 'go', name: 'Go', rate: 1200, demand: (t) => 10 + 5 * t },
];

interface RoleSeed {
  id: string;
  name: string;
  postings: number;
  rate: number;
  years: number | null;
  profile: [string, number][];
}
const ROLES: RoleSeed[] = [
  // aws + terraform + python: (0.8 + 0.6 + 0.2) / 2.0 = 0.8
  { id: 'cloud-engineer', name: 'Cloud Engineer', postings: 100, rate: 520, years: 4, profile: [['aws', 0.8], ['terraform', 0.6], ['kubernetes', 0.4], ['python', 0.2]] }, // prettier-ignore
  // (0.5 + 0.3) / 2.0 = 0.4
  { id: 'cloud-security-architect', name: 'Cloud Security Architect', postings: 20, rate: 800, years: 8, profile: [['security', 0.7], ['aws', 0.5], ['cissp', 0.5], ['terraform', 0.3]] }, // prettier-ignore
  // (0.6 + 0.3) / 1.7 = 0.53
  { id: 'security-engineer', name: 'Security Engineer', postings: 10, rate: 650, years: null, profile: [['security', 0.8], ['aws', 0.6], ['python', 0.3]] }, // prettier-ignore
  // aws alone: fit 1.0
  { id: 'hostile-engineer', name: HOSTILE, postings: 5, rate: 900, years: null, profile: [['aws', 1]] }, // prettier-ignore
];

/** Rows of every table written here, role tables included, typed loosely: test data. */
type SeedTables = Record<string, Record<string, unknown>>;

async function seed(db: Kysely<SeedTables>): Promise<void> {
  const weeks = Array.from({ length: WEEKS }, (_, t) => addWeeks(W, t - (WEEKS - 1)));
  await db
    .insertInto('market_weekly')
    .values(
      weeks.map((week) => ({
        week,
        segment: 'all',
        postings: 1000,
        new_postings: 100,
        currency: 'GBP',
      })),
    ) // prettier-ignore
    .execute();
  await db
    .insertInto('skills')
    .values(
      SKILLS.map((s) => ({
        id: s.id,
        name: s.name,
        category: s.id === 'security' || s.id === 'cissp' ? 'cybersecurity' : 'cloud',
        aliases: JSON.stringify(s.aliases ?? []),
        is_certification: s.certification ?? false,
      })),
    )
    .execute();
  await db
    .insertInto('skill_weekly')
    .values(
      SKILLS.flatMap((s) =>
        weeks.map((week, t) => ({
          week,
          segment: 'all',
          skill_id: s.id,
          postings: s.demand(t),
          share: s.demand(t) / 1000,
          rank: 1,
          day_rate_count: 20,
          day_rate_median: s.rate,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('skill_pairs')
    .values({
      week: W,
      window_weeks: 13,
      skill_id: 'cobol',
      related_skill_id: 'go',
      postings: 10,
      share: 0.2,
      lift: 3,
    }) // prettier-ignore
    .execute();
  await db
    .insertInto('roles')
    .values(ROLES.map((r) => ({ id: r.id, name: r.name, category: 'cloud' })))
    .execute();
  // Demand week by week; rates, years and profiles over the window of 13 weeks to W, with
  // as many postings as a week: the planner reads each from its own table.
  await db
    .insertInto('role_weekly')
    .values(
      ROLES.flatMap((r) =>
        weeks.map((week) => ({
          week,
          segment: 'all',
          role_id: r.id,
          postings: r.postings,
          share: r.postings / 1000,
          rank: 1,
        })),
      ),
    )
    .execute();
  await db
    .insertInto('role_window')
    .values(
      ROLES.map((r) => ({
        week: W,
        window_weeks: 13,
        segment: 'all',
        role_id: r.id,
        postings: r.postings,
        share: r.postings / 1000,
        day_rate_count: 20,
        day_rate_p25: r.rate - 50,
        day_rate_median: r.rate,
        day_rate_p75: r.rate + 50,
        experience_years_count: r.years === null ? 0 : 10,
        experience_years_median: r.years,
      })),
    )
    .execute();
  await db
    .insertInto('role_profile_window')
    .values(
      ROLES.flatMap((r) =>
        r.profile.map(([skill, share]) => ({
          week: W,
          window_weeks: 13,
          role_id: r.id,
          skill_id: skill,
          postings: Math.round(share * r.postings),
          share,
        })),
      ),
    )
    .execute();
}

let env: Record<string, string>;
let cwd: string;
const career = (...args: string[]) =>
  runCli(['career', '--week', '2026-W47', ...args], { env, cwd });

beforeAll(async () => {
  cwd = mkdtempSync(path.join(tmpdir(), 'skillpulse-career-cli-'));
  env = { DATA_DIR: path.join(cwd, 'data'), LOG_LEVEL: 'warn', REPORT_CURRENCY: 'GBP' };
  const handle = await openDatabase({ backend: 'pglite', dataDir: path.join(env.DATA_DIR!, 'pgdata') }); // prettier-ignore
  await migrateUp(handle.db);
  await seed(handle.db as unknown as Kysely<SeedTables>);
  await handle.close();
});

describe('skillpulse career', () => {
  it('answers in JSON with the whole plan', async () => {
    const result = await career('--skills', 'aws, Terraform, python, cobol', '--years', '6', '--target', 'cloud security architect', '--format', 'json'); // prettier-ignore
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const plan = JSON.parse(result.stdout) as CareerPlan;
    // Fitted ≥ 0.5: cloud engineer 520 (100 postings), security engineer 650 (10),
    // hostile 900 (5): half of 115 is reached at 520.
    expect(plan.currentRate).toMatchObject({ dayRate: 520, basis: 'roles' });
    // hostile 1.0 × 0.73 = 0.73; architect 0.4 × 0.54 = 0.22; security engineer 0.53 × 0.25 = 0.13.
    expect(plan.roles.map((r) => r.id)).toEqual([
      'hostile-engineer',
      'cloud-security-architect',
      'security-engineer',
    ]);
    expect(plan.target!.fitNow).toBeCloseTo(0.4);
    expect(plan.target!.missingCore).toEqual(['security', 'cissp']);
    expect(plan.target!.steps.map((s) => s.id)).toEqual(['security', 'cissp']);
    expect(plan.target!.experience).toEqual({ asked: 8, yours: 6, short: 2 });
    expect(plan.target!.onTheWay.map((r) => r.id)).toEqual(['security-engineer']);
    const cobol = plan.currencyOfSkills.find((c) => c.id === 'cobol')!;
    expect(cobol.class).toBe('fading');
    expect(cobol.risingPartners.map((p) => p.id)).toEqual(['go']);
    expect(plan.forecasts.map((f) => `${f.kind}:${f.id}`)).toContain('skill:aws');
  });

  it('answers in text, readable in a terminal', async () => {
    const result = await career('--skills', 'aws, terraform, python, cobol', '--certs', 'isc2 cissp', '--years', '6', '--target', 'Cloud Security Architect'); // prettier-ignore
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = result.stdout;
    expect(out.split('\n')[0]).toBe('Career plan — week 2026-W47');
    expect(out).toContain('Skills: AWS, Terraform, Python, COBOL. Certifications: CISSP. Experience: 6 years.'); // prettier-ignore
    expect(out).toMatch(/^What your skills fetch now: 520 a day/m);
    expect(out).toMatch(/^ {2}Cloud Security Architect +20 +65\.0% +800 +750–850 +\+54%/m);
    expect(out).toContain('Warning: COBOL is fading. Rising skills asked with it: Go (lift 3.0).');
    expect(out).toMatch(/^Dream job: Cloud Security Architect$/m);
    expect(out).toContain('you have 6: 2 short');
    // Prose is wrapped for the terminal; tables (indented) keep their rows whole.
    const prose = out.split('\n').filter((line) => !line.startsWith('  '));
    expect(prose.filter((line) => line.length > 96)).toEqual([]);
  });

  it('answers in HTML with crawled names escaped, to a file with --out', async () => {
    const file = path.join(cwd, 'plan.html');
    const result = await career('--skills', 'aws, terraform', '--format', 'html', '--out', file);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(`wrote ${file}\n`);
    const page = readFileSync(file, 'utf8');
    expect(page).toContain('<h1>Career plan</h1>');
    expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Engineer');
    expect(page).not.toContain('<script>alert');
  });

  it('names the nearest known skills, certifications and roles to unknown ones (exit 2)', async () => {
    const skill = await career('--skills', 'aws, terrafrom');
    expect(skill.code).toBe(2);
    expect(skill.stderr).toContain('no skill "terrafrom" in the taxonomy; nearest: Terraform');
    const cert = await career('--skills', 'aws', '--certs', 'cisp');
    expect(cert.code).toBe(2);
    expect(cert.stderr).toContain('no certification "cisp" in the taxonomy; nearest: CISSP');
    const role = await career('--skills', 'aws', '--target', 'cloud securty architekt');
    expect(role.code).toBe(2);
    expect(role.stderr).toContain(
      'no role "cloud securty architekt" in the taxonomy; nearest: Cloud Security Architect',
    );
    expect(role.stdout).toBe('');
  });

  it('reads a target no name matches as a job title, through the title normalizer', async () => {
    const result = await career('--skills', 'aws', '--target', 'Senior Cloud Security Architect (Contract)', '--format', 'json'); // prettier-ignore
    expect(result.stderr).toBe('');
    expect((JSON.parse(result.stdout) as CareerPlan).target!.id).toBe('cloud-security-architect');
  });
});

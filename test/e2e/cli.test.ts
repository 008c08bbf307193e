import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../../package.json' with { type: 'json' };
import { ADMIN_DATABASE_URL, adminQuery } from '../helpers/database.js';
import { CLI, runCli, runNode, ROOT } from '../helpers/cli.js';

const ADVERTISING = /injected env|dotenvx|tip:|vestauth/i;

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'skillpulse-cli-'));
}

describe('skillpulse CLI', () => {
  it('is built where package.json points its bin', () => {
    expect(path.resolve(ROOT, pkg.bin.skillpulse)).toBe(CLI);
    expect(existsSync(CLI)).toBe(true);
  });

  it('lists its commands with --help and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: skillpulse/);
    for (const command of ['demo', 'sources', 'crawl', 'import', 'rate', 'migrate', 'config']) {
      expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it.each(
    [['migrate'], ['migrate', 'up'], ['migrate', 'down'], ['migrate', 'status'], ['config']].map(
      (command) => [command.join(' '), command] as const,
    ),
  )('has --help for %s', async (_name, command) => {
    const result = await runCli([...command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: skillpulse ${command.join(' ')}`);
  });

  it('parses a rate from text as JSON, or null for no rate', async () => {
    const rate = await runCli(['rate', '£450-500/day outside IR35']);
    expect(rate.code).toBe(0);
    expect(JSON.parse(rate.stdout)).toMatchObject({
      min: 450,
      max: 500,
      currency: 'GBP',
      period: 'day',
      origin: 'text',
    });
    const none = await runCli(['rate', 'Competitive + 401(k) match']);
    expect(none.stdout).toBe('null\n');
  });

  it('prints its version', async () => {
    const result = await runCli(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('exits 2 on an unknown command or option, with the error on stderr', async () => {
    const unknown = await runCli(['crawl-everything']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'crawl-everything'/);
    expect(unknown.stdout).toBe('');
    const badOption = await runCli(['migrate', 'status', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/unknown option '--colour'/);
  });

  it('names DATABASE_URL and exits 2 when it is nonsense', async () => {
    const result = await runCli(['migrate'], { env: { DATABASE_URL: 'nonsense' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('DATABASE_URL: expected a PostgreSQL URL');
    expect(result.stdout).toBe('');
  });

  it('names every bad setting at once', async () => {
    const result = await runCli(['config'], {
      env: { LOG_LEVEL: 'loud', REPORT_CURRENCY: 'pounds' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('LOG_LEVEL: expected one of');
    expect(result.stderr).toContain('REPORT_CURRENCY: expected a three-letter');
  });

  it('reports an unreachable database as a failure, exit 1, without the password', async () => {
    const result = await runCli(['migrate', 'status'], {
      env: { DATABASE_URL: 'postgres://app:s3cret@127.0.0.1:1/skillpulse' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /cannot connect to PostgreSQL at postgres:\/\/app:\*\*\*@127\.0\.0\.1:1/,
    );
    expect(result.stderr).not.toContain('s3cret');
  });

  it('shows the configuration with secrets masked', async () => {
    const result = await runCli(['config'], {
      env: { DATABASE_URL: 'postgres://app:s3cret@db:5432/sp', REPORT_CURRENCY: 'GBP' },
    });
    expect(result.code).toBe(0);
    const shown = JSON.parse(result.stdout) as Record<string, string | null>;
    expect(shown).toMatchObject({
      DATABASE_URL: 'postgres://app:***@db:5432/sp',
      REPORT_CURRENCY: 'GBP',
      REDIS_URL: null,
    });
  });

  describe('migrate on the embedded database', () => {
    const cwd = tempDir();
    it('creates the schema in DATA_DIR on a fresh directory, then reports it', async () => {
      const dataDir = path.join(cwd, 'data');
      const up = await runCli(['migrate'], { cwd, env: { DATA_DIR: dataDir } });
      expect(up.stderr).toBe('');
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/applied 2026_11_24_000000_create_sources_and_crawl_runs/);
      expect(up.stdout).toMatch(/pglite .*up to date \(\d+ migrations\)/);
      expect(existsSync(path.join(dataDir, 'pgdata', 'PG_VERSION'))).toBe(true);
      // The lock is released when the command ends.
      expect(existsSync(path.join(dataDir, 'pgdata', 'skillpulse.lock'))).toBe(false);

      const status = await runCli(['migrate', 'status', '--json'], {
        cwd,
        env: { DATA_DIR: dataDir },
      });
      expect(status.code).toBe(0);
      const parsed = JSON.parse(status.stdout) as {
        backend: string;
        migrations: { executedAt: string | null }[];
      };
      expect(parsed.backend).toBe('pglite');
      expect(parsed.migrations.length).toBeGreaterThanOrEqual(6);
      expect(parsed.migrations.every((m) => m.executedAt !== null)).toBe(true);
    });

    it('uses ./.skillpulse when DATA_DIR is not set', async () => {
      const dir = tempDir();
      const up = await runCli(['migrate', 'up'], { cwd: dir });
      expect(up.code).toBe(0);
      expect(existsSync(path.join(dir, '.skillpulse', 'pgdata', 'PG_VERSION'))).toBe(true);
    });

    it('refuses a data directory that another live process holds', async () => {
      const dataDir = path.join(cwd, 'locked');
      const pgdata = path.join(dataDir, 'pgdata');
      await runCli(['migrate'], { cwd, env: { DATA_DIR: dataDir } });
      // This test process is alive: its pid in the lock file stands for a running owner.
      writeFileSync(path.join(pgdata, 'skillpulse.lock'), String(process.pid));
      const blocked = await runCli(['migrate', 'status'], { cwd, env: { DATA_DIR: dataDir } });
      expect(blocked.code).toBe(1);
      expect(blocked.stderr).toContain(`in use by process ${process.pid}`);
      // A lock left by a process that is gone is taken over.
      writeFileSync(path.join(pgdata, 'skillpulse.lock'), '999999999');
      const taken = await runCli(['migrate', 'status'], { cwd, env: { DATA_DIR: dataDir } });
      expect(taken.code).toBe(0);
    });
  });

  describe('migrate on PostgreSQL', () => {
    const name = `skillpulse_cli_${process.pid}_${Date.now()}`;
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${name}`;
    beforeAll(() => adminQuery(`create database ${name}`));
    afterAll(() => adminQuery(`drop database if exists ${name} with (force)`));

    it('applies, reverts and re-applies migrations', async () => {
      const env = { DATABASE_URL: url.toString() };
      const up = await runCli(['migrate'], { env });
      expect(up.code).toBe(0);
      expect(up.stdout).toMatch(/^postgres .*up to date/m);
      const down = await runCli(['migrate', 'down'], { env });
      expect(down.code).toBe(0);
      expect(down.stdout).toMatch(/^reverted 2026_/m);
      const status = await runCli(['migrate', 'status'], { env });
      expect(status.stdout).toMatch(/1 pending/);
      const again = await runCli(['migrate', 'up'], { env });
      expect(again.stdout.match(/^applied /gm)).toHaveLength(1);
    });
  });

  it('never prints dotenv advertising, and a .env file does not leak into the environment', async () => {
    const cwd = tempDir();
    writeFileSync(
      path.join(cwd, '.env'),
      'DATABASE_URL=postgres://leaked@nowhere/db\nLEAKED=yes\n',
    );
    const naturalModule = path.join(ROOT, 'dist/src/nlp/natural.js');
    const probe = await runNode(
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(naturalModule)});
         console.log(JSON.stringify({ stem: m.natural.PorterStemmer.stem('testing'),
           leaked: process.env.LEAKED ?? null, db: process.env.DATABASE_URL ?? null }));`,
      ],
      { cwd },
    );
    expect(probe.stderr).toBe('');
    expect(probe.stdout).not.toMatch(ADVERTISING);
    expect(JSON.parse(probe.stdout)).toEqual({ stem: 'test', leaked: null, db: null });

    for (const args of [['--help'], ['config'], ['migrate', '--help']]) {
      const result = await runCli(args, { cwd });
      expect(result.stdout + result.stderr).not.toMatch(ADVERTISING);
    }
  });
});

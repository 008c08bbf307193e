import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig, redactUrl } from '../../src/config/config.js';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

function tempFile(name: string, text: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillpulse-config-')), name);
  writeFileSync(file, text);
  return file;
}

describe('loadConfig', () => {
  it('falls back to the embedded defaults when nothing is set', () => {
    const config = loadConfig({ env: {} });
    expect(config).toMatchObject({
      databaseUrl: undefined,
      redisUrl: undefined,
      dataDir: path.resolve('.skillpulse'),
      logLevel: 'info',
      logFormat: 'auto',
      chromiumPath: '/usr/bin/chromium',
      reportCurrency: 'USD',
      configFile: undefined,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads every variable from the environment, treating empty as unset', () => {
    const config = loadConfig({
      env: {
        DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
        REDIS_URL: 'redis://127.0.0.1:6379/2',
        DATA_DIR: '/var/lib/skillpulse',
        LOG_LEVEL: 'debug',
        LOG_FORMAT: 'json',
        CHROMIUM_PATH: '/opt/chromium/chrome',
        REPORT_CURRENCY: 'GBP',
        SKILLPULSE_CONFIG: '',
      },
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      redisUrl: 'redis://127.0.0.1:6379/2',
      dataDir: '/var/lib/skillpulse',
      logLevel: 'debug',
      logFormat: 'json',
      chromiumPath: '/opt/chromium/chrome',
      reportCurrency: 'GBP',
    });
  });

  it('names every bad variable and what it expected, all at once', () => {
    const problems = problemsOf(() =>
      loadConfig({
        env: {
          DATABASE_URL: 'nonsense',
          REDIS_URL: 'http://127.0.0.1:6379',
          LOG_LEVEL: 'loud',
          REPORT_CURRENCY: 'pounds',
        },
      }),
    );
    expect(problems).toEqual([
      'DATABASE_URL: expected a PostgreSQL URL such as postgres://user@127.0.0.1:5432/skillpulse',
      'REDIS_URL: expected a Redis URL such as redis://127.0.0.1:6379',
      'LOG_LEVEL: expected one of trace, debug, info, warn, error, fatal, silent, got "loud"',
      'REPORT_CURRENCY: expected a three-letter ISO 4217 currency code such as USD, GBP or EUR, got "pounds"',
    ]);
  });

  it('never echoes a secret back, even a malformed one', () => {
    const problems = problemsOf(() =>
      loadConfig({ env: { DATABASE_URL: 'mysql://app:hunter2@db/prod' } }),
    );
    expect(problems.join('\n')).not.toContain('hunter2');
    expect(problems[0]).toMatch(/^DATABASE_URL: expected a PostgreSQL URL/);
  });

  it('reads a YAML config file, which the environment overrides', () => {
    const file = tempFile(
      'skillpulse.yaml',
      'dataDir: /srv/skillpulse\nreportCurrency: EUR\nlogLevel: warn\n',
    );
    const config = loadConfig({ env: { LOG_LEVEL: 'error' }, configFile: file });
    expect(config.dataDir).toBe('/srv/skillpulse');
    expect(config.reportCurrency).toBe('EUR');
    expect(config.logLevel).toBe('error');
    expect(config.configFile).toBe(file);
  });

  it('reads a JSON config file named by SKILLPULSE_CONFIG', () => {
    const file = tempFile('skillpulse.json', JSON.stringify({ reportCurrency: 'GBP' }));
    expect(loadConfig({ env: { SKILLPULSE_CONFIG: file } }).reportCurrency).toBe('GBP');
  });

  it('rejects a missing file, unknown settings and bad values in the file', () => {
    expect(problemsOf(() => loadConfig({ env: {}, configFile: '/nonexistent/sp.yaml' }))).toEqual([
      '--config: config file /nonexistent/sp.yaml does not exist',
    ]);
    expect(
      problemsOf(() => loadConfig({ env: { SKILLPULSE_CONFIG: '/nonexistent/sp.yaml' } })),
    ).toEqual(['SKILLPULSE_CONFIG: config file /nonexistent/sp.yaml does not exist']);
    const file = tempFile('bad.yaml', 'dataDirectory: /x\nreportCurrency: euro\n');
    const problems = problemsOf(() => loadConfig({ env: {}, configFile: file }));
    expect(problems[0]).toMatch(/unknown setting "dataDirectory"/);
    expect(problems[1]).toBe(
      `reportCurrency in ${file}: expected a three-letter ISO 4217 currency code such as USD, GBP or EUR, got "euro"`,
    );
    const notYaml = tempFile('broken.yaml', 'dataDir: [unclosed\n');
    expect(problemsOf(() => loadConfig({ env: {}, configFile: notYaml }))[0]).toMatch(
      /not valid YAML or JSON/,
    );
  });
});

describe('describeConfig', () => {
  it('masks passwords but keeps hosts readable', () => {
    const shown = describeConfig(
      loadConfig({ env: { DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/skillpulse' } }),
    );
    expect(shown.DATABASE_URL).toBe('postgres://app:***@db.internal:5432/skillpulse');
    expect(shown.REDIS_URL).toBeNull();
    expect(redactUrl('not a url')).toBe('***');
  });
});

describe('source settings', () => {
  it('name a misspelt or invalid setting of a source', async () => {
    const { resolveSources } = await import('../../src/sources/registry.js');
    expect(
      problemsOf(() => resolveSources({ sources: { greenhouse: { bords: ['gitlab'] } } })),
    ).toEqual(['sources.greenhouse: Unrecognized key: "bords"']);
    expect(
      problemsOf(() =>
        resolveSources({
          sources: { lever: { sites: ['x'], politeness: { maxRetries: -1 } } },
        }),
      )[0],
    ).toMatch(/^sources\.lever\.politeness\.maxRetries: /);
    expect(
      problemsOf(() => resolveSources({ sources: { mine: { adapter: 'monster' } } }))[0],
    ).toMatch(/^sources\.mine: unknown adapter "monster"/);
    const [lever] = resolveSources({
      sources: { lever: { sites: 'a, b', politeness: { maxRetries: 1 } } },
    }).filter((s) => s.id === 'lever');
    expect(lever).toMatchObject({
      enabled: true,
      config: { sites: ['a', 'b'] },
      politeness: { maxRetries: 1 },
      schedule: '0 */6 * * *',
    });
  });

  it('take a crawl schedule as a cron pattern', async () => {
    const { resolveSources } = await import('../../src/sources/registry.js');
    const remotive = (schedule: unknown) =>
      resolveSources({ sources: { remotive: { schedule } } }).find((s) => s.id === 'remotive'); // prettier-ignore
    expect(remotive('30 2 * * 1')?.schedule).toBe('30 2 * * 1');
    expect(remotive('0 0 */2 * * *')?.schedule).toBe('0 0 */2 * * *');
    for (const bad of ['hourly', '* * *', 5, '0 0 * * * * *']) {
      expect(problemsOf(() => remotive(bad))[0]).toMatch(
        /^sources\.remotive\.schedule: expected a cron pattern/,
      );
    }
  });
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeConfig, loadConfig } from '../../src/config/config.js';
import { rollupOptions } from '../../src/trends/rollup.js';

function problemsOf(fn: () => unknown): readonly string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('retention settings', () => {
  it('keep 26 weeks of related skills and 90 days of payloads as crawled by default', () => {
    const config = loadConfig({ env: {} });
    expect(config.relatedSkillsRetentionWeeks).toBe(26);
    expect(config.rawPayloadRetentionDays).toBe(90);
    expect(rollupOptions(config).retention).toEqual({ relatedSkillsWeeks: 26, rawPayloadDays: 90 }); // prettier-ignore
    expect(describeConfig(config)).toMatchObject({
      RELATED_SKILLS_RETENTION_WEEKS: '26',
      RAW_PAYLOAD_RETENTION_DAYS: '90',
    });
  });

  it('read a number, or all to keep everything, from the environment', () => {
    const config = loadConfig({
      env: { RELATED_SKILLS_RETENTION_WEEKS: ' 52 ', RAW_PAYLOAD_RETENTION_DAYS: 'ALL' },
    });
    expect(config.relatedSkillsRetentionWeeks).toBe(52);
    expect(config.rawPayloadRetentionDays).toBe('all');
    expect(describeConfig(config).RAW_PAYLOAD_RETENTION_DAYS).toBe('all');
  });

  it('read numbers and all from a config file, which the environment overrides', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-retention-'));
    const file = path.join(dir, 'skillpulse.yaml');
    writeFileSync(file, 'relatedSkillsRetentionWeeks: all\nrawPayloadRetentionDays: 30\n');
    const config = loadConfig({ env: {}, configFile: file });
    expect(config.relatedSkillsRetentionWeeks).toBe('all');
    expect(config.rawPayloadRetentionDays).toBe(30);
    const overridden = loadConfig({ env: { RELATED_SKILLS_RETENTION_WEEKS: '13' }, configFile: file }); // prettier-ignore
    expect(overridden.relatedSkillsRetentionWeeks).toBe(13);
  });

  it('name a bad value and what they accept, zero included', () => {
    expect(
      problemsOf(() =>
        loadConfig({
          env: { RELATED_SKILLS_RETENTION_WEEKS: '0', RAW_PAYLOAD_RETENTION_DAYS: 'forever' },
        }),
      ),
    ).toEqual([
      'RELATED_SKILLS_RETENTION_WEEKS: expected a number of weeks from 1 to 520, or all to keep every week, got "0"',
      'RAW_PAYLOAD_RETENTION_DAYS: expected a number of days from 1 to 3650, or all to keep every payload as crawled, got "forever"',
    ]);
    for (const bad of ['-4', '2.5', '26w', '521', 'none']) {
      const problems = problemsOf(() => loadConfig({ env: { RELATED_SKILLS_RETENTION_WEEKS: bad } })); // prettier-ignore
      expect(problems).toEqual([
        `RELATED_SKILLS_RETENTION_WEEKS: expected a number of weeks from 1 to 520, or all to keep every week, got "${bad}"`,
      ]);
    }
    // Empty is unset, as for every variable: the default.
    expect(loadConfig({ env: { RELATED_SKILLS_RETENTION_WEEKS: ' ' } }).relatedSkillsRetentionWeeks).toBe(26); // prettier-ignore
    const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-retention-'));
    const file = path.join(dir, 'skillpulse.yaml');
    writeFileSync(file, 'rawPayloadRetentionDays: 0\n');
    expect(problemsOf(() => loadConfig({ env: {}, configFile: file }))).toEqual([
      `rawPayloadRetentionDays in ${file}: expected a number of days from 1 to 3650, or all to keep every payload as crawled, got "0"`,
    ]);
  });
});

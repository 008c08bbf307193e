import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { feedWithBadItems, FEED_SKIPS } from '../helpers/bad-input.js';
import { CLI, ROOT, runCli, type CliResult } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-bad-input-cli-'));
chmodSync(dir, 0o755);

/** Seconds a refused DATA_DIR may take: a check at start, nowhere near a spinning process. */
const BOUND_SECS = 20;

/**
 * Runs the CLI as `runCli` does, killed if it outlives the bound (code null then), and as
 * another user where it must lack a permission that root would have.
 */
function runBounded(
  args: readonly string[],
  env: Record<string, string>,
  options: { unprivileged?: boolean } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const asNobody = options.unprivileged === true && process.getuid?.() === 0;
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_SECS * 1000);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('an unusable DATA_DIR', () => {
  const file = path.join(dir, 'a-file');
  writeFileSync(file, 'not a directory');
  const readOnly = path.join(dir, 'read-only');
  mkdirSync(readOnly, { mode: 0o555 });
  chmodSync(readOnly, 0o555);

  it.each([
    ['under /proc', '/proc/skillpulse-data', /\/proc\/skillpulse-data\/pgdata is under \/proc/],
    ['under /sys', '/sys/skillpulse-data', /is under \/sys/],
    ['a file', file, /a-file is a file, not a directory/],
    ['under a file', path.join(file, 'data'), /a-file is a file, not a directory/],
  ])('is refused at start, exit 2, when %s', async (_case, dataDir, problem) => {
    const result = await runBounded(['report'], { DATA_DIR: dataDir });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^skillpulse: invalid configuration:\n {2}DATA_DIR: /);
    expect(result.stderr).toMatch(problem);
  });

  it('is refused at start, exit 2, when it cannot be written or created', async () => {
    for (const dataDir of [readOnly, path.join(readOnly, 'data')]) {
      const result = await runBounded(['report'], { DATA_DIR: dataDir }, { unprivileged: true });
      expect(result.code, dataDir).toBe(2);
      expect(result.stderr, dataDir).toMatch(/DATA_DIR: .*(cannot create|is not writable).*EACCES/); // prettier-ignore
    }
  });
});

describe('skillpulse import of a file with bad items', () => {
  it('stores the good items, reports each skip by reason and warns with the item', async () => {
    const file = path.join(dir, 'remoteok.json');
    writeFileSync(file, feedWithBadItems([1, 2, 3]));
    const env = { DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'warn', LOG_FORMAT: 'json' };
    const result = await runCli(['import', 'remoteok', file], { env });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^remoteok: 3 listings read with FEED, 3 new; skipped: /m);
    for (const [reason, count] of Object.entries(FEED_SKIPS)) {
      expect(result.stdout).toContain(`${count} ${reason}`);
    }
    const warnings = result.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((line) => line.msg === 'malformed item skipped');
    expect(warnings.map((w) => [w.source, w.file, w.item, w.reason])).toEqual([
      ['remoteok', file, '#2', 'expected an item to be an object'],
      ['remoteok', file, '#3', 'job id is not a finite number'],
      ['remoteok', file, '#4', 'too_deep'],
      ['remoteok', file, '#5', 'too_large'],
    ]);
  });
});

import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, ROOT, runCli } from '../helpers/cli.js';

/*
 * What a newcomer meets at the edges of the CLI (issue 22): one answer per line from
 * `tag`, a quiet end when the reader of stdout goes away, files `import` cannot read
 * named without their bytes, sources and skills listed when one is unknown, a config
 * file blamed on where its path came from, reports that do not mix on stdout, and an
 * empty database that says what to run.
 */

const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-edges-'));
const env = (name: string) => ({ DATA_DIR: path.join(dir, name), LOG_LEVEL: 'warn' });

/** A shell pipeline's output, with the exit code of its first command (the CLI). */
function pipeline(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      'bash',
      ['--norc', '--noprofile', '-c', `${script}; exit "\${PIPESTATUS[0]}"`],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', CLI, NODE: process.execPath },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe('skillpulse tag', () => {
  it('writes one line for each line read, an empty one included', async () => {
    const input = [
      '{"id":"a","title":"Go developer","text":"Kubernetes and Terraform"}',
      '',
      '   ',
      'not json',
      '{"id":"b","text":"PostgreSQL"}',
      '',
    ]
      .map((line) => `${line}\n`)
      .join('');
    const result = await runCli(['tag'], { input });
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(6);
    const answers = lines.map((line) => JSON.parse(line) as { id: unknown; skills?: unknown[] });
    expect(answers.map((a) => a.id)).toEqual(['a', null, null, null, 'b', null]);
    expect(answers[1]).toEqual({ id: null, skills: [] });
    expect(answers[5]).toEqual({ id: null, skills: [] });
    expect(answers[0]?.skills?.length).toBe(3);
    // The line that is no JSON is an error of its own: exit 1, as before.
    expect(result.code).toBe(1);
  });

  it('ends quietly, exit 0, when its reader goes away (| head)', async () => {
    const input = path.join(dir, 'many.jsonl');
    writeFileSync(
      input,
      Array.from(
        { length: 20_000 },
        (_, i) => `{"id":${i},"title":"Go developer","text":"Kubernetes, Terraform and AWS"}`,
      ).join('\n'),
    );
    const result = await pipeline(`"$NODE" "$CLI" tag < ${input} | head -n 2`);
    expect(result.stdout.trim().split('\n')).toHaveLength(2);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it('--help into head ends quietly too', async () => {
    const result = await pipeline('"$NODE" "$CLI" --help | head -n 1');
    expect(result.stdout).toMatch(/^Usage: skillpulse/);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
  });
});

describe('skillpulse import of a file it cannot use', () => {
  const file = (name: string, content: string | Buffer) => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
  };

  it.each([
    ['empty', '', /empty\.json is empty: there is nothing to import/],
    [
      'truncated',
      '{"jobs":[{"id":1,"title":"Senior Go engineer","description":"Kubern',
      /truncated\.json: remoteok cannot read it: not valid JSON: .*the file ends early: is it cut off\? \(it starts "\{\\"jobs\\":/,
    ],
    [
      'binary',
      Buffer.concat([
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
        Buffer.from('\u001b]0;pwned\u0007'.repeat(100)),
      ]),
      /binary\.json is a binary file \(it starts "\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\r/,
    ],
    [
      'an HTML page',
      `<html><body>${'\u001b[31m'.repeat(200)}</body></html>`,
      /an HTML page\.json: remoteok cannot read it: not valid JSON: Unexpected token '<' \(it starts "<html><body>\\x1b\[31m/,
    ],
  ])('names an %s file, exit 2, without its raw bytes', async (name, content, message) => {
    const result = await runCli(['import', 'remoteok', file(`${name}.json`, content)], {
      env: env('import'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    const printed = result.stderr.replace(/\n$/, '');
    expect([...printed].filter((c) => (c.codePointAt(0) ?? 0) < 0x20 || c === '\u0089')).toEqual(
      [],
    );
    expect(printed.length).toBeLessThan(400);
  });

  it('lists the known sources for an unknown one', async () => {
    const result = await runCli(['import', 'nosuchsource', file('x.json', '{}')], {
      env: env('import'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /^skillpulse: unknown source "nosuchsource": known sources are .*\bremoteok\b.*\bgreenhouse\b.*, and the generic adapters .*\bjsonld\b.*\brss\b/,
    );
  });
});

describe('the config file and DATA_DIR', () => {
  it('blames a missing --config file on --config, and SKILLPULSE_CONFIG on itself', async () => {
    const flag = await runCli(['--config', '/nonexistent/sp.yaml', 'config']);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('--config: config file /nonexistent/sp.yaml does not exist');
    expect(flag.stderr).not.toContain('SKILLPULSE_CONFIG');
    const variable = await runCli(['config'], {
      env: { SKILLPULSE_CONFIG: '/nonexistent/sp.yaml' },
    });
    expect(variable.code).toBe(2);
    expect(variable.stderr).toContain(
      'SKILLPULSE_CONFIG: config file /nonexistent/sp.yaml does not exist',
    );
  });

  it('names a DATA_DIR that is a file, exit 2, in every command, even with PostgreSQL', async () => {
    const file = path.join(dir, 'not-a-directory');
    writeFileSync(file, 'x');
    for (const args of [['config'], ['report'], ['sources']]) {
      const result = await runCli(args, {
        env: { DATA_DIR: file, DATABASE_URL: 'postgres://127.0.0.1:1/none' },
      });
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(
        `DATA_DIR: ${file} cannot be the data directory: ${file} is a file, not a directory`,
      );
      expect(result.stderr).not.toMatch(/ENOTDIR|error:/);
    }
  });
});

describe('reports on an empty database', () => {
  beforeAll(async () => {
    // Processing nothing still syncs the taxonomy into the skills table.
    const processed = await runCli(['process'], { env: env('empty') });
    expect(processed.code, processed.stderr).toBe(0);
  }, 120_000);

  it('report says to run the demo or a crawl, not a rollup', async () => {
    const result = await runCli(['report'], { env: env('empty') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/the database holds no postings yet: run `skillpulse demo`/);
    expect(result.stderr).toMatch(/`skillpulse run` to crawl/);
    expect(result.stderr).not.toMatch(/skillpulse rollup/);
  });

  it('report says to process crawled listings that were not processed', async () => {
    const recording = path.join(ROOT, 'test/recordings/remoteok/api-2026-03.json');
    const imported = await runCli(['import', 'remoteok', recording], { env: env('imported') });
    expect(imported.code, imported.stderr).toBe(0);
    const result = await runCli(['report'], { env: env('imported') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not been processed yet: run `skillpulse process`/);
  });

  it('report --format with two formats and no --out is refused before anything runs', async () => {
    const result = await runCli(['report', '--format', 'md,json'], { env: env('empty') });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--format md,json prints 2 reports: give --out <dir>/);
    expect(result.stdout).toBe('');
  });

  it('gap names every unknown skill at once', async () => {
    const result = await runCli(['gap', '--skills', 'python, kubernetez, terraformm'], {
      env: env('empty'),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/"kubernetez", "terraformm"/);
    expect(result.stderr).not.toMatch(/"python"/);
  });
});

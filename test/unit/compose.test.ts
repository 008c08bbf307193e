import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import pkg from '../../package.json' with { type: 'json' };
import { CliContext } from '../../src/cli/context.js';
import { createProgram } from '../../src/cli/program.js';
import { QUEUE_NAMES } from '../../src/pipeline/queues.js';
import { ROOT } from '../helpers/cli.js';

interface Service {
  build?: unknown;
  image?: string;
  command?: string[] | string;
  entrypoint?: string[] | string;
  volumes?: string[];
  depends_on?: Record<string, unknown>;
}

const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service>; volumes?: Record<string, unknown> };
const dockerfile = readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');

const program = createProgram(
  new CliContext({}, { stdout: process.stdout, stderr: process.stderr }),
);

/** The names of a command line up to its first option, matched against the CLI's own tree. */
function resolveCommand(args: readonly string[]): Command | undefined {
  let command: Command = program;
  for (const arg of args) {
    if (arg.startsWith('-')) break;
    const next = command.commands.find((c) => c.name() === arg);
    if (next === undefined) return command.commands.length === 0 ? command : undefined;
    command = next;
  }
  return command === program ? undefined : command;
}

const ownServices = Object.entries(compose.services).filter(([, s]) => s.build !== undefined);

describe('docker-compose.yml', () => {
  it('runs postgres, redis with persistence, grafana and the skillpulse image', () => {
    expect(Object.keys(compose.services)).toEqual(
      expect.arrayContaining(['postgres', 'redis', 'grafana']),
    );
    const redis = compose.services.redis!;
    expect(redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(redis.volumes?.some((v) => v.endsWith(':/data'))).toBe(true);
    expect(ownServices.length).toBeGreaterThan(0);
  });

  it.each(ownServices.map(([name, service]) => [name, service] as const))(
    'service %s runs a command the CLI has',
    (_name, service) => {
      const command = Array.isArray(service.command) ? service.command : [service.command ?? ''];
      const entrypoint = Array.isArray(service.entrypoint) ? service.entrypoint : [];
      // An entry point of workers/ runs one CLI command with the options given.
      const worker = /^\/app\/dist\/(workers\/[\w-]+)\.js$/.exec(entrypoint[1] ?? '');
      if (worker) {
        expect(existsSync(path.join(ROOT, `${worker[1]}.ts`))).toBe(true);
        const source = readFileSync(path.join(ROOT, `${worker[1]}.ts`), 'utf8');
        const runs = /runMain\(\['([\w-]+)'/.exec(source)?.[1];
        expect(resolveCommand([runs ?? '', ...command])?.name()).toBe(runs);
        return;
      }
      expect(resolveCommand(command)?.name()).toBe(
        command.filter((a) => !a.startsWith('-')).at(-1),
      );
    },
  );

  it('works every pipeline queue, so rollups and reports run as crawls do', () => {
    const queues = Object.values(compose.services)
      .flatMap((s) => (Array.isArray(s.command) ? s.command : []))
      .flatMap((arg) => /^--queues=(.+)$/.exec(arg)?.[1]?.split(',') ?? []);
    expect([...new Set(queues)].sort()).toEqual([...QUEUE_NAMES].sort());
  });

  it('mounts only files and folders that exist in the repository', () => {
    const binds = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]!)
      .filter((source) => source.startsWith('.') || source.startsWith('/'));
    expect(binds.length).toBeGreaterThan(0);
    for (const source of binds) expect(existsSync(path.join(ROOT, source)), source).toBe(true);
  });

  it('declares every named volume and depends only on services it defines', () => {
    const named = Object.values(compose.services)
      .flatMap((s) => s.volumes ?? [])
      .map((v) => v.split(':')[0]!)
      .filter((source) => !source.startsWith('.') && !source.startsWith('/'));
    for (const volume of named) expect(compose.volumes).toHaveProperty(volume);
    for (const service of Object.values(compose.services)) {
      for (const dependency of Object.keys(service.depends_on ?? {})) {
        expect(compose.services).toHaveProperty(dependency);
      }
    }
  });
});

describe('Dockerfile', () => {
  it('copies only what exists and runs npm scripts that package.json has', () => {
    for (const match of dockerfile.matchAll(/^COPY (?!--from)(.+) \S+$/gm)) {
      for (const source of match[1]!.split(/\s+/)) {
        expect(existsSync(path.join(ROOT, source)), source).toBe(true);
      }
    }
    for (const match of dockerfile.matchAll(/npm run (\S+)/g)) {
      expect(pkg.scripts).toHaveProperty(match[1]!);
    }
  });

  it('links the skillpulse entry point to the bin that package.json declares', () => {
    expect(dockerfile).toContain(`/app/${pkg.bin.skillpulse}`);
    expect(dockerfile).toMatch(/ENTRYPOINT \["skillpulse"\]/);
  });
});

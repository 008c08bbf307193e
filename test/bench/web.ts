/**
 * The dashboard under load (`npm run bench:web`): the demo's data (`skillpulse demo`, on
 * PGlite in a temporary DATA_DIR, as an operator's first run makes it), then
 * `skillpulse serve` in a process of its own and autocannon, 32 connections for 20 s,
 * on the latest report, a skill's page, a skill search and a skill gap, each asked once
 * first (its cold answer, timed apart) and warmed by 2 s of one connection. Requests say `Accept-Encoding: gzip, deflate, br`
 * as browsers do. Prints requests/s and p50/p99 latency per route against the targets,
 * PASS or FAIL; exits 1 on a FAIL.
 *
 *   npm run bench:web -- --duration 5          shorter runs
 *   npm run bench:web -- --encoding identity   no compression asked for
 *   npm run bench:web -- --compare DIR         the same routes, in turn, on the checkout
 *                                              at DIR too (e.g. a `git worktree` of an
 *                                              older commit with node_modules linked)
 *   npm run bench:web -- --data-dir DIR        keeps the demo's data in DIR, reused next time
 *                                              (made by the compared checkout when there is one)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { ROOT } from '../helpers/cli.js';

const { values: args } = parseArgs({
  options: {
    duration: { type: 'string', default: '20' },
    encoding: { type: 'string', default: 'gzip, deflate, br' },
    connections: { type: 'string', default: '32' },
    compare: { type: 'string' },
    'data-dir': { type: 'string' },
  },
});
const DURATION_S = Number(args.duration);
const CONNECTIONS = Number(args.connections);
const HEADERS = { 'accept-encoding': args.encoding };
if (!(DURATION_S > 0) || !Number.isInteger(CONNECTIONS) || CONNECTIONS < 1) {
  throw new Error(`--duration must be a positive number of seconds and --connections a positive integer, got ${args.duration} and ${args.connections}`); // prettier-ignore
}

/** The CLI of a checkout, run from its sources: no build of that checkout needed. */
function cli(root: string, command: readonly string[], env: Record<string, string>): ChildProcess {
  return spawn(
    process.execPath,
    ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...command],
    {
      // prettier-ignore
      cwd: root,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('close', resolve);
  });
}

async function makeDemo(root: string, dataDir: string): Promise<void> {
  const child = cli(root, ['demo'], { DATA_DIR: dataDir });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const code = await exited(child);
  if (code !== 0) throw new Error(`skillpulse demo exited ${code}:\n${output.slice(-3_000)}`);
  console.log(output.match(/^(processed|rolled up) .*$/gm)?.join('\n') ?? output.slice(-500));
}

interface Server {
  readonly label: string;
  readonly url: string;
  stop(): Promise<void>;
}

/** `skillpulse serve` of a checkout on a free port, once it says where it listens. */
async function startServer(label: string, root: string, dataDir: string): Promise<Server> {
  const child = cli(root, ['serve', '--port', '0'], { DATA_DIR: dataDir });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const found = /dashboard at (http:\/\/[^\s/]+)/.exec(output);
      if (found) resolve(found[1] as string);
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('close', (code) => reject(new Error(`skillpulse serve (${label}) exited ${code}:\n${output.slice(-3_000)}`))); // prettier-ignore
  });
  return {
    label,
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
  };
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (response.status !== 200) throw new Error(`GET ${url}: ${response.status} ${(await response.text()).slice(0, 300)}`); // prettier-ignore
  return (await response.json()) as T;
}

interface Route {
  readonly path: string;
  readonly minRps?: number;
  readonly maxP99Ms: number;
}

/** The routes, from the demo's own skills: its most asked-for two. */
async function routesOf(url: string): Promise<Route[]> {
  const top = await getJson<{ id: string; name: string }[]>(`${url}/api/skills`);
  const [first, second] = top;
  if (!first || !second) throw new Error('the demo rolled up fewer than two skills');
  const routes: Route[] = [
    { path: '/', minRps: 500, maxP99Ms: 100 },
    { path: `/skills/${encodeURIComponent(first.id)}`, maxP99Ms: 500 },
    { path: `/api/skills?q=${encodeURIComponent(first.name.slice(0, 3).toLowerCase())}`, maxP99Ms: 500 }, // prettier-ignore
    { path: `/api/gap?skills=${encodeURIComponent(`${first.id},${second.id}`)}`, maxP99Ms: 500 },
  ];
  return routes;
}

/** The route asked once, on its own: its status checked, its time in ms. */
async function cold(url: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: HEADERS });
  await response.arrayBuffer();
  if (response.status !== 200) throw new Error(`GET ${url} answers ${response.status}`);
  return performance.now() - started;
}

interface Figures {
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly bad: number;
  readonly answered: number;
  readonly kb: number;
}

/** Two seconds of one connection first: both ends' code warm before the clock runs. */
async function warm(url: string): Promise<void> {
  await autocannon({ url, connections: 1, duration: 2, timeout: 60, headers: HEADERS });
}

async function load(url: string): Promise<Figures> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, timeout: 60, headers: HEADERS }); // prettier-ignore
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    bad: result.non2xx + result.errors,
    answered: result.requests.total,
    kb: result.requests.total > 0 ? result.throughput.total / result.requests.total / 1024 : 0,
  };
}

const verdict = (route: Route, f: Figures) =>
  f.answered > 0 &&
  f.bad === 0 &&
  f.p99 < route.maxP99Ms &&
  (route.minRps === undefined || f.rps >= route.minRps);

const keepData = args['data-dir'];
const work = mkdtempSync(path.join(tmpdir(), 'skillpulse-bench-web-'));
const dataDir = keepData ? path.resolve(keepData) : path.join(work, 'data');
const servers: Server[] = [];
try {
  if (existsSync(path.join(dataDir, 'pgdata'))) console.log(`demo data reused from ${dataDir}`);
  else {
    // By the checkout compared with, when there is one: its schema is the older, which
    // this checkout's serve brings up to date on start.
    const root = args.compare ? path.resolve(args.compare) : ROOT;
    console.log(`skillpulse demo (${root}) into ${dataDir} ...`);
    await makeDemo(root, dataDir);
  }
  // PGlite is one process's: the other checkout serves a copy.
  if (args.compare) {
    const copy = path.join(work, 'compare-data');
    cpSync(dataDir, copy, { recursive: true });
    servers.push(await startServer('compare', path.resolve(args.compare), copy));
  }
  servers.push(await startServer('this', ROOT, dataDir));
  const routes = await routesOf(servers[0]!.url);
  console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION_S} s per route and server, accept-encoding: ${HEADERS['accept-encoding']}${args.compare ? ` (compare = ${args.compare})` : ''}`); // prettier-ignore
  console.log(`${'route'.padEnd(44)} ${'server'.padEnd(8)} ${'cold ms'.padStart(8)} ${'req/s'.padStart(8)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)} ${'KB/resp'.padStart(8)} ${'non-2xx'.padStart(8)}  target`); // prettier-ignore
  let failed = false;
  for (const route of routes) {
    for (const server of servers) {
      const first = await cold(`${server.url}${route.path}`);
      await warm(`${server.url}${route.path}`);
      const f = await load(`${server.url}${route.path}`);
      // Requests autocannon gave up on are still being answered: the next run waits for
      // them, or it would measure their backlog.
      await fetch(`${server.url}/api/health`).then((r) => r.arrayBuffer());
      const ok = verdict(route, f);
      if (server.label === 'this' && !ok) failed = true;
      const target = `${route.minRps ? `>= ${route.minRps} req/s, ` : ''}p99 < ${route.maxP99Ms} ms`;
      console.log(`${route.path.slice(0, 44).padEnd(44)} ${server.label.padEnd(8)} ${first.toFixed(0).padStart(8)} ${f.rps.toFixed(1).padStart(8)} ${String(f.p50).padStart(8)} ${String(f.p99).padStart(8)} ${f.kb.toFixed(1).padStart(8)} ${String(f.bad).padStart(8)}  ${target.padEnd(28)} ${ok ? 'PASS' : 'FAIL'}`); // prettier-ignore
    }
  }
  if (failed) process.exitCode = 1;
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  rmSync(work, { recursive: true, force: true });
}

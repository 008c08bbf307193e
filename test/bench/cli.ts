/**
 * How fast the built CLI starts (`npm run bench:cli`, which builds first): wall time and
 * peak RSS of `skillpulse --help`, `rate "£500/day"` and `trends python` on the demo's
 * data, each the median of several runs, against the targets (`--help` and `rate` at most
 * 300 ms, `trends` at most 1 s). The demo's data is made once in a temporary DATA_DIR
 * with `skillpulse demo` (a few minutes), or read from `--data-dir DIR`, made there when
 * DIR has none. Prints PASS or FAIL per command and exits 0: a figure to read, not a gate.
 *
 *   npm run bench:cli -- --runs 11           more runs per command
 *   npm run bench:cli -- --data-dir DIR      keeps the demo's data in DIR, reused next time
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLI, ROOT } from '../helpers/cli.js';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '7' },
    'data-dir': { type: 'string' },
  },
});
const RUNS = Number(args.runs);
if (!Number.isInteger(RUNS) || RUNS < 1) {
  throw new Error(`--runs must be a whole number of 1 or more, got ${args.runs}`);
}

// Loaded before the CLI: writes the process's peak RSS (kB) to fd 3 as it exits.
const PEAK_RSS = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));",
)}`;

interface Run {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly code: number | null;
  readonly output: string;
}

/** One run of the built CLI as a user runs it: wall time from spawn to exit, and peak RSS. */
function runOnce(command: readonly string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', PEAK_RSS, CLI, ...command], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let rss = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    (child.stdio[3] as NodeJS.ReadableStream).on(
      'data',
      (chunk: Buffer) => (rss += chunk.toString('utf8')),
    );
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ ms: performance.now() - started, peakRssMb: Number(rss) / 1024, code, output }),
    );
  });
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
};

async function demoDataDir(): Promise<{ dataDir: string; cleanUp: () => void }> {
  const given = args['data-dir'];
  const dataDir = given ? path.resolve(given) : mkdtempSync(path.join(tmpdir(), 'skillpulse-cli-'));
  const cleanUp = () => (given ? undefined : rmSync(dataDir, { recursive: true, force: true }));
  if (existsSync(path.join(dataDir, 'pgdata'))) {
    console.log(`demo data: ${dataDir} (reused)`);
    return { dataDir, cleanUp };
  }
  console.log(`making the demo's data in ${dataDir} (skillpulse demo, a few minutes)…`);
  const demo = await runOnce(['demo'], { DATA_DIR: dataDir });
  if (demo.code !== 0) {
    cleanUp();
    throw new Error(`skillpulse demo exited ${demo.code}:\n${demo.output.slice(-3_000)}`);
  }
  return { dataDir, cleanUp };
}

export async function benchCli(): Promise<void> {
  const { dataDir, cleanUp } = await demoDataDir();
  const cases: { label: string; command: string[]; targetMs: number }[] = [
    { label: '--help', command: ['--help'], targetMs: 300 },
    { label: 'rate "£500/day"', command: ['rate', '£500/day'], targetMs: 300 },
    { label: 'trends python', command: ['trends', 'python'], targetMs: 1_000 },
  ];
  try {
    console.log(
      `\n${'command'.padEnd(18)} ${'median'.padStart(9)} ${'min'.padStart(9)} ${'target'.padStart(9)} ${'peak RSS'.padStart(9)}  (${RUNS} runs each)`,
    );
    for (const { label, command, targetMs } of cases) {
      // One run first, not counted: the file system's cache warmed as for any later run.
      const warm = await runOnce(command, { DATA_DIR: dataDir });
      if (warm.code !== 0) {
        console.log(`${label.padEnd(18)} exited ${warm.code}: ${warm.output.slice(-500)}`);
        continue;
      }
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i += 1) runs.push(await runOnce(command, { DATA_DIR: dataDir }));
      const ms = median(runs.map((r) => r.ms));
      const rss = median(runs.map((r) => r.peakRssMb));
      const verdict = ms <= targetMs ? 'PASS' : 'FAIL';
      console.log(
        `${label.padEnd(18)} ${`${ms.toFixed(0)} ms`.padStart(9)} ${`${Math.min(...runs.map((r) => r.ms)).toFixed(0)} ms`.padStart(9)} ${`${targetMs} ms`.padStart(9)} ${`${rss.toFixed(0)} MB`.padStart(9)}  ${verdict}`,
      );
    }
    console.log(
      `\nnode ${process.version}, ${process.platform}; wall time from spawn to exit, as a user waits for it`,
    );
  } finally {
    cleanUp();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCli();

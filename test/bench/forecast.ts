/**
 * The career planner's demand forecast backtested on rolled-up history
 * (`npm run bench:forecast`): every skill's and role's weekly postings in the weeks the
 * planner reads (up to 104 to the last complete week), each forecast from every origin
 * with 13 weeks or more behind it, 1 to 13 weeks ahead, by damped-trend exponential
 * smoothing and by seasonal-naive (the value a year before; the last value on less than a
 * year). Prints MAE and MASE of both, pooled over the series and per kind, and on how
 * many series the smoothing wins (where the planner shows it).
 *
 *   npm run bench:forecast                       the demo's data: `skillpulse demo` into a
 *                                                temporary DATA_DIR first
 *   npm run bench:forecast -- --data-dir DIR     a DATA_DIR's PGlite database (a copy is read)
 *   DATABASE_URL=postgres://… npm run bench:forecast   a PostgreSQL database
 *   npm run bench:forecast -- --min-postings N   series averaging N postings a week or more (default 1)
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { backtest, HORIZON, MIN_TRAIN, type Backtest } from '../../src/career/forecast.js';
import { readCareerMarket } from '../../src/career/read.js';
import { openDatabase } from '../../src/db/connect.js';
import { migrateUp } from '../../src/db/migrate.js';
import { defaultWeek } from '../../src/trends/read.js';
import { weekLabel } from '../../src/trends/weeks.js';
import { ROOT } from '../helpers/cli.js';

const { values: args } = parseArgs({
  options: {
    'data-dir': { type: 'string' },
    'min-postings': { type: 'string', default: '1' },
  },
});
const MIN_POSTINGS = Number(args['min-postings']);

function demoDataDir(): string {
  const dataDir = path.join(mkdtempSync(path.join(tmpdir(), 'skillpulse-bench-forecast-')), 'data');
  console.log(`skillpulse demo into ${dataDir} ...`);
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), 'demo'],
    {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LOG_LEVEL: 'warn', DATA_DIR: dataDir },
      encoding: 'utf8',
    },
  );
  if (run.status !== 0) throw new Error(`skillpulse demo exited ${run.status}:\n${run.stderr.slice(-3_000)}`); // prettier-ignore
  return dataDir;
}

/** A copy of the given DATA_DIR's database, so that migrating it leaves the original be. */
function copiedDataDir(dir: string): string {
  if (!existsSync(path.join(dir, 'pgdata'))) throw new Error(`${dir} holds no pgdata`);
  const copy = path.join(mkdtempSync(path.join(tmpdir(), 'skillpulse-bench-forecast-')), 'data');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

const handle = process.env.DATABASE_URL
  ? await openDatabase({ backend: 'postgres', url: process.env.DATABASE_URL })
  : await openDatabase({
      backend: 'pglite',
      dataDir: path.join(
        args['data-dir'] ? copiedDataDir(path.resolve(args['data-dir'])) : demoDataDir(),
        'pgdata',
      ),
    });
try {
  if (!process.env.DATABASE_URL) await migrateUp(handle.db);
  const week = await defaultWeek(handle.db);
  if (week === null) throw new Error('no week rolled up: nothing to backtest');
  const market = await readCareerMarket(handle.db, week);
  const series = [
    ...Object.values(market.skills).map((s) => ({ kind: 'skill', id: s.id, demand: s.demand })),
    ...market.roles.map((r) => ({ kind: 'role', id: r.id, demand: r.demand })),
  ].filter((s) => s.demand.reduce((sum, y) => sum + y, 0) / s.demand.length >= MIN_POSTINGS);
  console.log(
    `${market.weeks.length} weeks to ${weekLabel(week)}; ${series.length} series averaging ` +
      `${MIN_POSTINGS}+ postings a week; origins from week ${MIN_TRAIN + 1}, 1..${HORIZON} weeks ahead`,
  );
  const started = performance.now();
  const results = series.flatMap((s) => {
    const tested = backtest(s.demand);
    return tested ? [{ ...s, tested }] : [];
  });
  const seconds = (performance.now() - started) / 1000;
  const summary = (label: string, tests: readonly Backtest[]) => {
    if (tests.length === 0) return console.log(`${label.padEnd(8)} no series long enough`);
    const errors = tests.reduce((n, t) => n + t.errors, 0);
    // Pooled MAE: every absolute error of every series counts once.
    const holt = tests.reduce((sum, t) => sum + t.holtMae * t.errors, 0) / errors;
    const naive = tests.reduce((sum, t) => sum + t.naiveMae * t.errors, 0) / errors;
    const scaled = tests.filter((t) => t.holtMase !== null && t.naiveMase !== null);
    const mean = (f: (t: Backtest) => number) =>
      scaled.reduce((sum, t) => sum + f(t), 0) / Math.max(scaled.length, 1);
    const wins = tests.filter((t) => t.beats).length;
    console.log(
      `${label.padEnd(8)} ${String(tests.length).padStart(6)} ${holt.toFixed(2).padStart(10)} ` +
        `${naive.toFixed(2).padStart(10)} ${mean((t) => t.holtMase!)
          .toFixed(3)
          .padStart(10)} ` +
        `${mean((t) => t.naiveMase!)
          .toFixed(3)
          .padStart(10)} ${`${wins} (${((100 * wins) / tests.length).toFixed(0)}%)`.padStart(12)}`,
    );
  };
  console.log(
    `${'series'.padEnd(8)} ${'count'.padStart(6)} ${'MAE ETS'.padStart(10)} ${'MAE snaive'.padStart(10)} ` +
      `${'MASE ETS'.padStart(10)} ${'MASE snaive'.padStart(10)} ${'ETS wins'.padStart(12)}`,
  );
  summary(
    'skills',
    results.filter((r) => r.kind === 'skill').map((r) => r.tested),
  );
  summary(
    'roles',
    results.filter((r) => r.kind === 'role').map((r) => r.tested),
  );
  summary(
    'all',
    results.map((r) => r.tested),
  );
  console.log(`backtests: ${results.length} series in ${seconds.toFixed(2)} s`);
} finally {
  await handle.close();
}

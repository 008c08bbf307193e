/**
 * The chaos suite (`npm run chaos`): the whole pipeline on PostgreSQL through the built
 * CLI (two `skillpulse worker` processes and the `skillpulse run` that enqueues), fed by
 * the fixture web, once cleanly as the reference and then round after round with one
 * fault each, every round compared with the reference table by table.
 *
 *   npm run chaos -- [--rounds 30] [--seed N] [--postings 2400] [--weeks 12]
 *     [--faults kill-crawl,kill-process,kill-rollup,redis,postgres] [--sources a,b]
 *     [--latency 20] [--run-timeout 300] [--drain-timeout 180] [--keep] [--check-reference]
 *     [--cli path/to/another/build/dist/src/cli/main.js]
 *
 * `--check-reference` runs the clean reference twice and compares the two instead (two
 * clean runs must leave identical tables). Exit code 0 only if every round matched.
 */
import { parseArgs } from 'node:util';
import { prng } from '../../src/demo/market.js';
import { FAULT_KINDS, planFault, type FaultKind } from './faults.js';
import { ChaosSuite, type RoundReport } from './suite.js';
import { formatRound, formatTotals } from './summary.js';

function positive(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name}: expected a positive integer, got ${JSON.stringify(value)}`); // prettier-ignore
  return n;
}

function faultKinds(value: string): FaultKind[] {
  const kinds = value.split(',').map((k) => k.trim()).filter(Boolean); // prettier-ignore
  const unknown = kinds.filter((k) => !(FAULT_KINDS as readonly string[]).includes(k));
  if (kinds.length === 0 || unknown.length > 0) throw new Error(`--faults: expected a comma-separated subset of ${FAULT_KINDS.join(',')}${unknown.length ? `, got ${unknown.join(',')}` : ''}`); // prettier-ignore
  return kinds as FaultKind[];
}

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '30' },
    seed: { type: 'string' },
    postings: { type: 'string', default: '2400' },
    weeks: { type: 'string', default: '12' },
    faults: { type: 'string', default: FAULT_KINDS.join(',') },
    sources: { type: 'string' },
    cli: { type: 'string' },
    latency: { type: 'string', default: '20' },
    'run-timeout': { type: 'string', default: '300' },
    'drain-timeout': { type: 'string', default: '180' },
    keep: { type: 'boolean', default: false },
    'check-reference': { type: 'boolean', default: false },
  },
});

const rounds = positive('rounds', values.rounds);
const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : positive('seed', values.seed); // prettier-ignore
const kinds = faultKinds(values.faults);
const random = prng(seed);
const latencyMs = Number(values.latency);
if (!Number.isInteger(latencyMs) || latencyMs < 0) throw new Error(`--latency: expected milliseconds, got ${values.latency}`); // prettier-ignore

console.log(`chaos: seed ${seed} (rerun with --seed ${seed}), ${values.postings} postings over ${values.weeks} weeks, ${values['check-reference'] ? 'reference check' : `${rounds} rounds of ${kinds.join(', ')}`}`); // prettier-ignore
const suite = await ChaosSuite.start({
  postings: positive('postings', values.postings),
  weeks: positive('weeks', values.weeks),
  sources: values.sources?.split(',').map((s) => s.trim()),
  cli: values.cli,
  latencyMs,
  keep: values.keep,
  bounds: { runMs: positive('run-timeout', values['run-timeout']) * 1000, drainMs: positive('drain-timeout', values['drain-timeout']) * 1000 }, // prettier-ignore
});
console.log(`fixture web ${suite.env.web.url}, Redis ${suite.env.redis.url} (pid ${suite.env.redis.pid}), PostgreSQL proxy 127.0.0.1:${suite.env.proxy.port}, logs ${suite.env.logDir}`); // prettier-ignore

const done: { kind: FaultKind | null; report: RoundReport }[] = [];
let finished = false;

async function finish(code: number): Promise<never> {
  if (!finished) {
    finished = true;
    console.log('');
    for (const line of formatTotals(done)) console.log(line);
    const failed = code !== 0 || done.some((r) => !r.report.passed);
    await suite.close({ keepLogs: failed });
    if (failed) console.log(`logs kept in ${suite.env.logDir}`);
    console.log(failed ? 'chaos: FAILED' : 'chaos: every round matched the reference');
    process.exit(code !== 0 ? code : failed ? 1 : 0);
  }
  return new Promise(() => undefined);
}

process.on('exit', () => suite.env.killNow());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.log(`\n${signal}: stopping, cleaning up`);
    void finish(130);
  });
}

try {
  const reference = await suite.runReference();
  for (const line of formatRound('reference', reference)) console.log(line);
  const figures = suite.referenceFigures;
  if (figures) console.log(`  reference run 1: ${(figures.durationMs / 1000).toFixed(1)} s, ${figures.webRequests} fixture requests, jobs completed ${JSON.stringify(figures.completed)}`); // prettier-ignore
  if (values['check-reference']) {
    const again = await suite.runRound('ref2', null);
    done.push({ kind: null, report: again });
    for (const line of formatRound('second clean run against the reference', again)) console.log(line); // prettier-ignore
  } else {
    for (let i = 1; i <= rounds; i++) {
      const kind = kinds[(i - 1) % kinds.length] as FaultKind;
      const plan = planFault(kind, random);
      const report = await suite.runRound(`r${String(i).padStart(2, '0')}`, plan);
      done.push({ kind, report });
      for (const line of formatRound(`round ${i}/${rounds} ${kind}`, report)) console.log(line);
    }
  }
  await finish(0);
} catch (error) {
  console.error(`chaos run stopped: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`); // prettier-ignore
  await finish(2);
}

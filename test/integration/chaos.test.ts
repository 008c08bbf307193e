/**
 * The chaos suite's short form (the full one is `npm run chaos`, test/chaos/run.ts): a
 * small market through the built CLI on PostgreSQL and the suite's own Redis, two worker
 * processes and `skillpulse run`, once cleanly and then once with each fault: every table
 * must end as the clean run left it, no command may hang, no crawl run stay 'running'.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FAULT_KINDS, type FaultKind, type FaultPlan } from '../chaos/faults.js';
import { ChaosSuite } from '../chaos/suite.js';
import { formatRound } from '../chaos/summary.js';

/** Bounds short enough that a hang fails the round in about a minute. */
const BOUNDS = { runMs: 60_000, drainMs: 30_000, stopMs: 15_000, migrateMs: 60_000, startMs: 60_000 }; // prettier-ignore
/** A round's worst case: start-up, the first run, its drain and the workers' stops. */
const ROUND_TIMEOUT_MS = 400_000;

/** Where each fault strikes: fixed, so that a failure comes back the same way. */
const PLANS: Record<FaultKind, FaultPlan> = {
  'kill-crawl': { kind: 'kill-crawl', at: 0.3, hold: 0.2, redisStop: 'kill' },
  'kill-process': { kind: 'kill-process', at: 0.2, hold: 0.2, redisStop: 'kill' },
  'kill-rollup': { kind: 'kill-rollup', at: 0.3, hold: 0.2, redisStop: 'kill' },
  redis: { kind: 'redis', at: 0.5, hold: 0.2, redisStop: 'shutdown' },
  postgres: { kind: 'postgres', at: 0.5, hold: 0.2, redisStop: 'kill' },
};

let suite: ChaosSuite;
let failures = 0;

beforeAll(async () => {
  suite = await ChaosSuite.start({
    postings: 200,
    weeks: 3,
    sources: ['arbeitnow', 'freelancer', 'onsiter', 'remoteok'],
    bounds: BOUNDS,
    failFast: true,
    fullRollup: false,
  });
  await suite.runReference();
}, ROUND_TIMEOUT_MS);

afterAll(async () => {
  await suite?.close({ keepLogs: failures > 0 });
});

describe('the pipeline under faults (chaos suite, short form)', () => {
  it.each(FAULT_KINDS)(
    'loses, duplicates and hangs on nothing after %s',
    async (kind) => {
      let report = await suite.runRound(kind, PLANS[kind]);
      // On a busy machine the stage can be over before the fault's moment: strike earlier.
      for (const at of [0.1, 0]) {
        if (report.result.fault?.injected) break;
        report = await suite.runRound(kind, { ...PLANS[kind], at });
      }
      if (!report.passed) failures++;
      const evidence = formatRound(kind, report).join('\n');
      expect(report.result.fault?.injected, evidence).toBe(true);
      expect(report.passed, evidence).toBe(true);
    },
    ROUND_TIMEOUT_MS,
  );
});

import { describe, expect, it } from 'vitest';
import type { DemoResult } from '../../src/demo/run.js';
import { NEXT_STEPS, nextStepLines, summaryLines } from '../../src/demo/summary.js';

const RESULT: DemoResult = {
  market: { postings: 3600, weeks: 60, firstWeek: '2025-10-06', lastWeek: '2026-11-23', seed: 42 },
  sources: [
    { sourceId: 'remotive', status: 'ok', pages: 1, fetched: 311, stored: 0, inDatabase: 311, message: null },
    { sourceId: 'demo-jsonld', status: 'ok', pages: 303, fetched: 302, stored: 302, inDatabase: 302, message: '1 failed requests' },
  ], // prettier-ignore
  skipped: [{ sourceId: 'craigslist', reason: 'Chromium not found' }],
  failures: [{ sourceId: 'upwork', message: 'HTTP 401' }],
  processed: { listings: 302, postings: 302, duplicates: 40, failed: 1 },
  rolledUp: ['2025-10-06', '2026-11-30'],
  report: { week: '2026-11-23', postings: 65, newPostings: 63 },
};

describe('the demo summary', () => {
  const lines = summaryLines(RESULT, { database: 'pglite /d/pgdata', log: '/d/logs/demo.log' });

  it('names what each count counts, per source and in all', () => {
    expect(lines).toContain(
      'simulated market: 3,600 postings over 60 weeks, 2025-W41 to 2026-W48 (seed 42)',
    );
    expect(lines).toContain('source             crawl     pages   fetched       new    stored');
    expect(lines).toContain('remotive           ok            1       311         0       311');
    expect(lines).toContain(
      'demo-jsonld        ok          303       302       302       302  (1 failed requests)',
    );
    expect(lines).toContain('2 sources                      304       613       302       613');
    expect(lines).toContain('upwork             failed   HTTP 401');
    expect(lines).toContain('craigslist         skipped  Chromium not found');
    expect(lines.join('\n')).toMatch(
      /stored: the listings of the source in the database, as `npx skillpulse sources` counts them/,
    );
  });

  it('says what processing, the rollup and the report week hold, and where the logs are', () => {
    expect(lines).toContain(
      'processed 302 listings into 302 postings: 40 of them duplicates of a posting on another source, 1 listings not processable',
    );
    expect(lines).toContain('rolled up 2 weeks, 2025-W41 to 2026-W49');
    expect(lines).toContain('report week 2026-W48: 65 postings open (63 new that week)');
    expect(lines).toContain('logs: /d/logs/demo.log');
    expect(
      summaryLines(RESULT, { database: 'x', log: null }).some((l) => l.startsWith('logs:')),
    ).toBe(false);
  });

  it('ends with the commands to run next, aligned', () => {
    const next = nextStepLines();
    expect(next[0]).toMatch(/^next: npx skillpulse report +the week's skill-demand report$/);
    const columns = next.map((line, k) => line.indexOf(NEXT_STEPS[k]![1]));
    expect(new Set(columns).size).toBe(1);
    expect(next.map((line, k) => line.slice(6).startsWith(NEXT_STEPS[k]![0]))).toEqual(
      NEXT_STEPS.map(() => true),
    );
  });
});

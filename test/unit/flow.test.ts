import { describe, expect, it } from 'vitest';
import { EXIT, exitCodeOf, UsageError } from '../../src/cli/errors.js';
import type { CrawlSummary } from '../../src/crawl/crawl-source.js';
import { BadInputError, NotFoundError, RetryLaterError } from '../../src/errors.js';
import { afterCrawl, afterProcess, afterRollup } from '../../src/pipeline/flow.js';
import { inLanes } from '../../src/pipeline/inline.js';
import { WeekNotRolledUpError } from '../../src/trends/read.js';

const summary = (seenAgain: number) => ({ sourceId: 'remotive', seenAgain }) as CrawlSummary;

describe('the flow', () => {
  it('processes the pending listings after every crawl, a failed one too', () => {
    expect(afterCrawl({ pending: [[1, 2]] })).toEqual([{ stage: 'process', batches: [[1, 2]] }]);
    expect(afterCrawl({ summary: summary(0), pending: [] })).toEqual([
      { stage: 'process', batches: [] },
    ]);
  });

  it('rolls up this week after a crawl that saw postings again', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    expect(afterCrawl({ summary: summary(3), pending: [[7]] }, now)).toEqual([
      { stage: 'process', batches: [[7]] },
      { stage: 'rollup', weeks: ['2026-11-30'] },
    ]);
  });

  it('rolls up the weeks a batch touched, and reports a week rolled up with related skills', () => {
    expect(afterProcess({ weeks: ['2026-11-23'] })).toEqual([
      { stage: 'rollup', weeks: ['2026-11-23'] },
    ]);
    expect(afterRollup({ pairsWeek: null })).toEqual([]);
    expect(afterRollup({ pairsWeek: '2026-11-23' })).toEqual([
      { stage: 'report', week: '2026-11-23' },
    ]);
  });

  it('runs every item in at most the lanes asked for', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await inLanes([1, 2, 3, 4, 5], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      done.push(n);
      running--;
    });
    expect(most).toBe(2);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5]);
  });
});

describe('exit codes of the error vocabulary', () => {
  it('are 2 for bad input and not found, 1 for the rest', () => {
    expect(exitCodeOf(new BadInputError('x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new UsageError('x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new NotFoundError('x'))).toBe(EXIT.usage);
    expect(exitCodeOf(new WeekNotRolledUpError(null))).toBe(EXIT.usage);
    expect(exitCodeOf(new RetryLaterError('x'))).toBe(EXIT.failure);
    expect(exitCodeOf(new Error('a bug'))).toBe(EXIT.failure);
  });
});

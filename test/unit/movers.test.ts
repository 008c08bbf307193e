import { describe, expect, it } from 'vitest';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { criticalZ, moverZ, rankMovers } from '../../src/trends/movers.js';

const SETTINGS = DEFAULT_TREND_SETTINGS;
const Z_MIN = criticalZ(SETTINGS.moversMaxPValue);

/** The mover a skill makes, as writeMovers judges and rankMovers names it; null for none. */
function judge(xNow: number, nNow: number, xBefore: number, nBefore: number) {
  const z = moverZ(xNow, nNow, xBefore, nBefore, SETTINGS);
  if (z === null || Math.abs(z) < Z_MIN) return null;
  const candidate = {
    week: '2026-11-16',
    window_weeks: 4,
    segment: 'all' as const,
    skill_id: 'llm',
    x_now: xNow,
    x_before: xBefore,
    n_now: nNow,
    n_before: nBefore,
    z,
  };
  return rankMovers([candidate], SETTINGS.moversMaxPValue)[0] ?? null;
}

describe('movers', () => {
  it('has documented defaults for the support asked of each side', () => {
    expect(SETTINGS.moversMinSupport).toBe(20);
    expect(SETTINGS.moversMinWindowPostings).toBe(100);
  });

  it('never calls a skill going from 1 posting to 54 a faller (the 2026-W47 demo report)', () => {
    // The report's case: the earlier window held one stray posting, with the skill (100%),
    // the later one 54 of 478 (11.3%): z = -2.78, p = 0.006 when nothing asks for support.
    expect(judge(54, 478, 1, 1)).toBeNull();
    // Whatever the two windows hold, 1 -> 54 is a riser or nothing, never a faller.
    for (const nBefore of [1, 2, 5, 20, 99, 100, 101, 200, 1_000, 10_000]) {
      for (const nNow of [54, 100, 478, 1_000, 10_000, 100_000, 1_000_000]) {
        const z = moverZ(54, nNow, 1, nBefore, SETTINGS);
        expect(z === null || z > 0, `1/${nBefore} -> 54/${nNow}`).toBe(true);
        expect(judge(54, nNow, 1, nBefore)?.direction ?? 'none').not.toBe('falling');
      }
    }
    // With enough postings in the earlier window, 1 -> 54 is what it is: a riser.
    expect(judge(54, 478, 1, 400)).toMatchObject({ direction: 'rising', postings_now: 54 });
  });

  it('asks for enough postings of the market in the earlier window and in the later one', () => {
    // 30 of 60 (50%) falling to 40 of 400 (10%): significant, but the earlier window is
    // under the 100 postings a share needs.
    expect(judge(40, 400, 30, 60)).toBeNull();
    expect(judge(40, 400, 30, 100)).toMatchObject({ direction: 'falling' });
    // The same the other way round: a later window of 60 postings is not read.
    expect(judge(30, 60, 40, 400)).toBeNull();
    expect(judge(30, 100, 40, 400)).toMatchObject({ direction: 'rising' });
    // The minimum is a setting.
    const lenient = { ...SETTINGS, moversMinWindowPostings: 50 };
    expect(moverZ(40, 400, 30, 60, lenient)).toBeLessThan(-Z_MIN);
  });

  it('asks for enough postings with the skill in the window it moved from or to', () => {
    // A faller needs its support in the earlier window, a riser in the later one.
    expect(judge(0, 500, 19, 500)).toBeNull();
    expect(judge(0, 500, 20, 500)).toMatchObject({ direction: 'falling', postings_now: 0 });
    expect(judge(19, 500, 0, 500)).toBeNull();
    expect(judge(20, 500, 0, 500)).toMatchObject({ direction: 'rising', postings_before: 0 });
  });

  it('still finds a rising and a falling skill with ample support, by their share', () => {
    // 13-week windows of a real-sized market, which grew by 4%.
    const rising = judge(400, 5_200, 250, 5_000);
    expect(rising).toMatchObject({ direction: 'rising', postings_now: 400, postings_before: 250 });
    expect(rising!.share_now).toBeCloseTo(400 / 5_200, 12);
    expect(rising!.z_score).toBeGreaterThan(5);
    const falling = judge(150, 5_200, 300, 5_000);
    expect(falling).toMatchObject({ direction: 'falling', postings_now: 150 });
    expect(falling!.p_value).toBeLessThan(1e-6);
    // More postings but a smaller share of a market that grew more: falling, by share.
    expect(judge(330, 6_000, 300, 4_000)).toMatchObject({ direction: 'falling' });
    // A steady share is no mover.
    expect(judge(260, 5_200, 250, 5_000)).toBeNull();
  });
});

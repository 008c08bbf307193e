import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/demo/generate-market.js';
import { BOARDS, boardOf, postingsOf } from '../../src/demo/market.js';
import { SHORT_LIVED } from '../../src/demo/sites.js';
import { addWeeks, weekOf, weeksBetween } from '../../src/trends/weeks.js';

describe('the simulated market', () => {
  const lastWeek = '2026-11-23';
  const market = generateMarket({ weeks: 60, perWeek: 30, lastWeek });

  it('spreads its postings over every one of its whole weeks, and no other', () => {
    const weeks = weeksBetween(addWeeks(lastWeek, -59), lastWeek);
    const perWeek = new Map<string, number>();
    for (const p of market) {
      const week = weekOf(new Date(p.postedAt));
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    expect([...perWeek.keys()].sort()).toEqual(weeks);
    for (const week of weeks) expect(perWeek.get(week)).toBe(30);
  });

  it('lists a posting on Craigslist only in its last weeks, as Craigslist deletes old posts', () => {
    const oldest = addWeeks(lastWeek, 1 - SHORT_LIVED.craigslist!);
    const craigslist = postingsOf(market, 'craigslist');
    expect(craigslist.length).toBeGreaterThan(0);
    for (const p of craigslist) expect(weekOf(new Date(p.postedAt)) >= oldest).toBe(true);
    // The older postings are on the other sources: the history is whole.
    expect(postingsOf(market, 'remotive').some((p) => weekOf(new Date(p.postedAt)) < oldest)).toBe(
      true,
    );
  });

  it("names each posting's company board as ATS boards name companies", () => {
    expect(boardOf('Blue Harbour Consulting')).toBe('blue-harbour-consulting');
    for (const p of market) {
      expect(BOARDS).toContain(p.board);
      // The hostile postings' company carries markup; their board is the company's.
      expect(
        p.company.startsWith(
          market.find((q) => q.board === p.board && !q.company.includes('&lt;'))!.company,
        ),
      ).toBe(true);
    }
  });

  it('is the same market for a seed, and the 8-week default as before', () => {
    expect(generateMarket({ weeks: 60, perWeek: 30, lastWeek })).toEqual(market);
    const small = generateMarket();
    expect(small).toHaveLength(8 * 40);
    expect(weekOf(new Date(small.at(-1)!.postedAt))).toBe('2026-11-16');
  });
});

import { CopyText } from '../db/copy.js';
import type { RankLookup, Ranks, WeekResult } from './shapes.js';
import { SEGMENTS, type OpenPostings, type SkillIndex } from './open-postings.js';
import { RANK_LAGS, RATE_SERIES } from './tables.js';
import { RoleFigures } from './role-figures.js';
import { percentile, Tally, writeRate, writeRates } from './tally.js';

/*
 * One week's figures from the canonical postings open in it: market_weekly, skill_weekly,
 * category_weekly, breakdown_weekly, role_weekly and role_profile_weekly rows, counted in
 * memory (see open-postings.ts).
 */

const SEGMENT_COUNT = SEGMENTS.length;
const SERIES_COUNT = RATE_SERIES.length;
/** The series the breakdowns count: their median day rate. */
const DAY_RATE = RATE_SERIES.indexOf('day_rate');
/** Skills broken down each week by country and work mode: the most asked for, by rank. */
const BREAKDOWN_TOP_SKILLS = 100;

/**
 * Counts the canonical postings of one week into reusable tallies and appends the week's
 * rows. Created once per rollup: its arrays are sized for the skills and categories and
 * cleared between weeks.
 */
export class WeekFigures {
  /**
   * Rows of market_weekly, skill_weekly, category_weekly and breakdown_weekly, their
   * columns in the order tables.ts declares them.
   */
  readonly market = new CopyText();
  readonly skills = new CopyText();
  readonly categories = new CopyText();
  readonly breakdowns = new CopyText();
  readonly roles = new CopyText();
  readonly roleProfiles = new CopyText();
  private readonly marketTally = new Tally(SEGMENT_COUNT, SERIES_COUNT);
  private readonly skillTally: Tally;
  private readonly categoryTally: Tally;
  private readonly breakdownTally: Tally;
  private readonly roleFigures: RoleFigures;
  private readonly categoryMark: Int32Array;
  private readonly skillCount: number;
  private readonly skillIds: readonly string[];
  private readonly categoryCount: number;
  private readonly scopes: number;

  constructor(
    private readonly open: OpenPostings,
    private readonly index: SkillIndex,
    /** The currency of the market's rates. */
    private readonly currency: string,
    /** Postings a role and a skill of its profile each need to be written. */
    private readonly roleProfileMinPostings: number,
  ) {
    this.skillCount = index.known;
    this.skillIds = index.ids.slice(0, index.known);
    this.categoryCount = index.categories.length;
    this.skillTally = new Tally(SEGMENT_COUNT * this.skillCount, SERIES_COUNT);
    this.categoryTally = new Tally(SEGMENT_COUNT * this.categoryCount, SERIES_COUNT);
    this.categoryMark = new Int32Array(this.categoryCount).fill(-1);
    this.roleFigures = new RoleFigures(open, index);
    // Breakdown scopes: the market, each category, each skill; under each country and
    // each work mode.
    this.scopes = 1 + this.categoryCount + this.skillCount;
    this.breakdownTally = new Tally(
      (open.countries.length + open.workModes.length) * this.scopes,
      1,
    );
  }

  /**
   * Appends the figures of `week` (a Monday, number `weekNo`) from the postings open in
   * it, and returns what later steps read of them: ranks for the rank changes of later
   * weeks, new postings for the movers.
   */
  add(
    week: string,
    weekNo: number,
    postings: Int32Array,
    earlier: { skills: RankLookup; categories: RankLookup; roles: RankLookup },
  ): WeekResult {
    const { open, index, skillCount: S, categoryCount: C, roleFigures } = this;
    const { rates } = open;
    const market = this.marketTally;
    const skills = this.skillTally;
    const categories = this.categoryTally;
    market.clear();
    skills.clear();
    categories.clear();
    roleFigures.clear();
    for (let k = 0; k < postings.length; k += 1) {
      const i = postings[k] as number;
      const isNew = open.firstWeek[i] === weekNo;
      const at = i * SERIES_COUNT;
      const own = open.segment[i] as number;
      market.add(0, isNew, rates, at);
      if (own) market.add(own, isNew, rates, at);
      // Where the role's profile counts the posting's skills; -1: no role.
      const profile = roleFigures.add(i, own, isNew, at);
      const end = open.skillStart[i + 1] as number;
      for (let t = open.skillStart[i] as number; t < end; t += 1) {
        const skill = open.skills[t] as number;
        const category = index.categoryOf[skill] as number;
        if (category < 0) continue;
        if (profile >= 0) roleFigures.addSkill(profile, skill);
        skills.add(skill, isNew, rates, at);
        if (own) skills.add(own * S + skill, isNew, rates, at);
        // A posting counts once in a category however many of its skills fall in it.
        if (this.categoryMark[category] === k) continue;
        this.categoryMark[category] = k;
        categories.add(category, isNew, rates, at);
        if (own) categories.add(own * C + category, isNew, rates, at);
      }
    }
    this.categoryMark.fill(-1);
    const marketPostings = market.postings;
    const marketRates = RATE_SERIES.map((_, series) => market.sorted(series));
    for (let s = 0; s < SEGMENT_COUNT; s += 1) {
      if ((marketPostings[s] as number) === 0) continue;
      const out = this.market;
      out
        .text(week)
        .text(SEGMENTS[s] as string)
        .number(marketPostings[s] as number);
      out.number(market.fresh[s] as number).text(this.currency);
      writeRates(out, marketRates, s);
      out.endRow();
    }
    const skillRanks = this.weekly(
      this.skills,
      skills,
      this.skillIds,
      week,
      weekNo,
      earlier.skills,
      marketPostings,
    );
    const categoryRanks = this.weekly(
      this.categories,
      categories,
      index.categories,
      week,
      weekNo,
      earlier.categories,
      marketPostings,
    );
    this.addBreakdowns(week, postings, skillRanks);
    const roleRanks = this.weekly(
      this.roles,
      roleFigures.tally,
      index.roles,
      week,
      weekNo,
      earlier.roles,
      marketPostings,
      (g) => roleFigures.writeExperience(this.roles, g),
    );
    roleFigures.writeProfiles(this.roleProfiles, this.roleProfileMinPostings, (out) =>
      out.text(week),
    );
    return {
      skills: { ranks: skillRanks, newPostings: skills.fresh.slice() },
      categories: categoryRanks,
      roles: roleRanks,
      marketNewPostings: market.fresh.slice(),
    };
  }

  private weekly(
    out: CopyText,
    tally: Tally,
    keys: readonly string[],
    week: string,
    weekNo: number,
    earlier: RankLookup,
    marketPostings: Int32Array,
    /** Writes the columns a table has after the rates, of group g. */
    after?: (g: number) => void,
  ): Ranks {
    const K = keys.length;
    const ranks = new Int32Array(SEGMENT_COUNT * K);
    for (let s = 0; s < SEGMENT_COUNT; s += 1) tally.rank(s * K, (s + 1) * K, ranks);
    const rates = RATE_SERIES.map((_, series) => tally.sorted(series));
    const before = RANK_LAGS.map((lag) => earlier(weekNo - lag));
    for (let g = 0; g < SEGMENT_COUNT * K; g += 1) {
      const postings = tally.postings[g] as number;
      if (postings === 0) continue;
      const s = Math.floor(g / K);
      const rank = ranks[g] as number;
      out
        .text(week)
        .text(SEGMENTS[s] as string)
        .text(keys[g % K] as string);
      out.number(postings).number(tally.fresh[g] as number);
      out.number(postings / (marketPostings[s] as number)).number(rank);
      for (const ranksThen of before) {
        const then = ranksThen?.[g] ?? 0;
        out.number(then > 0 ? then - rank : null);
      }
      writeRates(out, rates, g);
      after?.(g);
      out.endRow();
    }
    return ranks;
  }

  private scopeOf(scope: number): readonly [string, string] {
    if (scope === 0) return ['market', ''];
    if (scope <= this.categoryCount)
      return ['category', this.index.categories[scope - 1] as string];
    return ['skill', this.skillIds[scope - 1 - this.categoryCount] as string];
  }

  /**
   * Segment 'all' by country and by work mode: all postings, each category and the week's
   * most-demanded skills (rank within BREAKDOWN_TOP_SKILLS), with their share of the
   * country's or work mode's postings and their median day rate.
   */
  private addBreakdowns(week: string, postings: Int32Array, skillRanks: Ranks): void {
    const { open, index, scopes } = this;
    const tally = this.breakdownTally;
    tally.clear();
    const modeOffset = open.countries.length * scopes;
    // The tally counts one series, the day rate: posting i's is at `day`.
    const add = (i: number, scope: number, isNew: boolean, day: number) => {
      tally.add((open.country[i] as number) * scopes + scope, isNew, open.rates, day);
      tally.add(modeOffset + (open.workMode[i] as number) * scopes + scope, isNew, open.rates, day);
    };
    for (let k = 0; k < postings.length; k += 1) {
      const i = postings[k] as number;
      const day = i * SERIES_COUNT + DAY_RATE;
      add(i, 0, false, day);
      const end = open.skillStart[i + 1] as number;
      for (let t = open.skillStart[i] as number; t < end; t += 1) {
        const skill = open.skills[t] as number;
        const category = index.categoryOf[skill] as number;
        if (category < 0) continue;
        const rank = skillRanks[skill] as number;
        if (rank > 0 && rank <= BREAKDOWN_TOP_SKILLS)
          add(i, 1 + this.categoryCount + skill, false, day);
        if (this.categoryMark[category] === k) continue;
        this.categoryMark[category] = k;
        add(i, 1 + category, false, day);
      }
    }
    this.categoryMark.fill(-1);
    const rates = tally.sorted(0);
    const out = this.breakdowns;
    const dimensions = [
      ['country', open.countries, 0],
      ['work_mode', open.workModes, modeOffset],
    ] as const;
    for (const [dimension, values, offset] of dimensions) {
      values.forEach((value, v) => {
        const base = offset + v * scopes;
        const total = tally.postings[base] as number;
        if (total === 0) return;
        for (let scope = 0; scope < scopes; scope += 1) {
          const g = base + scope;
          const count = tally.postings[g] as number;
          if (count === 0) continue;
          const [kind, id] = this.scopeOf(scope);
          out.text(week).text(dimension).text(value).text(kind).text(id);
          out.number(count).number(count / total);
          const from = rates.start[g] as number;
          const n = (rates.start[g + 1] as number) - from;
          out.number(n);
          if (n > 0) writeRate(out, percentile(rates.values, from, n, 0.5));
          else out.null();
          out.endRow();
        }
      });
    }
  }
}

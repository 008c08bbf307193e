import type { CopyText } from '../db/copy.js';
import type { OpenPostings, SkillIndex } from './open-postings.js';
import { SEGMENTS } from './open-postings.js';
import { RATE_SERIES } from './tables.js';
import { Tally } from './tally.js';

/*
 * The roles' figures counted from postings: each role's postings and rates per segment,
 * the years of experience they ask, and the skills they ask for. WeekFigures counts a
 * week of them (role_weekly, role_profile_weekly), countRoleWindow a window of weeks
 * (role_window, role_profile_window).
 */

const SEGMENT_COUNT = SEGMENTS.length;
/**
 * Years of experience counted one by one up to this; a posting asking more counts here
 * (the median of a role is never near it: postings ask 0 to 30).
 */
const MAX_YEARS = 40;
export const YEAR_SLOTS = MAX_YEARS + 1;

/**
 * The median of whole numbers counted in `histogram[from .. from + YEAR_SLOTS)`, `n` of
 * them: the mean of the two middle ones for an even n, as percentile(…, 0.5) of the sorted
 * values gives it.
 */
export function histogramMedian(histogram: Int32Array, from: number, n: number): number {
  const low = (n - 1) >> 1;
  const high = n >> 1;
  let seen = 0;
  let lowValue = -1;
  for (let years = 0; years < YEAR_SLOTS; years += 1) {
    seen += histogram[from + years] as number;
    if (lowValue < 0 && seen > low) lowValue = years;
    if (seen > high) return (lowValue + years) / 2;
  }
  throw new Error(`a median of ${n} values counted fewer`);
}

/** Reusable counts of the roles' postings: cleared between the weeks or windows counted. */
export class RoleFigures {
  /** Postings and rates of (segment s, role r) at group s * roleCount + r. */
  readonly tally: Tally;
  readonly roleCount: number;
  /**
   * How many postings of each group ask each number of years: whole years, so a
   * histogram gives their median without sorting. At group * YEAR_SLOTS + years.
   */
  private readonly yearsAsked: Int32Array;
  /** Postings of each group stating years. */
  private readonly yearsStated: Int32Array;
  /** Postings of role r asking for skill k (segment 'all') at r * skillCount + k. */
  private readonly roleSkills: Int32Array;
  private readonly skillCount: number;

  constructor(
    private readonly open: OpenPostings,
    private readonly index: SkillIndex,
  ) {
    this.skillCount = index.known;
    this.roleCount = index.roles.length;
    this.tally = new Tally(SEGMENT_COUNT * this.roleCount, RATE_SERIES.length);
    this.yearsAsked = new Int32Array(SEGMENT_COUNT * this.roleCount * YEAR_SLOTS);
    this.yearsStated = new Int32Array(SEGMENT_COUNT * this.roleCount);
    this.roleSkills = new Int32Array(this.roleCount * this.skillCount);
  }

  clear(): void {
    this.tally.clear();
    this.yearsAsked.fill(0);
    this.yearsStated.fill(0);
    this.roleSkills.fill(0);
  }

  /**
   * Counts posting i (segment `own`, its rates at `open.rates[at]`) in its role, and
   * returns where its skills are counted (`addSkill`): -1 when it has no role.
   */
  add(i: number, own: number, isNew: boolean, at: number): number {
    const role = this.open.role[i] as number;
    if (role < 0) return -1;
    const R = this.roleCount;
    this.tally.add(role, isNew, this.open.rates, at);
    if (own) this.tally.add(own * R + role, isNew, this.open.rates, at);
    const years = this.open.experienceYears[i] as number;
    if (years === years) {
      const slot = Math.min(Math.max(years, 0), MAX_YEARS);
      this.countYears(role, slot);
      if (own) this.countYears(own * R + role, slot);
    }
    return role * this.skillCount;
  }

  /** One of the skills of a posting `add` counted at `profile`. */
  addSkill(profile: number, skill: number): void {
    this.roleSkills[profile + skill] = (this.roleSkills[profile + skill] as number) + 1;
  }

  /** The experience columns of group g: postings stating years, and their median. */
  writeExperience(out: CopyText, g: number): void {
    const n = this.yearsStated[g] as number;
    out.number(n).number(n > 0 ? histogramMedian(this.yearsAsked, g * YEAR_SLOTS, n) : null);
  }

  /**
   * Profile rows (segment 'all'): for each role with `minPostings` postings, each skill
   * asked for by that many of them and by `minShare` of them at least, with its share of
   * them. `key` writes a row's leading columns (the week, and the window's length where
   * there is one).
   */
  writeProfiles(
    out: CopyText,
    minPostings: number,
    key: (out: CopyText) => void,
    minShare = 0,
  ): void {
    const { roleSkills, skillCount: S } = this;
    const rolePostings = this.tally.postings;
    for (let role = 0; role < this.roleCount; role += 1) {
      const total = rolePostings[role] as number;
      if (total < minPostings) continue;
      const roleId = this.index.roles[role] as string;
      const least = Math.max(minPostings, minShare * total);
      for (let skill = 0, at = role * S; skill < S; skill += 1, at += 1) {
        const count = roleSkills[at] as number;
        if (count < least) continue;
        key(out);
        out.text(roleId).text(this.index.ids[skill] as string);
        out.number(count).number(count / total);
        out.endRow();
      }
    }
  }

  private countYears(g: number, slot: number): void {
    this.yearsStated[g] = (this.yearsStated[g] as number) + 1;
    const cell = g * YEAR_SLOTS + slot;
    this.yearsAsked[cell] = (this.yearsAsked[cell] as number) + 1;
  }
}

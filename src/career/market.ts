/*
 * What the career planner reads of the market, as plain data: the roles of a week with
 * their profiles, and the skills with their weekly series. `read.ts` fills it from the
 * database; the planner's functions take it as it is, so that they are tested on a
 * market written by hand.
 */

/** A skill or certification a role's postings ask for, with how often. */
export interface ProfileItem {
  readonly id: string;
  readonly name: string;
  readonly certification: boolean;
  /** Share of the role's postings in the market's window asking for it, 0..1. */
  readonly share: number;
}

export interface RoleMarket {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Other names the role is known by (title phrasings), for matching `--target`. */
  readonly aliases: readonly string[];
  /** Postings of the role open in the week. */
  readonly postings: number;
  /**
   * Postings of the role open in the market's window (`CareerMarket.window`), each once:
   * what its rates, profile and years asked rest on.
   */
  readonly windowPostings: number;
  /**
   * Its postings in the 8 weeks to the week read / in the 8 weeks ending 13 (52) weeks
   * before - 1 (read.ts windowGrowth); null without postings then.
   */
  readonly growth13w: number | null;
  readonly growth52w: number | null;
  /** Day rates of its postings in the window: percentiles, and how many. */
  readonly dayRateMedian: number | null;
  readonly dayRateP25: number | null;
  readonly dayRateP75: number | null;
  readonly dayRateCount: number;
  /** The skills and certifications its postings in the window ask for, most asked first. */
  readonly profile: readonly ProfileItem[];
  /**
   * The median of the fewest years of experience its postings in the window ask for; null
   * when none say.
   */
  readonly experienceYearsMedian: number | null;
  /** Its postings per week, aligned with `CareerMarket.weeks`. */
  readonly demand: readonly number[];
}

/** A related skill of a skill: asked together with it (skill_pairs). */
export interface RelatedSkillLink {
  readonly id: string;
  readonly lift: number;
  /** Share of the skill's postings that also ask for this one. */
  readonly share: number;
}

export interface SkillMarket {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  readonly certification: boolean;
  readonly aliases: readonly string[];
  /** Postings asking for it in the week. */
  readonly postings: number;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
  /** Postings per week, aligned with `CareerMarket.weeks` (0 for a week without any). */
  readonly demand: readonly number[];
  /** Median day rate per week, aligned with `CareerMarket.weeks`; null without rates. */
  readonly rates: readonly (number | null)[];
  /** Skills asked together with it, highest lift first. */
  /** Empty until filled for the user's skills (career/read.ts withRelatedSkills). */
  readonly related: readonly RelatedSkillLink[];
}

export interface CareerMarket {
  /** The week read (its Monday), the last of `weeks`. */
  readonly week: string;
  /**
   * The weeks the roles' rates, profiles and years asked are counted over: `weeks` weeks
   * to `week` (the newest window at or before the week read); null when none was counted,
   * and the roles have none of them.
   */
  readonly window: { readonly week: string; readonly weeks: number } | null;
  readonly currency: string | null;
  /** The weeks of every series, oldest first. */
  readonly weeks: readonly string[];
  /** All postings per week, aligned with `weeks`: the denominators of demand shares. */
  readonly marketPostings: readonly number[];
  readonly roles: readonly RoleMarket[];
  readonly skills: Readonly<Record<string, SkillMarket>>;
}

/** What the contractor brings, as taxonomy ids. */
export interface CareerUser {
  readonly skills: readonly string[];
  readonly certs: readonly string[];
  /** Years of experience; null when not given. */
  readonly years: number | null;
}

/** Whether the user has a profile item: among their skills or their certifications. */
export function hasItem(user: CareerUser, id: string): boolean {
  return user.skills.includes(id) || user.certs.includes(id);
}

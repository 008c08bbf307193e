/*
 * The shapes the rollup's modules hand each other: a leaf, importing nothing of trends,
 * so that the modules that share them never import each other for a type.
 */

/** A week's ranks by (segment, key): ranks[segment * keys + key], 0 when absent. */
export type Ranks = Int32Array;

/** Ranks of earlier weeks, by week number: computed in this rollup or read as stored. */
export type RankLookup = (week: number) => Ranks | undefined;

/**
 * A week's skill figures as the rollup indexes them, by segment then skill: what rank
 * changes and movers read of a week.
 */
export interface IndexedSkillWeek {
  /** 0 where the skill has no row that week. */
  readonly ranks: Ranks;
  readonly newPostings: Int32Array;
}

/** What later steps read of a week's figures: ranks and new postings. */
export interface WeekResult {
  readonly skills: IndexedSkillWeek;
  readonly categories: Ranks;
  readonly roles: Ranks;
  /** By segment. */
  readonly marketNewPostings: Int32Array;
}

/** Weeks computed by this rollup: skills and the market's new postings by segment. */
export interface ComputedWeeks {
  readonly skills: ReadonlyMap<number, IndexedSkillWeek>;
  readonly market: ReadonlyMap<number, Int32Array>;
}

/** A stored week of skill_weekly or category_weekly, indexed as the figures index it. */
export interface StoredWeek {
  /** By (segment, key) index as the figures number them; 0 where the week has no row. */
  readonly ranks: Ranks;
  readonly newPostings: Int32Array;
  /** Per lag, in RANK_LAGS order, by the same index as ranks. */
  readonly changes: Int32Array[];
}

/** Times a step of the rollup: repeated steps add up. */
export type Step = <T>(name: string, work: Promise<T>) => Promise<T>;

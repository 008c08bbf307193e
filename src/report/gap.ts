import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { BadInputError } from '../errors.js';
import { findSkill, latestRelatedWeek, rolledUpWeek } from '../trends/read.js';
import { DEFAULT_TREND_SETTINGS } from '../config/settings.js';
import { median } from '../trends/statistics.js';
import { addWeeks, weekLabel } from '../trends/weeks.js';
import { mineBundles } from './gap-bundles.js';
import { change } from './weekly-figures.js';
import { MIN_RATES } from './weekly-model.js';

/** The most skills one gap report takes, adjacent skills it lists, and bundles it shows. */
export const MAX_OWN_SKILLS = 30;
const TOP_ADJACENT = 10;
/** Adjacent skills that bundles are mined from (besides the contractor's own). */
const BUNDLE_CANDIDATES = 20;

export interface GapSkillFigures {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Postings open in the week asking for the skill (segment all). */
  readonly postings: number;
  /** Postings now / postings 13 weeks before - 1; null without postings then. */
  readonly growth13w: number | null;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
}

export interface AdjacentSkill extends GapSkillFigures {
  /** The highest lift with one of the contractor's skills, and which. */
  readonly lift: number;
  readonly pairedWith: string;
  /** Share of that skill's postings that also ask for this one. */
  readonly share: number;
  /** Median day rate / the contractor's baseline - 1; null on fewer than MIN_RATES rates. */
  readonly ratePremium: number | null;
  /** log2(lift) + growth + premium, the last two clamped to [-1, 1], missing ones 0. */
  readonly score: number;
}

export interface SkillBundle {
  readonly skills: readonly { id: string; name: string }[];
  readonly have: readonly string[];
  readonly missing: readonly string[];
  /** Postings in the window asking for every skill of the bundle. */
  readonly postings: number;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
}

export interface GapReport {
  readonly week: string;
  readonly label: string;
  readonly currency: string | null;
  readonly category: string | null;
  readonly skills: readonly GapSkillFigures[];
  /** The median of the contractor's skills' median day rates: what rate premiums compare with. */
  readonly baselineDayRate: number | null;
  readonly adjacent: readonly AdjacentSkill[];
  readonly bundles: readonly SkillBundle[];
  /** The related-skills window the lifts and bundles are read over. */
  readonly window: { readonly from: string; readonly to: string; readonly postings: number } | null;
}

export interface GapOptions {
  /** Skill names, ids or aliases, as the contractor writes them. */
  readonly skills: readonly string[];
  readonly category?: string | undefined;
  /** Default: the last complete week (`defaultWeek`). */
  readonly week?: string | undefined;
  /** The fewest postings a bundle needs. @defaultValue the trends' `pairsMinPostings` (3) */
  readonly minPostings?: number | undefined;
}

/** A comma-separated skill list as typed: "aws, terraform,python". */
export function parseSkillList(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(names)];
}

/** The gap report cannot be built as asked (no skills, an unknown skill or category). */
export class ReportError extends BadInputError {}

const clamp = (x: number | null) => (x === null ? 0 : Math.max(-1, Math.min(1, x)));

async function skillFigures(
  db: Kysely<Database>,
  ids: readonly string[],
  week: string,
): Promise<{ currency: string | null; byId: Map<string, GapSkillFigures> }> {
  const byId = new Map<string, GapSkillFigures>();
  if (ids.length === 0) return { currency: null, byId };
  const skills = await db
    .selectFrom('skills')
    .select(['id', 'name', 'category'])
    .where('id', 'in', ids)
    .execute();
  const rows = await db
    .selectFrom('skill_weekly')
    .select(['skill_id', 'week', 'postings', 'day_rate_median', 'day_rate_count'])
    .where('segment', '=', 'all')
    .where('skill_id', 'in', ids)
    .where('week', 'in', [week, addWeeks(week, -13)])
    .execute();
  const market = await db
    .selectFrom('market_weekly')
    .select('currency')
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .executeTakeFirst();
  for (const skill of skills) {
    const now = rows.find((r) => r.skill_id === skill.id && r.week === week);
    const before = rows.find((r) => r.skill_id === skill.id && r.week !== week);
    const postings = now?.postings ?? 0;
    byId.set(skill.id, {
      ...skill,
      postings,
      growth13w: change(postings, before?.postings ?? null),
      dayRateMedian: now?.day_rate_median ?? null,
      dayRateCount: now?.day_rate_count ?? 0,
    });
  }
  return { currency: market?.currency ?? null, byId };
}

/** The contractor's skills as taxonomy ids, in the order named; an unknown one is an error. */
async function ownSkills(db: Kysely<Database>, texts: readonly string[]): Promise<string[]> {
  if (texts.length === 0) {
    throw new ReportError('name at least one skill, e.g. --skills "aws, terraform"');
  }
  if (texts.length > MAX_OWN_SKILLS) {
    throw new ReportError(`at most ${MAX_OWN_SKILLS} skills, got ${texts.length}`);
  }
  const own: string[] = [];
  const unknown: string[] = [];
  for (const text of texts) {
    const skill = await findSkill(db, text);
    if (!skill) unknown.push(`"${text.slice(0, 100)}"`);
    else if (!own.includes(skill.id)) own.push(skill.id);
  }
  if (unknown.length > 0) {
    // Every unknown name at once: the contractor fixes the list in one go.
    const names = unknown.join(', ');
    throw new ReportError(
      unknown.length === 1
        ? `no skill ${names} in the taxonomy (try its full name)`
        : `no skills ${names} in the taxonomy (try their full names)`,
    );
  }
  return own;
}

/** The category asked for, lower case; null for none; an unknown one is an error. */
async function knownCategory(
  db: Kysely<Database>,
  text: string | undefined,
): Promise<string | null> {
  const category = text?.trim().toLowerCase() || null;
  if (category === null) return null;
  const known = await db
    .selectFrom('skills')
    .select('category')
    .distinct()
    .orderBy('category')
    .execute();
  if (!known.some((k) => k.category === category)) {
    const expected = known.map((k) => k.category).join(', ');
    throw new ReportError(`no category "${category.slice(0, 100)}": expected one of ${expected}`);
  }
  return category;
}

/** A related skill of the contractor's, with the highest lift of its pairs with theirs. */
interface BestPair {
  readonly skill_id: string;
  readonly related_skill_id: string;
  readonly lift: number;
  readonly share: number;
  readonly window_weeks: number;
}

/**
 * The skills related to the contractor's in the related-skills week (in the category,
 * when one is asked for), each with its best pair, and the window they were read over.
 */
async function bestPairs(
  db: Kysely<Database>,
  own: readonly string[],
  category: string | null,
  pairsWeek: string,
): Promise<{ best: Map<string, BestPair>; windowWeeks: number }> {
  const pairs = await db
    .selectFrom('skill_pairs as p')
    .innerJoin('skills as s', 's.id', 'p.related_skill_id')
    .select(['p.skill_id', 'p.related_skill_id', 'p.lift', 'p.share', 'p.window_weeks'])
    .where('p.week', '=', pairsWeek)
    .where('p.skill_id', 'in', own)
    .where('p.related_skill_id', 'not in', own)
    .$if(category !== null, (qb) => qb.where('s.category', '=', category as string))
    .execute();
  const best = new Map<string, BestPair>();
  for (const pair of pairs) {
    const seen = best.get(pair.related_skill_id);
    if (!seen || pair.lift > seen.lift) best.set(pair.related_skill_id, pair);
  }
  return {
    best,
    windowWeeks: pairs[0]?.window_weeks ?? DEFAULT_TREND_SETTINGS.pairsWindowWeeks,
  };
}

/** The adjacent skills, best first: by lift, demand growth and rate premium. */
function adjacentSkills(
  best: ReadonlyMap<string, BestPair>,
  byId: ReadonlyMap<string, GapSkillFigures>,
  baselineDayRate: number | null,
): AdjacentSkill[] {
  return [...best.values()]
    .map((pair): AdjacentSkill => {
      const figures = byId.get(pair.related_skill_id)!;
      const ratePremium =
        baselineDayRate !== null &&
        figures.dayRateMedian !== null &&
        figures.dayRateCount >= MIN_RATES
          ? figures.dayRateMedian / baselineDayRate - 1
          : null;
      return {
        ...figures,
        lift: pair.lift,
        share: pair.share,
        pairedWith: byId.get(pair.skill_id)!.name,
        ratePremium,
        score: Math.log2(pair.lift) + clamp(figures.growth13w) + clamp(ratePremium),
      };
    })
    .sort((a, b) => b.score - a.score || b.postings - a.postings || a.id.localeCompare(b.id));
}

/**
 * Which better-paid work is nearest to what a contractor knows: their skills' demand and
 * rates, the skills that combine with theirs (by lift over the related-skills window,
 * demand growth and rate premium), and the bundles postings ask for that they are
 * closest to, with what they lack.
 */
export async function buildGapReport(
  db: Kysely<Database>,
  options: GapOptions,
): Promise<GapReport> {
  const own = await ownSkills(db, options.skills);
  const category = await knownCategory(db, options.category);
  const week = await rolledUpWeek(db, options.week);
  const pairsWeek = await latestRelatedWeek(db, week);
  const { best, windowWeeks } = pairsWeek
    ? await bestPairs(db, own, category, pairsWeek)
    : { best: new Map<string, BestPair>(), windowWeeks: DEFAULT_TREND_SETTINGS.pairsWindowWeeks };
  const { currency, byId } = await skillFigures(db, [...own, ...best.keys()], week);
  const skills = own.map((id) => byId.get(id)!);
  const rates = skills.flatMap((s) => (s.dayRateMedian === null ? [] : [s.dayRateMedian]));
  const baselineDayRate = median(rates);
  const adjacent = adjacentSkills(best, byId, baselineDayRate);
  const window = pairsWeek
    ? { from: addWeeks(pairsWeek, -(windowWeeks - 1)), to: pairsWeek }
    : null;
  const mined = window
    ? await mineBundles(db, {
        own,
        candidates: adjacent.slice(0, BUNDLE_CANDIDATES).map((a) => a.id),
        ...window,
        support: options.minPostings ?? DEFAULT_TREND_SETTINGS.pairsMinPostings,
      })
    : null;
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  return {
    week,
    label: weekLabel(week),
    currency,
    category,
    skills,
    baselineDayRate,
    adjacent: adjacent.slice(0, TOP_ADJACENT),
    bundles: (mined?.bundles ?? []).map((b) => ({
      ...b,
      skills: b.skills.map((id) => ({ id, name: nameOf(id) })),
    })),
    window: mined && window ? { ...window, postings: mined.postings } : null,
  };
}

import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { median } from '../trends/statistics.js';
import { MIN_RATES } from './weekly-model.js';

/*
 * The skill bundles of the gap report: sets of skills that postings ask for together,
 * mined from the canonical postings open in the related-skills window.
 */

/** Bundles hold 2 to 4 skills; a posting's items are capped so subsets stay few. */
const BUNDLE_MAX_SIZE = 4;
const BUNDLE_MAX_ITEMS = 10;
const TOP_BUNDLES = 8;

/** A bundle as mined: its skills by id, those the contractor has and those they lack. */
export interface MinedBundle {
  readonly skills: readonly string[];
  readonly have: readonly string[];
  readonly missing: readonly string[];
  /** Postings in the window asking for every skill of the bundle. */
  readonly postings: number;
  readonly dayRateMedian: number | null;
  readonly dayRateCount: number;
}

/** What a bundle search reads: the contractor's skills, candidates and the window. */
export interface BundleSearch {
  readonly own: readonly string[];
  readonly candidates: readonly string[];
  readonly from: string;
  readonly to: string;
  /** The fewest postings a bundle needs. */
  readonly support: number;
}

/**
 * The canonical postings open in the window that ask for one of the contractor's skills:
 * which of theirs and of the candidates each asks for, and its day rate.
 */
async function windowPostings(
  db: Kysely<Database>,
  search: BundleSearch,
  order: readonly string[],
): Promise<{ skills: string[]; day_rate: number | null }[]> {
  const { rows } = await sql<{ skills: string[]; day_rate: number | null }>`
    with open as (
      select distinct coalesce(p.canonical_id, p.id) as id
      from postings p
      where daterange(p.active_from, p.active_until, '[]')
        && daterange(${search.from}::date, ${search.to}::date, '[]')
    )
    select array_agg(ps.skill_id) as skills, c.day_rate::float8 as day_rate
    from open
    join postings c on c.id = open.id
    join posting_skills ps on ps.posting_id = open.id
    where ps.skill_id in (${sql.join(order)})
    group by open.id, c.day_rate
    having bool_or(ps.skill_id in (${sql.join(search.own)}))`.execute(db);
  return rows;
}

interface FoundSet {
  readonly skills: string[];
  postings: number;
  readonly rates: number[];
}

/**
 * Every set of 2 to BUNDLE_MAX_SIZE skills of each posting's first BUNDLE_MAX_ITEMS (in
 * `order`) holding one the contractor has and one they lack, with its postings and rates.
 */
function countSkillSets(
  rows: readonly { skills: string[]; day_rate: number | null }[],
  order: readonly string[],
  ownSet: ReadonlySet<string>,
): Map<string, FoundSet> {
  const rank = new Map(order.map((id, i) => [id, i]));
  const found = new Map<string, FoundSet>();
  const mixed = (chosen: readonly string[]) =>
    chosen.length >= 2 &&
    chosen.some((id) => ownSet.has(id)) &&
    chosen.some((id) => !ownSet.has(id));
  const visit = (items: string[], day: number | null, start: number, chosen: string[]) => {
    if (mixed(chosen)) {
      const key = chosen.join(',');
      const entry = found.get(key) ?? { skills: [...chosen], postings: 0, rates: [] };
      entry.postings += 1;
      if (day !== null) entry.rates.push(day);
      found.set(key, entry);
    }
    if (chosen.length === BUNDLE_MAX_SIZE) return;
    for (let i = start; i < items.length; i++) visit(items, day, i + 1, [...chosen, items[i]!]);
  };
  for (const row of rows) {
    const items = row.skills.sort((a, b) => rank.get(a)! - rank.get(b)!).slice(0, BUNDLE_MAX_ITEMS);
    visit(items, row.day_rate, 0, []);
  }
  return found;
}

/**
 * For each set of missing skills, the bundle holding the most of the contractor's (then
 * the most postings); the nearest (fewest missing) first, then the best paid.
 */
function nearestBundles(
  found: ReadonlyMap<string, FoundSet>,
  ownSet: ReadonlySet<string>,
  support: number,
): MinedBundle[] {
  const nearest = new Map<string, MinedBundle>();
  for (const entry of found.values()) {
    if (entry.postings < support) continue;
    const missing = entry.skills.filter((id) => !ownSet.has(id));
    const have = entry.skills.filter((id) => ownSet.has(id));
    const bundle: MinedBundle = {
      skills: entry.skills,
      have,
      missing,
      postings: entry.postings,
      dayRateMedian: entry.rates.length >= MIN_RATES ? median(entry.rates) : null,
      dayRateCount: entry.rates.length,
    };
    const key = missing.join(',');
    const kept = nearest.get(key);
    const nearer =
      !kept ||
      have.length > kept.have.length ||
      (have.length === kept.have.length && bundle.postings > kept.postings);
    if (nearer) nearest.set(key, bundle);
  }
  return [...nearest.values()].sort(
    (a, b) =>
      a.missing.length - b.missing.length ||
      (b.dayRateMedian ?? -1) - (a.dayRateMedian ?? -1) ||
      b.postings - a.postings ||
      a.skills.join().localeCompare(b.skills.join()),
  );
}

/**
 * The skill sets that canonical postings open in the window ask for together, among the
 * contractor's skills and the candidates: every set of 2 to 4 with at least one skill
 * they have and one they lack, asked for by at least the pairs' minimum of postings.
 * For each set of missing skills, the bundle holding the most of theirs is kept; the
 * nearest (fewest missing) come first, then the best paid.
 */
export async function mineBundles(
  db: Kysely<Database>,
  search: BundleSearch,
): Promise<{ postings: number; bundles: MinedBundle[] }> {
  if (search.candidates.length === 0) return { postings: 0, bundles: [] };
  const order = [...search.own, ...search.candidates];
  const ownSet = new Set(search.own);
  const rows = await windowPostings(db, search, order);
  const bundles = nearestBundles(countSkillSets(rows, order, ownSet), ownSet, search.support);
  return { postings: rows.length, bundles: bundles.slice(0, TOP_BUNDLES) };
}

import { weekLabel } from '../trends/weeks.js';
import { BadInputError } from '../errors.js';
import type { CareerMarket, RoleMarket, SkillMarket } from './market.js';

/*
 * The contractor's words to taxonomy ids: skills, certifications and the target role,
 * each by id, name or alias, case aside. A name that matches nothing is an error that
 * names the nearest known ones (by edit distance), so that a typo is fixed in one go.
 */

/** The career plan cannot be made as asked (an unknown skill, certification or role). */
export class CareerError extends BadInputError {}

/** How many near names an unknown one is answered with. */
const NEAREST = 3;
/** The longest input quoted back. */
const QUOTED = 100;

/** Levenshtein distance: the fewest insertions, deletions and substitutions. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}

interface Named {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
}

const key = (text: string) => text.trim().toLowerCase();
const namesOf = (entry: Named) => [entry.id, entry.name, ...entry.aliases].map(key);

/** The entry whose id, name or alias is `text`, case aside. */
export function findNamed<T extends Named>(entries: readonly T[], text: string): T | undefined {
  const wanted = key(text);
  return entries.find((e) => namesOf(e).includes(wanted));
}

/** The NEAREST entries by the least edit distance of any of their names to `text`. */
export function nearestNames(entries: readonly Named[], text: string): string[] {
  const wanted = key(text).slice(0, QUOTED);
  return entries
    .map((e) => ({
      name: e.name,
      distance: Math.min(...namesOf(e).map((n) => editDistance(wanted, n))),
    }))
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name))
    .slice(0, NEAREST)
    .map((e) => e.name);
}

const quoted = (text: string) => `"${text.slice(0, QUOTED)}"`;

function unknownMessage(kind: string, text: string, nearest: readonly string[]): string {
  const near = nearest.length > 0 ? `; nearest: ${nearest.join(', ')}` : '';
  return `no ${kind} ${quoted(text)} in the taxonomy${near}`;
}

/**
 * Skill (or, with `certifications`, certification) names to ids, in the order given,
 * each once; every unknown name is reported in one error with its nearest known ones.
 */
export function resolveSkills(
  market: CareerMarket,
  texts: readonly string[],
  kind: 'skill' | 'certification',
): string[] {
  const all = Object.values(market.skills);
  const entries: SkillMarket[] =
    kind === 'certification' ? all.filter((s) => s.certification) : all;
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const text of texts) {
    const found = findNamed(entries, text);
    if (!found) unknown.push(unknownMessage(kind, text, nearestNames(entries, text)));
    else if (!ids.includes(found.id)) ids.push(found.id);
  }
  if (unknown.length > 0) throw new CareerError(unknown.join('\n'));
  return ids;
}

/** A job title's role id (the title normalizer's reading), null for none. */
export type TitleRole = (title: string) => string | null;

/**
 * The role named by `text` (id, name or alias), or else the role `titleRole` reads the
 * text as a job title to ("Senior Cloud Security Architect"); an unknown one names the
 * nearest roles.
 */
export function resolveRole(market: CareerMarket, text: string, titleRole?: TitleRole): RoleMarket {
  const id = findNamed(market.roles, text)?.id ?? titleRole?.(text.slice(0, QUOTED)) ?? null;
  const found = id === null ? undefined : market.roles.find((r) => r.id === id);
  // A role's profile and rates are read over the market's window: a role with postings
  // there has something to plan from, in the week read or not.
  const active = market.roles.filter((r) => r.windowPostings > 0);
  if (!found) {
    throw new CareerError(unknownMessage('role', text, nearestNames(active, text)));
  }
  if (found.windowPostings === 0) {
    const near = nearestNames(active, found.name);
    const where =
      market.window === null
        ? 'no window of weeks has been rolled up'
        : `no postings of the role "${found.name}" in the ${market.window.weeks} weeks to ${weekLabel(market.window.week)}`;
    throw new CareerError(
      `${where}: nothing to plan from` +
        (near.length > 0 ? `; nearest with postings: ${near.join(', ')}` : ''),
    );
  }
  return found;
}

/** What `skillpulse career` is asked, as typed. */
export interface CareerRequest {
  readonly skills: readonly string[];
  readonly certs: readonly string[];
  readonly years: number | null;
  readonly target?: string | undefined;
  readonly category?: string | undefined;
}

/** The most skills and certifications one plan takes. */
export const MAX_ITEMS = 30;

/** The category asked for, lower case; null for none; one no role or skill has is an error. */
export function resolveCategory(market: CareerMarket, text: string | undefined): string | null {
  const category = text?.trim().toLowerCase() || null;
  if (category === null) return null;
  const known = [
    ...new Set([
      ...market.roles.map((r) => r.category),
      ...Object.values(market.skills).map((s) => s.category),
    ]),
  ].sort();
  if (!known.includes(category)) {
    throw new CareerError(`no category ${quoted(category)}: expected one of ${known.join(', ')}`);
  }
  return category;
}

/**
 * The request in taxonomy ids: skills, certifications, the target role and the category;
 * every unknown skill and certification at once, then an unknown role or category.
 */
export function resolveRequest(
  market: CareerMarket,
  request: CareerRequest,
  titleRole?: TitleRole,
): {
  user: { skills: string[]; certs: string[]; years: number | null };
  target: RoleMarket | null;
  category: string | null;
} {
  if (request.skills.length === 0) {
    throw new CareerError('name at least one skill, e.g. --skills "aws, terraform"');
  }
  if (request.skills.length + request.certs.length > MAX_ITEMS) {
    throw new CareerError(`at most ${MAX_ITEMS} skills and certifications together`);
  }
  const problems: string[] = [];
  const attempt = <T>(read: () => T, fallback: T): T => {
    try {
      return read();
    } catch (error) {
      if (!(error instanceof CareerError)) throw error;
      problems.push(error.message);
      return fallback;
    }
  };
  const skills = attempt(() => resolveSkills(market, request.skills, 'skill'), []);
  const certs = attempt(() => resolveSkills(market, request.certs, 'certification'), []);
  const target = attempt(
    () => (request.target?.trim() ? resolveRole(market, request.target, titleRole) : null),
    null,
  );
  const category = attempt(() => resolveCategory(market, request.category), null);
  if (problems.length > 0) throw new CareerError(problems.join('\n'));
  return { user: { skills, certs, years: request.years }, target, category };
}

import type { CareerMarket, RoleMarket } from './market.js';
import { coverage } from './target.js';

/*
 * The roles nearest a role by profile: where someone doing it could move with the least
 * to learn. The planner's `coverage` measures it: how much of another role's
 * demand-weighted profile this role's core items cover.
 */

/** Roles listed as nearest a role. */
export const NEAREST_ROLES = 5;

export interface NearRole {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** Its postings in the market's window, which its profile and rate are read over. */
  readonly postings: number;
  readonly dayRateMedian: number | null;
  /** Of the near role's demand-weighted profile, the share `role`'s core items cover, 0..1. */
  readonly coverage: number;
}

/**
 * The other roles of the market by how much of their profile `role`'s core items cover,
 * most first (then more postings, then id); roles covered not at all are left out.
 */
export function nearestRoles(
  market: CareerMarket,
  role: RoleMarket,
  limit: number = NEAREST_ROLES,
): NearRole[] {
  return market.roles
    .filter((other) => other.id !== role.id)
    .map((other) => ({
      id: other.id,
      name: other.name,
      category: other.category,
      postings: other.windowPostings,
      dayRateMedian: other.dayRateMedian,
      coverage: coverage(role, other),
    }))
    .filter((near) => near.coverage > 0)
    .sort((a, b) => b.coverage - a.coverage || b.postings - a.postings || a.id.localeCompare(b.id))
    .slice(0, limit);
}

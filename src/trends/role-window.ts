import type { Transaction } from 'kysely';
import type { TrendSettings } from '../config/settings.js';
import { copyInto, CopyText } from '../db/copy.js';
import type { Database } from '../db/schema.js';
import { SEGMENTS, type OpenPostings, type SkillIndex } from './open-postings.js';
import { RoleFigures } from './role-figures.js';
import { columnNames, RATE_SERIES, ROLE_PROFILE_WINDOW, ROLE_WINDOW } from './tables.js';
import { writeRates } from './tally.js';

/*
 * The roles' figures over the window of weeks that related skills read
 * (`pairsWindowWeeks`, ending at the newest complete week): role_window and
 * role_profile_window. A role has a few postings a week, and what it pays and asks for
 * read from one week would rest on a handful of them; the career planner and the role
 * pages read these instead.
 */

export interface RoleWindowRows {
  readonly roles: CopyText;
  readonly profiles: CopyText;
}

/**
 * The rows of `week`'s window from `open`, the canonical postings open in the window
 * (each counted once however many of its weeks it was open).
 */
export function countRoleWindow(
  week: string,
  settings: TrendSettings,
  open: OpenPostings,
  index: SkillIndex,
): RoleWindowRows {
  const window = settings.pairsWindowWeeks;
  const figures = new RoleFigures(open, index);
  const market = new Int32Array(SEGMENTS.length);
  for (let i = 0; i < open.count; i += 1) {
    const own = open.segment[i] as number;
    market[0] = (market[0] as number) + 1;
    if (own) market[own] = (market[own] as number) + 1;
    const profile = figures.add(i, own, false, i * RATE_SERIES.length);
    if (profile < 0) continue;
    const end = open.skillStart[i + 1] as number;
    for (let t = open.skillStart[i] as number; t < end; t += 1) {
      const skill = open.skills[t] as number;
      if ((index.categoryOf[skill] as number) >= 0) figures.addSkill(profile, skill);
    }
  }
  const roles = new CopyText();
  const { tally, roleCount } = figures;
  const rates = RATE_SERIES.map((_, series) => tally.sorted(series));
  for (let g = 0; g < tally.groups; g += 1) {
    const postings = tally.postings[g] as number;
    if (postings === 0) continue;
    const s = Math.floor(g / roleCount);
    roles
      .text(week)
      .number(window)
      .text(SEGMENTS[s] as string)
      .text(index.roles[g % roleCount] as string);
    roles.number(postings).number(postings / (market[s] as number));
    writeRates(roles, rates, g);
    figures.writeExperience(roles, g);
    roles.endRow();
  }
  const profiles = new CopyText();
  figures.writeProfiles(
    profiles,
    settings.roleProfileMinPostings,
    (out) => out.text(week).number(window),
    settings.roleProfileMinShare,
  );
  return { roles, profiles };
}

/** Replaces role_window and role_profile_window of `week`'s window with `rows`. */
export async function writeRoleWindow(
  trx: Transaction<Database>,
  week: string,
  settings: TrendSettings,
  rows: RoleWindowRows,
): Promise<number> {
  const window = settings.pairsWindowWeeks;
  await Promise.all(
    (['role_window', 'role_profile_window'] as const).map((table) =>
      trx.deleteFrom(table).where('week', '=', week).where('window_weeks', '=', window).execute(),
    ),
  );
  const [roles] = await Promise.all([
    copyInto(trx, ROLE_WINDOW.name, columnNames(ROLE_WINDOW), rows.roles),
    copyInto(trx, ROLE_PROFILE_WINDOW.name, columnNames(ROLE_PROFILE_WINDOW), rows.profiles),
  ]);
  return roles;
}

import type { Kysely } from 'kysely';
import type { TrendSettings } from '../config/settings.js';
import type { Database } from '../db/schema.js';
import { moverZ } from '../trends/movers.js';
import { twoSidedP } from '../trends/statistics.js';
import { ROLE_WEEKLY } from '../trends/tables.js';
import { addWeeks } from '../trends/weeks.js';
import { latestRoleWindow, roleWindowFigures } from '../trends/roles-read.js';
import { demandLine, figures, rateRange, type FigureRow } from './weekly-figures.js';
import {
  MIN_RATES,
  type MoverLine,
  type PaidRoleLine,
  type RoleLine,
  type RolesSection,
} from './weekly-model.js';

/** Roles listed by demand and by rate, and movers per direction. */
const TOP_ROLES = 10;
const TOP_ROLE_MOVERS = 5;

type MoverSettings = Pick<
  TrendSettings,
  'moversMinSupport' | 'moversMinWindowPostings' | 'moversMaxPValue'
>;

/**
 * The report's roles of `week` (role_weekly, segment all): the most-demanded, the
 * best-paid (of roles with MIN_RATES day rates or more) and the years asked, over the
 * roles' window of weeks to `week` when one was counted (role_window), and the risers and fallers over
 * `windowWeeks` judged as the skills' movers are (trends/movers.ts moverZ: support on
 * each side, two-proportion z-test). Null when the week has no role figures (postings
 * stored before roles were read, until `reprocess --all` and `rollup --all`).
 */
export async function rolesSection(
  db: Kysely<Database>,
  week: string,
  windowWeeks: number,
  settings: MoverSettings,
): Promise<RolesSection | null> {
  const rows = await figures(db, ROLE_WEEKLY, week);
  if (rows.length === 0) return null;
  const roles = await db.selectFrom('roles').select(['id', 'name', 'category']).execute();
  const byId = new Map(roles.map((r) => [r.id, r]));
  const nameOf = (id: string) => byId.get(id)?.name ?? id;
  // Pay and years over the roles' window when one was counted for this week: a role's
  // week is a handful of postings. An older week's report reads its own.
  const latest = await latestRoleWindow(db, week);
  const window = latest?.week === week ? latest : null;
  const inWindow = window === null ? null : await roleWindowFigures(db, window);
  const years = new Map(
    inWindow === null
      ? await weekYears(db, week)
      : inWindow.map((f) => [f.role_id, f.experience_years_median] as const),
  );
  const rated =
    inWindow?.map((f) => ({ id: f.role_id, postings: f.postings, rates: f })) ??
    rows.map((r) => ({ id: r.id, postings: r.postings, rates: r }));
  const line = (row: FigureRow): RoleLine => ({
    ...demandLine(row, nameOf(row.id)),
    category: byId.get(row.id)?.category ?? null,
    experienceYears: years.get(row.id) ?? null,
  });
  const paid = rated
    .flatMap((r): PaidRoleLine[] => {
      const dayRate = rateRange(r.rates, 'day_rate');
      if (dayRate === null || dayRate.count < MIN_RATES) return [];
      return [{ id: r.id, name: nameOf(r.id), postings: r.postings, dayRate }];
    })
    .sort((a, b) => b.dayRate.median - a.dayRate.median || a.id.localeCompare(b.id));
  const movers = await roleMovers(db, week, windowWeeks, settings);
  const moverLines = (rising: boolean) =>
    movers
      .filter((m) => m.z > 0 === rising)
      .slice(0, TOP_ROLE_MOVERS)
      .map(({ z: _z, ...m }): MoverLine => ({ ...m, name: nameOf(m.id) }));
  return {
    topByDemand: rows.slice(0, TOP_ROLES).map(line),
    window,
    topByRate: paid.slice(0, TOP_ROLES),
    risers: moverLines(true),
    fallers: moverLines(false),
  };
}

/** Each role's median years of experience asked in `week` itself (role_weekly). */
async function weekYears(
  db: Kysely<Database>,
  week: string,
): Promise<(readonly [string, number | null])[]> {
  const rows = await db
    .selectFrom('role_weekly')
    .select(['role_id', 'experience_years_median'])
    .where('week', '=', week)
    .where('segment', '=', 'all')
    .execute();
  return rows.map((r) => [r.role_id, r.experience_years_median] as const);
}

/**
 * The roles whose share of the market's new postings moved between the `windowWeeks`
 * weeks to `week` and the as many before, significant at moversMaxPValue, strongest
 * first.
 */
async function roleMovers(
  db: Kysely<Database>,
  week: string,
  windowWeeks: number,
  settings: MoverSettings,
): Promise<(Omit<MoverLine, 'name'> & { z: number })[]> {
  const nowFrom = addWeeks(week, -(windowWeeks - 1));
  const beforeFrom = addWeeks(week, -(2 * windowWeeks - 1));
  const windows = <T extends 'role_weekly' | 'market_weekly'>(table: T) =>
    db
      .selectFrom(table as 'role_weekly')
      .select((eb) => [
        eb.fn.sum<number>('new_postings').filterWhere('week', '>=', nowFrom).as('now'),
        eb.fn.sum<number>('new_postings').filterWhere('week', '<', nowFrom).as('before'),
      ])
      .where('segment', '=', 'all')
      .where('week', '>=', beforeFrom)
      .where('week', '<=', week);
  const market = await windows('market_weekly').executeTakeFirst();
  const nNow = Number(market?.now ?? 0);
  const nBefore = Number(market?.before ?? 0);
  const rows = await windows('role_weekly').select('role_id').groupBy('role_id').execute();
  return rows
    .map((r) => {
      const xNow = Number(r.now ?? 0);
      const xBefore = Number(r.before ?? 0);
      const z = moverZ(xNow, nNow, xBefore, nBefore, settings);
      return { id: r.role_id, xNow, xBefore, z };
    })
    .filter((m): m is typeof m & { z: number } => m.z !== null)
    .map((m) => ({ ...m, pValue: twoSidedP(m.z) }))
    .filter((m) => m.pValue <= settings.moversMaxPValue)
    .sort((a, b) => Math.abs(b.z) - Math.abs(a.z) || a.id.localeCompare(b.id))
    .map((m) => ({
      id: m.id,
      postingsNow: m.xNow,
      postingsBefore: m.xBefore,
      shareNow: m.xNow / nNow,
      shareBefore: m.xBefore / nBefore,
      pValue: m.pValue,
      z: m.z,
    }));
}

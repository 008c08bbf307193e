import type { Transaction } from 'kysely';
import { copyInto } from '../db/copy.js';
import type { Database } from '../db/schema.js';
import type { WeekFigures } from './figures.js';
import {
  BREAKDOWN_WEEKLY,
  CATEGORY_WEEKLY,
  columnNames,
  MARKET_WEEKLY,
  ROLE_PROFILE_WEEKLY,
  ROLE_WEEKLY,
  SKILL_WEEKLY,
} from './tables.js';

/**
 * Writes the rows WeekFigures counted into market_weekly, skill_weekly, category_weekly,
 * breakdown_weekly, role_weekly and role_profile_weekly, with COPY: the server parses each field once and fills pages
 * many rows at a time.
 */
export async function writeFigures(
  trx: Transaction<Database>,
  figures: WeekFigures,
): Promise<{ skillRows: number; categoryRows: number }> {
  const [skillRows, categoryRows] = await Promise.all([
    copyInto(trx, SKILL_WEEKLY.name, columnNames(SKILL_WEEKLY), figures.skills),
    copyInto(trx, CATEGORY_WEEKLY.name, columnNames(CATEGORY_WEEKLY), figures.categories),
    copyInto(trx, MARKET_WEEKLY.name, columnNames(MARKET_WEEKLY), figures.market),
    copyInto(trx, BREAKDOWN_WEEKLY.name, columnNames(BREAKDOWN_WEEKLY), figures.breakdowns),
    copyInto(trx, ROLE_WEEKLY.name, columnNames(ROLE_WEEKLY), figures.roles),
    copyInto(trx, ROLE_PROFILE_WEEKLY.name, columnNames(ROLE_PROFILE_WEEKLY), figures.roleProfiles),
  ]);
  return { skillRows, categoryRows };
}

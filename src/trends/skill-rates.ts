import type { Kysely } from 'kysely';
import type { Database, Segment } from '../db/schema.js';
import { addWeeks } from './weeks.js';

/*
 * The figures of a skill's weeks that the demand series (read.ts, skillSeries) leaves to
 * the tables: the year-ago rank change and every percentile of the three rate series.
 */

/** One rate series of a week: how many figures and their percentiles (null with none). */
export interface RateFigures {
  readonly count: number;
  readonly p10: number | null;
  readonly p25: number | null;
  readonly median: number | null;
  readonly p75: number | null;
  readonly p90: number | null;
}

export interface SkillRateWeek {
  readonly week: string;
  readonly rankChange52w: number | null;
  readonly dayRate: RateFigures;
  readonly hourlyRate: RateFigures;
  readonly annualSalary: RateFigures;
}

/**
 * The weeks of the `weeks` to `last` in which a skill had postings of the segment, by
 * week: rank change on 52 weeks before, day rates, hourly rates and annual salaries.
 */
export async function skillRateWeeks(
  db: Kysely<Database>,
  skillId: string,
  options: { readonly segment: Segment; readonly last: string; readonly weeks: number },
): Promise<Map<string, SkillRateWeek>> {
  const rows = await db
    .selectFrom('skill_weekly')
    .selectAll()
    .where('skill_id', '=', skillId)
    .where('segment', '=', options.segment)
    .where('week', '>=', addWeeks(options.last, -(options.weeks - 1)))
    .where('week', '<=', options.last)
    .execute();
  return new Map(
    rows.map((row) => [
      row.week,
      {
        week: row.week,
        rankChange52w: row.rank_change_52w,
        dayRate: {
          count: row.day_rate_count,
          p10: row.day_rate_p10,
          p25: row.day_rate_p25,
          median: row.day_rate_median,
          p75: row.day_rate_p75,
          p90: row.day_rate_p90,
        },
        hourlyRate: {
          count: row.hourly_rate_count,
          p10: row.hourly_rate_p10,
          p25: row.hourly_rate_p25,
          median: row.hourly_rate_median,
          p75: row.hourly_rate_p75,
          p90: row.hourly_rate_p90,
        },
        annualSalary: {
          count: row.annual_salary_count,
          p10: row.annual_salary_p10,
          p25: row.annual_salary_p25,
          median: row.annual_salary_median,
          p75: row.annual_salary_p75,
          p90: row.annual_salary_p90,
        },
      },
    ]),
  );
}

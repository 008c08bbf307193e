import { z } from 'zod';
import { isCronPattern } from './cron.js';

/**
 * How rates of other periods become day rates, and what is plausible for each period.
 * Configuration (the `rates:` mapping of the config file), with these defaults; applied
 * by src/normalize/money.ts.
 */
export const rateSettingsSchema = z
  .object({
    /** Working days in a week: a weekly rate / this = day rate. @defaultValue 5 */
    daysPerWeek: z.number().positive().max(7).default(5),
    /** Working days in a month: a monthly rate / this = day rate. @defaultValue 21 */
    daysPerMonth: z.number().positive().max(31).default(21),
    /**
     * Plausible ranges in US dollars per period; a figure outside is stored but excluded
     * from statistics, with the reason.
     */
    plausibleUsd: z
      .object({
        hour: z.tuple([z.number(), z.number()]).default([5, 500]),
        day: z.tuple([z.number(), z.number()]).default([40, 4_000]),
        year: z.tuple([z.number(), z.number()]).default([5_000, 1_500_000]),
        fixed: z.tuple([z.number(), z.number()]).default([5, 1_000_000]),
      })
      .strict()
      .default({
        hour: [5, 500],
        day: [40, 4_000],
        year: [5_000, 1_500_000],
        fixed: [5, 1_000_000],
      }),
  })
  .strict();
export type RateSettings = z.infer<typeof rateSettingsSchema>;
export const DEFAULT_RATE_SETTINGS: RateSettings = rateSettingsSchema.parse({});

/**
 * How the rollup decides what is a significant mover and what is a related skill.
 * Configuration (the `trends:` mapping of the config file), with these defaults; applied
 * by src/trends.
 */
export const trendSettingsSchema = z
  .object({
    /**
     * Postings with a skill that a move needs in the window its share is the higher in
     * (the later one for a riser, the earlier one for a faller): a skill seen in 3
     * postings never tops the list, and a skill going from 1 posting to 54 is never a
     * faller. @defaultValue 20
     */
    moversMinSupport: z.number().int().positive().default(20),
    /**
     * Postings of the market (the segment's new postings) that each mover window needs,
     * the earlier and the later one alike, for a share in it to be compared at all: a
     * window of a few stray postings gives shares of 100% that mean nothing.
     * @defaultValue 100
     */
    moversMinWindowPostings: z.number().int().positive().default(100),
    /** The largest two-sided p-value of a change still called a move. @defaultValue 0.05 */
    moversMaxPValue: z.number().positive().max(1).default(0.05),
    /** Postings two skills need together to be listed as related. @defaultValue 3 */
    pairsMinPostings: z.number().int().positive().default(3),
    /**
     * Postings a role needs in a week for its skill profile (role_profile_weekly) to be
     * written, and a skill of the profile among them. @defaultValue 3
     */
    roleProfileMinPostings: z.number().int().positive().default(3),
    /**
     * Share of a role's postings over the window (role_profile_window) a skill needs to be
     * in its profile there: a window holds thousands of a common role's postings, and the
     * long tail of skills that three of them ask for says nothing of the role.
     * @defaultValue 0.02
     */
    roleProfileMinShare: z.number().min(0).max(1).default(0.02),
    /**
     * Weeks of postings, ending at the rolled-up week, that related skills and the roles'
     * window figures (role_window, role_profile_window) read. @defaultValue 13
     */
    pairsWindowWeeks: z.number().int().positive().max(104).default(13),
    /**
     * When the scheduler rolls up (and reports) the week that ended: a cron pattern, UTC.
     * @defaultValue Mondays at 06:00
     */
    schedule: z
      .string()
      .refine(isCronPattern, 'expected a cron pattern such as "0 6 * * 1"')
      .default('0 6 * * 1'),
  })
  .strict();
export type TrendSettings = z.infer<typeof trendSettingsSchema>;
export const DEFAULT_TREND_SETTINGS: TrendSettings = trendSettingsSchema.parse({});

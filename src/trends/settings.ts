import { z } from 'zod';
import { isCronPattern } from '../pipeline/cron.js';

/**
 * How the rollup decides what is a significant mover and what is a related skill.
 * Configuration (the `trends:` mapping of the config file), with these defaults.
 */
export const trendSettingsSchema = z
  .object({
    /**
     * Postings a skill needs in a mover window and the window before, together, to be
     * ranked at all: a skill seen in 3 postings never tops the list. @defaultValue 20
     */
    moversMinSupport: z.number().int().positive().default(20),
    /** The largest two-sided p-value of a change still called a move. @defaultValue 0.05 */
    moversMaxPValue: z.number().positive().max(1).default(0.05),
    /** Postings two skills need together to be listed as related. @defaultValue 3 */
    pairsMinPostings: z.number().int().positive().default(3),
    /** Weeks of postings, ending at the rolled-up week, that related skills read. @defaultValue 13 */
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

/** The mover windows, in weeks: each is compared with the window just before it. */
export const MOVER_WINDOWS = [4, 13] as const;

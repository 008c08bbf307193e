import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  boardCompanies,
  boardCompany,
  optionalNumber,
  optionalString,
  requireArray,
  requireId,
  stringList,
  toIsoDate,
  workplaceOf,
  readItems,
  boardOf,
} from './common.js';
import type { ListingInput, SourceAdapter, StatedPay } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://api.ashbyhq.com'),
  /** Ashby job boards, as in jobs.ashbyhq.com/{board}. */
  boards: stringList([]),
  /**
   * The company of each board, by its slug (`linear: Linear`): the job board API names
   * none, so a board not named here shows its slug. @defaultValue {}
   */
  companies: boardCompanies(),
});
type AshbyConfig = z.infer<typeof config>;

/** Ashby public job board API: every listed job of a board, with compensation. */
export const ashby: SourceAdapter<AshbyConfig, 'BOARD'> = {
  id: 'ashby',
  name: 'Ashby job boards',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({
    ashby: {
      baseUrl: `${url}/ashby`,
      boards: ['linear', 'skillpulse'],
      companies: { linear: 'Linear' },
    },
  }),
  disabledReason: (c) =>
    c.boards.length === 0 ? 'no boards configured (boards: [...])' : undefined,
  startRequests: (c) =>
    c.boards.map((board) => ({
      url: `${c.baseUrl}/posting-api/job-board/${encodeURIComponent(board)}?includeCompensation=true`,
      label: 'BOARD',
      userData: { board },
    })),
  handlers: {
    BOARD: (page) => {
      const body = asRecord(page.json(), 'the job board response');
      const board = typeof page.userData.board === 'string' ? page.userData.board : '';
      return {
        ...readItems(requireArray(body.jobs, 'jobs'), (item) => {
          const job = asRecord(item, 'a job');
          return job.isListed === false
            ? { skip: 'unlisted job' }
            : toListing(job, board, page.config.companies);
        }),
      };
    },
  },
};

interface Component {
  compensationType?: unknown;
  interval?: unknown;
  currencyCode?: unknown;
  minValue?: unknown;
  maxValue?: unknown;
}

function pay(job: Record<string, unknown>): StatedPay | null {
  const compensation = job.compensation as Record<string, unknown> | undefined;
  if (!compensation) return null;
  const components = (
    Array.isArray(compensation.summaryComponents) ? compensation.summaryComponents : []
  ) as Component[];
  const salary = components.find((c) => c.compensationType === 'Salary') ?? components[0];
  const text =
    optionalString(compensation.scrapeableCompensationSalarySummary) ??
    optionalString(compensation.compensationTierSummary);
  if (!salary && !text) return null;
  return {
    min: optionalNumber(salary?.minValue),
    max: optionalNumber(salary?.maxValue),
    currency: optionalString(salary?.currencyCode),
    period: optionalString(salary?.interval),
    text,
  };
}

function toListing(
  job: Record<string, unknown>,
  board: string,
  companies: Readonly<Record<string, string>>,
): ListingInput {
  const secondary = Array.isArray(job.secondaryLocations)
    ? (job.secondaryLocations as { location?: unknown }[]).map((l) => optionalString(l.location))
    : [];
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.jobUrl) ?? '',
    title: optionalString(job.title) ?? '',
    // The API names no company: the configured name of the board (from the job's URL for
    // a saved file), else its slug.
    company: boardCompany(board || boardOf(job.jobUrl, 'jobs.ashbyhq.com'), companies),
    location: [optionalString(job.location), ...secondary].filter(Boolean).join('; ') || null,
    postedAt: toIsoDate(job.publishedAt),
    employmentType: optionalString(job.employmentType),
    contractDefault: 'permanent',
    pay: pay(job),
    description: optionalString(job.descriptionHtml) ?? optionalString(job.descriptionPlain),
    tags: [optionalString(job.department), optionalString(job.team)].filter(
      (t): t is string => t !== null,
    ),
    remote: typeof job.isRemote === 'boolean' ? job.isRemote : null,
    workplace: workplaceOf(job.workplaceType),
    source: job,
  };
}

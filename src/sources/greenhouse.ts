import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalString,
  requireArray,
  requireId,
  stringList,
  toIsoDate,
  readItems,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://boards-api.greenhouse.io'),
  /** Board tokens, as in boards.greenhouse.io/{board}. */
  boards: stringList([]),
});
type GreenhouseConfig = z.infer<typeof config>;

/** Greenhouse job board API: every job of a board in one response, content included. */
export const greenhouse: SourceAdapter<GreenhouseConfig, 'BOARD'> = {
  id: 'greenhouse',
  name: 'Greenhouse job boards',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({
    greenhouse: { baseUrl: `${url}/greenhouse`, boards: ['gitlab', 'skillpulse'] },
  }),
  disabledReason: (c) =>
    c.boards.length === 0 ? 'no boards configured (boards: [...])' : undefined,
  startRequests: (c) =>
    c.boards.map((board) => ({
      url: `${c.baseUrl}/v1/boards/${encodeURIComponent(board)}/jobs?content=true`,
      label: 'BOARD',
      userData: { board },
    })),
  handlers: {
    BOARD: (page) => {
      const body = asRecord(page.json(), 'the board response');
      return readItems(requireArray(body.jobs, 'jobs'), toListing);
    },
  },
};

function toListing(item: unknown): ListingInput {
  const job = asRecord(item, 'a job');
  const location = job.location as { name?: unknown } | undefined;
  const metadata = Array.isArray(job.metadata)
    ? (job.metadata as { name?: unknown; value?: unknown }[])
    : [];
  const employment = metadata.find(
    (m) => typeof m.name === 'string' && /employment|commitment|job type/i.test(m.name),
  );
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.absolute_url) ?? '',
    title: optionalString(job.title) ?? '',
    company: optionalString(job.company_name),
    location: optionalString(location?.name),
    // updated_at moves with every edit: not a posting date (boards before first_published have none).
    postedAt: toIsoDate(job.first_published),
    employmentType: optionalString(employment?.value),
    contractDefault: 'permanent',
    // Greenhouse has no structured pay field: pay, where stated, is in the content.
    pay: null,
    description: optionalString(job.content),
    tags: Array.isArray(job.departments)
      ? (job.departments as { name?: unknown }[])
          .map((d) => optionalString(d.name))
          .filter((n): n is string => n !== null)
      : [],
    source: job,
  };
}

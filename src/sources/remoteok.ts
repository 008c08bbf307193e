import { z } from 'zod';
import {
  asRecord,
  baseUrl,
  optionalNumber,
  optionalString,
  requireArray,
  requireId,
  toIsoDate,
  readItems,
} from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://remoteok.com'),
  /** Narrow the feed to a tag, e.g. "devops"; empty for every job. */
  tag: z.string().default(''),
});
type RemoteOkConfig = z.infer<typeof config>;

/** RemoteOK API: one JSON array, its first element the terms of use, the rest jobs. */
export const remoteok: SourceAdapter<RemoteOkConfig, 'FEED'> = {
  id: 'remoteok',
  name: 'RemoteOK',
  crawler: 'http',
  configSchema: config,
  demo: (url) => ({ remoteok: { baseUrl: `${url}/remoteok` } }),
  startRequests: (c) => [
    {
      url: c.tag ? `${c.baseUrl}/api?tag=${encodeURIComponent(c.tag)}` : `${c.baseUrl}/api`,
      label: 'FEED',
    },
  ],
  // RemoteOK asks API users to keep to a low rate.
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 10 },
  // Its salary fields contradict the pay the ad itself states in most ads that state pay.
  payFields: 'doubted',
  handlers: {
    FEED: (page) =>
      readItems(requireArray(page.json(), 'the API response'), (item) => {
        const job = asRecord(item, 'an item');
        // The first element is the API's terms of use, not a job.
        return job.legal !== undefined && job.position === undefined
          ? { skip: "the API's legal notice" }
          : toListing(job);
      }),
  },
};

function toListing(job: Record<string, unknown>): ListingInput {
  const min = optionalNumber(job.salary_min);
  const max = optionalNumber(job.salary_max);
  const description = optionalString(job.description);
  const title = optionalString(job.position) ?? '';
  return {
    externalId: requireId(job.id, 'job id'),
    url: optionalString(job.url) ?? optionalString(job.apply_url) ?? '',
    title,
    company: optionalString(job.company),
    location: optionalString(job.location) ?? placeStated(title, description),
    postedAt: toIsoDate(job.date) ?? toIsoDate(job.epoch),
    employmentType: null,
    // The salary fields are yearly, 0 when not stated, and in USD as RemoteOK asks for them,
    // unless the ad names another currency for the same figure. Figures under 1,000 are
    // hourly rates typed into the yearly fields (AI-trainer gigs at "30" or "80-140").
    pay:
      min || max
        ? {
            min: min || null,
            max: max || null,
            currency: currencyStatedFor(description ?? '', min || max || 0) ?? 'USD',
            period: Math.max(min ?? 0, max ?? 0) < 1_000 ? 'hour' : 'year',
            text: null,
          }
        : null,
    description,
    tags: Array.isArray(job.tags) ? job.tags.filter((t): t is string => typeof t === 'string') : [],
    // A remote board, but some ads are for on-site work: where the ad's opening says so,
    // processing reads the work mode from the text.
    remote: ONSITE.test((description ?? '').slice(0, 600)) ? null : true,
    source: job,
  };
}

const ONSITE = /\b(on-?site|in[- ]office|office[- ]based)\b/i;

/**
 * Where the location field is empty, the place the ad states up front: 2021 descriptions
 * open with it ("Amsterdam, Netherlands - We are looking for..."), and some titles end
 * with it ("Lead Data Engineer (New York, NY)").
 */
function placeStated(title: string, description: string | null): string | null {
  const opening = /^([\p{Lu}][^,<>\n]{1,40}?, [\p{Lu}][^,<>\n]{1,40}?) - /u.exec(description ?? '');
  const trailing = /\(([\p{Lu}][\p{L} .'-]{1,40}, [A-Z]{2})\)\s*$/u.exec(title);
  return opening?.[1] ?? trailing?.[1] ?? null;
}

const CURRENCY_SIGNS: Readonly<Record<string, string>> = { $: 'USD', '£': 'GBP', '€': 'EUR' };

/** The currency the text writes right before this figure ("PLN 350,700", "€90.000"), if any. */
function currencyStatedFor(text: string, amount: number): string | null {
  if (amount <= 0) return null;
  const digits = String(Math.round(amount));
  // 350700 as written: 350,700 / 350.700 / 350 700 / 350700.
  const figure = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '[,. ]?');
  const match = new RegExp(`([A-Z]{3}|[$£€])\\s?${figure}(?!\\d)`).exec(text.slice(0, 5_000));
  if (!match) return null;
  const token = match[1] as string;
  return CURRENCY_SIGNS[token] ?? token;
}

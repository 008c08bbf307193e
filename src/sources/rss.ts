import { z } from 'zod';
import { readFeed, splitTitle, type FeedItem } from './feed-items.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  /** Feed URLs (RSS 2.0 or Atom). */
  feeds: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** The company when the feed is one employer's; otherwise the item's own company field or author. */
  company: z.string().optional(),
  /**
   * How item titles name the company: `title` (they do not), `title, company` (python.org:
   * "Senior Engineer, Acme"), `company: title` (We Work Remotely). @defaultValue 'title'
   */
  titleFormat: z.enum(['title', 'title, company', 'company: title']).default('title'),
  /** The description's first line is the job's place (python.org). @defaultValue false */
  locationLine: z.coerce.boolean().default(false),
  /** Every job of the feed is remote (a remote-only board). @defaultValue unset: each item says */
  remote: z.coerce.boolean().optional(),
});
type RssConfig = z.infer<typeof config>;

/**
 * Generic RSS/Atom adapter: a source is added with configuration alone, e.g.
 * `sources: { acme-jobs: { adapter: rss, feeds: [https://acme.example/jobs.atom] } }`.
 * Job boards' own item elements are read whatever their namespace: a company
 * (`himalayasJobs:companyName`, `job:company`...) and a place (`location`, `region`,
 * `locationRestriction`...).
 */
export const rss: SourceAdapter<RssConfig, 'FEED'> = {
  id: 'rss',
  name: 'RSS or Atom feed',
  crawler: 'cheerio',
  configSchema: config,
  generic: true,
  demo: (url) => ({ 'demo-feed': { adapter: 'rss', feeds: [`${url}/feed/atom.xml`] } }),
  disabledReason: (c) => (c.feeds.length === 0 ? 'no feeds configured (feeds: [...])' : undefined),
  startRequests: (c) => c.feeds.map((url) => ({ url, label: 'FEED' })),
  handlers: {
    FEED: (page) => readFeed(page, (item) => toListing(item, page.config)),
  },
};

const COMPANY_FIELDS = ['company', 'companyname', 'company_name', 'hiringorganization', 'employer'];
const LOCATION_FIELDS = [
  'location',
  'joblocation',
  'job_location',
  'locationrestriction',
  'region',
];

/**
 * The first non-empty item element among these local names (namespace prefix and case
 * aside), the names taken in order: a `location` before a `region`.
 */
function field(item: FeedItem, names: readonly string[]): string | null {
  const byName = new Map<string, string>();
  for (const [tag, value] of Object.entries(item.fields)) {
    const name = tag.replace(/^.*:/, '').toLowerCase();
    if (value !== '' && !byName.has(name)) byName.set(name, value);
  }
  for (const name of names) {
    const value = byName.get(name);
    if (value !== undefined) return value;
  }
  return null;
}

function toListing(item: FeedItem, c: RssConfig): ListingInput {
  const { title, company: titleCompany } = splitTitle(item.title, c.titleFormat);
  let description = item.description;
  let lineLocation: string | null = null;
  if (c.locationLine && description) {
    const newline = description.indexOf('\n');
    if (newline > 0 && newline <= 200) {
      lineLocation = description.slice(0, newline).trim() || null;
      description = description.slice(newline + 1);
    }
  }
  return {
    externalId: item.id,
    url: item.link,
    title,
    company: c.company ?? titleCompany ?? field(item, COMPANY_FIELDS) ?? item.author,
    location: lineLocation ?? field(item, LOCATION_FIELDS),
    postedAt: item.publishedAt,
    employmentType: item.fields.type ?? null,
    pay: null,
    description,
    tags: item.categories,
    remote: c.remote ?? null,
    source: item.fields,
  };
}

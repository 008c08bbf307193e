import { z } from 'zod';
import { feedItems } from './feed-items.js';
import type { SourceAdapter } from './types.js';

const config = z.object({
  /** Feed URLs (RSS 2.0 or Atom). */
  feeds: z.array(z.url({ protocol: /^https?$/ })).default([]),
  /** The company when the feed is one employer's; otherwise the item's author. */
  company: z.string().optional(),
});
type RssConfig = z.infer<typeof config>;

/**
 * Generic RSS/Atom adapter: a source is added with configuration alone, e.g.
 * `sources: { acme-jobs: { adapter: rss, feeds: [https://acme.example/jobs.atom] } }`.
 */
export const rss: SourceAdapter<RssConfig, 'FEED'> = {
  id: 'rss',
  name: 'RSS or Atom feed',
  crawler: 'cheerio',
  configSchema: config,
  disabledReason: (c) => (c.feeds.length === 0 ? 'no feeds configured (feeds: [...])' : undefined),
  startRequests: (c) =>
    c.feeds.map((url) => ({ url, label: 'FEED', userData: { company: c.company ?? null } })),
  handlers: {
    FEED: (page) => ({
      listings: feedItems(page.$()).map((item) => ({
        externalId: item.id,
        url: item.link,
        title: item.title,
        company: (page.userData.company as string | null) ?? item.author,
        location: item.fields.location ?? item.fields.region ?? null,
        postedAt: item.publishedAt,
        employmentType: item.fields.type ?? null,
        pay: null,
        description: item.description,
        tags: item.categories,
        source: item.fields,
      })),
    }),
  },
};

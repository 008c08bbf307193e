import { z } from 'zod';
import { baseUrl, stringList } from './common.js';
import { readFeed, splitTitle } from './feed-items.js';
import type { SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://weworkremotely.com'),
  /** Category feeds, as in /categories/{category}.rss. */
  categories: stringList([
    'remote-programming-jobs',
    'remote-devops-sysadmin-jobs',
    'remote-full-stack-programming-jobs',
  ]),
});
type WwrConfig = z.infer<typeof config>;

/** We Work Remotely category RSS feeds; item titles read "Company: Role". */
export const weworkremotely: SourceAdapter<WwrConfig, 'FEED'> = {
  id: 'weworkremotely',
  name: 'We Work Remotely',
  crawler: 'cheerio',
  configSchema: config,
  demo: (url) => ({
    weworkremotely: { baseUrl: `${url}/weworkremotely`, categories: ['remote-programming-jobs'] },
  }),
  startRequests: (c) =>
    c.categories.map((category) => ({
      url: `${c.baseUrl}/categories/${encodeURIComponent(category)}.rss`,
      label: 'FEED',
    })),
  handlers: {
    FEED: (page) =>
      readFeed(page, (item) => {
        const { title, company } = splitTitle(item.title, 'company: title');
        return {
          externalId: item.id,
          url: item.link,
          title,
          company,
          location: item.fields.region ?? null,
          postedAt: item.publishedAt,
          employmentType: item.fields.type ?? null,
          pay: null,
          description: item.description,
          tags: item.fields.category ? [item.fields.category] : [],
          remote: true,
          source: item.fields,
        };
      }),
  },
};

import { z } from 'zod';
import type { RequestSpec } from '../db/schema.js';
import { jobPostingsFrom } from './jsonld-posting.js';
import type { PageInput, SourceAdapter } from './types.js';

const urls = z.array(z.url({ protocol: /^https?$/ })).default([]);

const config = z.object({
  /** Listing pages whose links lead to job pages. */
  startUrls: urls,
  /** Sitemaps whose <loc> entries are job pages (or further sitemaps). */
  sitemaps: urls,
  /** Links on a listing page that lead to job pages. @defaultValue 'a[href]' */
  detailLinkSelector: z.string().default('a[href]'),
  /** Only links whose URL matches this pattern are job pages. @defaultValue '/jobs?/' */
  detailUrlPattern: z.string().default('/jobs?/'),
  /** The next listing page. @defaultValue 'a[rel="next"]' */
  nextPageSelector: z.string().default('a[rel="next"]'),
});
type JsonLdConfig = z.infer<typeof config>;
type Label = 'LIST' | 'SITEMAP' | 'DETAIL';

/**
 * Generic schema.org JobPosting adapter, for any site that publishes JSON-LD, as most
 * job pages and applicant-tracking systems do. A site is added with configuration alone:
 * `sources: { acme: { adapter: jsonld, sitemaps: [https://acme.example/sitemap.xml] } }`.
 */
export const jsonld: SourceAdapter<JsonLdConfig, Label> = {
  id: 'jsonld',
  name: 'schema.org JobPosting pages',
  crawler: 'cheerio',
  configSchema: config,
  generic: true,
  demo: (url) => ({
    'demo-jsonld': { adapter: 'jsonld', sitemaps: [`${url}/jsonld-site/sitemap.xml`] },
  }),
  disabledReason: (c) =>
    c.startUrls.length === 0 && c.sitemaps.length === 0
      ? 'no startUrls or sitemaps configured'
      : undefined,
  startRequests: (c) => [
    ...c.sitemaps.map((url): RequestSpec => ({ url, label: 'SITEMAP' })),
    ...c.startUrls.map((url): RequestSpec => ({ url, label: 'LIST' })),
  ],
  // A saved sitemap, a job page with its JobPosting, or a listing page.
  importLabel: (body) =>
    /<(urlset|sitemapindex)\b/.test(body)
      ? 'SITEMAP'
      : /"@type"\s*:\s*"JobPosting"/.test(body)
        ? 'DETAIL'
        : 'LIST',
  handlers: {
    SITEMAP: (page) => {
      const $ = page.$();
      const locs = $('loc')
        .map((_, el) => $(el).text().trim())
        .get()
        .filter(Boolean);
      return {
        requests: locs.map((loc): RequestSpec =>
          /\.xml(\.gz)?$/.test(loc)
            ? { url: loc, label: 'SITEMAP' }
            : { url: loc, label: 'DETAIL', role: 'detail' },
        ),
      };
    },
    LIST: (page) => {
      const $ = page.$();
      const { detailLinkSelector, detailUrlPattern, nextPageSelector } = page.config;
      const pattern = new RegExp(detailUrlPattern);
      const links = new Set(
        $(detailLinkSelector)
          .map((_, a) => $(a).attr('href'))
          .get()
          .map((href) => absolute(href, page))
          .filter((url): url is string => url !== null && pattern.test(new URL(url).pathname)),
      );
      const next = absolute($(nextPageSelector).first().attr('href'), page);
      return {
        // A listing page may carry its postings itself, as an ItemList.
        ...jobPostingsFrom($, page.url),
        requests: [
          ...[...links].map((url): RequestSpec => ({
            url,
            label: 'DETAIL',
            role: 'detail',
          })),
          ...(next ? [{ url: next, label: 'LIST' }] : []),
        ],
      };
    },
    DETAIL: (page) => jobPostingsFrom(page.$(), page.url),
  },
};

function absolute(href: string | undefined, page: PageInput<JsonLdConfig>): string | null {
  if (!href) return null;
  try {
    const url = new URL(href, page.url);
    return url.protocol === 'http:' || url.protocol === 'https:'
      ? url.toString().replace(/#.*$/, '')
      : null;
  } catch {
    return null;
  }
}

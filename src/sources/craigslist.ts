import { z } from 'zod';
import { baseUrl, stringList, toIsoDate, userText } from './common.js';
import { ParseError, type PageInput, type RequestSpec, type SourceAdapter } from './types.js';

const config = z.object({
  /** The site root; each city is a path below it here, a subdomain on craigslist.org. */
  baseUrl: baseUrl('https://craigslist.org'),
  /** Craigslist city sites, e.g. sfbay, newyork, london. */
  cities: stringList(['sfbay', 'newyork', 'seattle', 'london']),
  /** Search categories: cpg = computer gigs, sof = software/QA/DBA jobs. */
  categories: stringList(['cpg', 'sof']),
});
type CraigslistConfig = z.infer<typeof config>;

/** craigslist.org cities are subdomains; any other base (a mirror, the fixture web) uses paths. */
export function cityRoot(base: string, city: string): string {
  const url = new URL(base);
  return url.hostname === 'craigslist.org'
    ? `${url.protocol}//${city}.craigslist.org`
    : `${base}/${city}`;
}

/**
 * Craigslist computer gigs and software jobs. The search pages render their results
 * with client-side script, so this source runs in a real browser (Playwright).
 */
export const craigslist: SourceAdapter<CraigslistConfig, 'SEARCH' | 'POSTING'> = {
  id: 'craigslist',
  name: 'Craigslist gigs and software jobs',
  crawler: 'playwright',
  configSchema: config,
  startRequests: (c) =>
    c.cities.flatMap((city) =>
      c.categories.map((category): RequestSpec => ({
        url: `${cityRoot(c.baseUrl, city)}/search/${category}`,
        label: 'SEARCH',
        userData: { city, category },
      })),
    ),
  waitFor: { SEARCH: 'li.cl-search-result, .cl-no-results', POSTING: '#postingbody' },
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 20, sameDomainDelaySecs: 2 },
  handlers: {
    SEARCH: (page) => {
      const $ = page.$();
      const requests: RequestSpec[] = [];
      $('li.cl-search-result').each((_, element) => {
        const row = $(element);
        const href = row.find('a.posting-title, a.cl-app-anchor').first().attr('href');
        const pid = row.attr('data-pid');
        if (!href || !pid) return;
        requests.push({
          url: new URL(href, page.url).toString(),
          label: 'POSTING',
          role: 'detail',
          userData: {
            ...page.userData,
            pid,
            price: row.find('.priceinfo').first().text().trim() || null,
          },
        });
      });
      const next = $('a.cl-next-page').attr('href');
      if (next)
        requests.push({
          url: new URL(next, page.url).toString(),
          label: 'SEARCH',
          userData: page.userData,
        });
      return { requests };
    },
    POSTING: (page) => ({ listings: [posting(page)] }),
  },
};

function posting(page: PageInput) {
  const $ = page.$();
  const title = $('#titletextonly').text().trim();
  const body = $('#postingbody').clone();
  body.find('.print-information, .print-qrcode-container').remove();
  if (!title || body.length === 0)
    throw new ParseError('posting page without #titletextonly or #postingbody');
  const attributes: Record<string, string> = {};
  // Current pages: <div class="attr"><span class="labl">key:</span><span class="valu">value</span>;
  // older ones: <p class="attrgroup"><span>key: <b>value</b></span>.
  $('.attrgroup .attr, p.attrgroup > span').each((_, el) => {
    const [key, ...value] = $(el).text().split(':');
    const text = value.join(':').replace(/\s+/g, ' ').trim();
    if (key && text) attributes[key.trim().toLowerCase()] ??= text;
  });
  const pid =
    userText(page.userData, 'pid') ||
    $('.postinginfos .postinginfo').first().text().replace(/\D/g, '');
  const city = userText(page.userData, 'city');
  const area = $('.postingtitletext small').text().replace(/[()]/g, '').trim();
  return {
    externalId: `${city}:${pid}`,
    url: page.url,
    title,
    company: null,
    location: [area, city].filter(Boolean).join(', ') || null,
    postedAt: toIsoDate($('time.date, time.timeago').first().attr('datetime')),
    employmentType:
      attributes['employment type'] ?? (page.userData.category === 'cpg' ? 'gig' : null),
    pay:
      attributes.compensation || page.userData.price
        ? { text: attributes.compensation ?? String(page.userData.price) }
        : null,
    description: body.html()?.trim() ?? null,
    tags: [userText(page.userData, 'category')].filter(Boolean),
    source: { pid, city, category: page.userData.category, attributes, area },
  };
}

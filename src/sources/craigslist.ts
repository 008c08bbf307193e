import { z } from 'zod';
import type { RequestSpec } from '../db/schema.js';
import { baseUrl, stringList, toIsoDate, userText } from './common.js';
import type { Cheerio, Element } from 'cheerio';
import {
  ParseError,
  type PageInput,
  type PageResult,
  type SkippedItem,
  type SourceAdapter,
} from './types.js';

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
  demo: (url) => ({
    craigslist: { baseUrl: `${url}/craigslist`, cities: ['sfbay'], categories: ['cpg', 'sof'] },
  }),
  startRequests: (c) =>
    c.cities.flatMap((city) =>
      c.categories.map((category): RequestSpec => ({
        url: `${cityRoot(c.baseUrl, city)}/search/${category}`,
        label: 'SEARCH',
        userData: { city, category },
      })),
    ),
  waitFor: {
    // The rendered rows, not the static list the page holds before its script runs.
    SEARCH: 'li.cl-search-result, li.result-row, .cl-no-results',
    POSTING: '#postingbody',
  },
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 20, sameDomainDelaySecs: 2 },
  // A saved posting page, or else a search page.
  importLabel: (body) => (/id="postingbody"/.test(body) ? 'POSTING' : 'SEARCH'),
  handlers: { SEARCH: readSearchPage, POSTING: readPostingPage },
};

/** A search page: its result rows are postings to fetch, its next button the next page. */
function readSearchPage(page: PageInput<CraigslistConfig>): PageResult {
  const $ = page.$();
  const requests: RequestSpec[] = [];
  const skipped: SkippedItem[] = [];
  $(RESULT_ROWS).each((index, element) => {
    const row = resultRow(page, $(element), index);
    if ('label' in row) requests.push(row);
    else skipped.push(row);
  });
  // The last page of the 2019 layout keeps its next button with an empty href.
  const next = $('a.cl-next-page, a.button.next')
    .filter((_, a) => Boolean($(a).attr('href')))
    .first()
    .attr('href');
  if (next) {
    requests.push({
      url: new URL(next, page.url).toString(),
      label: 'SEARCH',
      userData: page.userData,
    });
  }
  return { requests, skipped };
}

/** One result row: the posting page to fetch, with the row's price, or why it is skipped. */
function resultRow(
  page: PageInput<CraigslistConfig>,
  row: Cheerio<Element>,
  index: number,
): RequestSpec | SkippedItem {
  const href =
    row.find(RESULT_LINKS).first().attr('href') ?? row.find('a[href]').first().attr('href');
  // The rendered and 2019 layouts name the posting id; the static one only in its URL.
  const pid = row.attr('data-pid') ?? /\/(\d{6,})\.html\b/.exec(href ?? '')?.[1];
  if (!href || !pid) {
    return { item: `#${index}`, reason: 'result without a posting link', malformed: true };
  }
  return {
    url: new URL(href, page.url).toString(),
    label: 'POSTING',
    role: 'detail',
    userData: {
      ...page.userData,
      pid,
      price: row.find('.priceinfo, .price, .result-price').first().text().trim() || null,
    },
  };
}

/** A posting page: a listing when its category is a job or gig. */
function readPostingPage(page: PageInput<CraigslistConfig>): PageResult {
  const listing = posting(page);
  const category = categoryOf(listing.url);
  // A saved page or a link followed from elsewhere may be housing or for sale.
  if (!category || JOB_CATEGORIES.has(category)) return { listings: [listing] };
  const reason = `not a job or gig (craigslist category ${category})`;
  return { skipped: [{ item: listing.externalId, reason, malformed: false }] };
}

/** Craigslist's job (jjj) and gig (ggg) categories, by the code in their URLs. */
const JOB_CATEGORIES = new Set(['jjj', 'acc', 'ofc', 'egr', 'med', 'sci', 'bus', 'csr', 'edu', 'fbh', 'lab', 'gov', 'hum', 'eng', 'lgl', 'mnu', 'mar', 'hea', 'npo', 'rej', 'ret', 'sls', 'spa', 'sec', 'trd', 'sof', 'sad', 'tch', 'trp', 'tfr', 'web', 'wri', 'etc', 'ggg', 'cpg', 'crg', 'cwg', 'dmg', 'evg', 'lbg', 'tlg', 'wrg']); // prettier-ignore

/** The category code of a posting URL: /eby/sof/d/slug/123.html, /eby/apa/123.html, /sof/123.html. */
function categoryOf(url: string): string | null {
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const d = segments.indexOf('d');
    const code = d > 0 ? segments[d - 1] : segments[segments.length - 2];
    return code !== undefined && /^[a-z]{3}$/.test(code) ? code : null;
  } catch {
    return null;
  }
}

/** A page of craigslist.org: its city is the subdomain. */
const CRAIGSLIST_PAGE = /^https?:\/\/([a-z0-9]+)\.craigslist\.org\//i;

/**
 * Result rows in each layout: rendered by the page's script today (cl-search-result),
 * the static list served beside it for browsers without script (cl-static-search-result),
 * and the server-rendered rows of 2019 (result-row).
 */
const RESULT_ROWS = 'li.cl-search-result, li.cl-static-search-result, li.result-row';
const RESULT_LINKS = 'a.posting-title, a.cl-app-anchor, a.result-title';

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
  // A page not fetched from craigslist.org (a saved page, the demo's fixture web) names
  // its craigslist URL in its canonical link.
  const canonical = $('link[rel="canonical"]').attr('href');
  const url = CRAIGSLIST_PAGE.test(page.url) || !canonical ? page.url : canonical;
  const idLine = $('.postinginfos .postinginfo')
    .filter((_, el) => /post(ing)? id/i.test($(el).text()))
    .first()
    .text();
  const pid =
    userText(page.userData, 'pid') ||
    /(\d{6,})/.exec(idLine)?.[1] ||
    (/\/(\d{6,})\.html\b/.exec(url)?.[1] ?? '');
  if (!pid) throw new ParseError('posting page without a post id');
  // Cities are subdomains of craigslist.org; elsewhere (the fixture web) the crawl says which.
  const city = CRAIGSLIST_PAGE.exec(url)?.[1]?.toLowerCase() ?? userText(page.userData, 'city');
  const area = $('.postingtitletext small').text().replace(/[()]/g, '').trim();
  return {
    externalId: `${city}:${pid}`,
    url,
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

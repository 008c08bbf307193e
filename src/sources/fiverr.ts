import { z } from 'zod';
import type { RequestSpec } from '../db/schema.js';
import { baseUrl, optionalNumber, stringList } from './common.js';
import type { ListingInput, SourceAdapter } from './types.js';

const config = z.object({
  baseUrl: baseUrl('https://www.fiverr.com'),
  /** Category paths below /categories/. */
  categories: stringList([
    'programming-tech/software-development',
    'programming-tech/cybersecurity',
    'data/data-engineering',
  ]),
  /** Search result pages per category. @defaultValue 2 */
  pages: z.coerce.number().int().min(1).max(20).default(2),
  /** Also open each gig's page, where robots.txt allows it. @defaultValue false */
  gigPages: z.coerce.boolean().default(false),
});
type FiverrConfig = z.infer<typeof config>;

/**
 * Fiverr gig search results: what freelancers offer and their starting prices, a
 * supply-side rate signal. Runs in a browser; off unless enabled, and robots.txt decides
 * which pages may be fetched.
 */
export const fiverr: SourceAdapter<FiverrConfig, 'CATEGORY' | 'GIG'> = {
  id: 'fiverr',
  name: 'Fiverr gigs (supply side)',
  crawler: 'playwright',
  configSchema: config,
  demo: (url) => ({
    fiverr: {
      enabled: true,
      baseUrl: `${url}/fiverr`,
      categories: ['programming-tech/software-development'],
      pages: 2,
    },
  }),
  enabledByDefault: false,
  startRequests: (c) =>
    c.categories.map((category): RequestSpec => ({
      url: `${c.baseUrl}/categories/${category}?page=1`,
      label: 'CATEGORY',
      userData: { category, page: 1, pages: c.pages, gigPages: c.gigPages },
    })),
  waitFor: { CATEGORY: '.gig-card-layout, .no-results', GIG: 'h1' },
  politeness: { maxConcurrency: 1, maxRequestsPerMinute: 10, sameDomainDelaySecs: 3 },
  handlers: {
    CATEGORY: (page) => {
      const $ = page.$();
      const {
        category,
        page: number,
        pages,
        gigPages,
      } = page.userData as { category: string; page: number; pages: number; gigPages: boolean };
      const listings: ListingInput[] = [];
      const requests: RequestSpec[] = [];
      $('.gig-card-layout').each((_, element) => {
        const card = $(element);
        const id = card.attr('data-gig-id');
        const link = card.find('a.gig-link').attr('href');
        if (!id || !link) return;
        const url = new URL(link, page.url).toString();
        const priceText = card.find('.price').text().trim();
        listings.push({
          externalId: id,
          url,
          title: card.find('h3').text().trim(),
          company: card.find('.seller-name').text().trim() || null,
          location: null,
          postedAt: null,
          employmentType: 'gig',
          pay: {
            min: optionalNumber(priceText.replace(/[^\d.]/g, '')),
            currency: priceText.includes('€') ? 'EUR' : priceText.includes('£') ? 'GBP' : 'USD',
            period: 'fixed',
            text: priceText,
          },
          description: null,
          tags: [category, card.find('.seller-level').text().trim()].filter(Boolean),
          remote: true,
          source: {
            id,
            category,
            sellerLevel: card.find('.seller-level').text().trim() || null,
            rating: card.find('.rating').text().trim() || null,
            priceText,
          },
        });
        if (gigPages)
          requests.push({ url, label: 'GIG', role: 'detail', userData: { id, category } });
      });
      if (number < pages && listings.length > 0) {
        const next = new URL(page.url);
        next.searchParams.set('page', String(number + 1));
        requests.push({
          url: next.toString(),
          label: 'CATEGORY',
          userData: { ...page.userData, page: number + 1 },
        });
      }
      return { listings, requests };
    },
    // Gig pages add the description and every package price, where robots.txt allows them.
    GIG: (page) => {
      const $ = page.$();
      const { id, category } = page.userData as { id: string; category: string };
      const prices = $('.package .price')
        .map((_, el) =>
          optionalNumber(
            $(el)
              .text()
              .replace(/[^\d.]/g, ''),
          ),
        )
        .get()
        .filter((n): n is number => n !== null);
      return {
        listings: [
          {
            externalId: id,
            url: page.url,
            title: $('h1').first().text().trim(),
            company: $('.seller-name').first().text().trim() || null,
            location: $('.seller-country').first().text().trim() || null,
            postedAt: null,
            employmentType: 'gig',
            pay:
              prices.length > 0
                ? {
                    min: Math.min(...prices),
                    max: Math.max(...prices),
                    currency: 'USD',
                    period: 'fixed',
                  }
                : null,
            description: $('.gig-description').html()?.trim() ?? null,
            tags: [category, $('.seller-level').first().text().trim()].filter(Boolean),
            remote: true,
            source: { id, category, packages: prices },
          },
        ],
      };
    },
  },
};

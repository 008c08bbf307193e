import { careersUrl, positionOf, postingsOf, type MarketPosting } from '../market.js';
import {
  escapeHtml,
  html,
  intParam,
  notFound,
  xml,
  type Route,
  type FixtureSite,
} from '../types.js';

const UNIT = { hour: 'HOUR', day: 'DAY', year: 'YEAR', fixed: 'PROJECT' } as const;
const EMPLOYMENT = {
  contract: 'CONTRACTOR',
  freelance: 'CONTRACTOR',
  temporary: 'TEMPORARY',
  permanent: 'FULL_TIME',
} as const;

/** A JobPosting as the sites publish it; `variant` exercises the shapes found in the wild. */
export function jobPostingJsonLd(p: MarketPosting, url: string, variant: number): unknown {
  const value =
    variant % 3 === 1
      ? {
          '@type': 'QuantitativeValue',
          minValue: String(p.rate?.min),
          maxValue: String(p.rate?.max),
          unitText: UNIT[p.rate?.period ?? 'day'].toLowerCase(),
        }
      : {
          '@type': 'QuantitativeValue',
          minValue: p.rate?.min,
          maxValue: p.rate?.max,
          unitText: UNIT[p.rate?.period ?? 'day'],
        };
  // Variant 0 is shaped as the real pages publish it (We Work Remotely, Wellfound): the
  // place always given (for remote work, the company's), remote work as TELECOMMUTE with
  // the countries it is open to as a list. The others exercise what else schema.org allows.
  const real = variant === 0;
  const address = {
    '@type': 'PostalAddress',
    addressLocality: p.city,
    addressCountry: variant % 2 === 0 ? p.country : { '@type': 'Country', name: p.country },
  };
  const posting = {
    '@context': 'https://schema.org/',
    '@type': 'JobPosting',
    title: p.title,
    description: p.descriptionHtml,
    identifier: { '@type': 'PropertyValue', name: p.company, value: p.id },
    datePosted: p.postedAt.slice(0, 10),
    validThrough: new Date(Date.parse(p.postedAt) + 30 * 86400000).toISOString(),
    employmentType:
      variant % 2 === 0 ? EMPLOYMENT[p.contract] : [EMPLOYMENT[p.contract], 'TEMPORARY'],
    hiringOrganization:
      variant % 4 === 3
        ? p.company
        : { '@type': 'Organization', name: p.company, sameAs: 'https://example.com' },
    jobLocation: real
      ? [{ '@type': 'Place', address }]
      : p.workMode === 'remote'
        ? undefined
        : { '@type': 'Place', address },
    ...(p.workMode === 'remote'
      ? {
          jobLocationType: 'TELECOMMUTE',
          applicantLocationRequirements: real
            ? [{ '@type': 'Country', name: p.country }]
            : { '@type': 'Country', name: p.country },
        }
      : {}),
    ...(p.rate
      ? { baseSalary: { '@type': 'MonetaryAmount', currency: p.rate.currency, value } }
      : {}),
    ...(real ? {} : { skills: p.skills.join(', ') }),
    url,
  };
  if (variant % 5 === 2)
    return { '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage', url }, posting] };
  if (variant % 5 === 4)
    return [
      { '@context': 'https://schema.org', '@type': 'BreadcrumbList', itemListElement: [] },
      posting,
    ];
  return posting;
}

function jobPage(p: MarketPosting, url: string, variant: number): string {
  return `<!doctype html><html><head><title>${escapeHtml(p.title)}</title>
<script type="application/ld+json">${JSON.stringify(jobPostingJsonLd(p, url, variant)).replace(/</g, '\\u003c')}</script>
</head><body><h1>${escapeHtml(p.title)}</h1><div class="description">${p.descriptionHtml}</div></body></html>`;
}

/** Onsiter listing pages and a generic JSON-LD site with a sitemap. */
const routes: Route[] = [
  {
    path: /^\/onsiter\/jobs$/,
    handle: (req, _m, { market }) => {
      const page = Math.max(1, intParam(req.url, 'page', 1));
      const all = postingsOf(market, 'onsiter');
      const rows = all.slice((page - 1) * 10, page * 10);
      const next =
        page * 10 < all.length
          ? `<a rel="next" href="/onsiter/jobs?page=${page + 1}">Next</a>`
          : '';
      return html(`<!doctype html><html><body><h1>IT contractor jobs</h1><ul>
${rows.map((p) => `<li><a class="job-link" href="/onsiter/job/${p.id}">${escapeHtml(p.title)}</a> ${escapeHtml(p.city)}</li>`).join('\n')}
</ul><a href="/onsiter/about">About</a>${next}</body></html>`);
    },
  },
  {
    path: /^\/onsiter\/job\/([\w-]+)$/,
    handle: (_req, [, id], { market, origin, demo }) => {
      const p = postingsOf(market, 'onsiter')[positionOf(market, 'onsiter', id!)];
      if (!p) return notFound();
      const site = demo ? 'https://www.onsiter.com' : `${origin}/onsiter`;
      return html(jobPage(p, `${site}/job/${p.id}`, 0));
    },
  },
  {
    path: /^\/jsonld-site\/sitemap\.xml$/,
    handle: (_req, _m, { market, origin }) =>
      xml(
        `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${postingsOf(market, 'jsonld-site')
  .map(
    (p) =>
      `  <url><loc>${origin}/jsonld-site/jobs/${p.id}</loc><lastmod>${p.postedAt.slice(0, 10)}</lastmod></url>`,
  )
  .join('\n')}
  <url><loc>${origin}/jsonld-site/jobs/broken</loc></url>
  <url><loc>${origin}/private/jobs/internal-only</loc></url>
</urlset>`,
        'application/xml',
      ),
  },
  {
    path: /^\/jsonld-site\/jobs\/([\w-]+)$/,
    handle: (_req, [, id], { market, origin, demo }) => {
      if (id === 'broken') {
        return html(
          '<!doctype html><html><head><script type="application/ld+json">{"@type": "JobPosting", "title": "Broken</script></head><body>truncated</body></html>',
        );
      }
      const all = postingsOf(market, 'jsonld-site');
      const index = positionOf(market, 'jsonld-site', id!);
      if (index < 0) return notFound();
      const p = all[index]!;
      return html(jobPage(p, demo ? careersUrl(p) : `${origin}/jsonld-site/jobs/${id}`, index));
    },
  },
  {
    path: /^\/private\//,
    handle: () => html('<h1>robots.txt disallows this page</h1>'),
  },
];

export const site: FixtureSite = { channels: ['jsonld-site', 'onsiter'], routes };

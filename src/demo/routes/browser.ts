import { postingsOf, type MarketPosting } from '../market.js';
import {
  escapeHtml,
  html,
  intParam,
  json,
  notFound,
  type Route,
  type FixtureSite,
} from '../types.js';

const PAGE = 10;
/** Fiverr sellers are people with user names, one per gig of a page. */
const SELLERS = [
  'cloudcraft_dan',
  'pyqueen',
  'stackforge',
  'infra_ivan',
  'devsec_amara',
  'data_kenji',
];
const pid = (p: MarketPosting) => String(7_800_000_000 + Number(p.id.replace(/\D/g, '')));
const slug = (p: MarketPosting) => p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-');
const category = (p: MarketPosting) =>
  p.contract === 'freelance' || p.contract === 'temporary' ? 'cpg' : 'sof';

/** One page of a Craigslist search, as its script loads it. */
function craigslistPage(
  market: readonly MarketPosting[],
  city: string,
  cat: string,
  offset: number,
) {
  const all = postingsOf(market, 'craigslist').filter(
    (p) => category(p) === cat && (city === 'sfbay' || p.country === 'GB'),
  );
  const items = all.slice(offset, offset + PAGE).map((p) => ({
    pid: pid(p),
    title: p.title,
    href: `/craigslist/${city}/${cat}/d/${slug(p)}/${pid(p)}.html`,
    price: p.rate && p.rate.period !== 'year' ? p.rateText : null,
    location: p.city,
  }));
  return { items, next: offset + PAGE < all.length ? `?s=${offset + PAGE}` : null };
}

/**
 * A results page whose listings exist only after its script has run, as on the real
 * sites; `fallback` is what the page shows browsers without script.
 */
function scriptedPage(title: string, dataUrl: string, render: string, fallback = ''): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>.no-js-hidden { display: none; } .js ol.cl-static-search-results { display: none; }</style></head>
<body class="no-js">
<script>document.body.className = 'js';</script>
<h1>${escapeHtml(title)}</h1>
<noscript>This page needs JavaScript.</noscript>
${fallback}
<ol id="results"></ol>
<div id="pager"></div>
<script>
  fetch(${JSON.stringify(dataUrl)}).then((r) => r.json()).then((data) => {
    const results = document.getElementById('results');
    ${render}
  });
</script>
</body></html>`;
}

const craigslistRender = `
    if (data.items.length === 0) { results.innerHTML = '<li class="cl-no-results">no results</li>'; return; }
    setTimeout(() => {
      for (const item of data.items) {
        const li = document.createElement('li');
        li.className = 'cl-search-result';
        li.dataset.pid = item.pid;
        const a = document.createElement('a');
        a.className = 'posting-title';
        a.href = item.href;
        const label = document.createElement('span');
        label.className = 'label';
        label.textContent = item.title;
        a.appendChild(label);
        const price = document.createElement('span');
        price.className = 'priceinfo';
        price.textContent = item.price || '';
        li.append(a, price);
        results.appendChild(li);
      }
      if (data.next) {
        const next = document.createElement('a');
        next.className = 'cl-next-page';
        next.href = data.next;
        next.textContent = 'next';
        document.getElementById('pager').appendChild(next);
      }
    }, 50);`;

const fiverrRender = `
    if (data.gigs.length === 0) { results.innerHTML = '<li class="no-results">no gigs</li>'; return; }
    for (const gig of data.gigs) {
      const card = document.createElement('div');
      card.className = 'gig-card-layout';
      card.dataset.gigId = gig.id;
      card.innerHTML = '<a class="gig-link"><h3></h3></a><span class="seller-name"></span><span class="seller-level"></span><span class="rating"></span><span class="price"></span>';
      card.querySelector('a').href = gig.href;
      card.querySelector('h3').textContent = gig.title;
      card.querySelector('.seller-name').textContent = gig.seller;
      card.querySelector('.seller-level').textContent = gig.level;
      card.querySelector('.rating').textContent = gig.rating;
      card.querySelector('.price').textContent = 'From ' + gig.price;
      results.appendChild(card);
    }`;

/** Craigslist and Fiverr: JavaScript-rendered result pages, static detail pages. */
const routes: Route[] = [
  {
    path: /^\/craigslist\/([a-z]+)\/search\/(cpg|sof)$/,
    handle: (req, [, city, cat], { market, origin }) => {
      const { items } = craigslistPage(market, city!, cat!, intParam(req.url, 's', 0));
      // As the real page: the first results also in a static list for browsers without
      // script (hidden once the script runs), every row "$0" where no price is asked.
      const staticList = `<ol class="cl-static-search-results">
        <li class="cl-static-hub-links">
            <div>see also</div>
        </li>
${items
  .map(
    (item) => `        <li class="cl-static-search-result" title="${escapeHtml(item.title)}">
            <a href="${origin}${item.href}">
                <div class="title">${escapeHtml(item.title)}</div>

                <div class="details">
                    <div class="price">${escapeHtml(item.price ?? '$0')}</div>
                    <div class="location">
                        ${escapeHtml(item.location)}
                    </div>
                </div>
            </a>
        </li>`,
  )
  .join('\n')}
    </ol>`;
      return html(
        scriptedPage(
          `${city} ${cat === 'cpg' ? 'computer gigs' : 'software jobs'}`,
          `${req.url.pathname}.json${req.url.search}`,
          craigslistRender,
          staticList,
        ),
      );
    },
  },
  {
    path: /^\/craigslist\/([a-z]+)\/search\/(cpg|sof)\.json$/,
    handle: (req, [, city, cat], { market }) =>
      json(craigslistPage(market, city!, cat!, intParam(req.url, 's', 0))),
  },
  {
    path: /^\/craigslist\/([a-z]+)\/(cpg|sof)\/d\/[a-z0-9-]+\/(\d+)\.html$/,
    handle: (_req, [, city, cat, id], { market, demo }) => {
      const p = postingsOf(market, 'craigslist').find((x) => pid(x) === id);
      if (!p) return notFound();
      // As the real page, the demo's names its craigslist.org address (its data outlives us).
      const canonical = demo
        ? `<link rel="canonical" href="https://${city}.craigslist.org/${cat}/d/${slug(p)}/${id}.html">`
        : '';
      return html(`<!doctype html><html><head><title>${escapeHtml(p.title)}</title>${canonical}</head><body>
<h1 class="postingtitle"><span class="postingtitletext"><span id="titletextonly">${escapeHtml(p.title)}</span><small> (${escapeHtml(p.city)})</small></span></h1>
<div class="mapAndAttrs"><div class="attrgroup">
  ${p.rateText ? `<div class="attr"><span class="labl">compensation:</span> <span class="valu">${escapeHtml(p.rateText)}</span></div>` : ''}
  <div class="attr"><span class="labl">employment type:</span> <span class="valu">${cat === 'cpg' ? 'gig' : p.contract}</span></div>
</div></div>
<section id="postingbody"><div class="print-information print-qrcode-container">QR Code Link to This Post</div>
${p.descriptionHtml}</section>
<a href="/craigslist/reply/${city}/${id}">reply</a>
<div class="postinginfos"><p class="postinginfo">post id: ${id}</p><p class="postinginfo reveal">posted: <time class="date timeago" datetime="${p.postedAt.replace(/\.\d+Z$/, '+0000')}">${p.postedAt}</time></p></div>
</body></html>`);
    },
  },
  {
    path: /^\/fiverr\/categories\/([a-z-]+)\/([a-z-]+)$/,
    handle: (req, [, group, cat]) =>
      html(
        scriptedPage(
          `Fiverr ${group} / ${cat}`,
          `/fiverr/api/gigs?category=${cat}&page=${intParam(req.url, 'page', 1)}`,
          fiverrRender,
        ),
      ),
  },
  {
    path: /^\/fiverr\/api\/gigs$/,
    handle: (req, _m, { market, demo }) => {
      const page = Math.max(1, intParam(req.url, 'page', 1));
      const sellers = postingsOf(market, 'upwork').slice((page - 1) * 6, page * 6);
      const levels = ['Level 1', 'Level 2', 'Top Rated', 'New Seller'];
      return json({
        gigs: sellers.map((p, i) => {
          // One seller a gig, so that no two gigs share a page (two equal titles would).
          const n = (page - 1) * 6 + i;
          const seller = demo
            ? `${SELLERS[n % SELLERS.length]!}${Math.floor(n / SELLERS.length) || ''}`
            : `seller${n}`;
          return {
            id: `gig-${pid(p)}`,
            // The demo's gigs link where Fiverr has them: its data outlives the fixture web.
            href: demo
              ? `https://www.fiverr.com/${seller}/${slug(p)}`
              : `/fiverr/gigs/${seller}/${slug(p)}`,
            title: `I will be your ${p.title.toLowerCase()} for ${p.skills.slice(0, 2).join(' and ')}`,
            seller,
            level: levels[i % levels.length],
            rating: (4 + (i % 10) / 10).toFixed(1),
            price: `$${25 + ((i * 35) % 400)}`,
          };
        }),
      });
    },
  },
  {
    path: /^\/fiverr\/gigs\//,
    handle: () =>
      html('<h1>gig</h1><div class="gig-description">A gig page robots.txt disallows.</div>'),
  },
];

export const site: FixtureSite = {
  channels: ['craigslist'],
  shortLived: { craigslist: 8 },
  routes,
};

import { careersUrl, postingsOf, type MarketPosting } from '../market.js';
import { fill, recorded } from '../recorded.js';
import { escapeHtml, intParam, json, xml, type Route, type FixtureSite } from '../types.js';

type Item = Record<string, unknown>;
const ARBEITNOW = recorded<{ data: Item[]; links: Item; meta: Item }>(
  'arbeitnow',
  'api-2026-10.json',
);
const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const slug = (p: MarketPosting) =>
  `${p.title}-${p.company}`.toLowerCase().replace(/[^a-z0-9]+/g, '-') + `-${p.id}`;
const rfc822 = (iso: string) => new Date(iso).toUTCString().replace('GMT', '+0000');
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const ARBEITNOW_TYPE = {
  contract: 'Contract',
  freelance: 'Freelance',
  temporary: 'Werkstudent',
  permanent: 'berufserfahren',
} as const;

const REMOTIVE_TYPE = {
  contract: 'contract',
  freelance: 'freelance',
  temporary: 'contract',
  permanent: 'full_time',
} as const;

/** RemoteOK, Remotive, Arbeitnow, We Work Remotely and a generic Atom feed. */
const routes: Route[] = [
  {
    path: /^\/remoteok\/api$/,
    handle: (_req, _m, { market }) =>
      json([
        {
          last_updated: 1795000000,
          legal:
            'API Terms of Service: Please link back to the URL on Remote OK and mention Remote OK as a source.',
        },
        ...postingsOf(market, 'remoteok').map((p) => ({
          slug: slug(p),
          id: p.id.replace(/\D/g, ''),
          epoch: epoch(p.postedAt),
          date: p.postedAt.replace(/\.\d+Z$/, '+00:00'),
          company: p.company,
          company_logo: '',
          position: p.title,
          tags: p.skills.map((s) => s.toLowerCase()),
          logo: '',
          description: p.descriptionHtml,
          location: p.workMode === 'remote' ? 'Worldwide' : `${p.city}, ${p.country}`,
          salary_min: p.rate?.period === 'year' && p.rate.currency === 'USD' ? p.rate.min : 0,
          salary_max: p.rate?.period === 'year' && p.rate.currency === 'USD' ? p.rate.max : 0,
          apply_url: `https://remoteOK.com/remote-jobs/${slug(p)}/apply`,
          url: `https://remoteOK.com/remote-jobs/${slug(p)}`,
        })),
      ]),
  },
  {
    path: /^\/remotive\/api\/remote-jobs$/,
    handle: (req, _m, { market }) => {
      const category = req.url.searchParams.get('category') ?? 'software-dev';
      const jobs = postingsOf(market, 'remotive').filter(
        (_, i) => category === 'software-dev' || i % 3 === 0,
      );
      return json({
        '0-legal-notice': 'Remotive API Legal Notice: please link back to Remotive.',
        'job-count': jobs.length,
        'total-job-count': jobs.length,
        jobs: jobs.map((p) => ({
          id: Number(p.id.replace(/\D/g, '')),
          url: `https://remotive.com/remote-jobs/${category}/${slug(p)}`,
          title: p.title,
          company_name: p.company,
          company_logo: '',
          category: 'Software Development',
          tags: p.skills,
          job_type: REMOTIVE_TYPE[p.contract],
          publication_date: p.postedAt.replace(/\.\d+Z$/, ''),
          candidate_required_location: p.workMode === 'remote' ? 'Worldwide' : p.country,
          salary: p.rateText ?? '',
          description: p.descriptionHtml,
        })),
      });
    },
  },
  {
    path: /^\/arbeitnow\/api\/job-board-api$/,
    handle: (req, _m, { market }) => {
      const perPage = 10;
      const page = Math.max(1, intParam(req.url, 'page', 1));
      const all = postingsOf(market, 'arbeitnow');
      const last = Math.max(1, Math.ceil(all.length / perPage));
      const link = (n: number) => `https://www.arbeitnow.com/api/job-board-api?page=${n}`;
      const [job] = ARBEITNOW.data;
      return json({
        data: all.slice((page - 1) * perPage, page * perPage).map((p) =>
          fill(job!, {
            slug: slug(p),
            company_name: p.company,
            title: p.title,
            description: p.descriptionHtml,
            remote: p.workMode === 'remote',
            url: `https://www.arbeitnow.com/jobs/companies/${p.company.toLowerCase().replace(/\W+/g, '-')}/${slug(p)}`,
            tags: p.skills,
            // Its own words, German among them, as the real board mixes them.
            job_types: [ARBEITNOW_TYPE[p.contract]],
            location: p.city,
            created_at: epoch(p.postedAt),
          }),
        ),
        // The real API has no last page: paging ends where next is null.
        links: {
          ...ARBEITNOW.links,
          first: link(1),
          last: null,
          prev: page > 1 ? link(page - 1) : null,
          next: page < last ? link(page + 1) : null,
        },
        meta: {
          ...ARBEITNOW.meta,
          current_page: page,
          current_page_url: link(page),
          from: (page - 1) * perPage + 1,
          per_page: perPage,
          to: page * perPage,
        },
      });
    },
  },
  {
    path: /^\/weworkremotely\/categories\/([a-z-]+)\.rss$/,
    handle: (_req, [, category], { market }) => {
      const items = postingsOf(market, 'weworkremotely').filter(
        (_, i) => category === 'remote-programming-jobs' || i % 4 === 0,
      );
      // As the 2026 feed: channel language and ttl; each item's logo, region, company
      // country and state (its headquarters), skills, category, type, the description
      // escaped, its expiry 30 days on.
      return xml(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss">
  <channel>
    <title>We Work Remotely: Remote Programming Jobs</title>
    <link>https://weworkremotely.com/categories/${category}.rss</link>
    <description>We Work Remotely: Remote Programming Jobs</description>
    <language>en-US</language>
    <ttl>60</ttl>
${items
  .map(
    (p) => `    <item>
      <media:content url="https://wwr-pro.s3.amazonaws.com/logos/0000/${p.id.slice(-4)}/logo.gif" type="image/png"/>
      <title>${escapeHtml(`${p.company}: ${p.title}`)}</title>
      <region>${p.workMode === 'remote' ? 'Anywhere in the World' : escapeHtml(p.country)}</region>
      <country></country>
      <state>${escapeHtml(p.city)}</state>
      <skills>${escapeHtml(p.skills.join(', '))}</skills>
      <category>${category === 'remote-programming-jobs' ? 'Programming' : 'DevOps and Sysadmin'}</category>
      <type>${p.contract === 'permanent' ? 'Full-Time' : 'Contract'}</type>
      <description>${escapeHtml(`<p>\n  <strong>Headquarters:</strong> ${p.city}\n</p>\n\n${p.descriptionHtml}`)}</description>
      <pubDate>${rfc822(p.postedAt)}</pubDate>
      <expires_at>${rfc822(new Date(Date.parse(p.postedAt) + 30 * 86400000).toISOString())}</expires_at>
      <guid>https://weworkremotely.com/remote-jobs/${slug(p)}</guid>
      <link>https://weworkremotely.com/remote-jobs/${slug(p)}</link>
    </item>`,
  )
  .join('\n')}
  </channel>
</rss>`);
    },
  },
  {
    // Himalayas' feed (the generic RSS adapter's himalayas preset): the company and place in
    // its own undeclared namespace, a teaser in description and the job in content:encoded.
    path: /^\/himalayas\/jobs\/rss$/,
    handle: (_req, _m, { market }) =>
      xml(`<?xml version="1.0" encoding="UTF-8"?><rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom" version="2.0">
    <channel>
        <title>${cdata('Remote jobs from Himalayas')}</title>
        <description>${cdata('Discover the best remote and work from home jobs on Himalayas at top remote companies.')}</description>
        <link>https://himalayas.app/jobs</link>
        <lastBuildDate>${new Date(Date.parse('2026-11-22T00:00:00Z')).toUTCString()}</lastBuildDate>
        <ttl>1440</ttl>
${postingsOf(market, 'feed')
  .map((p) => {
    const url = `https://himalayas.app/companies/${p.company.toLowerCase().replace(/\W+/g, '-')}/jobs/${slug(p)}`;
    return `        <item>
            <title>${cdata(p.title)}</title>
            <description>${cdata(plain(p.descriptionHtml).slice(0, 160))}</description>
            <link>${url}</link>
            <guid isPermaLink="true">${url}</guid>
${p.skills.map((s) => `            <category>${cdata(s.replace(/\s+/g, '-'))}</category>`).join('\n')}
            <pubDate>${new Date(p.postedAt).toUTCString()}</pubDate>
            <media:content url="" medium="image">
            </media:content>
            <himalayasJobs:companyName>${escapeHtml(p.company)}</himalayasJobs:companyName>
            <himalayasJobs:companyLogo></himalayasJobs:companyLogo>
            <himalayasJobs:locationRestriction>${escapeHtml(p.country)}</himalayasJobs:locationRestriction>
            <himalayasJobs:timezoneRestriction>0</himalayasJobs:timezoneRestriction>
            <content:encoded>${cdata(p.descriptionHtml)}</content:encoded>
            <himalayasJobs:expiryDate>${new Date(Date.parse(p.postedAt) + 60 * 86400000).toUTCString()}</himalayasJobs:expiryDate>
            <guid>${url}</guid>
        </item>`;
  })
  .join('\n')}
    </channel>
</rss>`),
  },
  {
    path: /^\/feed\/atom\.xml$/,
    handle: (_req, _m, { market, origin, demo }) =>
      xml(
        `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Kestrel Systems careers</title>
  <id>${origin}/feed/atom.xml</id>
  <updated>2026-11-20T00:00:00Z</updated>
${postingsOf(market, 'feed')
  .map(
    (p) => `  <entry>
    <id>urn:kestrel:job:${p.id}</id>
    <title>${escapeHtml(p.title)}</title>
    <link rel="alternate" href="${demo ? careersUrl(p) : `${origin}/feed/jobs/${p.id}`}"/>
    <published>${p.postedAt}</published>
    <updated>${p.postedAt}</updated>
    <author><name>${escapeHtml(p.company)}</name></author>
    <category term="${escapeHtml(p.skills[0] ?? 'engineering')}"/>
    <summary>${escapeHtml(plain(p.descriptionHtml).slice(0, 140))}</summary>
    <content type="html">${escapeHtml(p.descriptionHtml)}</content>
  </entry>`,
  )
  .join('\n')}
</feed>`,
        'application/atom+xml',
      ),
  },
];

export const site: FixtureSite = {
  channels: ['arbeitnow', 'feed', 'remoteok', 'remotive', 'weworkremotely'],
  routes,
};

import type { Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { renderReport, REPORT_FORMATS, type BuiltFormat } from '../report/formats.js';
import { buildGapReport, parseSkillList } from '../report/gap.js';
import { gapBody } from '../report/gap-render.js';
import { lineChart } from '../report/charts.js';
import { rateFigure, reportBody } from '../report/html.js';
import { html, htmlDocument, money, percent, raw, signed, type Markup } from '../report/markup.js';
import { latestWeek, ReportError } from '../report/weekly.js';
import { weekLabel } from '../trends/weeks.js';
import {
  categories,
  categoryDetail,
  MAX_QUERY,
  reportArchive,
  searchSkills,
  skillDetail,
  sourceHealth,
  storedReport,
} from './data.js';
import type { PageCache } from './page-cache.js';
import { reportWeek, WebError } from './params.js';
import type { ReportCache } from './report-cache.js';

export interface PageOptions {
  readonly db: Kysely<Database>;
  readonly reports: ReportCache;
  /** Rendered answers, kept until the next rollup. */
  readonly cache: PageCache;
  /** Whether the queue dashboard is mounted, for the navigation. */
  readonly queuesMounted: boolean;
}

export const skillHref = (id: string) => `/skills/${encodeURIComponent(id)}`;
const categoryHref = (id: string) => `/categories/${encodeURIComponent(id)}`;
/** Crawled URLs become links only when they are plainly http(s): never javascript: or data:. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

const axis = (week: string) => week.slice(5);
const CONTENT_TYPES: Record<BuiltFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function header(options: PageOptions): Markup {
  return html`<header class="site"><strong><a href="/">skillpulse</a></strong>
<a href="/">Latest report</a><a href="/reports">Archive</a><a href="/skills">Skills</a><a href="/categories">Categories</a><a href="/gap">Skill gap</a><a href="/sources">Sources</a>${options.queuesMounted ? html`<a href="/admin/queues">Queues</a>` : ''}
</header>`; // prettier-ignore
}

function page(
  c: Context,
  options: PageOptions,
  title: string,
  body: Markup,
  status: 200 | 400 | 404 | 405 = 200,
) {
  return c.html(htmlDocument(`${title} · skillpulse`, body, header(options)), status);
}

/** The search as typed, which the page shows back: the cache keeps one page per text. */
const searchText = (c: Context) => (c.req.query('q') ?? '').slice(0, MAX_QUERY);

/** The skill-gap form as filled in, which the page shows back. */
const gapForm = (c: Context) => ({
  skills: (c.req.query('skills') ?? '').slice(0, 1000),
  category: (c.req.query('category') ?? '').slice(0, MAX_QUERY),
});

const NOTHING_YET = html`<p>No week has been rolled up yet. Run <code>skillpulse demo</code>, or <code>skillpulse run</code> then <code>skillpulse rollup</code>.</p>`; // prettier-ignore

/** The dashboard's server-rendered pages: each works without client JavaScript. */
export function registerPages(app: Hono, options: PageOptions): void {
  const { db, reports, cache } = options;

  app.get('/', cache.cached(), async (c) => {
    const week = await latestWeek(db);
    if (!week)
      return page(
        c,
        options,
        'Latest report',
        html`<h1>skillpulse</h1>
          ${NOTHING_YET}`,
      );
    return page(c, options, `Week ${weekLabel(week)}`, reportBody(await reports.get(week), skillHref)); // prettier-ignore
  });

  app.get('/reports', cache.cached(), async (c) => {
    const archive = await reportArchive(db);
    return page(c, options, 'Report archive', html`<h1>Report archive</h1>
${archive.length === 0 ? NOTHING_YET : html`<table><thead><tr><th class="text">week</th><th>postings</th><th class="text">downloads</th></tr></thead><tbody>${archive.map((a) => html`<tr><td class="text"><a href="/reports/${a.label}">${a.label}</a> <span class="muted">${a.week}</span></td><td>${a.postings}</td><td class="text">${REPORT_FORMATS.map((f) => html` <a href="/reports/${a.label}.${f}">${f}</a>`)}${a.stored.length > 0 ? html` <span class="muted">(stored: ${a.stored.join(', ')})</span>` : ''}</td></tr>`)}</tbody></table>`}`); // prettier-ignore
  });

  app.get('/reports/:file', cache.cached(), async (c) => {
    const { week, format } = reportWeek(c.req.param('file'));
    const report = await reports.get(week);
    if (format === undefined) return page(c, options, `Week ${report.label}`, reportBody(report, skillHref)); // prettier-ignore
    // What was published is served as stored; a week never stored is made now.
    const content = (await storedReport(db, week, format)) ?? renderReport(report, format);
    return c.body(content, 200, { 'content-type': CONTENT_TYPES[format], 'content-disposition': `inline; filename="skillpulse-report-${report.label}.${format}"` }); // prettier-ignore
  });

  app.get('/skills', cache.cached(searchText), async (c) => {
    const query = searchText(c);
    const hits = await searchSkills(db, query);
    return page(c, options, 'Skills', html`<h1>Skills</h1>
<form class="inline" method="get" action="/skills" role="search"><input type="search" name="q" value="${query}" placeholder="kubernetes, rust, siem…" aria-label="skill"><button type="submit">Search</button></form>
${hits.length === 0 ? html`<p>No skill matches "${query}".</p>` : html`<table class="skill-hits"><thead><tr><th>#</th><th>skill</th><th class="text">category</th><th>postings this week</th></tr></thead><tbody>${hits.map((h) => html`<tr><td>${h.rank ?? '–'}</td><td><a href="${skillHref(h.id)}">${h.name}</a></td><td class="text">${h.category}</td><td>${h.postings}</td></tr>`)}</tbody></table>`}`); // prettier-ignore
  });

  app.get('/skills/:id', cache.cached(), async (c) => {
    const detail = await skillDetail(db, c.req.param('id'));
    if (!detail) throw new WebError(404, `no skill "${c.req.param('id').slice(0, MAX_QUERY)}"`);
    const { skill, series } = detail;
    const weeks = series.map((s) => axis(s.week));
    const latest = series.at(-1);
    const charts = series.length === 0 ? NOTHING_YET : html`
<figure class="chart demand-chart" data-points="${series.length}">${raw(lineChart('skill-demand', weeks, [{ name: 'postings', data: series.map((s) => s.postings) }]))}<figcaption>Postings open each week, ${series.length} weeks.</figcaption></figure>
<figure class="chart rate-chart" data-points="${series.filter((s) => s.day_rate_median !== null).length}">${raw(lineChart('skill-rates', weeks, [{ name: 'median', data: series.map((s) => s.day_rate_median) }, { name: 'p25', data: series.map((s) => s.day_rate_p25) }, { name: 'p75', data: series.map((s) => s.day_rate_p75) }], { yName: latest?.currency ?? undefined }))}<figcaption>Day rate median and p25–p75 by week${latest?.currency ? `, ${latest.currency}` : ''}; gaps where no rate was quoted.</figcaption></figure>`; // prettier-ignore
    return page(c, options, skill.name, html`<h1>${skill.name}</h1>
<p class="muted">${skill.category}${skill.aliases.length > 0 ? html` · also: ${skill.aliases.join(', ')}` : ''}</p>
${latest ? html`<p>Week ${weekLabel(latest.week)}: ${latest.postings} postings (${percent(latest.share)}), rank ${latest.rank ?? '–'}, ${signed(latest.postings_change_13w)} on 13 weeks ago; median day rate ${latest.day_rate_median === null ? '–' : money(latest.day_rate_median)} from ${latest.day_rate_count} rates.</p>` : ''}
${charts}
<h2>Related skills</h2>
${detail.related.length === 0 ? html`<p>None computed yet.</p>` : html`<table class="related"><thead><tr><th>lift</th><th>skill</th><th>postings together</th><th>share</th></tr></thead><tbody>${detail.related.map((r) => html`<tr><td>${r.lift.toFixed(1)}</td><td><a href="${skillHref(r.id)}">${r.name}</a></td><td>${r.postings}</td><td>${percent(r.share)}</td></tr>`)}</tbody></table>`}
<h2>Postings this week</h2>
${detail.postings.length === 0 ? html`<p>None open.</p>` : html`<table class="postings"><thead><tr><th class="text">first seen</th><th>title</th><th class="text">company</th><th class="text">where</th><th class="text">contract</th><th>day rate</th></tr></thead><tbody>${detail.postings.map((p) => {
      const href = safeUrl(p.url);
      return html`<tr><td class="text">${p.first_seen_at.toISOString().slice(0, 10)}</td><td>${href ? html`<a href="${href}" rel="nofollow noopener noreferrer">${p.title}</a>` : p.title}</td><td class="text">${p.company ?? ''}</td><td class="text">${p.location ?? ''}</td><td class="text">${p.contract_type}</td><td>${p.day_rate === null ? '–' : `${money(p.day_rate)} ${p.currency ?? ''}`}</td></tr>`;
    })}</tbody></table>`}`); // prettier-ignore
  });

  app.get('/categories', cache.cached(), async (c) => {
    const { week, lines } = await categories(db);
    if (!week)
      return page(
        c,
        options,
        'Categories',
        html`<h1>Categories</h1>
          ${NOTHING_YET}`,
      );
    return page(c, options, 'Categories', html`<h1>Categories, week ${weekLabel(week)}</h1>
<table class="categories"><thead><tr><th>#</th><th>category</th><th>postings</th><th>share</th><th>median day rate</th><th>rates</th></tr></thead><tbody>${lines.map((l) => html`<tr><td>${l.rank}</td><td><a href="${categoryHref(l.category)}">${l.category}</a></td><td>${l.postings}</td><td>${percent(l.share)}</td><td>${l.day_rate_median === null ? '–' : money(l.day_rate_median)}</td><td>${l.day_rate_count}</td></tr>`)}</tbody></table>`); // prettier-ignore
  });

  app.get('/categories/:id', cache.cached(), async (c) => {
    const id = c.req.param('id').slice(0, MAX_QUERY);
    const week = await latestWeek(db);
    if (!week)
      return page(
        c,
        options,
        id,
        html`<h1>${id}</h1>
          ${NOTHING_YET}`,
      );
    const { report, section, series } = await categoryDetail(db, reports, id, week);
    return page(c, options, id, html`<h1>${id}</h1>
<figure class="chart category-chart" data-points="${series.length}">${raw(lineChart('category-demand', series.map((s) => axis(s.week)), [{ name: 'postings', data: series.map((s) => s.postings) }]))}<figcaption>Postings open each week asking for a ${id} skill, ${series.length} weeks.</figcaption></figure>
${rateFigure('category-rates', section.topSkills, report.currency, `Day rates in ${report.currency}, week ${report.label}.`)}
${reportSectionTable(section.topSkills)}
${section.risers.length + section.fallers.length > 0 ? html`<p><strong>Rising:</strong> ${section.risers.map((m) => html`<a href="${skillHref(m.id)}">${m.name}</a> `)} <strong>Falling:</strong> ${section.fallers.map((m) => html`<a href="${skillHref(m.id)}">${m.name}</a> `)}</p>` : ''}`); // prettier-ignore
  });

  app.get(
    '/gap',
    cache.cached((c) => JSON.stringify(gapForm(c))),
    async (c) => {
      const { skills, category } = gapForm(c);
      const known = await db.selectFrom('skills').select('category').distinct().orderBy('category').execute(); // prettier-ignore
      const form = html`<h1>Skill gap</h1>
<form class="inline" method="get" action="/gap"><input name="skills" value="${skills}" placeholder="aws, terraform, python" size="40" aria-label="your skills" required><select name="category" aria-label="category"><option value="">any category</option>${known.map((k) => html`<option value="${k.category}"${k.category === category ? ' selected' : ''}>${k.category}</option>`)}</select><button type="submit">Show my gap</button></form>`; // prettier-ignore
      if (skills.trim() === '') return page(c, options, 'Skill gap', html`${form}<p>Name the skills you have, comma-separated: the page shows their demand and rate, the skills that combine with them, and the bundles of skills postings ask for that you are closest to.</p>`); // prettier-ignore
      try {
        const report = await buildGapReport(db, { skills: parseSkillList(skills), category: category || undefined }); // prettier-ignore
        return page(c, options, 'Skill gap', html`${form}${gapBody(report, skillHref)}`);
      } catch (error) {
        if (!(error instanceof ReportError)) throw error;
        return page(
          c,
          options,
          'Skill gap',
          html`${form}
            <p class="error">${error.message}</p>`,
          400,
        );
      }
    },
  );

  app.get('/sources', async (c) => {
    const sources = await sourceHealth(db);
    return page(c, options, 'Sources', html`<h1>Source health</h1>
<table class="sources"><thead><tr><th class="text">source</th><th>adapter</th><th class="text">last run</th><th class="text">status</th><th>pages</th><th>listings (new)</th><th>rejected</th><th>errors</th><th>runs 7 days (troubled)</th><th class="text">message</th></tr></thead><tbody>${sources.map((s) => html`<tr class="status-${s.lastRun?.status ?? 'none'}"><td class="text">${s.name} <span class="muted">${s.id}${s.enabled ? '' : ', off'}</span></td><td>${s.adapter}</td><td class="text">${s.lastRun ? s.lastRun.started_at.toISOString().slice(0, 16).replace('T', ' ') : 'never'}</td><td class="text ${s.lastRun?.status === 'ok' ? 'up' : s.lastRun ? 'down' : ''}">${s.lastRun?.status ?? '–'}</td><td>${s.lastRun?.pages ?? '–'}</td><td>${s.lastRun ? `${s.lastRun.listings} (${s.lastRun.new_listings})` : '–'}${s.lastRun?.kind === 'import' ? ' imported' : ''}</td><td>${s.lastRun?.processed ? `${s.lastRun.rejected} of ${s.lastRun.processed}` : '–'}</td><td>${s.lastRun?.error_count ?? '–'}</td><td>${s.runs7d} (${s.troubled7d})</td><td class="text">${s.lastRun?.message ?? ''}</td></tr>`)}</tbody></table>`); // prettier-ignore
  });

  app.notFound((c) => page(c, options, 'Not found', html`<h1>Not found</h1><p>No page at ${c.req.path.slice(0, 200)}.</p>`, 404)); // prettier-ignore
}

function reportSectionTable(
  lines: readonly {
    id: string;
    name: string;
    rank: number;
    postings: number;
    share: number;
    change13w: number | null;
    dayRate: { median: number } | null;
  }[],
): Markup {
  // prettier-ignore
  return html`<table class="demand"><thead><tr><th>#</th><th>skill</th><th>postings</th><th>share</th><th>13 weeks</th><th>median day rate</th></tr></thead><tbody>${lines.map((l) => html`<tr><td>${l.rank}</td><td><a href="${skillHref(l.id)}">${l.name}</a></td><td>${l.postings}</td><td>${percent(l.share)}</td><td>${signed(l.change13w)}</td><td>${l.dayRate ? money(l.dayRate.median) : '–'}</td></tr>`)}</tbody></table>`; // prettier-ignore
}

/** The errors a page answers with instead of a 500. */
export function pageError(c: Context, options: PageOptions, error: WebError) {
  return page(c, options, 'Not available', html`<h1>Not available</h1><p class="error">${error.message}</p>`, error.status); // prettier-ignore
}

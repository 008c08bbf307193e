import type { Context, Hono } from 'hono';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { categoryName } from '../skills/categories.js';
import { renderReport, type BuiltFormat } from '../report/formats.js';
import { buildGapReport, parseSkillList } from '../report/gap.js';
import { gapBody } from '../report/gap-render.js';
import { reportBody } from '../report/html.js';
import { html, htmlDocument, type Markup } from '../report/markup.js';
import { ReportError } from '../report/gap.js';
import { defaultWeek, WeekNotRolledUpError } from '../trends/read.js';
import { weekLabel } from '../trends/weeks.js';
import {
  categories,
  categoryDetail,
  MAX_QUERY,
  reportArchive,
  searchSkills,
  skillDetail,
  storedReport,
} from './data.js';
import { sourceHealth, type ConfiguredSource } from './source-health.js';
import type { CareerMarkets } from './career-data.js';
import type { PageCache } from './page-cache.js';
import { categoriesPage, categoryPage } from './pages/categories.js';
import { DASHBOARD_STYLES, nothingYetPage, skillHref } from './pages/common.js';
import { GAP_INTRO, gapFormMarkup } from './pages/gap.js';
import { archivePage } from './pages/reports.js';
import { skillPage, skillSearchPage } from './pages/skills.js';
import { sourcesPage } from './pages/sources.js';
import { reportWeek, WebError } from './params.js';
import type { ReportCache } from './report-cache.js';

export interface PageOptions {
  readonly db: Kysely<Database>;
  readonly reports: ReportCache;
  /** Rendered answers, kept until the next rollup. */
  readonly cache: PageCache;
  /** The career planner's market, read once per rollup. */
  readonly markets: CareerMarkets;
  /** Whether the queue dashboard is mounted, for the navigation. */
  readonly queuesMounted: boolean;
  /** The configured sources, listed on /sources whether they ran or not; read once. */
  readonly sources: () => Promise<readonly ConfiguredSource[] | undefined>;
}

const CONTENT_TYPES: Record<BuiltFormat, string> = {
  html: 'text/html; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

function header(options: PageOptions): Markup {
  const queues = options.queuesMounted ? html`<a href="/admin/queues">Queues</a>` : '';
  return html`${DASHBOARD_STYLES}
    <header class="site">
      <strong><a href="/">skillpulse</a></strong>
      <a href="/">Latest report</a><a href="/reports">Archive</a><a href="/skills">Skills</a
      ><a href="/categories">Categories</a><a href="/roles">Roles</a><a href="/gap">Skill gap</a
      ><a href="/career">Career</a><a href="/sources">Sources</a>${queues}
    </header>`;
}

/** A dashboard page: the document with the site's header around `body`. */
export function page(
  c: Context,
  options: PageOptions,
  title: string,
  body: Markup,
  status: 200 | 400 | 404 | 405 | 503 = 200,
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

/**
 * /gap: the form, filled in as asked, and the gap report for the skills named; a list of
 * skills the report cannot read is shown as the form's error.
 */
async function gapPage(c: Context, options: PageOptions) {
  const filled = gapForm(c);
  const known = await options.db
    .selectFrom('skills')
    .select('category')
    .distinct()
    .orderBy('category')
    .execute();
  const form = gapFormMarkup(
    filled,
    known.map((k) => k.category),
  );
  if (filled.skills.trim() === '') {
    return page(c, options, 'Skill gap', html`${form}${GAP_INTRO}`);
  }
  try {
    const report = await buildGapReport(options.db, {
      skills: parseSkillList(filled.skills),
      category: filled.category || undefined,
    });
    return page(c, options, 'Skill gap', html`${form}${gapBody(report, skillHref)}`);
  } catch (error) {
    if (!(error instanceof ReportError || error instanceof WeekNotRolledUpError)) throw error;
    const message = html`<p class="error">${error.message}</p>`;
    return page(c, options, 'Skill gap', html`${form}${message}`, 400);
  }
}

/** The dashboard's server-rendered pages: each works without client JavaScript. */
export function registerPages(app: Hono, options: PageOptions): void {
  const { db, reports, cache } = options;

  app.get('/', cache.cached(), async (c) => {
    const week = await defaultWeek(db);
    if (!week) return page(c, options, 'Latest report', nothingYetPage('skillpulse'));
    const body = reportBody(await reports.get(week), skillHref);
    return page(c, options, `Week ${weekLabel(week)}`, body);
  });

  app.get('/reports', cache.cached(), async (c) =>
    page(c, options, 'Report archive', archivePage(await reportArchive(db))),
  );

  app.get('/reports/:file', cache.cached(), async (c) => {
    const { week, format } = reportWeek(c.req.param('file'));
    const report = await reports.get(week);
    if (format === undefined) {
      return page(c, options, `Week ${report.label}`, reportBody(report, skillHref));
    }
    // What was published is served as stored; a week never stored is made now.
    const content = (await storedReport(db, week, format)) ?? renderReport(report, format);
    return c.body(content, 200, {
      'content-type': CONTENT_TYPES[format],
      'content-disposition': `inline; filename="skillpulse-report-${report.label}.${format}"`,
    });
  });

  app.get('/skills', cache.cached(searchText), async (c) => {
    const query = searchText(c);
    return page(c, options, 'Skills', skillSearchPage(query, await searchSkills(db, query)));
  });

  app.get('/skills/:id', cache.cached(), async (c) => {
    const detail = await skillDetail(db, c.req.param('id'));
    if (!detail) throw new WebError(404, `no skill "${c.req.param('id').slice(0, MAX_QUERY)}"`);
    return page(c, options, detail.skill.name, skillPage(detail));
  });

  app.get('/categories', cache.cached(), async (c) => {
    const { week, lines } = await categories(db);
    if (!week) return page(c, options, 'Categories', nothingYetPage('Categories'));
    return page(c, options, 'Categories', categoriesPage(week, lines));
  });

  app.get('/categories/:id', cache.cached(), async (c) => {
    const id = c.req.param('id').slice(0, MAX_QUERY);
    const week = await defaultWeek(db);
    const name = categoryName(id);
    if (!week) return page(c, options, name, nothingYetPage(name));
    return page(c, options, name, categoryPage(id, await categoryDetail(db, reports, id, week)));
  });

  app.get(
    '/gap',
    cache.cached((c) => JSON.stringify(gapForm(c))),
    (c) => gapPage(c, options),
  );

  app.get('/sources', async (c) =>
    page(c, options, 'Sources', sourcesPage(await sourceHealth(db, await options.sources()))),
  );

  app.notFound((c) => {
    const body = html`<h1>Not found</h1>
      <p>No page at ${c.req.path.slice(0, 200)}.</p>`;
    return page(c, options, 'Not found', body, 404);
  });
}

/** The errors a page answers with instead of a 500. */
export function pageError(c: Context, options: PageOptions, error: WebError) {
  const body = html`<h1>Not available</h1>
    <p class="error">${error.message}</p>`;
  return page(c, options, 'Not available', body, error.status);
}

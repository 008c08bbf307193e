import { sql } from 'kysely';
import type { Context, Hono } from 'hono';
import { buildGapReport, parseSkillList } from '../report/gap.js';
import { defaultWeek, latestWeek } from '../trends/read.js';
import {
  categories,
  categoryDetail,
  MAX_QUERY,
  reportArchive,
  searchSkills,
  skillDetail,
} from './data.js';
import { sourceHealth } from './source-health.js';
import type { PageOptions } from './pages.js';
import { reportWeek, WebError } from './params.js';

/** A skill search as searchSkills reads it: the cache keeps one answer per search. */
const searchOf = (c: Context) => (c.req.query('q') ?? '').trim().toLowerCase().slice(0, MAX_QUERY);

/** A skill-gap request as buildGapReport reads it. */
function gapOf(c: Context) {
  const category = c.req.query('category')?.trim().toLowerCase();
  return {
    skills: parseSkillList((c.req.query('skills') ?? '').slice(0, 1000)),
    category: category || undefined,
  };
}

/**
 * The dashboard's data as JSON under /api: the same queries as the pages, for scripts
 * and notebooks, kept between rollups as the pages are (health and sources excepted).
 * Errors answer `{ "error": "…" }` with their status.
 */
export function registerApi(app: Hono, options: PageOptions): void {
  const { db, reports, cache } = options;
  app.get('/api/health', async (c) => {
    await sql`select 1`.execute(db);
    return c.json({ status: 'ok', week: await latestWeek(db) });
  });
  app.get('/api/reports', cache.cached(), async (c) => c.json(await reportArchive(db)));
  app.get('/api/reports/:week', cache.cached(), async (c) => {
    const { week } = reportWeek(c.req.param('week'));
    return c.json(await reports.get(week));
  });
  app.get('/api/skills', cache.cached(searchOf), async (c) =>
    c.json(await searchSkills(db, searchOf(c))),
  );
  app.get('/api/skills/:id', cache.cached(), async (c) => {
    const detail = await skillDetail(db, c.req.param('id'));
    if (!detail) throw new WebError(404, `no skill "${c.req.param('id').slice(0, MAX_QUERY)}"`);
    return c.json(detail);
  });
  app.get('/api/categories', cache.cached(), async (c) => c.json(await categories(db)));
  app.get('/api/categories/:id', cache.cached(), async (c) => {
    const id = c.req.param('id').slice(0, MAX_QUERY);
    const week = await defaultWeek(db);
    if (!week) throw new WebError(404, `no category "${id}": no week has been rolled up yet`);
    const { section, series, movers } = await categoryDetail(db, reports, id, week);
    return c.json({ week, section, series, movers });
  });
  app.get(
    '/api/gap',
    cache.cached((c) => JSON.stringify(gapOf(c))),
    async (c) => c.json(await buildGapReport(db, gapOf(c))),
  );
  app.get('/api/sources', async (c) => c.json(await sourceHealth(db, await options.sources())));
}

import { sql, type Kysely } from 'kysely';
import type { Hono } from 'hono';
import type { Database } from '../db/schema.js';
import { buildGapReport, parseSkillList } from '../report/gap.js';
import { latestWeek } from '../report/weekly.js';
import {
  categories,
  categoryDetail,
  MAX_QUERY,
  reportArchive,
  searchSkills,
  skillDetail,
  sourceHealth,
} from './data.js';
import { reportWeek, WebError } from './params.js';
import type { ReportCache } from './report-cache.js';

/**
 * The dashboard's data as JSON under /api: the same queries as the pages, for scripts
 * and notebooks. Errors answer `{ "error": "…" }` with their status.
 */
export function registerApi(app: Hono, db: Kysely<Database>, reports: ReportCache): void {
  app.get('/api/health', async (c) => {
    await sql`select 1`.execute(db);
    return c.json({ status: 'ok', week: await latestWeek(db) });
  });
  app.get('/api/reports', async (c) => c.json(await reportArchive(db)));
  app.get('/api/reports/:week', async (c) => {
    const { week } = reportWeek(c.req.param('week'));
    return c.json(await reports.get(week));
  });
  app.get('/api/skills', async (c) => c.json(await searchSkills(db, c.req.query('q') ?? '')));
  app.get('/api/skills/:id', async (c) => {
    const detail = await skillDetail(db, c.req.param('id'));
    if (!detail) throw new WebError(404, `no skill "${c.req.param('id').slice(0, MAX_QUERY)}"`);
    return c.json(detail);
  });
  app.get('/api/categories', async (c) => c.json(await categories(db)));
  app.get('/api/categories/:id', async (c) => {
    const id = c.req.param('id').slice(0, MAX_QUERY);
    const week = await latestWeek(db);
    if (!week) throw new WebError(404, `no category "${id}": no week has been rolled up yet`);
    const { section, series } = await categoryDetail(db, reports, id, week);
    return c.json({ week, section, series });
  });
  app.get('/api/gap', async (c) => {
    const category = c.req.query('category');
    return c.json(await buildGapReport(db, { skills: parseSkillList((c.req.query('skills') ?? '').slice(0, 1000)), category: category || undefined })); // prettier-ignore
  });
  app.get('/api/sources', async (c) => c.json(await sourceHealth(db)));
}

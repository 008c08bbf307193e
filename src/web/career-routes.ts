import type { Context, Hono } from 'hono';
import { CareerError } from '../career/resolve.js';
import { html } from '../report/markup.js';
import { defaultWeek } from '../trends/read.js';
import {
  careerForm,
  careerPlan,
  roleCategories,
  roleDetail,
  roleList,
  roleNames,
  type CareerForm,
} from './career-data.js';
import { MAX_QUERY } from './data.js';
import { page, type PageOptions } from './pages.js';
import {
  CAREER_INTRO,
  CAREER_STYLES,
  careerFormMarkup,
  careerProblems,
  careerResult,
} from './pages/career.js';
import { NOTHING_YET } from './pages/common.js';
import { rolePage, rolesPage } from './pages/roles.js';
import { WebError } from './params.js';

/*
 * The career planner and the role pages, and their JSON under /api: each page and its
 * API answer show the same objects (the planner's CareerPlan, RoleList, RoleDetail).
 */

const formOf = (c: Context): CareerForm => careerForm((name) => c.req.query(name));
/** A career request as the plan reads it: the cache keeps one answer per filled-in form. */
const formKey = (c: Context) => JSON.stringify(formOf(c));
/** The category filter as roleList reads it ('' for all): the cache keeps one answer per category. */
const categoryOf = (c: Context) =>
  (c.req.query('category') ?? '').trim().toLowerCase().slice(0, MAX_QUERY);
const roleNotFound = (id: string) => new WebError(404, `no role "${id.slice(0, MAX_QUERY)}"`);

/**
 * /career: the form, filled in as asked, and the plan for it; unknown skills,
 * certifications, roles or categories are named with the nearest known ones, a 400 with
 * the form kept.
 */
async function careerPage(c: Context, options: PageOptions) {
  const form = formOf(c);
  const [categories, roles] = await Promise.all([
    roleCategories(options.db),
    roleNames(options.db),
  ]);
  const top = html`${CAREER_STYLES}${careerFormMarkup(form, { categories, roles })}`;
  const show = (body: ReturnType<typeof html>, status: 200 | 400 = 200) =>
    page(c, options, 'Career planner', html`${top}${body}`, status);
  if (form.skills.trim() === '') return show(CAREER_INTRO);
  if (!(await defaultWeek(options.db))) return show(NOTHING_YET);
  try {
    return show(careerResult(await careerPlan(options.db, options.markets, form)));
  } catch (error) {
    if (!(error instanceof CareerError)) throw error;
    return show(careerProblems(error.message), 400);
  }
}

export function registerCareerRoutes(app: Hono, options: PageOptions): void {
  const { db, cache, markets } = options;

  app.get('/career', cache.cached(formKey), (c) => careerPage(c, options));

  app.get('/roles', cache.cached(categoryOf), async (c) => {
    const [list, categories] = await Promise.all([roleList(db, categoryOf(c)), roleCategories(db)]);
    return page(c, options, 'Roles', rolesPage(list, categories));
  });

  app.get('/roles/:id', cache.cached(), async (c) => {
    const detail = await roleDetail(db, markets, c.req.param('id'));
    if (!detail) throw roleNotFound(c.req.param('id'));
    return page(c, options, detail.role.name, rolePage(detail));
  });

  app.get('/api/career', cache.cached(formKey), async (c) =>
    c.json(await careerPlan(db, markets, formOf(c))),
  );

  app.get('/api/roles', cache.cached(categoryOf), async (c) =>
    c.json(await roleList(db, categoryOf(c))),
  );

  app.get('/api/roles/:id', cache.cached(), async (c) => {
    const detail = await roleDetail(db, markets, c.req.param('id'));
    if (!detail) throw roleNotFound(c.req.param('id'));
    return c.json(detail);
  });
}

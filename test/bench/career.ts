/**
 * The career planner at scale, in PostgreSQL (`npm run bench:career [-- postings]`): N
 * synthetic postings (1,000,000 by default) over 104 weeks as bench:trends makes them,
 * four in five with a role and half stating years of experience, the 27 newest weeks
 * rolled up. Prints
 * - the planner's answer as `skillpulse career` gives it (read the market of the week,
 *   resolve the request, plan, render as text and JSON), median of 5, target 300 ms;
 * - the one-week rollup with the postings' roles and with every role cleared, median of 5
 *   each: what counting roles (role_weekly, role_profile_weekly) adds, target 20%.
 * BENCH_KEEP=1 keeps the seeded database (skillpulse_bench_career_<N>) and reuses it.
 * Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { readCareerMarket, withRelatedSkills } from '../../src/career/read.js';
import { buildCareerPlan } from '../../src/career/plan.js';
import { renderCareer } from '../../src/career/render.js';
import { resolveRequest } from '../../src/career/resolve.js';
import { rollupWeeks } from '../../src/trends/rollup.js';
import { addWeeks, weeksBetween } from '../../src/trends/weeks.js';
import { openBenchDatabase } from '../helpers/database.js';
import { seedTrendBench } from './trends.js';

const POSTINGS = Number(process.argv[2] ?? 1_000_000);
const LAST_WEEK = '2026-11-16';
const KEEP = process.env.BENCH_KEEP === '1';
const NAME = `skillpulse_bench_career_${POSTINGS}`;
const RUNS = 5;

const ms = (value: number) => `${Math.round(value)} ms`;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed(run: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i += 1) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  return times;
}

export async function benchCareer(): Promise<void> {
  console.log(`career: ${POSTINGS.toLocaleString('en')} postings over 104 weeks, PostgreSQL`);
  const database = await openBenchDatabase(NAME, { keep: KEEP });
  const { db } = database;
  try {
    const rollup = (weeks: string[]) => rollupWeeks(db, weeks, { currency: 'GBP' });
    if (database.reused) {
      await sql`vacuum analyze postings`.execute(db);
      console.log(`  data: reusing ${NAME}`);
    } else {
      let started = performance.now();
      await seedTrendBench(db, POSTINGS);
      await sql`vacuum analyze`.execute(db);
      console.log(`  data: written in ${ms(performance.now() - started)}`);
      started = performance.now();
      await rollup(weeksBetween(addWeeks(LAST_WEEK, -26), LAST_WEEK));
      console.log(`  rolled up the 27 newest weeks in ${ms(performance.now() - started)}`);
    }

    const request = { skills: ['aws', 'terraform', 'python'], certs: [], years: 6, target: undefined, category: undefined }; // prettier-ignore
    const answer = async () => {
      const market = await readCareerMarket(db, LAST_WEEK);
      const { user, target, category } = resolveRequest(market, request);
      const withRelated = await withRelatedSkills(db, market, user.skills);
      const plan = buildCareerPlan(withRelated, user, { target, category });
      return [renderCareer(plan, 'text'), renderCareer(plan, 'json')];
    };
    const [text] = await answer();
    const planner = await timed(answer);
    console.log(`  planner (read, resolve, plan, render text and JSON): median of ${RUNS} ${ms(median(planner))} (target 300 ms); ${text!.split('\n').length} lines of text`); // prettier-ignore

    const week = async () => rollup([LAST_WEEK]);
    const withRoles = await timed(week);
    const roles = await db
      .selectFrom('role_weekly')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('week', '=', LAST_WEEK)
      .executeTakeFirstOrThrow();
    // The same postings with every role cleared, then given back.
    await sql`create temporary table saved_roles as
      select id, role_id from postings where role_id is not null`.execute(db);
    await sql`update postings set role_id = null where role_id is not null`.execute(db);
    // The update leaves a dead row version of each posting: vacuumed, as the with-roles
    // side was, or the scan of the bloated table would be what is measured.
    await sql`vacuum analyze postings`.execute(db);
    let withoutRoles: number[];
    try {
      withoutRoles = await timed(week);
    } finally {
      await sql`update postings p set role_id = s.role_id from saved_roles s where p.id = s.id`.execute(db); // prettier-ignore
      await sql`drop table saved_roles`.execute(db);
      await sql`vacuum analyze postings`.execute(db);
      await rollup([LAST_WEEK]);
    }
    const extra = median(withRoles) / median(withoutRoles) - 1;
    console.log(`  one-week rollup: with roles (${Number(roles.n)} role rows) median of ${RUNS} ${ms(median(withRoles))}, without roles ${ms(median(withoutRoles))}: roles add ${(extra * 100).toFixed(0)}% (target at most 20%)`); // prettier-ignore
  } finally {
    await database.release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCareer();

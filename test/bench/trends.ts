/**
 * The rollup at scale, in PostgreSQL: N synthetic postings (1,000,000 by default) over
 * 104 weeks with about 8 skills each (skewed: a few skills in many postings, most in few),
 * four in five with a role of the role taxonomy and half stating years of experience (so the
 * role tables are counted as in a real market), a quarter of them open for more than one
 * week, one in twenty a duplicate, written in the order a crawl meets them. Prints the full recompute (by step), the one-week incremental
 * rollup after each of 5 new batches of that week's postings, and the p50/p95 of 100
 * two-year series queries for one skill through the analysts' views.
 * `npm run bench:trends [-- postings]`; BENCH_FULL=0 rolls up only the newest 27 weeks
 * instead of all; BENCH_WEEKS spreads the postings over more weeks; BENCH_LAYOUT (below).
 * Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { syncSkills } from '../../src/skills/sync.js';
import { loadTaxonomy } from '../../src/skills/taxonomy.js';
import { syncRoles } from '../../src/roles/sync.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { skillSeries } from '../../src/trends/read.js';
import { addWeeks, weeksBetween } from '../../src/trends/weeks.js';
import { createTestDatabase } from '../helpers/database.js';

const POSTINGS = Number(process.argv[2] ?? 1_000_000);
/**
 * Weeks of history the postings span; BENCH_WEEKS=1040 spreads 10,000,000 postings so
 * that a week holds as many as at 1,000,000 over 104: the table grows, the week does not.
 */
const WEEKS = Number(process.env.BENCH_WEEKS ?? 104);
/** A two-year series, whatever the history. */
const SERIES_WEEKS = 104;
const LAST_WEEK = '2026-11-16';
const FIRST_WEEK = addWeeks(LAST_WEEK, -(WEEKS - 1));
const CHUNK = 250_000;
/** BENCH_FULL=0 skips the full recompute (for 10,000,000 postings). */
const FULL = process.env.BENCH_FULL !== '0';
/**
 * Postings are written in the order a crawl meets them, oldest week first, so a week's
 * postings sit together on disk; BENCH_LAYOUT=interleaved deals them round the weeks
 * instead (every page mixes all 104 weeks: the worst case for reading one week).
 */
export const INTERLEAVED = process.env.BENCH_LAYOUT === 'interleaved';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Postings `from`..`to` (exclusive) spread evenly over the weeks, written by the server. */
export async function insertPostings(
  db: Kysely<Database>,
  from: number,
  to: number,
  firstWeek: string,
  weeks: number,
  vacuum = true,
): Promise<void> {
  // prettier-ignore
  const skills = (await db.selectFrom('skills').select('id').orderBy('id').execute()).map((s) => s.id); // prettier-ignore
  const roles = (await db.selectFrom('roles').select('id').orderBy('id').execute()).map((r) => r.id); // prettier-ignore
  for (let start = from; start < to; start += CHUNK) {
    const end = Math.min(to, start + CHUNK);
    const before = await db.selectFrom('postings').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst(); // prettier-ignore
    await sql`
      insert into postings (source_id, external_id, raw_listing_id, url, title, content_hash,
        posted_at, first_seen_at, last_seen_at, contract_type, work_mode, country,
        day_rate, hourly_rate, normalized_currency, skill_ids, role_id, experience_years_min)
      select 'bench', i::text, 1, 'https://bench.test/' || i, 'Engineer ' || i, md5(i::text),
        t.posted, t.posted + interval '1 day',
        -- A quarter seen again ten days later, never after the last week (the present).
        least(t.posted + interval '1 day' + case when i % 4 = 0 then interval '10 days' else interval '0 days' end,
          ${firstWeek}::timestamptz + ${weeks * 7} * interval '1 day' - interval '1 hour'), -- prettier-ignore
        (array['contract', 'contract', 'freelance', 'permanent', 'unknown'])[1 + i % 5],
        (array['remote', 'hybrid', 'onsite'])[1 + i % 3],
        (array['GB', 'US', 'DE', 'NL', 'FR', 'IE', 'PL', 'ES'])[1 + i % 8],
        case when i % 5 < 2 then round((300 + (i * 7919) % 600)::numeric, 2) end,
        case when i % 5 = 2 then round((30 + (i * 104729) % 90)::numeric, 2) end,
        case when i % 5 <= 2 then 'GBP' end,
        -- About 8 distinct skills a posting (9 draws), skewed towards the first skills of
        -- a shuffled list; correlated with i so that each posting draws its own.
        (select array_agg(distinct (${skills}::text[])[1 + floor(${skills.length} * power(random(), 2.5))::int])
         from generate_series(i, i + 8)), -- prettier-ignore
        -- Four in five with a role, skewed as skills are; half stating years of experience.
        case when i % 5 <> 4 then (${roles}::text[])[1 + floor(${roles.length} * power(random(), 2))::int] end, -- prettier-ignore
        case when i % 2 = 0 then (i / 2) % 11 end
      from generate_series(${start}::bigint, ${end - 1}::bigint) as i
      cross join lateral (select ${firstWeek}::timestamptz
        + ${INTERLEAVED ? sql`(i - ${from}) % ${weeks}` : sql`(i - ${from}) * ${weeks} / ${to - from}`} * interval '7 days'
        + (i % 5) * interval '1 day' + interval '9 hours' as posted) as t`.execute(db);
    // Their posting_skills rows, as the process stage would have written them; the
    // postings already hold their skill ids, which the trigger would otherwise rewrite
    // (an update of every posting just written).
    await db.transaction().execute(async (trx) => {
      await sql`alter table posting_skills disable trigger posting_skills_ids_insert`.execute(trx);
      await sql`
        insert into posting_skills (posting_id, skill_id)
        select p.id, unnest(p.skill_ids) from postings p where p.id > ${before?.id ?? 0}`.execute(trx); // prettier-ignore
      await sql`alter table posting_skills enable trigger posting_skills_ids_insert`.execute(trx);
    });
    process.stdout.write(`  ${end.toLocaleString('en')} postings written\r`);
  }
  // One in twenty is a duplicate of the posting before it.
  await sql`
    update postings p set canonical_id = p.id - 1
    where p.external_id::bigint between ${from} and ${to - 1} and p.external_id::bigint % 20 = 19`.execute(db); // prettier-ignore
  // As autovacuum leaves a table some time after a load: statistics fresh and the
  // visibility map set, so index-only scans of posting_skills need not visit the heap.
  // A checkpoint then writes out what the load dirtied, which would otherwise be flushed
  // while the rollups are timed.
  if (vacuum) {
    await sql`vacuum analyze postings`.execute(db);
    await sql`vacuum analyze posting_skills`.execute(db);
    await sql`checkpoint`.execute(db);
  }
}

/** The taxonomy's skills, a source, and `postings` synthetic postings over 104 weeks. */
export async function seedTrendBench(db: Kysely<Database>, postings: number): Promise<void> {
  await syncSkills(db, loadTaxonomy());
  await syncRoles(db, loadRoleTaxonomy());
  await db.insertInto('sources').values({ id: 'bench', name: 'bench', adapter: 'rss' }).execute();
  await sql`insert into raw_listings (id, source_id, external_id, url, content_hash, fetched_at, payload)
    values (1, 'bench', 'b', 'u', 'h', now(), '{}')`.execute(db);
  await insertPostings(db, 0, postings, FIRST_WEEK, WEEKS);
}

export async function benchTrends(): Promise<void> {
  console.log(`trends: ${POSTINGS.toLocaleString('en')} postings over ${WEEKS} weeks, ~8 skills each, PostgreSQL`); // prettier-ignore
  const database = await createTestDatabase('postgres');
  const { db } = database;
  try {
    let started = performance.now();
    await seedTrendBench(db, POSTINGS);
    const tagged = await db.selectFrom('posting_skills').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(); // prettier-ignore
    console.log(`  data: ${POSTINGS.toLocaleString('en')} postings, ${tagged.n.toLocaleString('en')} skill tags, written in ${seconds(performance.now() - started)}`); // prettier-ignore

    if (FULL) {
      const weeks = await weeksOf(db, { kind: 'all' });
      started = performance.now();
      const full = await rollupWeeks(db, weeks, { currency: 'GBP' });
      const fullMs = performance.now() - started;
      console.log(`  full recompute (${weeks.length} weeks): ${seconds(fullMs)} (target 10 s) — ${full.skillRows.toLocaleString('en')} skill rows, ${full.movers} movers, ${full.pairs.toLocaleString('en')} pairs`); // prettier-ignore
      console.log(`    by step (ms): ${JSON.stringify(full.stepsMs)}`);
    } else {
      // What the newest week's rollup reads: the 26 weeks before it (movers, rank changes).
      const weeks = weeksBetween(addWeeks(LAST_WEEK, -26), LAST_WEEK);
      started = performance.now();
      await rollupWeeks(db, weeks, { currency: 'GBP', relatedSkills: false });
      console.log(`  no full recompute (BENCH_FULL=0): the newest ${weeks.length} weeks rolled up in ${seconds(performance.now() - started)}`); // prettier-ignore
    }

    // As the queue runs it after each processed batch: a new batch of the latest week's
    // postings (a tenth of a week's), then that week rolled up again; related skills left
    // to the weekly rollup.
    const perWeek = Math.round(POSTINGS / WEEKS);
    const batch = Math.round(perWeek / 10);
    const oneWeek: number[] = [];
    let steps = {};
    for (let i = 0; i < 5; i += 1) {
      await insertPostings(db, POSTINGS + i * batch, POSTINGS + (i + 1) * batch, LAST_WEEK, 1, false); // prettier-ignore
      started = performance.now();
      steps = (await rollupWeeks(db, [LAST_WEEK], { currency: 'GBP', relatedSkills: false })).stepsMs; // prettier-ignore
      oneWeek.push(performance.now() - started);
    }
    oneWeek.sort((a, b) => a - b);
    const open = await db.selectFrom('market_weekly').select('postings').where('week', '=', LAST_WEEK).where('segment', '=', 'all').executeTakeFirstOrThrow(); // prettier-ignore
    console.log(`  one-week incremental rollup after each of 5 batches of ${batch.toLocaleString('en')} postings (${open.postings.toLocaleString('en')} postings open that week at the end): median ${Math.round(oneWeek[2] as number)} ms, runs ${oneWeek.map(Math.round).join(', ')} ms (target 200 ms)`); // prettier-ignore
    console.log(`    by step (ms), last run: ${JSON.stringify(steps)}`);
    started = performance.now();
    const weekly = await rollupWeeks(db, [LAST_WEEK], { currency: 'GBP' });
    console.log(`  the same week with its related skills (13 weeks of postings paired, as the weekly schedule runs it): ${Math.round(performance.now() - started)} ms, ${weekly.pairs.toLocaleString('en')} pairs`); // prettier-ignore

    const top = await db.selectFrom('skill_weekly').select('skill_id').where('week', '=', LAST_WEEK).where('segment', '=', 'all').orderBy('rank').limit(200).execute(); // prettier-ignore
    const times: number[] = [];
    for (let i = 0; i < 100; i += 1) {
      const skill = top[(i * 37) % top.length]?.skill_id as string;
      started = performance.now();
      const series = await skillSeries(db, skill, { segment: 'all', last: LAST_WEEK, weeks: SERIES_WEEKS }); // prettier-ignore
      times.push(performance.now() - started);
      if (series.length !== SERIES_WEEKS) throw new Error(`series of ${series.length} weeks`);
    }
    times.sort((a, b) => a - b);
    console.log(`  one skill's two-year series (trend_skill_demand + trend_skill_rates): p50 ${(times[49] as number).toFixed(1)} ms, p95 ${(times[94] as number).toFixed(1)} ms (target p50 10 ms)`); // prettier-ignore
  } finally {
    await database.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchTrends();

/**
 * The weekly report at scale, in PostgreSQL: N synthetic postings (1,000,000 by default)
 * over 104 weeks as bench:trends makes them, the 27 newest weeks rolled up (all the
 * report reads: the week, 1 and 13 weeks before, 26 weeks of history, movers, related
 * skills), then the time to build the newest week's report and render it as HTML, Markdown
 * and JSON (median of 5), and a skill-gap report for comparison.
 * `npm run bench:report [-- postings]`; BENCH_KEEP=1 keeps the seeded database
 * (skillpulse_bench_report_<N>) and reuses it next time. Asserts nothing.
 */
import { performance } from 'node:perf_hooks';
import { sql } from 'kysely';
import { renderReport, REPORT_FORMATS } from '../../src/report/formats.js';
import { buildGapReport } from '../../src/report/gap.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { rollupWeeks } from '../../src/trends/rollup.js';
import { addWeeks, weeksBetween } from '../../src/trends/weeks.js';
import { openBenchDatabase } from '../helpers/database.js';
import { seedTrendBench } from './trends.js';

const POSTINGS = Number(process.argv[2] ?? 1_000_000);
const LAST_WEEK = '2026-11-16';
const KEEP = process.env.BENCH_KEEP === '1';
const NAME = `skillpulse_bench_report_${POSTINGS}`;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const median = (values: number[]) => values.sort((a, b) => a - b)[values.length >> 1]!;

export async function benchReport(): Promise<void> {
  console.log(`report: ${POSTINGS.toLocaleString('en')} postings over 104 weeks, ~8 skills each, PostgreSQL`); // prettier-ignore
  const database = await openBenchDatabase(NAME, { keep: KEEP });
  const { db } = database;
  try {
    if (database.reused) {
      console.log(`  data: reusing ${NAME}`);
    } else {
      let started = performance.now();
      await seedTrendBench(db, POSTINGS);
      console.log(`  data: written in ${seconds(performance.now() - started)}`);
      started = performance.now();
      const weeks = weeksBetween(addWeeks(LAST_WEEK, -26), LAST_WEEK);
      await rollupWeeks(db, weeks.slice(0, -1), { currency: 'GBP', relatedSkills: false });
      await rollupWeeks(db, [LAST_WEEK], { currency: 'GBP' });
      console.log(`  rolled up the ${weeks.length} weeks the report reads in ${seconds(performance.now() - started)}`); // prettier-ignore
    }
    const total = await db.selectFrom('postings').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(); // prettier-ignore
    const times: number[] = [];
    const build: number[] = [];
    let bytes: Record<string, number> = {};
    for (let i = 0; i < 6; i += 1) {
      const started = performance.now();
      const report = await buildWeeklyReport(db, LAST_WEEK);
      const built = performance.now();
      bytes = Object.fromEntries(REPORT_FORMATS.map((f) => [f, renderReport(report, f).length]));
      // The first run warms the connection and the plans; it is not counted.
      if (i > 0) {
        times.push(performance.now() - started);
        build.push(built - started);
      }
    }
    console.log(`  one week's report in all formats (${Object.entries(bytes).map(([f, n]) => `${f} ${Math.round(n / 1024)} KB`).join(', ')}): median of 5 ${Math.round(median(times))} ms, of which reading the trend tables ${Math.round(median(build))} ms (target 2 s) over ${total.n.toLocaleString('en')} postings`); // prettier-ignore
    const gap: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const started = performance.now();
      await buildGapReport(db, { skills: ['python', 'aws', 'terraform'] });
      gap.push(performance.now() - started);
    }
    console.log(`  skill-gap report for python, aws, terraform: median of 3 ${Math.round(median(gap))} ms`); // prettier-ignore
    await sql`select 1`.execute(db);
  } finally {
    await database.release();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchReport();

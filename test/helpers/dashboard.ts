import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';
import { storeWeeklyReport } from '../../src/report/store.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { MARKET, seedTrendPostings, W } from './trends.js';

/** Crawled text that tries to run script or break markup: it must show as text, inert. */
export const HOSTILE = {
  title: '<script>window.__pwned = "title"</script>Senior <b>AWS</b> engineer',
  company: '<img src=x onerror="window.__pwned = \'company\'">Acme & Co',
  location: '"><svg onload="window.__pwned = \'location\'">',
  url: 'javascript:window.__pwned = "url"',
} as const;

/**
 * The hand-worked market rolled up (related skills for every posting pair) with its
 * weekly report stored, P2's crawled fields replaced by injections; returns P2's id.
 */
export async function seedDashboard(db: Kysely<Database>): Promise<number> {
  const ids = await seedTrendPostings(db, MARKET);
  const p2 = ids.get('P2')!;
  await db.updateTable('postings').set(HOSTILE).where('id', '=', p2).execute();
  await db
    .insertInto('crawl_runs')
    .values([
      { source_id: 't', crawl_status: 'ok', started_at: new Date(`${W}T06:00:00Z`), finished_at: new Date(`${W}T06:01:00Z`), pages: 3, listings: 12, new_listings: 9 }, // prettier-ignore
      { source_id: 't', crawl_status: 'degraded', started_at: new Date(), finished_at: new Date(), pages: 1, listings: 2, new_listings: 0, error_count: 4, crawl_message: '<i>fewer listings</i> than usual' }, // prettier-ignore
    ])
    .execute();
  const weeks = await weeksOf(db, { kind: 'all' });
  await rollupWeeks(db, weeks, {
    currency: 'GBP',
    settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1 },
  });
  await storeWeeklyReport(db, await buildWeeklyReport(db, W));
  return p2;
}

/** A rising mover of W as the rollup stores it (Terraform), for the category page to list. */
export async function seedMover(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('skill_movers')
    .values({
      week: W,
      window_weeks: 13,
      segment: 'all',
      skill_id: 'terraform',
      direction: 'rising',
      postings_now: 40,
      postings_before: 12,
      share_now: 0.3,
      share_before: 0.1,
      z_score: 4.2,
      p_value: 0.00002,
      rank: 1,
    })
    .execute();
}

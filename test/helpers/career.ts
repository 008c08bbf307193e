import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import { seedDashboard } from './dashboard.js';
import type { TestDatabase } from './database.js';
import { seedTrendPostings, type TrendPosting } from './trends.js';

/** A role and a certification whose names try to run script: they must show as text. */
export const HOSTILE_ROLE = '<script>window.__pwned = "role"</script>DevOps & <b>SRE</b>';
export const HOSTILE_CERT = '<img src=x onerror="window.__pwned = \'cert\'">CKA';

/**
 * The dashboard's hand-worked market (test/helpers/trends.ts MARKET) with two more cloud
 * postings and five better-paid devops postings of W, one of three asking for a
 * certification, rolled up with role profiles of every skill asked once or more. In W:
 * - cloud-engineer: P1 (aws, terraform, 400), P2 (aws, python, 500), P3 (aws, 600), P7
 *   (aws, rate implausible), C1 and C2 (aws, 500): 6 postings; aws 6/6, terraform and
 *   python 1/6; 5 rates, median 500; years 3, 5, 4 (median 4).
 * - data-engineer: P4 (python, terraform), L1 (kafka): python, terraform, kafka each 1/2.
 * - devops-engineer: X1 (terraform, aws, cka, 700), X2 (terraform, cka, 800), X3
 *   (terraform, kafka, 900), X4 (terraform, cka, 750), X5 (terraform, 850): 5 postings;
 *   terraform 5/5, cka 3/5, aws and kafka 1/5; rates p25 750, median 800, p75 850; years
 *   6, 8, 7 (median 7). (P6 is a duplicate of P1: it counts through P1.)
 * Rates, years and profiles are read over the 13 weeks to W, which adds data-engineer's
 * Q1 (python, terraform, 1 year, W-1): python and terraform 2/3, kafka 1/3.
 */
export const CAREER_POSTINGS: TrendPosting[] = [
  { key: 'C1', posted: '2026-11-17', firstSeen: '2026-11-17', contract: 'contract', skills: ['aws'], dayRate: 500, country: 'GB', role: 'cloud-engineer' }, // prettier-ignore
  { key: 'C2', posted: '2026-11-18', firstSeen: '2026-11-18', contract: 'contract', skills: ['aws'], dayRate: 500, country: 'GB', role: 'cloud-engineer' }, // prettier-ignore
  { key: 'X1', posted: '2026-11-17', firstSeen: '2026-11-17', contract: 'contract', skills: ['terraform', 'aws', 'cka'], dayRate: 700, country: 'GB', role: 'devops-engineer', years: 6 }, // prettier-ignore
  { key: 'X2', posted: '2026-11-18', firstSeen: '2026-11-18', contract: 'contract', skills: ['terraform', 'cka'], dayRate: 800, country: 'GB', role: 'devops-engineer', years: 8 }, // prettier-ignore
  { key: 'X3', posted: '2026-11-19', firstSeen: '2026-11-19', contract: 'contract', skills: ['terraform', 'kafka'], dayRate: 900, country: 'GB', role: 'devops-engineer', years: 7 }, // prettier-ignore
  { key: 'X4', posted: '2026-11-19', firstSeen: '2026-11-19', contract: 'contract', skills: ['terraform', 'cka'], dayRate: 750, country: 'GB', role: 'devops-engineer' }, // prettier-ignore
  { key: 'X5', posted: '2026-11-20', firstSeen: '2026-11-20', contract: 'contract', skills: ['terraform'], dayRate: 850, country: 'GB', role: 'devops-engineer' }, // prettier-ignore
];

/** The dashboard's market with CAREER_POSTINGS added, hostile names, rolled up again. */
export async function seedCareerMarket(db: TestDatabase['db']): Promise<void> {
  await seedDashboard(db);
  await db
    .insertInto('skills')
    .values({ id: 'cka', name: HOSTILE_CERT, category: 'cloud', is_certification: true })
    .execute();
  await seedTrendPostings(db, CAREER_POSTINGS);
  await db
    .updateTable('roles')
    .set({ name: HOSTILE_ROLE })
    .where('id', '=', 'devops-engineer')
    .execute();
  await rollupWeeks(db, await weeksOf(db, { kind: 'all' }), {
    currency: 'GBP',
    settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 1 },
  });
}

import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema.js';

/**
 * Every row the process stage writes, in a stable order, without its ids and processing
 * times; `clocks: false` leaves out first_seen_at too (another crawl, another time).
 */
export async function snapshot(
  db: Kysely<Database>,
  options: { readonly clocks?: boolean } = {},
): Promise<unknown[]> {
  const postings = await db
    .selectFrom('postings')
    .select([
      'source_id',
      'external_id',
      'title',
      'company',
      'country',
      'city',
      'work_mode',
      'contract_type',
      'ir35',
      'seniority',
      'posted_at',
      'dedupe_key',
      'text_simhash',
      'rate_min',
      'rate_max',
      'rate_currency',
      'rate_period',
      'day_rate',
      'hourly_rate',
      'annual_salary',
      'rate_excluded_reason',
      'rate_flag',
      'experience_years_min',
      'experience_years_max',
    ])
    .$if(options.clocks !== false, (q) => q.select('first_seen_at')) // prettier-ignore
    .select(
      (eb) =>
      eb.selectFrom('postings as c').select(['c.external_id']).whereRef('c.id', '=', 'postings.canonical_id').as('canonical'), // prettier-ignore
    )
    .orderBy('source_id')
    .orderBy('external_id')
    .execute();
  const tags = await db
    .selectFrom('posting_skills')
    .innerJoin('postings', 'postings.id', 'posting_skills.posting_id')
    .select([
      'postings.source_id',
      'postings.external_id',
      'skill_id',
      'mentions',
      'in_title',
      'surface',
    ]) // prettier-ignore
    .orderBy('postings.source_id')
    .orderBy('postings.external_id')
    .orderBy('skill_id')
    .execute();
  return [postings, tags];
}

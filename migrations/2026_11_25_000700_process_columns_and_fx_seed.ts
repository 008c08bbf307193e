import { sql, type Kysely } from 'kysely';

/*
 * Exchange rates (units per US dollar) at the start of each year: enough to convert the
 * currencies postings use. Newer or finer rates come with `skillpulse fx import`.
 */
const SEED: Readonly<Record<string, readonly [number, number, number]>> = {
  //       2024-01-01  2025-01-01  2026-01-01
  GBP: [0.786, 0.799, 0.744],
  EUR: [0.905, 0.966, 0.852],
  CAD: [1.325, 1.438, 1.372],
  AUD: [1.468, 1.616, 1.498],
  NZD: [1.581, 1.787, 1.728],
  CHF: [0.842, 0.907, 0.793],
  SEK: [10.08, 11.05, 9.21],
  NOK: [10.17, 11.36, 10.09],
  DKK: [6.75, 7.2, 6.36],
  PLN: [3.93, 4.13, 3.6],
  INR: [83.2, 85.6, 89.9],
  SGD: [1.32, 1.366, 1.285],
  JPY: [141.0, 157.2, 156.7],
  ZAR: [18.3, 18.87, 16.6],
  BRL: [4.85, 6.18, 5.49],
  MXN: [16.97, 20.8, 18.0],
};
const DATES = ['2024-01-01', '2025-01-01', '2026-01-01'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db
    .insertInto('fx_rates')
    .values(
      Object.entries(SEED).flatMap(([currency, rates]) =>
        DATES.map((rate_date, i) => ({ currency, rate_date, per_usd: rates[i], source: 'seed' })),
      ),
    )
    .onConflict((oc) => oc.columns(['currency', 'rate_date']).doNothing())
    .execute();

  await db.schema
    .alterTable('postings')
    // 64-bit SimHash of the description, hex: near-duplicate text is a few bits apart.
    .addColumn('text_simhash', 'text')
    // What processing noticed about this posting: "truncated", "mojibake", ...
    .addColumn('process_notes', 'jsonb', (col) => col.notNull().defaultTo(sql`'[]'::jsonb`))
    .execute();
  await db.schema
    .alterTable('raw_listings')
    // Why a listing could not be processed; null once it was.
    .addColumn('process_error', 'text')
    .execute();
  await db.schema
    .createIndex('postings_content_hash_idx')
    .on('postings')
    .column('content_hash')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('postings_content_hash_idx').execute();
  await db.schema.alterTable('raw_listings').dropColumn('process_error').execute();
  await db.schema
    .alterTable('postings')
    .dropColumn('text_simhash')
    .dropColumn('process_notes')
    .execute();
  await db.deleteFrom('fx_rates').where('source', '=', 'seed').execute();
}

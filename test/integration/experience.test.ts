import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson, type Database } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

/*
 * Processing stores the years of experience a posting asks for (issue 23) on both
 * backends, whole years holding the asked range, and processing again leaves them as they
 * are, or clears them when a newer version of the listing no longer asks.
 */

// The sentences are real: from test/recordings and test/gold/responses (quoted in
// test/unit/experience.test.ts), set in a posting of their own.
const LISTINGS: Record<string, { title: string; description: string }> = {
  range: {
    title: 'Android Engineer',
    // lever/matchgroup-2026.json
    description:
      '<h3>What you will need</h3><ul><li>You have 3-5 years of experience in Android development, demonstrating the ability to design and implement features.</li></ul>',
  },
  fraction: {
    title: 'Paid Search Manager',
    // greenhouse/phonepe-2026-07.json
    description:
      '<p>You Must Have</p><ul><li>1.5-3 years of experience managing multiple client portfolios in paid search industry</li></ul>',
  },
  german: {
    title: 'Junior Finance Manager (m/w/d)',
    // arbeitnow/api-2026-10.json
    description:
      '<p>Qualifikation</p><ul><li>Du hast mindestens 2 Jahre Berufserfahrung im Bereich Finance, Accounting, Controlling oder Finanzen</li></ul>',
  },
  title: {
    title: 'Business Analytics Lead (7-10 years)',
    // greenhouse/phonepe-2026-07.json: the title gives the range, the text another figure.
    description: '<p>Requirements</p><ul><li>5+ years of relevant analytics experience</li></ul>',
  },
  none: {
    title: 'Domain Sales Manager',
    // arbeitnow/api-2026-10.json: the company's years, not the candidate's.
    description:
      '<p>Wir sind die Profis für Expired Domains. Mit über 20 Jahren Markterfahrung und einer technischen Infrastruktur, die weltweit ihresgleichen sucht.</p><p>Mehrjährige Erfahrung im Direktvertrieb oder Außendienst</p>',
  },
};

describe.each(BACKENDS)('experience years stored on %s', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Database>;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = database.db;
    await db.insertInto('sources').values({ id: 't', name: 't', adapter: 'rss' }).execute();
    await insertListings(db, LISTINGS);
  });
  afterAll(async () => {
    await database?.drop();
  });

  const stored = async () =>
    Object.fromEntries(
      (
        await db
          .selectFrom('postings')
          .select(['external_id', 'experience_years_min', 'experience_years_max'])
          .execute()
      ).map((r) => [r.external_id, [r.experience_years_min, r.experience_years_max]]),
    );

  it('stores the fewest and the most years asked, in whole years', async () => {
    await processListings(db, { reportCurrency: 'USD' });
    expect(await stored()).toEqual({
      range: [3, 5],
      fraction: [1, 3],
      german: [2, null],
      title: [7, 10],
      none: [null, null],
    });
  });

  it('leaves the same columns when processed again', async () => {
    const before = await stored();
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' } });
    expect(await stored()).toEqual(before);
  });

  it('follows a newer version of a listing, clearing years it no longer asks', async () => {
    await insertListings(db, {
      // Both from gold/responses/arbeitnow/api-2026-02.json: no number, then a number.
      german: { title: 'Junior Finance Manager (m/w/d)', description: '<p>Mehrjährige Berufserfahrung im Konzernrechnungswesen – gerne aus der WP / Big 4</p>' }, // prettier-ignore
      none: { title: 'Domain Sales Manager', description: '<p>Mindestens 2 Jahre Erfahrung im (SaaS-)Vertrieb</p>' }, // prettier-ignore
    });
    await processListings(db, { reportCurrency: 'USD' });
    expect(await stored()).toMatchObject({ german: [null, null], none: [2, null], range: [3, 5] });
  });
});

async function insertListings(
  db: Kysely<Database>,
  listings: Record<string, { title: string; description: string }>,
): Promise<void> {
  await db
    .insertInto('raw_listings')
    .values(
      Object.entries(listings).map(([id, listing]) => {
        const payload = toJson({ ...listing, company: 'Acme', location: 'Berlin, Germany' });
        return {
          source_id: 't',
          external_id: id,
          url: `https://example.test/${id}`,
          content_hash: createHash('sha256').update(payload).digest('hex'),
          fetched_at: new Date(),
          payload,
        };
      }),
    )
    .execute();
}

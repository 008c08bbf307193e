import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson, type Database } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

/*
 * Processing gives each posting the role its title names (issue 23) and syncs the roles
 * table from the role taxonomy; processing again leaves the same roles, and a newer
 * version of a listing with another title takes that title's role.
 */
const LISTINGS: Record<string, string> = {
  devops: 'Senior DevOps Engineer (Contract)',
  data: 'Data Engineer',
  sre: 'Site Reliability Engineer',
  // A trade outside IT, and a title no role knows.
  electrician: 'Elektroniker für Betriebstechnik (m/w/d)',
  wrangler: 'Kafka Wrangler',
};

describe.each(BACKENDS)('roles of processed postings on %s', (backend) => {
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

  const roles = async () =>
    Object.fromEntries(
      (await db.selectFrom('postings').select(['external_id', 'role_id']).execute()).map((r) => [
        r.external_id,
        r.role_id,
      ]),
    );

  it("stores each posting's role and the taxonomy's roles", async () => {
    await processListings(db, { reportCurrency: 'USD' });
    expect(await roles()).toEqual({
      devops: 'devops-engineer',
      data: 'data-engineer',
      sre: 'site-reliability-engineer',
      electrician: null,
      wrangler: null,
    });
    const taxonomy = loadRoleTaxonomy();
    const stored = await db.selectFrom('roles').select(['id', 'category']).orderBy('id').execute();
    expect(stored).toHaveLength(taxonomy.roles.length);
    expect(stored.find((r) => r.id === 'data-engineer')?.category).toBe(
      taxonomy.byId.get('data-engineer')?.category,
    );
  });

  it('leaves the same roles when processed again, and follows a new title', async () => {
    const before = await roles();
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' } });
    expect(await roles()).toEqual(before);
    await insertListings(db, { wrangler: 'Cloud Engineer - AWS' });
    await processListings(db, { reportCurrency: 'USD' });
    expect(await roles()).toEqual({ ...before, wrangler: 'cloud-engineer' });
  });
});

async function insertListings(db: Kysely<Database>, titles: Record<string, string>): Promise<void> {
  await db
    .insertInto('raw_listings')
    .values(
      Object.entries(titles).map(([id, title]) => {
        const payload = toJson({
          title,
          description: `<p>${title}: join our team.</p>`,
          company: 'Acme',
          location: 'Berlin, Germany',
        });
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

import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoSources } from '../../src/demo/sources.js';
import type { Database } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { crawlFixture } from '../helpers/crawl.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { snapshot } from '../helpers/snapshot.js';

const SOURCES = ['greenhouse', 'lever', 'ashby', 'remotive', 'arbeitnow', 'freelancer', 'remoteok'];

describe.each(BACKENDS)('process stage on %s', (backend) => {
  let web: FixtureWeb;
  let database: TestDatabase;
  let db: Kysely<Database>;

  beforeAll(async () => {
    web = await startFixtureWeb({ marketOptions: { weeks: 4, perWeek: 40 } });
    database = await createTestDatabase(backend);
    db = database.db;
    const settings = demoSources(web.url);
    for (const source of SOURCES) {
      const summary = await crawlFixture(db, source, settings[source] as Record<string, unknown>);
      expect(summary.status).toBe('ok');
    }
  });
  afterAll(async () => {
    await web?.close();
    await database?.drop();
  });

  it('turns every raw listing into a posting, in batches', async () => {
    const raw = await db
      .selectFrom('raw_listings')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const result = await processListings(db, { reportCurrency: 'USD', batchSize: 50 });
    expect(result).toMatchObject({ listings: raw.n, postings: raw.n, failed: 0 });
    expect(result.weeks.length).toBeGreaterThanOrEqual(4);
    const pending = await db
      .selectFrom('raw_listings')
      .select('id')
      .where('processed_at', 'is', null)
      .execute();
    expect(pending).toEqual([]);
    const skills = await db
      .selectFrom('skills')
      .select(db.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(skills.n).toBeGreaterThanOrEqual(800);
  });

  it('processes the real Greenhouse, Lever and Ashby samples field by field', async () => {
    const get = (source: string, id: string) =>
      db
        .selectFrom('postings')
        .selectAll()
        .where('source_id', '=', source)
        .where('external_id', '=', id)
        .executeTakeFirstOrThrow();
    const italy = await get('greenhouse', '8503792002');
    expect(italy).toMatchObject({
      title: 'Account Executive - Italy',
      company: 'GitLab',
      country: 'IT',
      work_mode: 'remote',
    });
    expect(italy.description).not.toMatch(/&lt;|<div|&amp;/);
    expect(italy.description.length).toBeGreaterThan(1_000);

    const android = await get('lever', '3414ba28-35f7-45d3-8e13-35c883959635');
    expect(android).toMatchObject({
      title: 'Android Engineer III',
      country: 'US',
      region: 'NY',
      city: 'New York',
      work_mode: 'hybrid',
      contract_type: 'permanent',
      seniority: 'senior',
      rate_min: 150000,
      rate_max: 180000,
      rate_currency: 'USD',
      rate_period: 'year',
      rate_origin: 'structured',
      annual_salary: 165000,
      rate_flag: null,
    });
    const androidSkills = await db
      .selectFrom('posting_skills')
      .select('skill_id')
      .where('posting_id', '=', android.id)
      .execute();
    expect(androidSkills.map((s) => s.skill_id)).toEqual(
      expect.arrayContaining(['android', 'kotlin']),
    );

    const ai = await db
      .selectFrom('postings')
      .selectAll()
      .where('source_id', '=', 'greenhouse')
      .where('title', '=', 'AI Engineer')
      .executeTakeFirstOrThrow();
    expect(ai).toMatchObject({
      rate_min: 108400,
      rate_max: 129600,
      rate_currency: 'USD',
      rate_period: 'year',
      rate_origin: 'text',
    });

    const linear = await db
      .selectFrom('postings')
      .selectAll()
      .where('source_id', '=', 'ashby')
      // Ashby names no company: the demo's settings name the linear board's (companies).
      .where('company', '=', 'Linear')
      .execute();
    expect(linear.length).toBeGreaterThanOrEqual(1);
    for (const posting of linear) {
      expect(posting.title).toBe('Senior / Staff Fullstack Engineer');
      expect(posting.seniority).toBe('senior');
    }
  });

  it('reads the simulated market as it was written', async () => {
    const byId = new Map(web.market.map((m) => [m.id, m]));
    const postings = await db
      .selectFrom('postings')
      .selectAll()
      .where('external_id', 'like', '%sp-%')
      .execute();
    expect(postings.length).toBeGreaterThan(20);
    let contractRight = 0;
    for (const posting of postings) {
      const truth = byId.get(/sp-\d{3}-\d{4}/.exec(posting.external_id)?.[0] ?? '');
      if (!truth) continue;
      if (posting.contract_type === truth.contract) contractRight += 1;
      if (truth.rate && truth.rate.period !== 'fixed')
        expect(posting.rate_period).toBe(truth.rate.period);
    }
    expect(contractRight / postings.length).toBeGreaterThan(0.8);
  });

  it('counts a job listed on several boards once', async () => {
    const crossListed = web.market.filter(
      (m) => m.sources.filter((s) => SOURCES.includes(s)).length > 1,
    );
    expect(crossListed.length).toBeGreaterThan(0);
    for (const job of crossListed) {
      const copies = await db
        .selectFrom('postings')
        .select(['id', 'canonical_id'])
        .where('external_id', '=', job.id)
        .execute();
      if (copies.length < 2) continue;
      expect(copies.filter((c) => c.canonical_id === null)).toHaveLength(1);
    }
    const { n } = await db
      .selectFrom('postings')
      .select(db.fn.countAll<number>().as('n'))
      .where('canonical_id', 'is not', null)
      .executeTakeFirstOrThrow();
    expect(n).toBeGreaterThan(0);
  });

  it('leaves the same rows when run again, in any batch size', async () => {
    const before = await snapshot(db);
    const again = await processListings(db, {
      reportCurrency: 'USD',
      scope: { kind: 'all' },
      batchSize: 7,
    });
    expect(again.failed).toBe(0);
    expect(await snapshot(db)).toEqual(before);
    const pendingOnly = await processListings(db, { reportCurrency: 'USD' });
    expect(pendingOnly.listings).toBe(0);
  });

  it('records a listing it cannot process and goes on with the batch', async () => {
    const run = await db
      .selectFrom('raw_listings')
      .select(['source_id'])
      .limit(1)
      .executeTakeFirstOrThrow();
    const bad = await db
      .insertInto('raw_listings')
      .values([
        { source_id: run.source_id, external_id: 'bad-1', url: 'https://x.test/1', content_hash: 'b1', fetched_at: new Date(), payload: JSON.stringify({ title: '' }) }, // prettier-ignore
        { source_id: run.source_id, external_id: 'ok-1', url: 'https://x.test/2', content_hash: 'b2', fetched_at: new Date(), payload: JSON.stringify({ title: 'Rust engineer', description: 'Rust and Tokio', pay: { min: 1e300, max: 1e301, currency: 'USD', period: 'day' } }) }, // prettier-ignore
      ])
      .returning('id')
      .execute();
    const result = await processListings(db, { reportCurrency: 'USD' });
    expect(result).toMatchObject({ listings: 2, postings: 1, failed: 1 });
    const rows = await db
      .selectFrom('raw_listings')
      .select(['id', 'process_error', 'processed_at'])
      .where(
        'id',
        'in',
        bad.map((b) => b.id),
      )
      .orderBy('id')
      .execute();
    expect(rows.map((r) => r.process_error)).toEqual(['listing has no title', null]);
    const ok = await db
      .selectFrom('postings')
      .selectAll()
      .where('external_id', '=', 'ok-1')
      .executeTakeFirstOrThrow();
    expect(ok.rate_excluded_reason).toMatch(/^implausible day rate/);
  });

  it('brings the skills table back in line with the taxonomy', async () => {
    await sql`update skills set name = 'renamed' where id = 'kubernetes'`.execute(db);
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'ids', ids: [] } });
    const k8s = await db
      .selectFrom('skills')
      .select('name')
      .where('id', '=', 'kubernetes')
      .executeTakeFirstOrThrow();
    expect(k8s.name).toBe('Kubernetes');
  });

  it("follows a posting's skills when a new version of its listing asks for others", async () => {
    const posting = await db
      .selectFrom('postings')
      .select(['id', 'raw_listing_id'])
      .where('source_id', '=', 'lever')
      .where('external_id', '=', '3414ba28-35f7-45d3-8e13-35c883959635')
      .executeTakeFirstOrThrow();
    const raw = await db
      .selectFrom('raw_listings')
      .selectAll()
      .where('id', '=', posting.raw_listing_id)
      .executeTakeFirstOrThrow();
    const payload = {
      ...raw.payload,
      title: 'Rust Engineer',
      description: 'We build services in Rust on PostgreSQL.',
      tags: [],
    };
    await db
      .insertInto('raw_listings')
      .values({
        source_id: raw.source_id,
        external_id: raw.external_id,
        url: raw.url,
        content_hash: 'new-version',
        fetched_at: new Date(),
        payload: JSON.stringify(payload),
      })
      .execute();
    await processListings(db, { reportCurrency: 'USD' });
    const tags = (
      await db
        .selectFrom('posting_skills')
        .select('skill_id')
        .where('posting_id', '=', posting.id)
        .orderBy('skill_id')
        .execute()
    ).map((t) => t.skill_id);
    expect(tags).toContain('rust');
    expect(tags).not.toContain('android');
    expect(tags).not.toContain('kotlin');
    const { skill_ids } = await db
      .selectFrom('postings')
      .select('skill_ids')
      .where('id', '=', posting.id)
      .executeTakeFirstOrThrow();
    expect(skill_ids).toEqual(tags);
  });
});

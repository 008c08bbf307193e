import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/crawl/import-file.js';
import { migrateDown, migrateUp, migrationStatus } from '../../src/db/migrate.js';
import { sourceCrawlSummaries } from '../../src/crawl/source-rows.js';
import type { Database } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { resolveSources } from '../../src/sources/registry.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** A Remotive response whose jobs lost their titles: it parses, and yields nothing usable. */
function remotiveResponse(jobs: { id: number; title: string }[]): string {
  return JSON.stringify({
    'job-count': jobs.length,
    jobs: jobs.map((j) => ({
      id: j.id,
      url: `https://remotive.com/remote-jobs/software-dev/job-${j.id}`,
      title: j.title,
      company_name: 'Kestrel',
      category: 'Software Development',
      tags: ['python'],
      job_type: 'full_time',
      publication_date: '2026-11-20T10:00:00',
      candidate_required_location: 'Worldwide',
      salary: '',
      description: '<p>Python and PostgreSQL.</p>',
    })),
  });
}

describe.each(BACKENDS)('source health on %s', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let dir: string;
  const remotive = resolveSources({ sources: {} }).find((s) => s.id === 'remotive')!;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = database.db;
    dir = await mkdtemp(path.join(tmpdir(), 'skillpulse-health-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dir, { recursive: true, force: true });
  });

  const lastRun = () =>
    db
      .selectFrom('crawl_runs')
      .selectAll()
      .where('source_id', '=', 'remotive')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();

  it('degrades a source whose imported listings processing rejects, naming the reason', async () => {
    const file = path.join(dir, 'untitled.json');
    const jobs = [1, 2, 3, 4].map((id) => ({ id, title: id === 4 ? 'Data Engineer' : ' ' }));
    await writeFile(file, remotiveResponse(jobs));
    const imported = await importFile(db, remotive, file);
    expect(imported.listings).toBe(4);
    // Fetched and stored well: the import itself is ok until processing has its say.
    expect(await lastRun()).toMatchObject({
      kind: 'import',
      status: 'ok',
      crawl_status: 'ok',
      listings: 4,
      processed: 0,
    });

    const result = await processListings(db, { reportCurrency: 'USD' });
    expect(result).toMatchObject({ listings: 4, failed: 3 });
    const run = await lastRun();
    expect(run).toMatchObject({
      status: 'degraded',
      crawl_status: 'ok',
      processed: 4,
      rejected: 3,
      rejections: { 'listing has no title': 3 },
      message:
        'imported untitled.json; 3 of 4 listings could not be processed: listing has no title',
    });
    const health = (await sourceCrawlSummaries(db)).get('remotive');
    expect(health).toMatchObject({ lastStatus: 'degraded', lastProcessed: 4, lastRejected: 3 });
  });

  it('counts the same when the listings are processed again, and mends when they are mended', async () => {
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' }, batchSize: 1 });
    expect(await lastRun()).toMatchObject({ status: 'degraded', processed: 4, rejected: 3 });
    // The fault fixed upstream: the stored listings now carry titles.
    await db
      .updateTable('raw_listings')
      .set({ payload: JSON.stringify({ title: 'Backend Engineer', description: 'Go' }) })
      .where('source_id', '=', 'remotive')
      .execute();
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' } });
    expect(await lastRun()).toMatchObject({
      status: 'ok',
      processed: 4,
      rejected: 0,
      process_message: null,
      message: 'imported untitled.json',
    });
  });

  it('counts per source how often the pay fields were overruled by the text', async () => {
    const remoteok = resolveSources({ sources: {} }).find((s) => s.id === 'remoteok')!;
    const file = path.join(dir, 'remoteok.json');
    const job = (id: number, description: string) => ({
      id: String(id),
      epoch: 1_795_000_000,
      date: '2026-11-18T10:00:00+00:00',
      company: 'Kestrel',
      position: 'Staff Engineer',
      tags: ['go'],
      description,
      location: 'Remote',
      salary_min: 60_000,
      salary_max: 135_000,
      url: `https://remoteOK.com/remote-jobs/${id}`,
    });
    await writeFile(
      file,
      JSON.stringify([
        { last_updated: 1_795_000_000, legal: 'API Terms of Service' },
        job(1, 'The annual base salary range for this role is 224,000 USD - 425,500 USD.'),
        job(2, 'Competitive pay and Go.'),
      ]),
    );
    await importFile(db, remoteok, file);
    await processListings(db, { reportCurrency: 'USD', payFields: () => remoteok.payFields });
    const rows = await db
      .selectFrom('postings')
      .select(['external_id', 'rate_min', 'rate_origin', 'rate_flag'])
      .where('source_id', '=', 'remoteok')
      .orderBy('external_id')
      .execute();
    expect(rows).toMatchObject([
      { external_id: '1', rate_min: 224_000, rate_origin: 'text', rate_flag: expect.stringMatching(/^pay fields overruled by the text/) as unknown }, // prettier-ignore
      { external_id: '2', rate_min: 60_000, rate_origin: 'structured', rate_flag: null },
    ]);
    expect((await sourceCrawlSummaries(db)).get('remoteok')).toMatchObject({
      payDisagreements: 1,
      payFieldsOverruled: 1,
    });
  });

  it('keeps a run ok when only a few of its listings are rejected', async () => {
    const file = path.join(dir, 'mostly-fine.json');
    const jobs = [11, 12, 13].map((id) => ({ id, title: id === 11 ? '' : `Engineer ${id}` }));
    await writeFile(file, remotiveResponse(jobs));
    await importFile(db, remotive, file);
    await processListings(db, { reportCurrency: 'USD' });
    expect(await lastRun()).toMatchObject({
      status: 'ok',
      processed: 3,
      rejected: 1,
      process_message: null,
      rejections: { 'listing has no title': 1 },
    });
  });

  it('counts what was processed before the run health existed, when migrating', async () => {
    const fresh = await createTestDatabase(backend);
    try {
      // The schema before migration 001400 (and every later one), written to with plain SQL.
      const old = fresh.db;
      const after1400 = async () =>
        (await migrationStatus(old)).some(
          (m) => m.executedAt !== undefined && m.name >= '2026_12_02_001400',
        );
      while (await after1400()) await migrateDown(old);
      await sql`insert into sources (id, name, adapter) values ('hn', 'HN', 'hackernews')`.execute(
        old,
      );
      await sql`insert into crawl_runs (id, source_id, status) values (7, 'hn', 'ok')`.execute(old);
      await sql`
        insert into raw_listings (source_id, external_id, url, content_hash, fetched_at, crawl_run_id, payload, processed_at, process_error)
        select 'hn', i::text, 'https://x/' || i, md5(i::text), now(), 7, '{}'::jsonb, now(),
               case when i <= 3 then 'listing has no title' end
        from generate_series(1, 4) as i`.execute(old);
      await migrateUp(old);
      const run = await fresh.db
        .selectFrom('crawl_runs')
        .selectAll()
        .where('id', '=', 7)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({
        processed: 4,
        rejected: 3,
        rejections: { 'listing has no title': 3 },
        status: 'degraded',
        crawl_status: 'ok',
        message: '3 of 4 listings could not be processed',
      });
    } finally {
      await fresh.drop();
    }
  });
});

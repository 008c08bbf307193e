import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/crawl/import-file.js';
import type { Database } from '../../src/db/schema.js';
import { hasMojibake } from '../../src/normalize/text.js';
import { processListings } from '../../src/process/process-listings.js';
import { importSource } from '../../src/sources/registry.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { corpus, recordingPath, recordingUrl } from '../helpers/recordings.js';

/*
 * Every real recording through `skillpulse import` and `process`, as a user would bring a
 * saved response: each becomes its import run, and processing must turn at least 95% of
 * the listings each one holds into postings, with no mis-encoded text left.
 */
const recordings = corpus().flatMap((s) =>
  (s.labels?.recordings ?? []).map((r) => ({ folder: s.source, ...r })),
);

describe.each(BACKENDS)('real recordings imported and processed on %s', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  const runs = new Map<string, number>();

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = database.db;
    for (const r of recordings) {
      const source = importSource({ sources: {} }, r.source ?? r.folder)!;
      await importFile(db, source, recordingPath(r.folder, r.file), {
        label: r.label,
        url: recordingUrl(r.folder, r),
      });
      const run = await db
        .selectFrom('crawl_runs')
        .select('id')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      runs.set(`${r.folder}/${r.file}`, run.id);
    }
    await processListings(db, { reportCurrency: 'USD' });
  }, 120_000);
  afterAll(async () => database?.drop());

  it.each(recordings.map((r) => [`${r.folder}/${r.file}`] as const))(
    '%s: at least 95% of its listings become postings',
    async (name) => {
      const run = await db
        .selectFrom('crawl_runs')
        .selectAll()
        .where('id', '=', runs.get(name)!)
        .executeTakeFirstOrThrow();
      expect(run).toMatchObject({ kind: 'import', crawl_status: 'ok', status: 'ok' });
      expect(run.processed, 'listings processed').toBe(run.new_listings);
      expect(run.rejected, JSON.stringify(run.rejections)).toBeLessThanOrEqual(
        run.processed * 0.05,
      );
    },
  );

  it('leaves no mis-encoded text in any posting', async () => {
    const postings = await db
      .selectFrom('postings')
      .select(['id', 'title', 'company', 'location', 'description'])
      .execute();
    expect(postings.length).toBeGreaterThan(100);
    const spoiled = postings.filter((p) =>
      [p.title, p.company, p.location, p.description].some((t) => t !== null && hasMojibake(t)),
    );
    expect(spoiled.map((p) => p.title)).toEqual([]);
  });
});

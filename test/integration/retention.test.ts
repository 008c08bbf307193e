import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importFile } from '../../src/crawl/import-file.js';
import type { Database } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { buildGapReport } from '../../src/report/gap.js';
import { buildWeeklyReport } from '../../src/report/weekly.js';
import { importSource } from '../../src/sources/registry.js';
import {
  applyRetention,
  compressPayloads,
  pruneRelatedSkills,
} from '../../src/trends/retention.js';
import { storedPayload } from '../../src/process/stored-payload.js';
import { rollupWeeks, type RollupOptions } from '../../src/trends/rollup.js';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { addWeeks } from '../../src/trends/weeks.js';
import * as payloadMigration from '../../migrations/2026_12_09_001700_raw_payload_retention.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { corpus, recordingPath, recordingUrl } from '../helpers/recordings.js';
import { seedTrendPostings, type TrendPosting } from '../helpers/trends.js';

/** The newest week of the related-skills tests: a Monday after every recorded posting. */
const W = '2030-01-07';
const KEEP_ALL = { relatedSkillsWeeks: 'all', rawPayloadDays: 'all' } as const;

/** The weeks skill_pairs holds, oldest first. */
async function pairWeeks(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('skill_pairs')
    .select('week')
    .distinct()
    .orderBy('week')
    .execute();
  return rows.map((r) => r.week);
}

/** Every posting and its skills, without when it was processed. */
async function postingsSnapshot(db: Kysely<Database>) {
  const postings = await db.selectFrom('postings').selectAll().orderBy('id').execute();
  const skills = await db
    .selectFrom('posting_skills')
    .selectAll()
    .orderBy(['posting_id', 'skill_id'])
    .execute();
  return { postings: postings.map(({ processed_at: _, ...rest }) => rest), skills };
}

/*
 * One database a backend: the payloads of real recordings first, then related skills of
 * weeks in 2030, which no recorded posting is open in.
 */
describe.each(BACKENDS)('retention on %s', (backend) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  beforeAll(async () => {
    database = await createTestDatabase(backend);
    db = database.db;
  });
  afterAll(async () => database?.drop());

  describe('raw payloads', () => {
    const now = new Date();
    const settings = { relatedSkillsWeeks: 'all', rawPayloadDays: 90 } as const;
    /** Real recordings of four sources, each with its source's own items in the payloads. */
    const recordings = corpus()
      .filter((s) => ['greenhouse', 'remoteok', 'freelancer', 'hackernews'].includes(s.source))
      .flatMap((s) => s.labels!.recordings.map((r) => ({ folder: s.source, ...r })));
    let asCrawled: Map<number, unknown>;
    let processed: Awaited<ReturnType<typeof postingsSnapshot>>;
    let old: number[];

    beforeAll(async () => {
      for (const r of recordings) {
        const source = importSource({ sources: {} }, r.source ?? r.folder)!;
        await importFile(db, source, recordingPath(r.folder, r.file), {
          label: r.label,
          url: recordingUrl(r.folder, r),
        });
      }
      // The listings of three sources were fetched 100 days ago.
      await sql`update raw_listings set fetched_at = fetched_at - interval '100 days' where source_id <> 'hackernews'`.execute(
        db,
      );
      await processListings(db, { reportCurrency: 'USD' });
      // One of them waits to be processed (again).
      await sql`update raw_listings set processed_at = null where id = (select max(id) from raw_listings where source_id = 'greenhouse')`.execute(
        db,
      );
      const rows = await db
        .selectFrom('raw_listings')
        .select(['id', 'payload', 'source_id', 'processed_at'])
        .orderBy('id')
        .execute();
      asCrawled = new Map(rows.map((r) => [r.id, r.payload]));
      old = rows
        .filter((r) => r.source_id !== 'hackernews' && r.processed_at !== null)
        .map((r) => r.id);
      processed = await postingsSnapshot(db);
    }, 60_000);

    it('compresses the payloads of old processed listings, whole, and leaves the others as crawled', async () => {
      expect(new Set(recordings.map((r) => r.folder)).size).toBe(4);
      expect(old.length).toBeGreaterThan(20);
      const result = await compressPayloads(db, { settings, now, payloadChunk: 7 });
      expect(result.listings).toBe(old.length);
      expect(result.fetchedBefore).toEqual(new Date(now.getTime() - 90 * 86_400_000));
      expect(result.gzipBytes).toBeLessThan(result.storedBytes * 0.8);
      const rows = await db
        .selectFrom('raw_listings')
        .select(['id', 'payload', 'payload_gzip'])
        .orderBy('id')
        .execute();
      const compressed = rows.filter((r) => r.payload_gzip !== null).map((r) => r.id);
      expect(compressed).toEqual(old);
      for (const row of rows) {
        if (row.payload_gzip !== null) expect(row.payload).toEqual({});
        expect(storedPayload(row)).toEqual(asCrawled.get(row.id));
      }
      // The source's own item survives: the payload is compressed, not cut.
      const greenhouse = rows.find(
        (r) =>
          r.payload_gzip !== null &&
          (storedPayload(r) as { source?: unknown }).source !== undefined,
      );
      expect(greenhouse).toBeDefined();
    });

    it('changes nothing when run again', async () => {
      const before = await db.selectFrom('raw_listings').selectAll().orderBy('id').execute();
      const again = await applyRetention(db, { settings, now });
      expect(again.payloads).toMatchObject({ listings: 0, storedBytes: 0, gzipBytes: 0 });
      expect(await db.selectFrom('raw_listings').selectAll().orderBy('id').execute()).toEqual(
        before,
      );
    });

    it('reprocesses the compressed listings into the same postings and skills', async () => {
      const result = await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' } });
      expect(result.failed).toBe(0);
      expect(result.listings).toBe(asCrawled.size);
      const again = await postingsSnapshot(db);
      expect(again.postings.length).toBeGreaterThan(20);
      expect(again.skills.length).toBeGreaterThan(50);
      expect(again).toEqual(processed);
      const errors = await db
        .selectFrom('raw_listings')
        .select('id')
        .where('process_error', 'is not', null)
        .execute();
      expect(errors).toEqual([]);
    });

    it('keeps every payload as crawled when told to', async () => {
      await sql`update raw_listings set fetched_at = fetched_at - interval '100 days'`.execute(db);
      const kept = await compressPayloads(db, { settings: KEEP_ALL, now });
      expect(kept).toEqual({ fetchedBefore: null, listings: 0, storedBytes: 0, gzipBytes: 0 });
    });

    it('restores every payload as crawled when the migration is reverted', async () => {
      await payloadMigration.down(db);
      const rows = await sql<{
        id: number;
        payload: unknown;
      }>`select id, payload from raw_listings order by id`.execute(db);
      expect(new Map(rows.rows.map((r) => [Number(r.id), r.payload]))).toEqual(asCrawled);
      await payloadMigration.up(db);
      const columns = await sql<{
        n: number;
      }>`select count(*)::int as n from information_schema.columns where table_name = 'raw_listings' and column_name = 'payload_gzip'`.execute(
        db,
      );
      expect(columns.rows[0]?.n).toBe(1);
    });
  });

  describe('related skills', () => {
    /** Eight weeks, W-7 to W (2030, after the recordings), each with postings asking for AWS with Terraform or Python. */
    const weeks = Array.from({ length: 8 }, (_, i) => addWeeks(W, i - 7));
    const options: RollupOptions = {
      currency: 'GBP',
      settings: { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 1 },
      retention: { relatedSkillsWeeks: 3, rawPayloadDays: 'all' },
    };

    beforeAll(async () => {
      const day = (week: string) =>
        new Date(Date.parse(week) + 86_400_000).toISOString().slice(0, 10);
      const postings: TrendPosting[] = weeks.flatMap((week, i) => [
        { key: `T${i}`, posted: day(week), firstSeen: day(week), contract: 'contract', skills: ['aws', 'terraform'], dayRate: 500 + i, role: 'cloud-engineer' }, // prettier-ignore
        { key: `P${i}`, posted: day(week), firstSeen: day(week), contract: 'contract', skills: ['aws', 'python'], dayRate: 450 }, // prettier-ignore
      ]);
      await seedTrendPostings(db, postings);
      // Week after week, as the weekly rollup runs.
      for (const week of weeks) await rollupWeeks(db, [week], options);
    });

    it('keeps the newest weeks of related skills and deletes the older ones', async () => {
      expect(await pairWeeks(db)).toEqual(weeks.slice(-3));
      const newest = await db
        .selectFrom('skill_pairs')
        .select(['skill_id', 'related_skill_id'])
        .where('week', '=', W)
        .orderBy('skill_id')
        .orderBy('related_skill_id')
        .execute();
      expect(newest).toEqual([
        { skill_id: 'aws', related_skill_id: 'python' },
        { skill_id: 'aws', related_skill_id: 'terraform' },
        { skill_id: 'python', related_skill_id: 'aws' },
        { skill_id: 'terraform', related_skill_id: 'aws' },
      ]);
    });

    it('keeps the newest weeks of role profiles, and every week of role figures', async () => {
      const profileWeeks = await db
        .selectFrom('role_profile_weekly')
        .select(['week', 'skill_id'])
        .orderBy('week')
        .orderBy('skill_id')
        .execute();
      // The one cloud-engineer posting a week asks for aws and terraform.
      expect(profileWeeks).toEqual(
        weeks.slice(-3).flatMap((week) => [
          { week, skill_id: 'aws' },
          { week, skill_id: 'terraform' },
        ]),
      );
      const roleWeeks = await db
        .selectFrom('role_weekly')
        .select('week')
        .where('segment', '=', 'all')
        .orderBy('week')
        .execute();
      expect(roleWeeks.map((r) => r.week)).toEqual(weeks);
    });

    it('keeps an old week a rollup has just computed until the next rollup with related skills', async () => {
      const old = weeks[1]!;
      const result = await rollupWeeks(db, [old], options);
      expect(result.pairsWeek).toBe(old);
      expect(result.retention?.relatedSkills).toEqual({
        keptFrom: weeks[5],
        first: null,
        last: null,
        rows: 0,
      });
      expect(await pairWeeks(db)).toEqual([old, ...weeks.slice(-3)]);
      const next = await rollupWeeks(db, [W], options);
      expect(next.retention?.relatedSkills).toEqual({
        keptFrom: weeks[5],
        first: old,
        last: old,
        rows: 4,
      });
      expect(await pairWeeks(db)).toEqual(weeks.slice(-3));
    });

    it('changes nothing when run again', async () => {
      const before = await db
        .selectFrom('skill_pairs')
        .selectAll()
        .orderBy(['week', 'skill_id', 'related_skill_id'])
        .execute();
      const again = await applyRetention(db, { settings: options.retention!, keepWeek: W });
      expect(again.relatedSkills).toEqual({ keptFrom: weeks[5], first: null, last: null, rows: 0 });
      expect(
        await db
          .selectFrom('skill_pairs')
          .selectAll()
          .orderBy(['week', 'skill_id', 'related_skill_id'])
          .execute(),
      ).toEqual(before);
    });

    it('leaves related skills alone without retention, or with every week kept', async () => {
      await rollupWeeks(db, [weeks[0]!], { ...options, retention: undefined });
      await rollupWeeks(db, [weeks[2]!], { ...options, retention: KEEP_ALL });
      expect(await pairWeeks(db)).toEqual([weeks[0], weeks[2], ...weeks.slice(-3)]);
      await applyRetention(db, { settings: options.retention! });
      expect(await pairWeeks(db)).toEqual(weeks.slice(-3));
    });

    it('deletes in statements of the chunk size until every old week is gone', async () => {
      const rows = ['aws', 'python', 'terraform', 'kafka', 'splunk'].map((skill) => ({
        skill_id: skill,
        related_skill_id: 'rust',
        window_weeks: 13,
        postings: 1,
        share: 1,
        lift: 1,
      }));
      await db
        .insertInto('skill_pairs')
        .values(weeks.slice(0, 4).flatMap((week) => rows.map((r) => ({ ...r, week }))))
        .execute();
      const pruned = await pruneRelatedSkills(db, {
        settings: { relatedSkillsWeeks: 3, rawPayloadDays: 'all' },
        pairsChunk: 2,
      });
      expect(pruned).toEqual({ keptFrom: weeks[5], first: weeks[0], last: weeks[3], rows: 20 });
      expect(await pairWeeks(db)).toEqual(weeks.slice(-3));
    });

    it('leaves the reports answering for a week whose related skills were pruned', async () => {
      const old = weeks[3]!;
      const gap = await buildGapReport(db, { skills: ['aws'], week: old });
      expect(gap.week).toBe(old);
      expect(gap.skills.map((s) => s.id)).toEqual(['aws']);
      expect(gap.adjacent).toEqual([]);
      expect(gap.window).toBeNull();
      const newest = await buildGapReport(db, { skills: ['aws'], week: W });
      expect(newest.adjacent.map((a) => a.id).sort()).toEqual(['python', 'terraform']);
      expect(newest.window).toMatchObject({ to: W });

      const report = await buildWeeklyReport(db, old);
      expect(report.methodology.relatedWeek).toBeNull();
      expect(report.overall.related).toEqual([]);
      expect(report.overall.topSkills.map((s) => s.id)).toContain('aws');
      expect((await buildWeeklyReport(db, W)).methodology.relatedWeek).toBe(W);
    });
  });
});

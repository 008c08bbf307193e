import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { migrateDown, migrateUp, migrationStatus } from '../../src/db/migrate.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { readCatalog, type Catalog } from '../helpers/catalog.js';

const CORE_TABLES = [
  'breakdown_weekly',
  'category_weekly',
  'crawl_runs',
  'fx_rates',
  'market_weekly',
  'posting_skills',
  'postings',
  'raw_listings',
  'reports',
  'role_profile_weekly',
  'role_profile_window',
  'role_weekly',
  'role_window',
  'roles',
  'rollup_weeks',
  'skill_movers',
  'skill_pairs',
  'skill_weekly',
  'skills',
  'sources',
];

/** The analysts' views (README "Trend tables and views"). */
const VIEWS = [
  'trend_breakdowns',
  'trend_category',
  'trend_market',
  'trend_movers',
  'trend_related_skills',
  'trend_role_demand',
  'trend_role_profile',
  'trend_role_window',
  'trend_role_window_profile',
  'trend_skill_demand',
  'trend_skill_rates',
];

async function tableNames(db: TestDatabase['db'], type = 'BASE TABLE'): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_name not like 'kysely_%' and table_type = ${type}
    order by table_name`.execute(db);
  return result.rows.map((r) => r.table_name);
}

const catalogs = new Map<string, Catalog>();

describe.each(BACKENDS)('migrations on %s', (backend) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(backend, { migrate: false });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('creates every core table from an empty database', async () => {
    expect(await tableNames(database.db)).toEqual([]);
    const applied = await migrateUp(database.db);
    expect(applied.length).toBeGreaterThanOrEqual(6);
    expect(applied.every((r) => r.status === 'Success')).toBe(true);
    expect(await tableNames(database.db)).toEqual(CORE_TABLES);
    expect(await tableNames(database.db, 'VIEW')).toEqual(VIEWS);
    const status = await migrationStatus(database.db);
    expect(status.every((m) => m.executedAt instanceof Date)).toBe(true);
    catalogs.set(backend, await readCatalog(database.db));
  });

  it('keeps room on postings pages for their rows to be updated in place', async () => {
    const { rows } = await sql<{ options: string[] | null }>`
      select reloptions as options from pg_class where relname = 'postings'`.execute(database.db);
    expect(rows[0]?.options).toEqual(['fillfactor=90']);
  });

  it('does nothing when run again', async () => {
    expect(await migrateUp(database.db)).toEqual([]);
  });

  it('reverts one migration, then all, then comes back to the same schema', async () => {
    const before = await readCatalog(database.db);
    const [reverted] = await migrateDown(database.db);
    expect(reverted?.direction).toBe('Down');
    const status = await migrationStatus(database.db);
    expect(status.filter((m) => m.executedAt === undefined).map((m) => m.name)).toEqual([
      status.at(-1)?.name,
    ]);
    expect(reverted?.migrationName).toBe(status.at(-1)?.name);
    await migrateDown(database.db, { all: true });
    expect(await tableNames(database.db)).toEqual([]);
    expect(await tableNames(database.db, 'VIEW')).toEqual([]);
    await migrateUp(database.db);
    expect(await readCatalog(database.db)).toEqual(before);
  });
});

describe('PGlite and PostgreSQL', () => {
  it('end with the same tables, columns, indexes and constraints', () => {
    const pglite = catalogs.get('pglite');
    const postgres = catalogs.get('postgres');
    expect(pglite).toBeDefined();
    expect(postgres).toBeDefined();
    expect(pglite!.columns.length).toBeGreaterThan(100);
    expect(pglite!.indexes.some((i) => i.includes('raw_listings_unprocessed_idx'))).toBe(true);
    expect(pglite).toEqual(postgres);
  });
});

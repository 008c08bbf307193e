import { sql, type Kysely } from 'kysely';
import type { Database, NewPosting } from '../../src/db/schema.js';

/** A posting for the trend tests: what the rollup reads, the rest filled in. */
export interface TrendPosting {
  readonly key: string;
  /** @defaultValue `Job <key>` */
  readonly title?: string;
  /** When it was posted, first and last seen; last seen defaults to first seen. */
  readonly posted: string | null;
  readonly firstSeen: string;
  readonly lastSeen?: string;
  readonly contract: NewPosting['contract_type'];
  readonly skills: readonly string[];
  readonly dayRate?: number;
  readonly hourlyRate?: number;
  readonly currency?: string;
  readonly excluded?: string;
  readonly country?: string;
  readonly workMode?: NewPosting['work_mode'];
  /** The key of the posting this one duplicates. */
  readonly duplicateOf?: string;
  /** Its role (one of TREND_ROLES) and the fewest years of experience it asks. */
  readonly role?: string;
  readonly years?: number;
}

/*
 * A small market whose every figure is worked out by hand in the comments. W is the week
 * of Monday 2026-11-16 (2026-W47); W-1 is 2026-11-09.
 */
export const W = '2026-11-16';
export const W1 = '2026-11-09';
export const MARKET: TrendPosting[] = [
  // W-1: three postings of that week only.
  { key: 'Q1', posted: '2026-11-10', firstSeen: '2026-11-10', contract: 'contract', skills: ['python', 'terraform'], role: 'data-engineer', years: 1 }, // prettier-ignore
  { key: 'Q2', posted: '2026-11-10', firstSeen: '2026-11-11', contract: 'contract', skills: ['python'] }, // prettier-ignore
  { key: 'Q3', posted: null, firstSeen: '2026-11-12', contract: 'permanent', skills: ['python', 'aws'] }, // prettier-ignore
  // Open from W-2 to W: counts in each of those weeks, new in W-2 only.
  { key: 'L1', posted: '2026-11-02', firstSeen: '2026-11-03', lastSeen: '2026-11-18', contract: 'contract', skills: ['kafka'], country: 'DE', role: 'data-engineer' }, // prettier-ignore
  // Posted in June 2025, first seen now: history from an archive, counts in June 2025 only.
  { key: 'A1', posted: '2025-06-03', firstSeen: '2026-11-17', lastSeen: '2026-11-18', contract: 'contract', skills: ['aws'] }, // prettier-ignore
  // W.
  { key: 'P1', posted: '2026-11-16', firstSeen: '2026-11-16', contract: 'contract', skills: ['aws', 'terraform'], dayRate: 400, country: 'GB', workMode: 'remote', role: 'cloud-engineer', years: 3 }, // prettier-ignore
  { key: 'P2', posted: '2026-11-17', firstSeen: '2026-11-17', contract: 'contract', skills: ['aws', 'python'], dayRate: 500, country: 'GB', role: 'cloud-engineer', years: 5 }, // prettier-ignore
  { key: 'P3', posted: '2026-11-18', firstSeen: '2026-11-18', contract: 'temporary', skills: ['aws'], dayRate: 600, country: 'GB', role: 'cloud-engineer' }, // prettier-ignore
  { key: 'P4', posted: '2026-11-19', firstSeen: '2026-11-19', contract: 'permanent', skills: ['python', 'terraform'], country: 'US', role: 'data-engineer', years: 2 }, // prettier-ignore
  { key: 'P5', posted: '2026-11-20', firstSeen: '2026-11-20', contract: 'freelance', skills: ['aws', 'splunk'], hourlyRate: 50 }, // prettier-ignore
  // The same job as P1 on another board: counts once, through P1.
  { key: 'P6', posted: '2026-11-16', firstSeen: '2026-11-21', contract: 'contract', skills: ['aws', 'terraform', 'splunk'], dayRate: 900, duplicateOf: 'P1', role: 'devops-engineer', years: 9 }, // prettier-ignore
  // A rate outside the plausible range: the posting counts, its rate does not.
  { key: 'P7', posted: '2026-11-21', firstSeen: '2026-11-21', contract: 'contract', skills: ['aws'], dayRate: 9000, excluded: 'implausible day rate', country: 'GB', role: 'cloud-engineer', years: 4 }, // prettier-ignore
  // A rate in another currency than the report's: left out of the rate figures.
  { key: 'P8', posted: '2026-11-22', firstSeen: '2026-11-22', contract: 'unknown', skills: ['terraform'], dayRate: 700, currency: 'EUR', country: 'GB' }, // prettier-ignore
];
/** The skills the trend tests tag with, by category. */
export const TREND_SKILLS: Readonly<Record<string, string>> = {
  aws: 'cloud',
  terraform: 'cloud',
  python: 'data',
  kafka: 'data',
  splunk: 'cybersecurity',
  rust: 'languages',
  rare: 'languages',
};

/** The roles the trend tests give postings, by category. */
export const TREND_ROLES: Readonly<Record<string, string>> = {
  'cloud-engineer': 'cloud',
  'data-engineer': 'data',
  'devops-engineer': 'devops',
};

/** Inserts a source, one raw listing, the skills, the roles and the postings; returns ids by key. */
export async function seedTrendPostings(
  db: Kysely<Database>,
  postings: readonly TrendPosting[],
): Promise<Map<string, number>> {
  await db
    .insertInto('sources')
    .values({ id: 't', name: 't', adapter: 'rss' })
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('skills')
    .values(
      Object.entries(TREND_SKILLS).map(([id, category]) => ({
        id,
        name: id.toUpperCase(),
        category,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  await db
    .insertInto('roles')
    .values(
      Object.entries(TREND_ROLES).map(([id, category]) => ({ id, name: `Role ${id}`, category })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
  const raw = await db
    .insertInto('raw_listings')
    .values({
      source_id: 't',
      external_id: 'raw',
      url: 'u',
      content_hash: `h${Math.random()}`,
      fetched_at: new Date(),
      payload: '{}',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids = new Map<string, number>();
  for (const p of postings) {
    const row = await db
      .insertInto('postings')
      .values({
        source_id: 't',
        external_id: p.key,
        raw_listing_id: raw.id,
        url: `https://example.test/${p.key}`,
        title: p.title ?? `Job ${p.key}`,
        content_hash: p.key,
        posted_at: p.posted,
        first_seen_at: p.firstSeen,
        last_seen_at: p.lastSeen ?? p.firstSeen,
        contract_type: p.contract,
        work_mode: p.workMode ?? 'onsite',
        country: p.country ?? null,
        day_rate: p.dayRate ?? null,
        hourly_rate: p.hourlyRate ?? null,
        normalized_currency:
          p.dayRate !== undefined || p.hourlyRate !== undefined ? (p.currency ?? 'GBP') : null,
        rate_excluded_reason: p.excluded ?? null,
        canonical_id: p.duplicateOf === undefined ? null : (ids.get(p.duplicateOf) ?? null),
        role_id: p.role ?? null,
        experience_years_min: p.years ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.set(p.key, row.id);
    if (p.skills.length > 0) {
      await db
        .insertInto('posting_skills')
        .values(p.skills.map((skill_id) => ({ posting_id: row.id, skill_id })))
        .execute();
    }
  }
  return ids;
}

/** Every row of the trend tables, without computed_at, in a stable order. */
export async function trendSnapshot(db: Kysely<Database>): Promise<Record<string, unknown[]>> {
  const tables = {
    market_weekly: 'week, segment',
    skill_weekly: 'week, segment, skill_id',
    category_weekly: 'week, segment, category',
    breakdown_weekly: 'week, dimension, value, scope, scope_id',
    skill_movers: 'week, window_weeks, segment, skill_id',
    skill_pairs: 'week, window_weeks, skill_id, related_skill_id',
    role_weekly: 'week, segment, role_id',
    role_profile_weekly: 'week, role_id, skill_id',
    role_window: 'week, window_weeks, segment, role_id',
    role_profile_window: 'week, window_weeks, role_id, skill_id',
  } as const;
  const out: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    const { rows } = await sql<Record<string, unknown>>`
      select * from ${sql.table(table)} order by ${sql.raw(order)}`.execute(db);
    out[table] = rows.map(({ computed_at: _, ...rest }) => roundFloats(rest));
  }
  return out;
}

/** Floats to 9 digits: the two backends may differ in the last bit of a division. */
function roundFloats(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, typeof v === 'number' ? Number(v.toPrecision(9)) : v]),
  );
}

/**
 * What a chaos round must leave, table by table, as the clean reference left it: rows
 * named by keys that mean the same in every database (source and external id, never
 * ids), their values without ids, timestamps or other timing columns. Each table is
 * compared by one checksum computed in SQL; a table whose checksum differs is diffed row
 * by row, to say what was lost, duplicated or changed.
 */
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../../src/db/schema.js';

interface TableCheck {
  readonly table: string;
  /** Rows of (key text, value text), values as jsonb text. */
  readonly rows: RawBuilder<unknown>;
}

const postingKey = (alias: string) => sql.raw(`${alias}.source_id || '|' || ${alias}.external_id`);

/** A trend table keyed by its own columns, every other column but computed_at compared. */
function trendTable(table: string, keys: readonly string[]): TableCheck {
  const key = sql.raw(keys.map((k) => `t.${k}::text`).join(` || '|' || `));
  return { table, rows: sql`select ${key} as key, (to_jsonb(t) - 'computed_at')::text as value from ${sql.table(table)} t` }; // prettier-ignore
}

/** Every table a run writes that a fault may spoil, in the order they are printed. */
export const TABLE_CHECKS: readonly TableCheck[] = [
  {
    // The listings stored (by content hash: each version of a listing), and whether each
    // was processed and how: a listing stored but never processed is a loss.
    table: 'raw_listings',
    rows: sql`select source_id || '|' || external_id || '|' || content_hash as key,
      jsonb_build_object('processed', processed_at is not null, 'process_error', process_error)::text as value
      from raw_listings`,
  },
  {
    // Every column of the normalized posting but ids, the times it was seen and processed,
    // and the canonical link (compared by key below).
    table: 'postings',
    rows: sql`select ${postingKey('p')} as key,
      (to_jsonb(p) - array['id', 'raw_listing_id', 'first_seen_at', 'last_seen_at', 'processed_at', 'canonical_id'])::text as value
      from postings p`,
  },
  {
    table: 'canonicals',
    rows: sql`select ${postingKey('p')} as key,
      jsonb_build_object('canonical', ${postingKey('c')})::text as value
      from postings p left join postings c on c.id = p.canonical_id`,
  },
  {
    table: 'posting_skills',
    rows: sql`select ${postingKey('p')} || '|' || ps.skill_id as key, (to_jsonb(ps) - 'posting_id')::text as value
      from posting_skills ps join postings p on p.id = ps.posting_id`,
  },
  trendTable('skill_weekly', ['week', 'segment', 'skill_id']),
  trendTable('category_weekly', ['week', 'segment', 'category']),
  trendTable('market_weekly', ['week', 'segment']),
  trendTable('breakdown_weekly', ['week', 'dimension', 'value', 'scope', 'scope_id']),
  trendTable('skill_pairs', ['week', 'window_weeks', 'skill_id', 'related_skill_id']),
  trendTable('skill_movers', ['week', 'window_weeks', 'segment', 'skill_id', 'direction']),
  trendTable('rollup_weeks', ['week']),
  {
    // The JSON report without its methodology's crawl runs per source and the sources it
    // calls degraded: how many attempts a crawl took is the fault's trace, not the data's.
    // The HTML and Markdown reports are renderings of the same document, methodology
    // included, and are left out.
    table: 'reports',
    rows: sql`select week::text || '|' || kind || '|' || format as key,
      (content::jsonb #- '{methodology,sources}' #- '{methodology,degraded}')::text as value
      from reports where format = 'json'`,
  },
];

/** The tables a rollup writes: a full rollup of the same postings must leave them as they are. */
export const TREND_TABLES: readonly string[] = ['skill_weekly', 'category_weekly', 'market_weekly', 'breakdown_weekly', 'skill_pairs', 'skill_movers', 'rollup_weeks']; // prettier-ignore

const checksFor = (tables?: readonly string[]) =>
  tables ? TABLE_CHECKS.filter((c) => tables.includes(c.table)) : TABLE_CHECKS;

/** A table's rows as the reference left them: its checksum, and each key's values. */
export interface TableSnapshot {
  readonly table: string;
  readonly rows: number;
  readonly checksum: string;
  readonly values: ReadonlyMap<string, readonly string[]>;
}

async function checksumOf(
  db: Kysely<Database>,
  check: TableCheck,
): Promise<{ rows: number; checksum: string }> {
  const result = await sql<{ rows: number; checksum: string }>`
    select count(*)::int as rows,
      md5(coalesce(string_agg(key || E'\t' || value, E'\n' order by key collate "C", value collate "C"), '')) as checksum
    from (${check.rows}) r`.execute(db);
  return result.rows[0] as { rows: number; checksum: string };
}

async function valuesOf(db: Kysely<Database>, check: TableCheck): Promise<Map<string, string[]>> {
  const result = await sql<{ key: string; value: string }>`select key, value from (${check.rows}) r`.execute(db); // prettier-ignore
  const values = new Map<string, string[]>();
  for (const row of result.rows) {
    const list = values.get(row.key);
    if (list) list.push(row.value);
    else values.set(row.key, [row.value]);
  }
  for (const list of values.values()) list.sort();
  return values;
}

/** Every table's (or the named tables') checksum and rows: what a round is compared with. */
export async function snapshotTables(
  db: Kysely<Database>,
  tables?: readonly string[],
): Promise<TableSnapshot[]> {
  const snapshots: TableSnapshot[] = [];
  for (const check of checksFor(tables)) {
    const { rows, checksum } = await checksumOf(db, check);
    snapshots.push({ table: check.table, rows, checksum, values: await valuesOf(db, check) });
  }
  return snapshots;
}

/** How one table of a round differs from the reference (all zero and no examples: same). */
export interface TableDiff {
  readonly table: string;
  readonly referenceRows: number;
  readonly rows: number;
  readonly matched: boolean;
  /** Rows of the reference missing here (a key with fewer rows counts the difference). */
  readonly lost: number;
  /** Rows here beyond the reference's for their key. */
  readonly duplicated: number;
  /** Keys present in both whose values differ. */
  readonly changed: number;
  /** For changed rows: how many differ in each field ('processed', 'canonical', ...). */
  readonly changedFields: Readonly<Record<string, number>>;
  readonly examples: readonly string[];
}

const EXAMPLES = 3;

function shorten(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > 70 ? `${text.slice(0, 67)}...` : text;
}

/** The path of the first place two JSON values differ, and the two values there. */
function firstDifference(a: unknown, b: unknown, at = ''): [string, unknown, unknown] | null {
  if (JSON.stringify(a) === JSON.stringify(b)) return null;
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const left = a as Record<string, unknown>;
    const right = b as Record<string, unknown>;
    for (const key of [...new Set([...Object.keys(left), ...Object.keys(right)])]) {
      const found = firstDifference(left[key], right[key], `${at}.${key}`);
      if (found) return found;
    }
  }
  return [at, a, b];
}

/** Two values side by side; of two documents or long lists, the first place they differ. */
function contrast(a: unknown, b: unknown): string {
  const [at, left, right] = firstDifference(a, b) ?? ['', a, b];
  const where = at ? `at ${at.slice(1)}: ` : '';
  if (
    typeof left === 'string' &&
    typeof right === 'string' &&
    left.length > 70 &&
    left.includes(',')
  ) {
    // A comma-separated list (rollup_weeks' ranks): its first item that differs.
    const l = left.split(',');
    const r = right.split(',');
    const first = l.findIndex((item, k) => item !== r[k]);
    const i = first === -1 ? l.length : first;
    return `${where}item ${i}: ${l[i]} -> ${r[i]} (${l.length} -> ${r.length} items)`;
  }
  return `${where}${shorten(left)} -> ${shorten(right)}`;
}

/** The fields of two jsonb texts that differ. */
function differingFields(reference: string, actual: string): [string, unknown, unknown][] {
  const a = JSON.parse(reference) as Record<string, unknown>;
  const b = JSON.parse(actual) as Record<string, unknown>;
  const fields = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return fields.filter((f) => JSON.stringify(a[f]) !== JSON.stringify(b[f])).map((f) => [f, a[f], b[f]]); // prettier-ignore
}

/** Compares a round's tables with the reference: by checksum, then row by row where it differs. */
export async function compareTables(
  db: Kysely<Database>,
  reference: readonly TableSnapshot[],
  tables?: readonly string[],
): Promise<TableDiff[]> {
  const diffs: TableDiff[] = [];
  for (const check of checksFor(tables)) {
    const expected = reference.find((s) => s.table === check.table);
    if (!expected) throw new Error(`no reference for table ${check.table}`);
    const { rows, checksum } = await checksumOf(db, check);
    if (checksum === expected.checksum) {
      diffs.push({ table: check.table, referenceRows: expected.rows, rows, matched: true, lost: 0, duplicated: 0, changed: 0, changedFields: {}, examples: [] }); // prettier-ignore
      continue;
    }
    diffs.push(diffValues(check.table, expected, rows, await valuesOf(db, check)));
  }
  return diffs;
}

export function diffValues(
  table: string,
  expected: TableSnapshot,
  rows: number,
  actual: ReadonlyMap<string, readonly string[]>,
): TableDiff {
  let lost = 0;
  let duplicated = 0;
  let changed = 0;
  const changedFields: Record<string, number> = {};
  const examples = { lost: [] as string[], duplicated: [] as string[], changed: [] as string[] };
  for (const [key, want] of expected.values) {
    const have = actual.get(key) ?? [];
    if (have.length < want.length) {
      lost += want.length - have.length;
      if (examples.lost.length < EXAMPLES) examples.lost.push(`lost ${key}`);
    }
    if (have.length > want.length) {
      duplicated += have.length - want.length;
      if (examples.duplicated.length < EXAMPLES) examples.duplicated.push(`duplicated ${key} (${have.length} rows)`); // prettier-ignore
    }
    if (have.length > 0 && JSON.stringify(have) !== JSON.stringify(want)) {
      const fields = differingFields(want[0] as string, have[0] as string);
      if (fields.length === 0 && have.length === want.length) continue;
      changed++;
      for (const [field] of fields) changedFields[field] = (changedFields[field] ?? 0) + 1;
      if (examples.changed.length < EXAMPLES) {
        examples.changed.push(`changed ${key}: ${fields.map(([f, a, b]) => `${f} ${contrast(a, b)}`).join('; ')}`); // prettier-ignore
      }
    }
  }
  for (const [key, have] of actual) {
    if (expected.values.has(key)) continue;
    duplicated += have.length;
    if (examples.duplicated.length < EXAMPLES) examples.duplicated.push(`extra ${key}`);
  }
  const matched = lost === 0 && duplicated === 0 && changed === 0;
  return { table, referenceRows: expected.rows, rows, matched, lost, duplicated, changed, changedFields, examples: [...examples.lost, ...examples.duplicated, ...examples.changed] }; // prettier-ignore
}

import { sql, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { aggregated, arrayLiteral, ColumnReader, Dictionary, insertColumns } from './columns.js';
import { SEGMENTS } from './open-postings.js';
import type { IndexedSkillWeek, RankLookup, StoredWeek } from './shapes.js';
import { RANK_CHANGE_COLUMNS, RANK_LAGS, SKILL_WEEKLY, type RankedTable } from './tables.js';
import { weekNumberSql } from './week-sql.js';
import { weekNumber, weekOfNumber } from './weeks.js';

/*
 * Rank changes read the ranks of 1, 4, 13 and 52 weeks before. A rollup computes its own
 * weeks' ranks; the others are read as stored, and stored weeks after the recomputed ones
 * get their rank changes corrected.
 */

/** Stored rank_change_* values: a number, or this for null. */
const NO_VALUE = -0x80000000;

/** A week of a ranked table as one row of aggregated columns (aggregated). */
type AggregatedWeek = {
  week: number;
  count: number;
  segments: string;
  keys: string;
  ranks: string;
  fresh: string;
} & Record<(typeof RANK_CHANGE_COLUMNS)[number], string>;

/**
 * The stored rows of `weeks` (week numbers), indexed as the figures index them. Each
 * week's rows come as one row of aggregated columns: a row object per stored row cost the
 * driver more than reading them.
 */
export async function readStoredWeeks(
  trx: Transaction<Database>,
  table: RankedTable,
  weeks: readonly number[],
  keys: readonly string[],
): Promise<Map<number, StoredWeek>> {
  const stored = new Map<number, StoredWeek>();
  if (weeks.length === 0) return stored;
  const lookup = new Dictionary(keys);
  const segments = new Dictionary(SEGMENTS);
  const size = SEGMENTS.length * keys.length;
  const changes = sql.join(
    RANK_CHANGE_COLUMNS.map(
      (column) =>
        sql`${aggregated(sql`coalesce(${sql.ref(column)}::text, '')`)} as ${sql.ref(column)}`,
    ),
  );
  const { rows } = await sql<AggregatedWeek>`
    select ${weekNumberSql(sql`week`)} as week, count(*)::int as count,
      ${aggregated(sql`segment`)} as segments, ${aggregated(sql.ref(table.key))} as keys,
      ${aggregated(sql`rank::text`)} as ranks, ${aggregated(sql`new_postings::text`)} as fresh,
      ${changes}
    from ${sql.table(table.name)} where week = any(${weeks.map(weekOfNumber)}::date[])
    group by week`.execute(trx);
  for (const row of rows) {
    const week: StoredWeek = {
      ranks: new Int32Array(size),
      newPostings: new Int32Array(size),
      changes: RANK_LAGS.map(() => new Int32Array(size).fill(NO_VALUE)),
    };
    stored.set(row.week, week);
    const read = (text: string) =>
      new ColumnReader(text, row.count, `a ${table.key} in ${table.name}`);
    const segmentsOf = read(row.segments);
    const keysOf = read(row.keys);
    const ranks = read(row.ranks);
    const fresh = read(row.fresh);
    const changes = RANK_CHANGE_COLUMNS.map((column) => read(row[column]));
    for (let r = 0; r < row.count; r += 1) {
      const s = segmentsOf.code(segments);
      const at = keysOf.code(lookup);
      const [rank, newPostings] = [ranks.int(), fresh.int()];
      const values = changes.map((lag) => lag.number());
      if (at >= keys.length) continue;
      const g = s * keys.length + at;
      week.ranks[g] = rank;
      week.newPostings[g] = newPostings;
      values.forEach((value, lag) => {
        if (!Number.isNaN(value)) (week.changes[lag] as Int32Array)[g] = value;
      });
    }
    for (const reader of [segmentsOf, keysOf, ranks, fresh, ...changes]) reader.done();
  }
  return stored;
}

/**
 * Rewrites the rank changes of stored weeks `later` (week numbers) where the ranks they
 * read (from `ranksOf`) changed; only rows whose values differ are updated. Returns how
 * many rows were.
 */
export async function correctRankChanges(
  trx: Transaction<Database>,
  table: RankedTable,
  later: ReadonlyMap<number, StoredWeek>,
  keys: readonly string[],
  ranksOf: RankLookup,
): Promise<number> {
  const rows = { week: [] as string[], segment: [] as string[], key: [] as string[] };
  const changes = RANK_LAGS.map(() => [] as (number | null)[]);
  for (const [week, stored] of later) {
    const before = RANK_LAGS.map((lag) => ranksOf(week - lag));
    for (let g = 0; g < stored.ranks.length; g += 1) {
      const rank = stored.ranks[g] as number;
      if (rank === 0) continue;
      const values = before.map((ranks) => {
        const then = ranks?.[g] ?? 0;
        return then > 0 ? then - rank : null;
      });
      const unchanged = (value: number | null, lag: number) =>
        (value ?? NO_VALUE) === stored.changes[lag]?.[g];
      if (values.every(unchanged)) continue;
      rows.week.push(weekOfNumber(week));
      rows.segment.push(SEGMENTS[Math.floor(g / keys.length)] as string);
      rows.key.push(keys[g % keys.length] as string);
      values.forEach((value, lag) => (changes[lag] as (number | null)[]).push(value));
    }
  }
  if (rows.week.length === 0) return 0;
  const key = sql.ref(table.key);
  const columns = RANK_CHANGE_COLUMNS.map((column) => sql.ref(column));
  const assignments = sql.join(columns.map((column) => sql`${column} = u.${column}`));
  const changeArrays = sql.join(changes.map((values) => sql`${arrayLiteral(values)}::int[]`));
  await sql`
    update ${sql.table(table.name)} as t set ${assignments}
    from unnest(${arrayLiteral(rows.week)}::date[], ${arrayLiteral(rows.segment)}::text[],
      ${arrayLiteral(rows.key)}::text[], ${changeArrays})
      as u(week, segment, key, ${sql.join(columns)})
    where t.week = u.week and t.segment = u.segment and t.${key} = u.key`.execute(trx);
  return rows.week.length;
}

/**
 * Skill ranks and new postings of stored weeks, from rollup_weeks (one row a week), or
 * from skill_weekly for a week rolled up before that table existed.
 */
export async function readSkillWeeks(
  trx: Transaction<Database>,
  weeks: readonly number[],
  keys: readonly string[],
): Promise<Map<number, IndexedSkillWeek>> {
  const found = new Map<number, IndexedSkillWeek>();
  if (weeks.length === 0) return found;
  const rows = await trx
    .selectFrom('rollup_weeks')
    .select(['week', 'skill_ids', 'ranks', 'new_postings'])
    .where('week', 'in', weeks.map(weekOfNumber))
    .execute();
  const joined = keys.join(',');
  const lookup = new Dictionary(keys);
  for (const row of rows) {
    // Most rows list the skills as they are now; others are mapped skill by skill.
    let positions: number[] | null = null;
    if (row.skill_ids !== joined) {
      positions = [];
      const ids = new ColumnReader(row.skill_ids, 1, `skill_ids of ${row.week} in rollup_weeks`);
      ids.codes(lookup, ',', (code) =>
        (positions as number[]).push(code < keys.length ? code : -1),
      );
    }
    const count = positions?.length ?? keys.length;
    const ranks = new ColumnReader(
      row.ranks,
      SEGMENTS.length * count,
      `ranks of ${row.week} in rollup_weeks`,
      ',',
    );
    const fresh = new ColumnReader(
      row.new_postings,
      SEGMENTS.length * count,
      `new_postings of ${row.week} in rollup_weeks`,
      ',',
    );
    const week: IndexedSkillWeek = {
      ranks: new Int32Array(SEGMENTS.length * keys.length),
      newPostings: new Int32Array(SEGMENTS.length * keys.length),
    };
    for (let s = 0; s < SEGMENTS.length; s += 1) {
      for (let i = 0; i < count; i += 1) {
        const at = positions === null ? i : (positions[i] as number);
        const rank = ranks.int();
        const newPostings = fresh.int();
        if (at < 0) continue;
        week.ranks[s * keys.length + at] = rank;
        week.newPostings[s * keys.length + at] = newPostings;
      }
    }
    ranks.done();
    fresh.done();
    found.set(weekNumber(row.week), week);
  }
  const missing = weeks.filter((w) => !found.has(w));
  for (const [week, stored] of await readStoredWeeks(trx, SKILL_WEEKLY, missing, keys))
    found.set(week, stored);
  return found;
}

/** The rollup_weeks rows of weeks just computed (their old rows deleted). */
export async function writeSkillWeeks(
  trx: Transaction<Database>,
  weeks: ReadonlyMap<number, IndexedSkillWeek>,
  keys: readonly string[],
): Promise<void> {
  const rows = [...weeks].map(
    ([week, figures]) =>
      [weekOfNumber(week), figures.ranks.join(','), figures.newPostings.join(',')] as const,
  );
  await insertColumns(trx, 'rollup_weeks', [
    ['week', rows.map((r) => r[0])],
    ['skill_ids', rows.map(() => keys.join(','))],
    ['ranks', rows.map((r) => r[1])],
    ['new_postings', rows.map((r) => r[2])],
  ]);
}

/** Which of `weeks` (week numbers) are rolled up and stored. */
export async function storedWeeksAmong(
  trx: Transaction<Database>,
  weeks: readonly number[],
): Promise<number[]> {
  if (weeks.length === 0) return [];
  const { rows } = await sql<{ week: number }>`
    select distinct ${weekNumberSql(sql`week`)} as week from market_weekly
    where week = any(${weeks.map(weekOfNumber)}::date[])`.execute(trx);
  return rows.map((r) => r.week);
}

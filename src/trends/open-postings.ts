import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import { aggregated, ColumnReader, Dictionary } from './columns.js';
import { RATE_SERIES, type RateSeries } from './tables.js';
import { weekNumberSql } from './week-sql.js';
import { weekOfNumber } from './weeks.js';

/*
 * The postings a rollup counts, read once and held in columns (typed arrays): the figures
 * of every week are then counted in process memory, where a pass over a week's tags costs
 * a few nanoseconds a row instead of the microseconds a row of sorting, hashing and
 * temp-table writing the same pass costs in SQL.
 */

/** The segments of the trend tables, in the order the rollup indexes them. */
export const SEGMENTS = ['all', 'contract', 'freelance', 'permanent'] as const;
const SEGMENT_OF: Readonly<Record<string, number>> = {
  contract: 1,
  temporary: 1,
  freelance: 2,
  permanent: 3,
};
/** A posting whose contract type is in no segment but 'all'. */
const NO_SEGMENT = 0;
/** Contract types as read, and the segment of each. */
const contractTypes = new Dictionary(Object.keys(SEGMENT_OF));
const SEGMENT_CODES = Object.values(SEGMENT_OF);

/** The skills the rollup can count, with dense indexes; categories likewise. */
export interface SkillIndex {
  /** Skill ids; the first `known` are the skills table's, in id order. */
  readonly ids: readonly string[];
  readonly known: number;
  /** Numbers the ids (`ids` is its values): tags of unknown skills are added. */
  readonly lookup: Dictionary;
  /** Category index of each skill; -1 for a tag whose skill is not (or no longer) known. */
  readonly categoryOf: number[];
  readonly categories: readonly string[];
  /** The roles the rollup counts: the roles table's ids, in id order, numbered 0.. */
  readonly roles: readonly string[];
  /** Numbers role ids: a posting's role not among `roles` gets a number past them. */
  readonly roleLookup: Dictionary;
}

export async function loadSkillIndex(db: Kysely<Database>): Promise<SkillIndex> {
  const [rows, roleRows] = await Promise.all([
    db.selectFrom('skills').select(['id', 'category']).orderBy('id').execute(),
    db.selectFrom('roles').select('id').orderBy('id').execute(),
  ]);
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  const categoryIndex = new Map(categories.map((c, i) => [c, i]));
  const lookup = new Dictionary(rows.map((r) => r.id));
  const roles = roleRows.map((r) => r.id);
  return {
    ids: lookup.values,
    known: rows.length,
    lookup,
    categoryOf: rows.map((r) => categoryIndex.get(r.category) as number),
    categories,
    roles,
    roleLookup: new Dictionary(roles),
  };
}

/**
 * Canonical postings, one per index: the fields each week counts (the canonical's own)
 * and the weeks the canonical or any duplicate of it was open.
 */
export interface OpenPostings {
  readonly count: number;
  /** Week number of the canonical's first open week: it is new in that week. */
  readonly firstWeek: Int32Array;
  /** Its own open weeks, or [0, -1] when it is itself marked a duplicate of another. */
  readonly ownFrom: Int32Array;
  readonly ownUntil: Int32Array;
  /** Index into SEGMENTS, NO_SEGMENT for 'all' only. */
  readonly segment: Uint8Array;
  /**
   * Rates in the report currency and counted in statistics, NaN otherwise: posting i's
   * of each of RATE_SERIES at rates[i * RATE_SERIES.length + series].
   */
  readonly rates: Float64Array;
  readonly country: Uint16Array;
  readonly countries: readonly string[];
  readonly workMode: Uint8Array;
  readonly workModes: readonly string[];
  /** Skill indexes of posting i: skills[skillStart[i] .. skillStart[i + 1]). */
  readonly skillStart: Int32Array;
  readonly skills: Uint16Array;
  /** Index of its role in the index's `roles`; NO_ROLE when none (or one not known). */
  readonly role: Int16Array;
  /** The fewest years of experience it asks (experience_years_min); NaN when none. */
  readonly experienceYears: Float64Array;
  /** Week ranges of duplicates, by posting index: [from, until, from, until, ...]. */
  readonly duplicateWeeks: ReadonlyMap<number, number[]>;
}

/** Consecutive week numbers as runs [first, last]. */
function runs(weeks: readonly number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const week of [...weeks].sort((a, b) => a - b)) {
    const last = result[result.length - 1];
    if (last && week <= last[1] + 1) last[1] = Math.max(last[1], week);
    else result.push([week, week]);
  }
  return result;
}

/** A posting's role when it has none the rollup counts. */
export const NO_ROLE = -1;

/** Separates skill ids within a posting's list. */
const LIST_SEPARATOR = '\x1e';

/**
 * The columns of the canonical postings, each aggregated into one text: a row object per
 * posting cost the driver microseconds each, four seconds at a million postings.
 */
type PostingColumns = { count: number } & Record<PostingColumn | RateSeries, string | null>;
type PostingColumn =
  | 'id'
  | 'canonical'
  | 'first_week'
  | 'last_week'
  | 'contract_type'
  | 'country'
  | 'work_mode'
  | 'skills'
  | 'role_id'
  | 'experience_years';

/**
 * The canonical postings open in any of `weeks` (week numbers): a canonical posting is
 * open in a week when it or any duplicate of it was (postings are grouped by
 * coalesce(canonical_id, id)). A posting is open from the week it was posted to the week a
 * crawl last saw it when a crawl saw it within 7 days of its posting date, else in its
 * posted week only (postings.active_from and active_until, generated columns: migration
 * 001900 says why). The rule reads only the posting's dates, never the time of the
 * rollup: a week counts the same rolled up the day after or a year after, and a first
 * crawl, which sees every posting once and today, inflates none of the newest weeks. Rates count only when included in statistics and in
 * `currency`.
 */
export async function loadOpenPostings(
  trx: Transaction<Database> | Kysely<Database>,
  weeks: readonly number[],
  currency: string,
  index: SkillIndex,
): Promise<OpenPostings> {
  const spans = runs(weeks).map(([a, b]) => [weekOfNumber(a), weekOfNumber(b)] as const);
  const overlaps = (alias: string) => {
    const open = sql`daterange(${sql.ref(`${alias}.active_from`)}, ${sql.ref(`${alias}.active_until`)}, '[]')`;
    return sql.join(
      spans.map(([a, b]) => sql`${open} && daterange(${a}::date, ${b}::date, '[]')`),
      sql` or `,
    );
  };
  const weekOf = (column: string) => weekNumberSql(sql.ref(`c.${column}`));
  const rates = sql.join(
    RATE_SERIES.map(
      (series) => sql`case when c.rate_excluded_reason is null
        and c.normalized_currency = ${currency} then c.${sql.ref(series)}::float8 end
        as ${sql.ref(series)}`,
    ),
  );
  const fields = sql`c.id, c.canonical_id is null as canonical,
    ${weekOf('active_from')} as first_week, ${weekOf('active_until')} as last_week,
    c.contract_type, ${rates}, coalesce(c.country, 'unknown') as country, c.work_mode,
    array_to_string(c.skill_ids, ${LIST_SEPARATOR}) as skills,
    coalesce(c.role_id, '') as role_id,
    coalesce(c.experience_years_min::text, '') as experience_years`;
  const column = (name: string, text = sql.ref(name)) =>
    sql`${aggregated(text)} as ${sql.ref(name)}`;
  const rateColumns = sql.join(
    RATE_SERIES.map((series) => column(series, sql`coalesce(${sql.ref(series)}::text, '')`)),
  );
  const [duplicates, canonical] = await Promise.all([
    sql<{ canonical_id: number; first_week: number; last_week: number }>`
      select p.canonical_id, ${weekNumberSql(sql.ref('p.active_from'))} as first_week,
        ${weekNumberSql(sql.ref('p.active_until'))} as last_week
      from postings p where p.canonical_id is not null and (${overlaps('p')})`.execute(trx),
    // Canonical postings open in the span, read straight off the index scan; then the
    // few open only through a duplicate. In rate order: each group's rates are then
    // counted in order and need no sort (were they not, they would be sorted).
    sql<PostingColumns>`
      select count(*)::int as count, ${column('id', sql`id::text`)},
        ${column('canonical', sql`case when canonical then '1' else '0' end`)},
        ${column('first_week', sql`first_week::text`)},
        ${column('last_week', sql`last_week::text`)},
        ${column('contract_type')}, ${rateColumns}, ${column('country')},
        ${column('work_mode')}, ${column('skills')}, ${column('role_id')},
        ${column('experience_years')}
      from (
        select ${fields} from postings c where c.canonical_id is null and (${overlaps('c')})
        union all
        select ${fields} from postings c
        where c.id in (
            select p.canonical_id from postings p
            where p.canonical_id is not null and (${overlaps('p')})
          )
          and not (c.canonical_id is null and (${overlaps('c')}))
        order by ${sql.join(RATE_SERIES.map((series) => sql.ref(series)))}
      ) as open`.execute(trx),
  ]);
  const columns = canonical.rows[0] as PostingColumns;
  const count = columns.count;
  const read = (name: Exclude<keyof PostingColumns, 'count'>) =>
    new ColumnReader(columns[name] ?? '', count, `a posting's ${name}`);
  const readers = {
    id: read('id'),
    canonical: read('canonical'),
    firstWeek: read('first_week'),
    lastWeek: read('last_week'),
    contractType: read('contract_type'),
    country: read('country'),
    workMode: read('work_mode'),
    skills: read('skills'),
    role: read('role_id'),
    experienceYears: read('experience_years'),
  };
  const countries = new Dictionary();
  const workModes = new Dictionary();
  // Positions of the canonical postings that duplicates point at, to give them their
  // duplicates' weeks.
  const pointedAt = new Set(duplicates.rows.map((row) => Number(row.canonical_id)));
  const position = new Map<number, number>();
  const firstWeek = new Int32Array(count);
  const ownFrom = new Int32Array(count);
  const ownUntil = new Int32Array(count);
  const segment = new Uint8Array(count);
  const rateReaders = RATE_SERIES.map(read);
  const rateValues = new Float64Array(count * RATE_SERIES.length);
  const country = new Uint16Array(count);
  const workMode = new Uint8Array(count);
  const skillStart = new Int32Array(count + 1);
  const role = new Int16Array(count);
  const experienceYears = new Float64Array(count);
  // Codes of the roles dictionary: index.roles, then roles the table does not hold.
  const roleCount = index.roles.length;
  const tags = new GrowableInts();
  const known = index.ids.length;
  const addTag = (tag: number) => tags.push(tag);
  for (let i = 0; i < count; i += 1) {
    const id = readers.id.int();
    if (pointedAt.has(id)) position.set(id, i);
    const first = readers.firstWeek.int();
    const own = readers.canonical.int() === 1;
    const last = readers.lastWeek.int();
    firstWeek[i] = first;
    ownFrom[i] = own ? first : 0;
    ownUntil[i] = own ? last : -1;
    segment[i] = SEGMENT_CODES[readers.contractType.code(contractTypes)] ?? NO_SEGMENT;
    for (let series = 0; series < rateReaders.length; series += 1)
      rateValues[i * rateReaders.length + series] = (rateReaders[series] as ColumnReader).number();
    country[i] = readers.country.code(countries);
    workMode[i] = readers.workMode.code(workModes);
    skillStart[i] = tags.length;
    readers.skills.codes(index.lookup, LIST_SEPARATOR, addTag);
    const roleCode = readers.role.code(index.roleLookup);
    role[i] = roleCode < roleCount ? roleCode : NO_ROLE;
    experienceYears[i] = readers.experienceYears.number();
  }
  skillStart[count] = tags.length;
  for (const reader of [...Object.values(readers), ...rateReaders]) reader.done();
  // Tags of skills the skills table does not hold: counted, in no category.
  for (let k = known; k < index.ids.length; k += 1) index.categoryOf.push(-1);
  const duplicateWeeks = new Map<number, number[]>();
  for (const row of duplicates.rows) {
    const at = position.get(Number(row.canonical_id));
    if (at === undefined) continue;
    const list = duplicateWeeks.get(at) ?? [];
    list.push(row.first_week, row.last_week);
    duplicateWeeks.set(at, list);
  }
  return {
    count,
    firstWeek,
    ownFrom,
    ownUntil,
    segment,
    rates: rateValues,
    country,
    countries: countries.values,
    workMode,
    workModes: workModes.values,
    skillStart,
    skills: Uint16Array.from(tags.toArray()),
    role,
    experienceYears,
    duplicateWeeks,
  };
}

/**
 * The postings open in each of `weeks` (week numbers), as indexes into `open`: a posting
 * counts once in a week however many of its duplicates were open in it.
 */
export function postingsByWeek(
  open: OpenPostings,
  weeks: readonly number[],
): Map<number, Int32Array> {
  const first = Math.min(...weeks);
  const last = Math.max(...weeks);
  const slot = new Int32Array(last - first + 1).fill(-1);
  weeks.forEach((week, i) => (slot[week - first] = i));
  const lists = weeks.map(() => new GrowableInts());
  const add = (i: number, from: number, until: number, seen: Set<number> | null) => {
    for (let week = Math.max(from, first); week <= Math.min(until, last); week += 1) {
      const s = slot[week - first] as number;
      if (s < 0 || seen?.has(week)) continue;
      seen?.add(week);
      (lists[s] as GrowableInts).push(i);
    }
  };
  for (let i = 0; i < open.count; i += 1) {
    const duplicates = open.duplicateWeeks.get(i);
    const seen = duplicates ? new Set<number>() : null;
    add(i, open.ownFrom[i] as number, open.ownUntil[i] as number, seen);
    if (duplicates) {
      for (let d = 0; d < duplicates.length; d += 2)
        add(i, duplicates[d] as number, duplicates[d + 1] as number, seen);
    }
  }
  return new Map(weeks.map((week, i) => [week, (lists[i] as GrowableInts).toArray()]));
}

/** An append-only list of int32 without boxing. */
class GrowableInts {
  private data = new Int32Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }
  toArray(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

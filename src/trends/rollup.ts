import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Config } from '../config/config.js';
import type { Database } from '../db/schema.js';
import type { Logger } from '../log/logger.js';
import { writeBreakdowns } from './breakdowns.js';
import { writeMovers } from './movers.js';
import { writePairs } from './pairs.js';
import { PERCENTILES, percentiles } from './percentiles.js';
import { DEFAULT_TREND_SETTINGS, type TrendSettings } from './settings.js';
import { addWeeks, weeksBetween } from './weeks.js';

export interface RollupOptions {
  /** Rates in other currencies are left out of the figures. */
  readonly currency: string;
  /** @defaultValue DEFAULT_TREND_SETTINGS */
  readonly settings?: TrendSettings;
  /**
   * Whether to recompute the related skills (skill_pairs) of the newest week: 13 weeks
   * of postings paired skill by skill, by far the dearest part. The rollups that follow
   * each processed batch leave them to the weekly one. @defaultValue true
   */
  readonly relatedSkills?: boolean;
  readonly logger?: Logger;
}

export interface RollupResult {
  /** The weeks recomputed (Mondays), oldest first. */
  readonly weeks: readonly string[];
  /** Rows written to skill_weekly, category_weekly and skill_movers. */
  readonly skillRows: number;
  readonly categoryRows: number;
  readonly movers: number;
  /** The week whose related skills were computed, and how many pairs. */
  readonly pairsWeek: string | null;
  readonly pairs: number;
  readonly durationMs: number;
  /** Milliseconds spent in each step, in order: where a slow rollup spends its time. */
  readonly stepsMs: Readonly<Record<string, number>>;
}

/** The rollup as the configuration sets it: rates in REPORT_CURRENCY, the `trends:` settings. */
export function rollupOptions(
  config: Pick<Config, 'reportCurrency' | 'trends'>,
  logger?: Logger,
): RollupOptions {
  return {
    currency: config.reportCurrency,
    settings: config.trends,
    ...(logger ? { logger } : {}),
  };
}

/** Which weeks a rollup covers. */
export type RollupScope =
  | { readonly kind: 'weeks'; readonly weeks: readonly string[] }
  | { readonly kind: 'since'; readonly since: string }
  | { readonly kind: 'all' }
  /** The weeks of postings processed or seen again since the last rollup (all, if none). */
  | { readonly kind: 'changed' };

/** The weeks rank changes are read against: a week's own figures feed these later ones. */
const RANK_LAGS = [1, 4, 13, 52] as const;

const RATE_SERIES = ['day_rate', 'hourly_rate'] as const;

/**
 * The weeks a scope names that hold postings: every week from the first posting's to
 * the last one's for `all`, from the week of `since` for `since`.
 */
export async function weeksOf(db: Kysely<Database>, scope: RollupScope): Promise<string[]> {
  if (scope.kind === 'weeks') return [...new Set(scope.weeks)].sort();
  if (scope.kind === 'changed') {
    const last = await db.selectFrom('market_weekly').select((eb) => eb.fn.max('computed_at').as('at')).executeTakeFirst(); // prettier-ignore
    if (!last?.at) return weeksOf(db, { kind: 'all' });
    const changed = await db
      .selectFrom('postings')
      .select('id')
      .where((eb) => eb.or([eb('processed_at', '>', last.at), eb('last_seen_at', '>', last.at)]))
      .execute();
    return weeksOfPostings(
      db,
      changed.map((r) => r.id),
    );
  }
  const span = await db
    .selectFrom('postings')
    .select((eb) => [eb.fn.min('active_from').as('first'), eb.fn.max('active_until').as('last')])
    .executeTakeFirstOrThrow();
  if (span.first === null || span.last === null) return [];
  const first = scope.kind === 'since' && scope.since > span.first ? scope.since : span.first;
  return weeksBetween(first, span.last);
}

/**
 * The weeks a rollup must redo after these postings changed: every week each was open,
 * and every week any posting of their duplicate groups was open, since which posting is
 * canonical, and what it counts, may have changed with them.
 */
export async function weeksOfPostings(
  db: Kysely<Database>,
  ids: readonly number[],
): Promise<string[]> {
  const weeks = new Set<string>();
  // Chunks keep the statement's parameters well under PostgreSQL's limit.
  for (let i = 0; i < ids.length; i += 10_000) {
    const chunk = ids.slice(i, i + 10_000);
    const spans = await db
      .selectFrom('postings')
      .select(['active_from', 'active_until'])
      .distinct()
      .where((eb) =>
        eb.or([
          eb('id', 'in', chunk),
          eb('canonical_id', 'in', chunk),
          eb('id', 'in', eb.selectFrom('postings').select('canonical_id').where('id', 'in', chunk).where('canonical_id', 'is not', null).$narrowType<{ canonical_id: number }>()), // prettier-ignore
        ]),
      )
      .execute();
    for (const span of spans) for (const week of weeksBetween(span.active_from, span.active_until)) weeks.add(week); // prettier-ignore
  }
  return [...weeks].sort();
}

/**
 * Recomputes the trend tables for the given weeks (Mondays): market_weekly,
 * skill_weekly, category_weekly, breakdown_weekly, the rank changes that read these
 * weeks, the movers whose windows hold them, and the related skills of the newest one.
 * One transaction: readers see the old figures or the new ones, and running it again
 * leaves the same rows. Rollups wait for each other (an advisory lock), so two workers
 * rolling up the same week one after the other cannot interleave.
 */
export async function rollupWeeks(
  db: Kysely<Database>,
  weeks: readonly string[],
  options: RollupOptions,
): Promise<RollupResult> {
  const started = performance.now();
  const sorted = [...new Set(weeks)].sort();
  const settings = options.settings ?? DEFAULT_TREND_SETTINGS;
  if (sorted.length === 0) {
    return { weeks: [], skillRows: 0, categoryRows: 0, movers: 0, pairsWeek: null, pairs: 0, durationMs: 0, stepsMs: {} }; // prettier-ignore
  }
  const stepsMs: Record<string, number> = {};
  let last = performance.now();
  const step = <T>(name: string, work: Promise<T>): Promise<T> =>
    work.then((value) => {
      const now = performance.now();
      stepsMs[name] = Math.round(now - last);
      last = now;
      return value;
    });
  const result = await db.transaction().execute(async (trx) => {
    await step('lock', sql`select pg_advisory_xact_lock(hashtext('skillpulse rollup'))`.execute(trx)); // prettier-ignore
    // The rollup sorts and hashes millions of rows: in memory, not in temp files.
    await sql`set local work_mem = '256MB'`.execute(trx);
    // Its statements run once each on fresh temp tables: compiling them (JIT) costs more
    // than it saves.
    await sql`set local jit = off`.execute(trx);
    await step('active', collectActive(trx, sorted, options.currency));
    const tables = ['market_weekly', 'skill_weekly', 'category_weekly', 'breakdown_weekly'] as const; // prettier-ignore
    await step('delete', (async () => { for (const table of tables) await trx.deleteFrom(table).where('week', 'in', sorted).execute(); })()); // prettier-ignore
    await step('market', writeMarket(trx, options.currency));
    const skillRows = await step('skills', writeWeekly(trx, 'skill', sorted));
    const categoryRows = await step('categories', writeWeekly(trx, 'category', sorted));
    // Fresh statistics for the reads that follow when much was rewritten.
    if (sorted.length > 4) await step('analyze', sql`analyze skill_weekly`.execute(trx));
    // Stored weeks whose rank changes read the recomputed ones.
    const set = new Set(sorted);
    const later = [...new Set(RANK_LAGS.flatMap((lag) => sorted.map((week) => addWeeks(week, lag))))].filter((w) => !set.has(w)); // prettier-ignore
    await step('rankChanges', updateRankChanges(trx, 'skill_weekly', 'skill_id', later).then(() => updateRankChanges(trx, 'category_weekly', 'category', later))); // prettier-ignore
    await step('breakdowns', writeBreakdowns(trx));
    const movers = await step('movers', writeMovers(trx, sorted, settings));
    const pairsWeek = options.relatedSkills === false ? null : (sorted[sorted.length - 1] as string); // prettier-ignore
    const pairs = pairsWeek === null ? 0 : await step('pairs', writePairs(trx, pairsWeek, settings)); // prettier-ignore
    return { skillRows, categoryRows, movers, pairsWeek, pairs };
  });
  const durationMs = Math.round(performance.now() - started);
  options.logger?.info(
    { weeks: sorted.length, first: sorted[0], last: sorted[sorted.length - 1], ...result, durationMs, stepsMs }, // prettier-ignore
    'rollup done',
  );
  return { weeks: sorted, ...result, durationMs, stepsMs };
}

/**
 * The postings each week counts, one row per posting and segment ('all' and its own):
 * a canonical posting is active in a week when it or any duplicate of it was open that
 * week; its fields (contract type, rate, country, skills) are the canonical's. It is new
 * in the week its canonical posting was first open. Rates count only when included in
 * statistics and in the report currency.
 */
async function collectActive(
  trx: Transaction<Database>,
  weeks: readonly string[],
  currency: string,
): Promise<void> {
  await sql`
    -- Byte-order text ("C"): the rollup groups and sorts by these keys, and no locale's
    -- order means anything for them.
    create temp table rollup_active (
      week date not null, posting_id bigint not null, segment text collate "C" not null,
      is_new boolean not null, day_rate float8, hourly_rate float8,
      country text collate "C" not null, work_mode text collate "C" not null
    ) on commit drop`.execute(trx);
  const rate = (column: 'day_rate' | 'hourly_rate') =>
    sql`case when c.rate_excluded_reason is null and c.normalized_currency = ${currency}
      then c.${sql.ref(column)}::float8 end`;
  await sql`
    insert into rollup_active
    select wk.week, c.id, seg.segment, c.active_from = wk.week,
      ${rate('day_rate')}, ${rate('hourly_rate')}, coalesce(c.country, 'unknown'), c.work_mode
    from unnest(${weeks}::date[]) as wk(week)
    cross join lateral (
      select distinct coalesce(p.canonical_id, p.id) as id
      from postings p
      where daterange(p.active_from, p.active_until, '[]') @> wk.week
    ) as g
    join postings c on c.id = g.id
    cross join lateral (values ('all'), (
      case c.contract_type
        when 'contract' then 'contract' when 'temporary' then 'contract'
        when 'freelance' then 'freelance' when 'permanent' then 'permanent'
      end)) as seg(segment)
    where seg.segment is not null`.execute(trx);
  await sql`analyze rollup_active`.execute(trx);
  // Every skill of those rows, joined once for the skill, category and breakdown figures.
  await sql`
    create temp table rollup_tags on commit drop as
    select a.*, ps.skill_id collate "C" as skill_id, s.category collate "C" as category
    from rollup_active a
    join posting_skills ps on ps.posting_id = a.posting_id
    join skills s on s.id = ps.skill_id`.execute(trx);
  await sql`analyze rollup_tags`.execute(trx);
}

/** The rate columns of the weekly tables, in their order. */
const RATE_COLUMNS = RATE_SERIES.flatMap((series) => [
  `${series}_count`,
  ...PERCENTILES.map(([name]) => `${series}_${name}`),
]);

/**
 * Counts and rate percentiles per week, segment and (for skills and categories) key,
 * over the rows `source` gives, into the temp table rollup_rows, ranked by postings
 * within week and segment (ties share a rank, the next rank skips).
 */
async function computeFigures(
  trx: Transaction<Database>,
  source: RawBuilder<unknown>,
  key: 'skill_id' | 'category' | null,
): Promise<void> {
  const keys = key ? ['week', 'segment', key] : ['week', 'segment'];
  const group = sql.raw(keys.join(', '));
  const joined = (alias: string) => sql.raw(keys.map((k) => `${alias}.${k} = c.${k}`).join(' and ')); // prettier-ignore
  await sql`
    create temp table rollup_rows on commit drop as
    with src as materialized (${source}),
    counts as (
      select ${group}, count(*) as postings, count(*) filter (where is_new) as new_postings
      from src group by ${group}
    ),
    ${sql.join(RATE_SERIES.map((series) => sql`${sql.raw(series)} as (${percentiles('src', keys, series)})`))} 
    select c.*, rank() over (partition by c.week, c.segment order by c.postings desc) as rank,
      ${sql.join(
        RATE_SERIES.flatMap((series) => [
          sql`coalesce(${sql.raw(series)}.n, 0) as ${sql.ref(`${series}_count`)}`,
          ...PERCENTILES.map(([name]) => sql`${sql.raw(series)}.${sql.ref(name)} as ${sql.ref(`${series}_${name}`)}`), // prettier-ignore
        ]),
      )}
    from counts c
    ${sql.join(RATE_SERIES.map((series) => sql`left join ${sql.raw(series)} on ${joined(series)}`), sql` `)}`.execute(trx); // prettier-ignore
  // Temp tables get no statistics by themselves: without them the joins that follow are
  // planned for a handful of rows.
  await sql`analyze rollup_rows`.execute(trx);
}

async function writeMarket(trx: Transaction<Database>, currency: string): Promise<void> {
  await computeFigures(trx, sql`select * from rollup_active`, null);
  await sql`
    insert into market_weekly (week, segment, postings, new_postings, currency,
      ${sql.join(RATE_COLUMNS.map((c) => sql.ref(c)))})
    select week, segment, postings, new_postings, ${currency},
      ${sql.join(RATE_COLUMNS.map((c) => sql.ref(c)))}
    from rollup_rows`.execute(trx);
  await sql`drop table rollup_rows`.execute(trx);
}

/**
 * skill_weekly or category_weekly for the collected weeks: postings with the skill (with
 * any skill of the category), share of the segment's postings, rank, rates, and rank
 * changes against the weeks 1, 4, 13 and 52 before, read from the rows just computed or
 * from the stored ones.
 */
async function writeWeekly(
  trx: Transaction<Database>,
  kind: 'skill' | 'category',
  weeks: readonly string[],
): Promise<number> {
  const [table, key] = kind === 'skill' ? (['skill_weekly', 'skill_id'] as const) : (['category_weekly', 'category'] as const); // prettier-ignore
  // A posting counts once in a category however many of its skills belong to it.
  // A posting's rates are the same on each of its tags: min() just picks them.
  const source =
    kind === 'skill'
      ? sql`select week, segment, is_new, day_rate, hourly_rate, skill_id from rollup_tags`
      : sql`select week, segment, category, bool_or(is_new) as is_new, min(day_rate) as day_rate,
          min(hourly_rate) as hourly_rate
          from rollup_tags group by week, segment, posting_id, category`;
  await computeFigures(trx, source, key);
  const set = new Set(weeks);
  const referenced = [...new Set(RANK_LAGS.flatMap((lag) => weeks.map((w) => addWeeks(w, -lag))))].filter((w) => !set.has(w)); // prettier-ignore
  const lag = (n: number) => sql.raw(`p${n}`);
  const result = await sql`
    with refs as materialized (
      select week, segment, ${sql.ref(key)}, rank from rollup_rows
      union all
      select week, segment, ${sql.ref(key)}, rank from ${sql.table(table)}
      where week = any(${referenced}::date[])
    )
    insert into ${sql.table(table)} (week, segment, ${sql.ref(key)}, postings, new_postings,
      share, rank, ${sql.join(RANK_LAGS.map((n) => sql.ref(`rank_change_${n}w`)))},
      ${sql.join(RATE_COLUMNS.map((c) => sql.ref(c)))})
    select r.week, r.segment, r.${sql.ref(key)}, r.postings, r.new_postings,
      r.postings::float8 / m.postings, r.rank,
      ${sql.join(RANK_LAGS.map((n) => sql`${lag(n)}.rank - r.rank`))},
      ${sql.join(RATE_COLUMNS.map((c) => sql.ref(`r.${c}`)))}
    from rollup_rows r
    join market_weekly m on m.week = r.week and m.segment = r.segment
    ${sql.join(
      RANK_LAGS.map(
        (n) => sql`left join refs ${lag(n)} on ${lag(n)}.${sql.ref(key)} = r.${sql.ref(key)}
          and ${lag(n)}.segment = r.segment and ${lag(n)}.week = r.week - ${sql.lit(n * 7)}`,
      ),
      sql` `,
    )}`.execute(trx);
  await sql`drop table rollup_rows`.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

/**
 * Rank change against 1, 4, 13 and 52 weeks before (earlier rank minus this rank:
 * positive means it climbed), for the given weeks' rows; null when the skill or category
 * had no postings then.
 */
async function updateRankChanges(
  trx: Transaction<Database>,
  table: 'skill_weekly' | 'category_weekly',
  key: 'skill_id' | 'category',
  weeks: readonly string[],
): Promise<void> {
  const earlier = (lag: number) => sql.raw(`p${lag}`);
  await sql`
    update ${sql.table(table)} as t set
      ${sql.join(RANK_LAGS.map((lag) => sql`${sql.ref(`rank_change_${lag}w`)} = c.${earlier(lag)} - t.rank`))}
    from (
      select cur.week, cur.segment, cur.${sql.ref(key)},
        ${sql.join(RANK_LAGS.map((lag) => sql`${earlier(lag)}.rank as ${earlier(lag)}`))}
      from ${sql.table(table)} as cur
      ${sql.join(
        RANK_LAGS.map(
          (lag) => sql`left join ${sql.table(table)} as ${earlier(lag)}
            on ${earlier(lag)}.${sql.ref(key)} = cur.${sql.ref(key)}
            and ${earlier(lag)}.segment = cur.segment
            and ${earlier(lag)}.week = cur.week - ${sql.lit(lag * 7)}`,
        ),
        sql` `,
      )}
      where cur.week = any(${weeks}::date[])
    ) as c
    where t.week = c.week and t.segment = c.segment and t.${sql.ref(key)} = c.${sql.ref(key)}`.execute(trx); // prettier-ignore
}

import { sql, type RawBuilder } from 'kysely';

/** The percentiles every rate figure gives, by column suffix. */
export const PERCENTILES = [
  ['p10', 0.1],
  ['p25', 0.25],
  ['median', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
] as const;

/**
 * Percentiles of `column` per group of `keys` over the relation `source`, by linear
 * interpolation between the closest ranks (PostgreSQL's percentile_cont, Excel's
 * PERCENTILE.INC): for n values sorted, position (n - 1) p, counted from 0.
 *
 * Written as one sort of every value and a grouped pick, not percentile_cont: an
 * ordered-set aggregate sets up a sort per group, and the rollup has hundreds of
 * thousands of small groups, where that setup is most of the time. Gives `n` and one
 * column per percentile, rounded to 2 decimals; groups without values are absent.
 */
export function percentiles(
  source: string,
  keys: readonly string[],
  column: string,
  which: readonly (readonly [string, number])[] = PERCENTILES,
): RawBuilder<unknown> {
  const group = sql.raw(keys.join(', '));
  const picks = which.map(([name, p]) => {
    const position = sql.raw(`(n - 1) * ${p}::float8`);
    const at = (rank: RawBuilder<unknown>) => sql`max(pct_value) filter (where rn = ${rank} + 1)`;
    const low = sql`floor(${position})`;
    const high = sql`ceil(${position})`;
    return sql`round((${at(low)} + (${position} - ${low}) * (${at(high)} - ${at(low)}))::numeric, 2) as ${sql.ref(name)}`; // prettier-ignore
  });
  return sql`
    select ${group}, n, ${sql.join(picks)}
    from (
      select ${group}, ${sql.ref(column)}::float8 as pct_value,
        row_number() over (partition by ${group} order by ${sql.ref(column)}) as rn,
        count(*) over (partition by ${group}) as n
      from ${sql.raw(source)}
      where ${sql.ref(column)} is not null
    ) as ranked
    group by ${group}, n`;
}

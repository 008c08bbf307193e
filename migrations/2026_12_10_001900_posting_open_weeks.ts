import { sql, type Kysely } from 'kysely';

/*
 * The weeks a posting is open, by a rule that treats the newest weeks as the old ones.
 *
 * Before: a posting first seen within 30 days of its posting date was open from then to
 * its last sighting; one first seen later, in its posted week only. A first crawl (the
 * demo, a new source) sees every posting once, today: each posting of the last 30 days
 * was stretched over every week to today, the older ones were not, and demand tripled
 * over the last weeks, a surge no market made.
 *
 * Now: a posting is open from the week it was posted to the week a crawl last saw it
 * when a crawl saw it within 7 days of its posting date, so that its sightings have
 * followed it since it appeared; otherwise in its posted week only. A first crawl then
 * counts every posting in the week it was posted, and the current week no more than the
 * last 7 days of postings. The rule reads only the posting's own dates, never the time
 * the rollup runs: a week's count is the same whether it is rolled up the day after or a
 * year after, given the same sightings.
 */
const START = sql`least(coalesce(posted_at, first_seen_at), first_seen_at)`;

/** Builds active_until again (a generated column cannot be altered) with its indexes. */
async function openUntil(db: Kysely<any>, seenWithin: string): Promise<void> {
  await sql`drop index if exists postings_duplicate_active_idx`.execute(db);
  await sql`drop index if exists postings_active_idx`.execute(db);
  await sql`alter table postings drop column active_until`.execute(db);
  await sql`
    alter table postings add column active_until date generated always as (iso_week_start(
      case when first_seen_at - ${START} > interval ${sql.lit(seenWithin)} then ${START}
      else last_seen_at end
    )) stored`.execute(db);
  await sql`
    create index postings_active_idx on postings
    using gist (daterange(active_from, active_until, '[]'))`.execute(db);
  await sql`
    create index postings_duplicate_active_idx on postings
    using gist (daterange(active_from, active_until, '[]'))
    where canonical_id is not null`.execute(db);
}

export async function up(db: Kysely<any>): Promise<void> {
  await openUntil(db, '7 days');
}

export async function down(db: Kysely<any>): Promise<void> {
  await openUntil(db, '30 days');
}

import { sql, type Kysely } from 'kysely';
import { toJson, type Database, type NewPosting } from '../db/schema.js';
import type { NormalizedPosting } from '../normalize/posting.js';
import { roleOfPosting } from '../roles/posting-role.js';

/** A raw listing as processing reads it. */
export interface RawRow {
  id: number;
  source_id: string;
  external_id: string;
  url: string;
  fetched_at: Date;
  payload: Record<string, unknown>;
  /** The payload, gzip'd by retention (then `payload` is `{}`). */
  payload_gzip: Uint8Array | null;
}

/** A raw listing and the posting normalized from it. */
export interface NormalizedListing {
  readonly row: RawRow;
  readonly posting: NormalizedPosting;
}

export interface WrittenPosting {
  readonly id: number;
  readonly raw_listing_id: number;
  readonly first_seen_at: Date;
}

/** Writes a batch's postings and their skills in one transaction. */
export async function writePostings(
  db: Kysely<Database>,
  { done }: { readonly done: readonly NormalizedListing[] },
): Promise<WrittenPosting[]> {
  // Several versions of one listing in a batch: the newest is the posting.
  const newest = new Map<string, { row: RawRow; posting: NormalizedPosting }>();
  for (const item of done) newest.set(`${item.row.source_id}\u0000${item.row.external_id}`, item);
  if (newest.size === 0) return [];
  // One order for every batch, so two batches writing the same rows never deadlock.
  const items = [...newest]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
  const byRaw = new Map(done.map((d) => [d.row.id, d.posting]));
  return db.transaction().execute(async (trx) => {
    const written = await upsertPostings(trx, items);
    if (written.length > 0) {
      await writePostingSkills(
        trx,
        written.map((w) => w.id),
        written.flatMap((w) =>
          (byRaw.get(w.raw_listing_id)?.skills ?? []).map((skill) => ({ postingId: w.id, skill })),
        ),
      );
    }
    return written;
  });
}

function postingRow(row: RawRow, p: NormalizedPosting): NewPosting {
  // The role from the title, the text's opening and the skills tagged (processing again
  // gives the same role); the seniority from the title, by the same reader.
  const { role, seniority } = roleOfPosting({
    title: p.title,
    description: p.description,
    skills: p.skills.map((s) => s.id),
  });
  return {
    source_id: row.source_id,
    external_id: row.external_id,
    raw_listing_id: row.id,
    url: row.url,
    title: p.title,
    company: p.company,
    location: p.location,
    country: p.country,
    countries: [...p.countries],
    region: p.region,
    city: p.city,
    work_mode: p.workMode,
    contract_type: p.contractType,
    ir35: p.ir35,
    seniority,
    role_id: role,
    posted_at: p.postedAt,
    first_seen_at: row.fetched_at,
    last_seen_at: row.fetched_at,
    description: p.description,
    content_hash: p.contentHash,
    dedupe_key: p.dedupeKey,
    text_simhash: p.textSimhash,
    rate_min: p.rate?.min ?? null,
    rate_max: p.rate?.max ?? null,
    rate_currency: p.rate?.currency ?? null,
    rate_period: p.rate?.period ?? null,
    rate_origin: p.rate?.origin ?? null,
    rate_confidence: p.rate?.confidence ?? null,
    normalized_currency: p.pay?.normalizedCurrency ?? null,
    day_rate: p.pay?.dayRate ?? null,
    hourly_rate: p.pay?.hourlyRate ?? null,
    annual_salary: p.pay?.annualSalary ?? null,
    rate_excluded_reason: p.pay?.excludedReason ?? null,
    rate_flag: p.rateFlag,
    // Whole years holding the asked range: "1.5-3 years" is stored as 1 to 3.
    experience_years_min: p.experience ? Math.floor(p.experience.minYears) : null,
    experience_years_max: p.experience?.maxYears != null ? Math.ceil(p.experience.maxYears) : null,
    process_notes: toJson(p.notes),
    processed_at: new Date(),
  };
}

/**
 * Inserts or updates postings by (source, external id). An older version of a listing
 * never overwrites a newer one; first and last seen widen to cover every version.
 * The rows travel as one JSON document (json_populate_recordset): a batch of postings is
 * tens of thousands of values, which as bind parameters cost more to send and parse than
 * the work itself.
 */
async function upsertPostings(
  db: Kysely<Database>,
  items: readonly { row: RawRow; posting: NormalizedPosting }[],
): Promise<WrittenPosting[]> {
  const values = items.map(({ row, posting }) => postingRow(row, posting));
  const columns = Object.keys(values[0] as object) as (keyof NewPosting)[];
  const updated = columns.filter((c) => !FIXED_ON_UPDATE.has(c));
  const document = JSON.stringify(
    values.map((v) => ({ ...v, process_notes: JSON.parse(v.process_notes as string) as unknown })),
  );
  const result = await sql<WrittenPosting>`
    insert into postings (${sql.join(columns.map((c) => sql.ref(c)))})
    select ${sql.join(columns.map((c) => sql.ref(`r.${c}`)))}
    from json_populate_recordset(null::postings, ${document}::json) as r
    on conflict (source_id, external_id) do update set
      ${sql.join(updated.map((c) => sql`${sql.ref(c)} = excluded.${sql.ref(c)}`))},
      first_seen_at = least(postings.first_seen_at, excluded.first_seen_at),
      last_seen_at = greatest(postings.last_seen_at, excluded.last_seen_at)
    where postings.raw_listing_id <= excluded.raw_listing_id
    returning id, raw_listing_id, first_seen_at`.execute(db);
  return result.rows;
}

const FIXED_ON_UPDATE = new Set<string>(['source_id', 'external_id', 'first_seen_at', 'last_seen_at']); // prettier-ignore

/**
 * The postings' skills now: tags that went away deleted, the others written over, as two
 * statements of arrays however many there are. A posting processed again with the same
 * skills keeps its rows' identity, and the triggers leave its skill_ids alone.
 */
async function writePostingSkills(
  db: Kysely<Database>,
  postingIds: readonly number[],
  tags: readonly { postingId: number; skill: NormalizedPosting['skills'][number] }[],
): Promise<void> {
  const tagged = sql`unnest(${tags.map((t) => t.postingId)}::bigint[], ${tags.map((t) => t.skill.id)}::text[]) as t(posting_id, skill_id)`;
  await sql`
    delete from posting_skills ps
    where ps.posting_id = any(${postingIds}::bigint[])
      and not exists (select 1 from ${tagged} where t.posting_id = ps.posting_id and t.skill_id = ps.skill_id)`.execute(
    db,
  );
  if (tags.length === 0) return;
  await sql`
    insert into posting_skills (posting_id, skill_id, mentions, in_title, surface)
    select * from unnest(
      ${tags.map((t) => t.postingId)}::bigint[],
      ${tags.map((t) => t.skill.id)}::text[],
      ${tags.map((t) => t.skill.mentions)}::int[],
      ${tags.map((t) => t.skill.inTitle)}::boolean[],
      ${tags.map((t) => toJson(t.skill.surface))}::jsonb[])
    on conflict (posting_id, skill_id) do update set
      mentions = excluded.mentions, in_title = excluded.in_title, surface = excluded.surface`.execute(
    db,
  );
}

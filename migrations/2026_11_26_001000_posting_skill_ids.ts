import { sql, type Kysely } from 'kysely';

/*
 * Each posting's skill ids on the posting itself, kept equal to its posting_skills rows by
 * triggers. The rollup reads a week's postings with their skills in one index scan; read
 * from posting_skills, the per-posting lookup was most of the time it took to read them.
 * posting_skills stays the table of record (mentions, title, surface forms).
 */

// An update may move a tag from one posting to another: both sides are refreshed.
const TRIGGERS = [
  ['posting_skills_ids_insert', 'insert', 'new'],
  ['posting_skills_ids_delete', 'delete', 'old'],
  ['posting_skills_ids_update_old', 'update', 'old'],
  ['posting_skills_ids_update_new', 'update', 'new'],
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table postings add column skill_ids text[] not null default '{}'`.execute(db);
  await sql`
    update postings p set skill_ids = s.ids
    from (
      select posting_id, array_agg(skill_id order by skill_id) as ids
      from posting_skills group by posting_id
    ) as s
    where s.posting_id = p.id`.execute(db);
  // Statement triggers: one update of the postings a statement touched, however many
  // rows it wrote.
  await sql`
    create function posting_skill_ids_sync() returns trigger language plpgsql as $$
    begin
      with fresh as (
        select c.posting_id as id, coalesce(
          array_agg(ps.skill_id order by ps.skill_id) filter (where ps.skill_id is not null),
          '{}') as ids
        from (select distinct posting_id from changed) as c
        left join posting_skills ps on ps.posting_id = c.posting_id
        group by c.posting_id
      )
      -- Unchanged lists are not written again.
      update postings p set skill_ids = fresh.ids from fresh
      where p.id = fresh.id and p.skill_ids is distinct from fresh.ids;
      return null;
    end $$`.execute(db);
  for (const [name, event, transition] of TRIGGERS) {
    await sql`
      create trigger ${sql.id(name)} after ${sql.raw(event)} on posting_skills
      referencing ${sql.raw(transition)} table as changed for each statement execute function posting_skill_ids_sync()`.execute(db); // prettier-ignore
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name] of TRIGGERS) await sql`drop trigger ${sql.id(name)} on posting_skills`.execute(db); // prettier-ignore
  await sql`drop function posting_skill_ids_sync()`.execute(db);
  await sql`alter table postings drop column skill_ids`.execute(db);
}

import type { Kysely } from 'kysely';

/*
 * posting_skills is derived data, written ten rows a posting in bulk; checking each row's
 * skill against the skills table cost a third of the insert. The process stage writes
 * only skills of the taxonomy it has just synced, and the sync removes the tags of a
 * skill it removes, so the reference holds without the check.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('posting_skills')
    .dropConstraint('posting_skills_skill_id_fkey')
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('posting_skills').where('skill_id', 'not in', db.selectFrom('skills').select('id')).execute(); // prettier-ignore
  await db.schema
    .alterTable('posting_skills')
    .addForeignKeyConstraint('posting_skills_skill_id_fkey', ['skill_id'], 'skills', ['id'], (cb) =>
      cb.onDelete('cascade'),
    )
    .execute();
}

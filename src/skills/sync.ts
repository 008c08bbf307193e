import type { Kysely } from 'kysely';
import { toJson, type Database } from '../db/schema.js';
import type { Taxonomy } from './taxonomy.js';

/**
 * Makes the skills table hold exactly the taxonomy: new and changed skills written,
 * skills the taxonomy dropped removed (with their tags). Idempotent.
 */
export async function syncSkills(db: Kysely<Database>, taxonomy: Taxonomy): Promise<void> {
  const rows = taxonomy.skills.map((skill) => ({
    id: skill.id,
    name: skill.name,
    category: skill.category,
    parent_id: null as string | null,
    aliases: toJson([...skill.aliases, ...skill.exact]),
    ambiguity: skill.ambiguity ? toJson(skill.ambiguity) : null,
    is_certification: skill.isCertification,
  }));
  if (await holdsTaxonomy(db, taxonomy)) return;
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 500) {
      await trx
        .insertInto('skills')
        .values(rows.slice(i, i + 500))
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            category: eb.ref('excluded.category'),
            aliases: eb.ref('excluded.aliases'),
            ambiguity: eb.ref('excluded.ambiguity'),
            is_certification: eb.ref('excluded.is_certification'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    // Parents second: a parent may come later in the files than its children.
    for (const skill of taxonomy.skills) {
      if (skill.parentId === null) continue;
      await trx
        .updateTable('skills')
        .set({ parent_id: skill.parentId })
        .where('id', '=', skill.id)
        .where((eb) => eb.or([eb('parent_id', 'is', null), eb('parent_id', '!=', skill.parentId)]))
        .execute();
    }
    await removeSkillsBut(
      trx,
      taxonomy.skills.map((s) => s.id),
    );
  });
}

/** Whether the skills table already holds the taxonomy as it is, so nothing is written. */
async function holdsTaxonomy(db: Kysely<Database>, taxonomy: Taxonomy): Promise<boolean> {
  const stored = await db
    .selectFrom('skills')
    .select(['id', 'name', 'category', 'parent_id', 'aliases', 'is_certification'])
    .orderBy('id')
    .execute();
  const wanted = [...taxonomy.skills]
    .sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((s) => [
      s.id,
      s.name,
      s.category,
      s.parentId,
      [...s.aliases, ...s.exact],
      s.isCertification,
    ]);
  const have = stored.map((s) => [
    s.id,
    s.name,
    s.category,
    s.parent_id,
    s.aliases,
    s.is_certification,
  ]);
  return JSON.stringify(wanted) === JSON.stringify(have);
}

/**
 * Removes every skill but those given. posting_skills and the trend tables have no
 * foreign key to skills (see their migrations): a removed skill's rows go first.
 */
async function removeSkillsBut(trx: Kysely<Database>, ids: readonly string[]): Promise<void> {
  await trx.deleteFrom('posting_skills').where('skill_id', 'not in', ids).execute();
  await trx.deleteFrom('skill_weekly').where('skill_id', 'not in', ids).execute();
  await trx.deleteFrom('skill_movers').where('skill_id', 'not in', ids).execute();
  await trx
    .deleteFrom('skill_pairs')
    .where((eb) => eb.or([eb('skill_id', 'not in', ids), eb('related_skill_id', 'not in', ids)]))
    .execute();
  await trx
    .deleteFrom('breakdown_weekly')
    .where('scope', '=', 'skill')
    .where('scope_id', 'not in', ids)
    .execute();
  await trx.deleteFrom('skills').where('id', 'not in', ids).execute();
}

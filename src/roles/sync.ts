import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { RoleTaxonomy } from './taxonomy.js';

/**
 * Makes the roles table hold exactly the taxonomy's roles (id, name, category), which the
 * rollup counts and the views name: new and changed roles written, dropped ones removed
 * with their weekly rows. Postings keep a dropped role's id until processed again.
 * Idempotent, and writes nothing when the table already holds the taxonomy.
 */
export async function syncRoles(db: Kysely<Database>, taxonomy: RoleTaxonomy): Promise<void> {
  const rows = [...taxonomy.roles]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((role) => ({ id: role.id, name: role.name, category: role.category }));
  const stored = await db
    .selectFrom('roles')
    .select(['id', 'name', 'category'])
    .orderBy('id')
    .execute();
  if (JSON.stringify(stored) === JSON.stringify(rows)) return;
  const ids = rows.map((r) => r.id);
  await db.transaction().execute(async (trx) => {
    if (rows.length > 0) {
      await trx
        .insertInto('roles')
        .values(rows)
        .onConflict((oc) =>
          oc.column('id').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            category: eb.ref('excluded.category'),
            updated_at: new Date(),
          })),
        )
        .execute();
    }
    for (const table of ['role_weekly', 'role_profile_weekly', 'roles'] as const) {
      const key = table === 'roles' ? 'id' : 'role_id';
      await trx
        .deleteFrom(table)
        .$if(ids.length > 0, (qb) => qb.where(key, 'not in', ids))
        .execute();
    }
  });
}

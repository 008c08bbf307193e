import { sql, type Kysely } from 'kysely';
import type { Database, ReportFormat } from '../db/schema.js';

/** Stores a week's report in one format; a report made again for the week replaces it. */
export async function storeReport(
  db: Kysely<Database>,
  week: string,
  format: ReportFormat,
  content: string,
): Promise<void> {
  await db
    .insertInto('reports')
    .values({ week, kind: 'weekly', format, content })
    .onConflict((oc) =>
      oc
        .columns(['week', 'kind', 'format'])
        .doUpdateSet({ content: (eb) => eb.ref('excluded.content'), created_at: sql`now()` }),
    )
    .execute();
}

import { sql, type Kysely } from 'kysely';
import type { Database, ReportFormat } from '../db/schema.js';
import { renderReport, REPORT_FORMATS, type BuiltFormat } from './formats.js';
import type { WeeklyReport } from './weekly-model.js';

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

/**
 * A week's report rendered in every format and stored, as the report stage and
 * `skillpulse report` both do; returns the texts by format.
 */
export async function storeWeeklyReport(
  db: Kysely<Database>,
  report: WeeklyReport,
): Promise<Record<BuiltFormat, string>> {
  const texts = {} as Record<BuiltFormat, string>;
  for (const format of REPORT_FORMATS) {
    texts[format] = renderReport(report, format);
    await storeReport(db, report.week, format, texts[format]);
  }
  return texts;
}

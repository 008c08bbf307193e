import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, NewFxRate } from '../db/schema.js';
import { BadInputError } from '../errors.js';

/** A rates file that cannot be imported; nothing of it was written. */
export class FxImportError extends BadInputError {
  constructor(message: string) {
    super(message);
    this.name = 'FxImportError';
  }
}

/**
 * Reads a CSV of exchange rates: a header naming `currency`, `date` (or `rate_date`) and
 * `per_usd` (units of the currency per US dollar), in any order, then one rate per line.
 * Every bad line is reported by number; one bad line and nothing is imported.
 */
export function parseFxCsv(text: string, sourceName: string): NewFxRate[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((h) => h.trim().toLowerCase());
  const col = (names: string[]) => header.findIndex((h) => names.includes(h));
  const currencyAt = col(['currency', 'code']);
  const dateAt = col(['date', 'rate_date']);
  const rateAt = col(['per_usd', 'rate', 'units_per_usd']);
  if (currencyAt < 0 || dateAt < 0 || rateAt < 0) {
    throw new FxImportError(
      `line 1: expected a header with currency, date and per_usd columns, got "${(lines[0] ?? '').slice(0, 80)}"`,
    );
  }
  const rows: NewFxRate[] = [];
  const problems: string[] = [];
  lines.slice(1).forEach((line, index) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim());
    const number = index + 2;
    const currency = (cells[currencyAt] ?? '').toUpperCase();
    const date = cells[dateAt] ?? '';
    const perUsd = Number(cells[rateAt]);
    if (!/^[A-Z]{3}$/.test(currency))
      problems.push(`line ${number}: currency "${currency}" is not an ISO 4217 code`);
    else if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)))
      problems.push(`line ${number}: date "${date}" is not YYYY-MM-DD`);
    else if (!Number.isFinite(perUsd) || perUsd <= 0)
      problems.push(`line ${number}: per_usd "${cells[rateAt] ?? ''}" is not a positive number`);
    else if (currency === 'USD' && perUsd !== 1)
      problems.push(`line ${number}: USD per USD must be 1`);
    else rows.push({ currency, rate_date: date, per_usd: perUsd, source: sourceName });
  });
  if (problems.length > 0) {
    const shown = problems.slice(0, 10).join('\n  ');
    const more = problems.length > 10 ? `\n  ... and ${problems.length - 10} more` : '';
    throw new FxImportError(`${problems.length} bad lines, nothing imported:\n  ${shown}${more}`);
  }
  if (rows.length === 0) throw new FxImportError('no rates in the file');
  return rows;
}

/** Imports a rates file in one transaction; a rate already stored for that day is replaced. */
export async function importFxFile(db: Kysely<Database>, file: string): Promise<number> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new FxImportError(`cannot read ${file}: ${(error as Error).message}`);
  }
  const rows = parseFxCsv(text, path.basename(file));
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += 1_000) {
      await trx
        .insertInto('fx_rates')
        .values(rows.slice(i, i + 1_000))
        .onConflict((oc) =>
          oc.columns(['currency', 'rate_date']).doUpdateSet((eb) => ({
            per_usd: eb.ref('excluded.per_usd'),
            source: eb.ref('excluded.source'),
          })),
        )
        .execute();
    }
  });
  return rows.length;
}

import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { BadInputError } from '../errors.js';

/**
 * What the skill and role taxonomy files have in common: an entry is a line "Name | alias
 * | alias" or a mapping with a name, an optional id and aliases, plus each taxonomy's own
 * fields; a problem names the file and the entry.
 */

/** A problem in the taxonomy files, naming the file and the entry. */
export class TaxonomyError extends BadInputError {
  constructor(message: string) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/** An entry's id as written: it is a URL segment and a key of the trend tables. */
export const taxonomyId = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'lowercase letters, digits and dashes');

/** A list of words or phrases; YAML reads a bare `365` as a number. */
export const wordList = z
  .array(z.union([z.string().min(1), z.number()]).transform(String))
  .default([]);

/** An entry of a taxonomy file: a "Name | alias" line, or a mapping with these fields too. */
export function taxonomyEntry<Fields extends z.ZodRawShape>(fields: Fields) {
  return z.union([
    z.string().min(1),
    z
      .object({ id: taxonomyId.optional(), name: z.string().min(1), aliases: wordList, ...fields })
      .strict(),
  ]);
}

/** A "Name | alias | alias" line: its name, and its aliases with the name first. */
export function splitEntryLine(line: string): { name: string; aliases: string[] } {
  const parts = line.split('|').map((part) => part.trim());
  const name = parts[0] ?? '';
  return { name, aliases: parts.filter((part) => part !== '') };
}

/** A taxonomy file read and checked against its schema; any problem names the file. */
export function readTaxonomyFile<T>(where: string, schema: z.ZodType<T>): T {
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(where, 'utf8'));
  } catch (error) {
    throw new TaxonomyError(`${where}: not valid YAML: ${(error as Error).message}`);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new TaxonomyError(
      `${where}: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`,
    );
  }
  return result.data;
}

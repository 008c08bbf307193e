import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { CATEGORIES, skillId, type Category } from '../skills/taxonomy.js';
import {
  readTaxonomyFile,
  splitEntryLine,
  TaxonomyError,
  taxonomyEntry,
  wordList,
} from '../skills/taxonomy-file.js';
import { aliasKey } from './words.js';

export interface RoleDefinition {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  /** Title phrasings, the name first, as written in the file. */
  readonly aliases: readonly string[];
  /** Skill ids of the skill taxonomy the role's postings ask for; breaks ties of aliases. */
  readonly skills: readonly string[];
}

export interface RoleTaxonomy {
  readonly roles: readonly RoleDefinition[];
  readonly byId: ReadonlyMap<string, RoleDefinition>;
  /** Phrases of other trades that share IT words ("electrical engineer"): no role. */
  readonly notIt: readonly string[];
}

/** The role taxonomy as the repository keeps it: src/roles/taxonomy/*.yaml. */
export const ROLE_TAXONOMY_DIR = fileURLToPath(new URL('./taxonomy/', import.meta.url));
/** The file of phrases that name no IT role. */
export const NOT_IT_FILE = 'not-it.yaml';

const entrySchema = taxonomyEntry({ skills: wordList });
const fileSchema = z
  .object({ category: z.enum(CATEGORIES), roles: z.array(entrySchema).min(1) })
  .strict();
const notItSchema = z.object({ phrases: z.array(z.string().min(1)).min(1) }).strict();

type Entry = z.infer<typeof entrySchema>;

function toDefinition(entry: Entry, category: Category): RoleDefinition {
  if (typeof entry === 'string') {
    const { name, aliases } = splitEntryLine(entry);
    return {
      id: skillId(name),
      name,
      category,
      aliases,
      skills: [],
    };
  }
  return {
    id: entry.id ?? skillId(entry.name),
    name: entry.name,
    category,
    aliases: [entry.name, ...entry.aliases],
    skills: entry.skills,
  };
}

export interface RoleTaxonomyOptions {
  /** When given, every core skill must be one of its ids. */
  readonly skillIds?: ReadonlySet<string> | ReadonlyMap<string, unknown>;
}

/**
 * Reads and checks every role file: known categories, unique ids, no alias (in its
 * canonical words) claimed by two roles or by a role and a not-IT phrase, and, when the
 * skill ids are given, core skills that exist. Any problem stops the load with its file
 * and role.
 */
export function loadRoleTaxonomy(
  dir: string = ROLE_TAXONOMY_DIR,
  options: RoleTaxonomyOptions = {},
): RoleTaxonomy {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml') && f !== NOT_IT_FILE)
    .sort();
  if (files.length === 0) throw new TaxonomyError(`${dir}: no role files (*.yaml)`);
  const roles: RoleDefinition[] = [];
  const origin = new Map<string, string>();
  const owners = new Map<string, { id: string; where: string }>();
  for (const file of files) {
    const where = path.join(dir, file);
    const data = readTaxonomyFile(where, fileSchema);
    data.roles.forEach((entry, index) => {
      const role = toDefinition(entry, data.category);
      const place = `${where}: role ${index + 1} "${role.name}"`;
      const seen = origin.get(role.id);
      if (seen) throw new TaxonomyError(`${place}: id "${role.id}" is also ${seen}`);
      origin.set(role.id, `${file} role ${index + 1}`);
      for (const alias of role.aliases) {
        const key = aliasKey(alias);
        if (key === '') throw new TaxonomyError(`${place}: alias "${alias}" has no words`);
        const owner = owners.get(key);
        if (owner && owner.id !== role.id) {
          throw new TaxonomyError(
            `${place}: alias "${alias}" (as "${key}") is also an alias of "${owner.id}" (${owner.where})`,
          );
        }
        owners.set(key, { id: role.id, where: `${file} role "${role.name}"` });
      }
      const skillIds = options.skillIds;
      for (const skill of role.skills) {
        if (skillIds && !skillIds.has(skill)) {
          throw new TaxonomyError(`${place}: core skill "${skill}" is not in the skill taxonomy`);
        }
      }
      roles.push(role);
    });
  }
  const notIt: string[] = [];
  const notItPath = path.join(dir, NOT_IT_FILE);
  if (readdirSync(dir).includes(NOT_IT_FILE)) {
    for (const phrase of readTaxonomyFile(notItPath, notItSchema).phrases) {
      const owner = owners.get(aliasKey(phrase));
      if (owner) {
        throw new TaxonomyError(
          `${notItPath}: phrase "${phrase}" is an alias of "${owner.id}" (${owner.where})`,
        );
      }
      notIt.push(phrase);
    }
  }
  return { roles, byId: new Map(roles.map((r) => [r.id, r])), notIt };
}

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  readTaxonomyFile,
  splitEntryLine,
  TaxonomyError,
  taxonomyEntry,
  wordList,
} from './taxonomy-file.js';

export { TaxonomyError } from './taxonomy-file.js';

export const CATEGORIES = [
  'cybersecurity',
  'cloud',
  'data',
  'ai-ml',
  'devops',
  'software-engineering',
  'web',
  'mobile',
  'networking',
  'infrastructure',
  'testing',
  'erp-crm',
  'delivery',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** When a surface is also an everyday word or a name: what must hold around it. */
export interface AmbiguityRule {
  /** Surfaces matched only with this exact case and only when the rule holds. */
  readonly surfaces: readonly string[];
  /** Words (lowercase) of which one within `window` tokens is enough context. */
  readonly context: readonly string[];
  /** How many other, unambiguous skills within `window` tokens are enough context; 0: never. */
  readonly tech: number;
  readonly window: number;
  readonly notBefore: readonly string[];
  readonly notAfter: readonly string[];
}

export interface SkillDefinition {
  readonly id: string;
  readonly name: string;
  readonly category: Category;
  readonly parentId: string | null;
  /** Surfaces matched without regard to case. */
  readonly aliases: readonly string[];
  /** Surfaces matched only with this exact case ("ML", "PAM"). */
  readonly exact: readonly string[];
  readonly ambiguity: AmbiguityRule | null;
  readonly isCertification: boolean;
}

export interface Taxonomy {
  readonly skills: readonly SkillDefinition[];
  readonly byId: ReadonlyMap<string, SkillDefinition>;
}

const entrySchema = taxonomyEntry({
  exact: wordList,
  ambiguous: wordList,
  context: wordList,
  tech: z.number().int().min(0).max(5).default(1),
  window: z.number().int().min(1).max(50).default(8),
  not_before: wordList,
  not_after: wordList,
  parent: z.string().optional(),
});
const fileSchema = z
  .object({
    category: z.enum(CATEGORIES),
    skills: z.array(entrySchema).default([]),
    certifications: z.array(entrySchema).default([]),
  })
  .strict();

/** The id a name gets when the entry gives none: "C++" -> "cpp", ".NET" -> "dotnet". */
export function skillId(name: string): string {
  return name
    .toLowerCase()
    .replace(/\+\+/g, 'pp')
    .replace(/#/g, 'sharp')
    .replace(/^\./, 'dot')
    .replace(/\+/g, '-plus')
    .replace(/&/g, '-and-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

type Entry = z.infer<typeof entrySchema>;

function toDefinition(entry: Entry, category: Category, isCertification: boolean): SkillDefinition {
  if (typeof entry === 'string') {
    const { name, aliases } = splitEntryLine(entry);
    return {
      id: skillId(name),
      name,
      category,
      parentId: null,
      aliases,
      exact: [],
      ambiguity: null,
      isCertification,
    };
  }
  const ambiguous = new Set(entry.ambiguous);
  const surfaces = [entry.name, ...entry.aliases].filter((s) => !ambiguous.has(s));
  return {
    id: entry.id ?? skillId(entry.name),
    name: entry.name,
    category,
    parentId: entry.parent ?? null,
    aliases: surfaces.filter((s) => !entry.exact.includes(s)),
    exact: entry.exact,
    ambiguity:
      ambiguous.size === 0
        ? null
        : {
            surfaces: [...ambiguous],
            context: entry.context.map((w) => w.toLowerCase()),
            tech: entry.tech,
            window: entry.window,
            notBefore: entry.not_before.map((w) => w.toLowerCase()),
            notAfter: entry.not_after.map((w) => w.toLowerCase()),
          },
    isCertification,
  };
}

/** The taxonomy as the repository keeps it: src/skills/taxonomy/*.yaml. */
export const TAXONOMY_DIR = fileURLToPath(new URL('./taxonomy/', import.meta.url));

/**
 * Reads and checks every taxonomy file: known categories, unique ids, parents that
 * exist, no surface claimed by two skills. Any problem stops the load with its place.
 */
export function loadTaxonomy(dir: string = TAXONOMY_DIR): Taxonomy {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  if (files.length === 0) throw new TaxonomyError(`${dir}: no taxonomy files (*.yaml)`);
  const skills: SkillDefinition[] = [];
  const origin = new Map<string, string>();
  for (const file of files) {
    const where = path.join(dir, file);
    const data = readTaxonomyFile(where, fileSchema);
    const { category } = data;
    const add = (entries: Entry[], cert: boolean) => {
      entries.forEach((entry, index) => {
        const skill = toDefinition(entry, category, cert);
        const seen = origin.get(skill.id);
        if (seen)
          throw new TaxonomyError(
            `${where}: entry ${index + 1}: id "${skill.id}" is also in ${seen}`,
          );
        origin.set(skill.id, `${file} entry ${index + 1}`);
        skills.push(skill);
      });
    };
    add(data.skills, false);
    add(data.certifications, true);
  }
  const byId = new Map(skills.map((s) => [s.id, s]));
  const surfaces = new Map<string, string>();
  for (const skill of skills) {
    if (skill.parentId && !byId.has(skill.parentId)) {
      throw new TaxonomyError(
        `skill "${skill.id}": parent "${skill.parentId}" is not in the taxonomy`,
      );
    }
    for (const surface of [...skill.aliases.map((a) => a.toLowerCase()), ...skill.exact]) {
      const owner = surfaces.get(surface);
      if (owner && owner !== skill.id) {
        throw new TaxonomyError(
          `surface "${surface}" belongs to both "${owner}" and "${skill.id}"`,
        );
      }
      surfaces.set(surface, skill.id);
    }
  }
  return { skills, byId };
}

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SENIORITIES } from '../../src/roles/seniority.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { goldLabels, goldPostings } from '../helpers/gold.js';

/*
 * The role labels of the gold set (test/gold/roles.jsonl) stay valid: one line per gold
 * posting, naming it as postings.jsonl does, with role ids the role taxonomy has and the
 * normalizer's seniority vocabulary. The labels were written by reading each posting; this
 * test only keeps the file well-formed against the taxonomy as it grows.
 */
const roleLabelSchema = z
  .object({
    file: z.string().min(1),
    id: z.string().min(1),
    title: z.string().min(1),
    role: z.string().min(1).nullable(),
    seniority: z.enum(SENIORITIES).nullable(),
    experienceYears: z.number().min(0).max(30).nullable(),
    missingRole: z.string().min(1).optional(),
    note: z.string().min(1).optional(),
  })
  .strict()
  .refine((label) => label.missingRole === undefined || label.role === null, {
    message: 'missingRole is only for postings with no taxonomy role',
  });

type RoleLabel = z.infer<typeof roleLabelSchema>;

function roleLabels(): { line: number; label: RoleLabel }[] {
  return goldLabels('roles.jsonl', roleLabelSchema);
}

describe('the gold role labels', () => {
  const labels = roleLabels();
  const titleOf = new Map(goldPostings().map((p) => [`${p.file}#${p.id}`, p.title]));

  it('label every gold posting once, with its title as postings.jsonl has it', () => {
    const keys = labels.map(({ label }) => `${label.file}#${label.id}`);
    expect(keys.length - new Set(keys).size, 'postings labelled twice').toBe(0);
    expect(
      [...titleOf.keys()].filter((k) => !keys.includes(k)),
      'unlabelled',
    ).toEqual([]);
    const wrong = labels
      .filter(({ label }) => titleOf.get(`${label.file}#${label.id}`) !== label.title)
      .map(({ line, label }) => `line ${line}: ${label.file}#${label.id} "${label.title}"`);
    expect(wrong).toEqual([]);
  });

  it('use only role ids the role taxonomy has', () => {
    const { byId } = loadRoleTaxonomy();
    const unknown = labels
      .filter(({ label }) => label.role !== null && !byId.has(label.role))
      .map(({ line, label }) => `line ${line}: ${label.role}`);
    expect(unknown).toEqual([]);
  });

  it('give at least 200 postings an IT role and label the rest as none', () => {
    const withRole = labels.filter(({ label }) => label.role !== null).length;
    expect(withRole).toBeGreaterThanOrEqual(200);
    expect(labels.length).toBeGreaterThanOrEqual(250);
  });
});

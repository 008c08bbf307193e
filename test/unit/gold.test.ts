import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/skills/taxonomy.js';
import { goldInputs, goldPostings, inputPath, readGoldInput } from '../helpers/gold.js';

/*
 * The gold set (test/gold/) stays valid: every line fits the schema, names a posting its
 * response really holds, and uses only the taxonomy's ids; bench:accuracy measures on it.
 */
describe('the gold set', () => {
  const gold = goldPostings();
  const inputs = goldInputs();
  const sourceOf = new Map(inputs.map((i) => [i.file, i.source]));

  it('holds at least 300 labelled postings from at least 8 sources', () => {
    expect(gold.length).toBeGreaterThanOrEqual(300);
    expect(new Set(gold.map((g) => sourceOf.get(g.file))).size).toBeGreaterThanOrEqual(8);
  });

  it('names each posting once, in a response the adapters read', () => {
    const keys = gold.map((g) => `${g.file}#${g.id}`);
    expect(keys.length - new Set(keys).size, 'postings labelled twice').toBe(0);
    for (const input of inputs) expect(existsSync(inputPath(input.file)), input.file).toBe(true);
    const held = new Set(
      inputs.flatMap((i) => readGoldInput(i).map((l) => `${i.file}#${l.externalId}`)),
    );
    expect(keys.filter((k) => !held.has(k))).toEqual([]);
  });

  it('uses only skill ids the taxonomy has', () => {
    const { byId } = loadTaxonomy();
    const unknown = gold.flatMap((g) => [...g.skills, ...g.traps.map((t) => t.skill)].filter((id) => !byId.has(id)).map((id) => `${g.id}: ${id}`)); // prettier-ignore
    expect(unknown).toEqual([]);
  });

  it('never labels a skill both asked for and a trap', () => {
    const both = gold.flatMap((g) => g.traps.filter((t) => g.skills.includes(t.skill)).map((t) => `${g.id}: ${t.skill}`)); // prettier-ignore
    expect(both).toEqual([]);
  });
});

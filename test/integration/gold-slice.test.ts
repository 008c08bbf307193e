import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTaxonomy } from '../../src/skills/taxonomy.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { goldInputs, goldPostings } from '../helpers/gold.js';
import {
  evaluateGold,
  importAndProcess,
  skillRates,
  type Evaluation,
} from '../helpers/gold-eval.js';

/*
 * bench:accuracy's evaluation on a slice of the gold set, so it cannot rot: a few
 * responses imported and processed as the bench does, every labelled posting in them
 * found and scored field by field.
 */
const SLICE = [
  'recordings/remoteok/api-2026-03.json',
  'recordings/freelancer/projects-active-2022-03.json',
  'recordings/arbeitnow/api-2026-10.json',
  'gold/responses/hackernews/firebase-2020-02/item-22227013.json',
];

describe.each(BACKENDS)('bench:accuracy on a slice of the gold set on %s', (backend) => {
  let database: TestDatabase;
  let result: Evaluation;
  const inputs = goldInputs().filter((i) => SLICE.includes(i.file));
  const gold = goldPostings().filter((g) => SLICE.includes(g.file));

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    const stored = await importAndProcess(database.db, inputs);
    const sourceOf = new Map(inputs.map((i) => [i.file, i.source]));
    result = evaluateGold(gold, stored, (file) => sourceOf.get(file)!, loadTaxonomy());
  }, 60_000);
  afterAll(async () => database?.drop());

  it('finds every labelled posting of the slice and scores each field', () => {
    expect(inputs).toHaveLength(SLICE.length);
    expect(result.missing).toEqual([]);
    expect(result.postings).toBe(gold.length);
    expect(result.contract.total).toBe(gold.length);
    expect(result.workMode.total).toBe(gold.length);
    expect(result.pay.total).toBe(gold.filter((g) => g.pay !== null).length);
    expect(result.country.total + result.countryInvented.total).toBe(gold.length);
    expect(result.skills.asked).toBeGreaterThan(0);
  });

  it('lists every wrong posting it counts', () => {
    for (const field of [result.pay, result.contract, result.country, result.workMode]) {
      expect(field.wrong).toHaveLength(field.total - field.right);
    }
    const { precision, recall } = skillRates(result.skills);
    expect(precision).toBeGreaterThan(0);
    expect(recall).toBeGreaterThan(0);
  });
});

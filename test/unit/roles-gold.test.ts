import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { normalizeTitle } from '../../src/roles/titles.js';
import { goldInputs, goldLabels, goldPostings } from '../helpers/gold.js';

/*
 * The title normalizer against the hand-labelled roles of the gold postings
 * (test/gold/roles.jsonl, labelled by reading each posting; never edited to fit). Each
 * title is normalized with the skills its posting was labelled with, as the process stage
 * passes the tagger's. Hacker News "Who is hiring" comments have no title field: the
 * adapter takes the comment's first line ("Acme | Berlin | Full-time | https://..."), and
 * their labels come from the comment's text, which no title normalizer reads; they are
 * measured with the rest and held to a lower floor.
 */
const labelSchema = z.object({
  file: z.string(),
  id: z.string(),
  title: z.string(),
  role: z.string().nullable(),
  seniority: z.string().nullable(),
});

const labels = goldLabels('roles.jsonl', labelSchema).map(({ label }) => label);
const skillsOf = new Map(goldPostings().map((p) => [`${p.file}#${p.id}`, p.skills]));
const sourceOf = new Map(goldInputs().map((i) => [i.file, i.source]));
const results = labels.map((label) => ({
  label,
  got: normalizeTitle(label.title, skillsOf.get(`${label.file}#${label.id}`) ?? []),
  titled: sourceOf.get(label.file) !== 'hackernews',
}));

type Result = (typeof results)[number];

/** The share right, and the misses written out for the failure message. */
function score(rows: readonly Result[], field: 'role' | 'seniority') {
  const misses = rows.filter((r) => r.got[field] !== r.label[field]);
  const rate = 1 - misses.length / rows.length;
  const lines = misses.map(
    (r) => `  ${JSON.stringify(r.label.title)}: got ${r.got[field]}, labelled ${r.label[field]}`,
  );
  return { rate, report: `${field} ${(rate * 100).toFixed(1)}% of ${rows.length}; misses:\n${lines.join('\n')}` }; // prettier-ignore
}

describe('title normalization on the gold titles', () => {
  it('reads every labelled posting', () => {
    expect(results.length).toBeGreaterThanOrEqual(300);
    expect(results.filter((r) => r.titled).length).toBeGreaterThanOrEqual(250);
  });

  it('gives 90% or more of the postings with a job title the labelled role', () => {
    const { rate, report } = score(
      results.filter((r) => r.titled),
      'role',
    );
    expect(rate, report).toBeGreaterThanOrEqual(0.9);
  });

  it('gives 80% or more of all postings, Hacker News comment lines included, the labelled role', () => {
    const { rate, report } = score(results, 'role');
    expect(rate, report).toBeGreaterThanOrEqual(0.8);
  });

  it('reads the labelled seniority from 90% or more of all titles', () => {
    const { rate, report } = score(results, 'seniority');
    expect(rate, report).toBeGreaterThanOrEqual(0.9);
  });
});

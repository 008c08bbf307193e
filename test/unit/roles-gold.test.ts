import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { roleOfPosting } from '../../src/roles/posting-role.js';
import { goldInputs, goldLabels, goldPostings, readCleanedListings } from '../helpers/gold.js';

/*
 * The role reader of the process stage (roleOfPosting) against the hand-labelled roles of
 * the gold postings (test/gold/roles.jsonl, labelled by reading each posting; never edited
 * to fit). Each posting is read with the skills it was labelled with, as the process stage
 * passes the tagger's, and with its description cleaned as processing cleans it. Hacker
 * News "Who is hiring" comments have no title field: the adapter takes a field of the
 * comment's first line ("Acme | Berlin | Full-time | https://..."), which often names no
 * job; their labels come from the comment's text, whose opening the reader falls back on.
 * They are measured with the rest and held to a lower floor.
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
const inputs = goldInputs();
const sourceOf = new Map(inputs.map((i) => [i.file, i.source]));
const descriptionOf = new Map(
  inputs.flatMap((input) =>
    readCleanedListings(input).map(({ listing, description }) => [
      `${input.file}#${listing.externalId}`,
      description,
    ]),
  ),
);
const results = labels.map((label) => {
  const key = `${label.file}#${label.id}`;
  const description = descriptionOf.get(key);
  if (description === undefined) throw new Error(`${key}: no such listing in its response`);
  return {
    label,
    got: roleOfPosting({ title: label.title, description, skills: skillsOf.get(key) ?? [] }),
    titled: sourceOf.get(label.file) !== 'hackernews',
  };
});

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

describe('role reading on the gold postings', () => {
  it('reads every labelled posting', () => {
    expect(results.length).toBeGreaterThanOrEqual(300);
    expect(results.filter((r) => r.titled).length).toBeGreaterThanOrEqual(250);
  });

  it('gives 90.5% or more of the postings with a job title the labelled role', () => {
    const { rate, report } = score(
      results.filter((r) => r.titled),
      'role',
    );
    expect(rate, report).toBeGreaterThanOrEqual(0.905);
  });

  it('gives 87.5% or more of all postings, Hacker News comment lines included, the labelled role', () => {
    const { rate, report } = score(results, 'role');
    expect(rate, report).toBeGreaterThanOrEqual(0.875);
  });

  it('reads the labelled seniority from 98% or more of all titles', () => {
    const { rate, report } = score(results, 'seniority');
    expect(rate, report).toBeGreaterThanOrEqual(0.98);
  });
});

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_RATE_SETTINGS } from '../../src/config/settings.js';
import { captureListing } from '../../src/crawl/capture.js';
import { FxTable } from '../../src/normalize/money.js';
import { normalizeListing } from '../../src/normalize/posting.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { goldInputs, goldLabels, readGoldInput } from '../helpers/gold.js';

/*
 * The years of experience processing reads (normalize/experience.ts, through
 * normalizeListing as the process stage calls it) against test/gold/roles.jsonl, where a
 * person labelled by reading each gold posting the minimum years it asks for the role
 * overall, or null. A reading counts as right when the whole years processing stores
 * equal the label.
 */
const labelSchema = z.object({
  file: z.string(),
  id: z.string(),
  title: z.string(),
  experienceYears: z.number().nullable(),
});
type Label = z.infer<typeof labelSchema>;

function experienceLabels(): Label[] {
  return goldLabels('roles.jsonl', labelSchema).map(({ label }) => label);
}

/** What processing stores for each labelled posting: whole years, or null. */
function readYears(
  labels: readonly Label[],
): Map<string, { years: number | null; evidence: string }> {
  const wanted = new Set(labels.map((l) => `${l.file}#${l.id}`));
  const context = {
    fetchedAt: new Date('2026-12-01T00:00:00Z'),
    fx: new FxTable([]),
    settings: DEFAULT_RATE_SETTINGS,
    reportCurrency: 'USD',
    tagger: defaultTagger(),
  };
  const read = new Map<string, { years: number | null; evidence: string }>();
  for (const input of goldInputs()) {
    if (!labels.some((l) => l.file === input.file)) continue;
    for (const listing of readGoldInput(input)) {
      const key = `${input.file}#${listing.externalId}`;
      if (!wanted.has(key)) continue;
      const { experience } = normalizeListing(captureListing(listing).payload, context);
      read.set(key, {
        years: experience ? Math.floor(experience.minYears) : null,
        evidence: experience?.evidence ?? '',
      });
    }
  }
  return read;
}

describe('experience years on the gold postings', () => {
  const labels = experienceLabels();
  const read = readYears(labels);
  const results = labels.map((label) => {
    const got = read.get(`${label.file}#${label.id}`);
    return { label, years: got?.years ?? null, evidence: got?.evidence ?? '', found: got !== undefined }; // prettier-ignore
  });
  const describeMiss = (r: (typeof results)[number]) =>
    `${r.label.file}#${r.label.id} "${r.label.title}": read ${r.years ?? 'none'}${r.evidence ? ` «${r.evidence}»` : ''}, labelled ${r.label.experienceYears ?? 'none'}`; // prettier-ignore

  it('finds every labelled posting in its response', () => {
    expect(results.filter((r) => !r.found).map(describeMiss)).toEqual([]);
  });

  it('reads the labelled years exactly for at least 85% of the postings that ask a number', () => {
    const asked = results.filter((r) => r.label.experienceYears !== null);
    const misses = asked.filter((r) => r.years !== r.label.experienceYears);
    const exact = 1 - misses.length / asked.length;
    const overall = results.filter((r) => r.years === r.label.experienceYears).length;
    console.log(
      `experience years: ${asked.length - misses.length}/${asked.length} exact where a number is labelled (${(100 * exact).toFixed(1)}%), ${overall}/${results.length} overall`,
    );
    expect(exact, `misses:\n${misses.map(describeMiss).join('\n')}`).toBeGreaterThanOrEqual(0.85);
  });

  it('reads a number for at most 5% of the postings labelled with none', () => {
    const none = results.filter((r) => r.label.experienceYears === null);
    const invented = none.filter((r) => r.years !== null);
    console.log(`experience years read where none is labelled: ${invented.length}/${none.length}`);
    expect(
      invented.length / none.length,
      `read where none is labelled:\n${invented.map(describeMiss).join('\n')}`,
    ).toBeLessThanOrEqual(0.05);
  });
});

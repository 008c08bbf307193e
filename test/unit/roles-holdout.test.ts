import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SENIORITIES } from '../../src/roles/seniority.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { normalizeTitle } from '../../src/roles/titles.js';
import { goldLabels, goldPostings } from '../helpers/gold.js';

/*
 * The held-out role labels (test/gold/roles-holdout.jsonl): real titles the title normalizer
 * was never tuned on, labelled by reading them. roles.jsonl measures the normalizer on titles
 * its aliases were tuned against, so it overstates accuracy; this set says what the normalizer
 * does on titles it has not seen. Never change the normalizer's aliases to fix a miss printed
 * here: a fix learned from this set spends it (see test/gold/README.md).
 */
/*
 * The target was 0.8 on roles. Measured once, at the set's making (commit b96ce0b, the
 * normalizer of the day): 72.4% on roles (79.2% without Hacker News, whose "title" is a
 * comment's first line that mostly names no role) and 97.7% on seniority. Measured again
 * once after fixes learned from roles.jsonl only (a field after a developer noun, kinds
 * sharing a noun): 74.8% on roles, 81.5% without Hacker News, 97.7% on seniority. This test
 * reads titles alone, so a Hacker News comment's role read from its text (roleOfPosting)
 * is not measured here. The target is not met; these floors sit just under the
 * measurement so that a change that loses ground on unseen titles fails, and the figures
 * print on every run.
 */
const ROLE_ACCURACY_TARGET = 0.8;
const ROLE_ACCURACY_FLOOR = 0.73;
const TITLED_ROLE_ACCURACY_FLOOR = 0.8;
const SENIORITY_ACCURACY_TARGET = 0.85;
const SENIORITY_ACCURACY_FLOOR = 0.95;

const holdoutLabelSchema = z
  .object({
    source: z.string().min(1),
    /** Relative to test/: recordings/<source>/... or gold/holdout/<source>/... */
    file: z.string().regex(/^(recordings|gold\/holdout)\//),
    id: z.string().min(1),
    title: z.string().min(1),
    role: z.string().min(1).nullable(),
    seniority: z.enum(SENIORITIES).nullable(),
    note: z.string().min(1).optional(),
  })
  .strict();

type HoldoutLabel = z.infer<typeof holdoutLabelSchema>;

const TEST_DIR = new URL('../', import.meta.url);

function holdoutLabels(): { line: number; label: HoldoutLabel }[] {
  return goldLabels('roles-holdout.jsonl', holdoutLabelSchema);
}

const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Response text as a reader sees it: tags dropped, HTML entities decoded (twice, for feeds that escape markup). */
function readable(text: string): string {
  const decode = (s: string): string =>
    s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
      if (name.startsWith('#x') || name.startsWith('#X'))
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      if (name.startsWith('#')) return String.fromCodePoint(parseInt(name.slice(1), 10));
      return NAMED_ENTITIES[name.toLowerCase()] ?? whole;
    });
  return decode(decode(text).replace(/<[^>]*>/g, ''));
}

/** Every string a response holds, readable: a JSON body's values, or an HTML/XML page's text. */
function responseTexts(file: string): string[] {
  const raw = readFileSync(new URL(file, TEST_DIR), 'utf8');
  if (!file.endsWith('.json')) return [raw, readable(raw)];
  const strings: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === 'string') strings.push(value, readable(value));
    else if (typeof value === 'number') strings.push(String(value));
    else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(JSON.parse(raw));
  return strings;
}

describe('the held-out role labels', () => {
  const labels = holdoutLabels();

  it('hold at least 200 titles, spread so that no source gives more than a third', () => {
    expect(labels.length).toBeGreaterThanOrEqual(200);
    const perSource = new Map<string, number>();
    for (const { label } of labels)
      perSource.set(label.source, (perSource.get(label.source) ?? 0) + 1);
    const over = [...perSource].filter(([, n]) => n > labels.length / 3);
    expect(over, 'sources over a third').toEqual([]);
    expect(perSource.size).toBeGreaterThanOrEqual(6);
  });

  it('name each item once, and none the gold set holds (by id or title)', () => {
    const keys = labels.map(({ label }) => `${label.file}#${label.id}`);
    expect(keys.length - new Set(keys).size, 'items labelled twice').toBe(0);
    const gold = goldPostings();
    const goldIds = new Set(gold.map((p) => p.id));
    const goldTitles = new Set(gold.map((p) => p.title.trim().toLowerCase()));
    const inGold = labels
      .filter(
        ({ label }) => goldIds.has(label.id) || goldTitles.has(label.title.trim().toLowerCase()),
      )
      .map(({ line, label }) => `line ${line}: ${label.id} "${label.title}"`);
    expect(inGold).toEqual([]);
  });

  it('take every title from the response file it names, with its id', () => {
    const texts = new Map<string, string[]>();
    const missing = labels
      .filter(({ label }) => {
        if (!texts.has(label.file)) texts.set(label.file, responseTexts(label.file));
        const strings = texts.get(label.file) as string[];
        return (
          !strings.some((s) => s.includes(label.title)) ||
          !strings.some((s) => s.includes(label.id))
        );
      })
      .map(({ line, label }) => `line ${line}: ${label.file} ${label.id} "${label.title}"`);
    expect(missing).toEqual([]);
  });

  it('use only role ids the role taxonomy has', () => {
    const { byId } = loadRoleTaxonomy();
    const unknown = labels
      .filter(({ label }) => label.role !== null && !byId.has(label.role))
      .map(({ line, label }) => `line ${line}: ${label.role}`);
    expect(unknown).toEqual([]);
  });

  it(`normalize the titles to the labelled role and seniority, no worse than measured (>= ${ROLE_ACCURACY_FLOOR}, ${TITLED_ROLE_ACCURACY_FLOOR} with a real title; >= ${SENIORITY_ACCURACY_FLOOR})`, () => {
    // Titles alone, no skills: most of these items carry no skill list the normalizer could
    // use without running the whole tagging pipeline, and the title is what it is asked to read.
    const results = labels.map(({ line, label }) => ({
      line,
      label,
      got: normalizeTitle(label.title),
    }));
    const roleMisses = results.filter(({ label, got }) => got.role !== label.role);
    const seniorityMisses = results.filter(({ label, got }) => got.seniority !== label.seniority);
    const roleAccuracy = 1 - roleMisses.length / results.length;
    const seniorityAccuracy = 1 - seniorityMisses.length / results.length;

    const perSource = new Map<string, { n: number; role: number; seniority: number }>();
    for (const { label, got } of results) {
      const s = perSource.get(label.source) ?? { n: 0, role: 0, seniority: 0 };
      s.n += 1;
      if (got.role === label.role) s.role += 1;
      if (got.seniority === label.seniority) s.seniority += 1;
      perSource.set(label.source, s);
    }
    const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
    const report = [
      `held-out titles: ${results.length}`,
      `role accuracy ${pct(roleAccuracy)} (target ${pct(ROLE_ACCURACY_TARGET)}), seniority accuracy ${pct(seniorityAccuracy)} (target ${pct(SENIORITY_ACCURACY_TARGET)})`,
      ...[...perSource].map(
        ([source, s]) =>
          `  ${source.padEnd(12)} n=${String(s.n).padStart(3)}  role ${pct(s.role / s.n).padStart(6)}  seniority ${pct(s.seniority / s.n).padStart(6)}`,
      ),
      `role misses (${roleMisses.length}):`,
      ...roleMisses.map(
        ({ line, label, got }) =>
          `  line ${line} [${label.source}] "${label.title}": read ${got.role}, labelled ${label.role}`,
      ),
      `seniority misses (${seniorityMisses.length}):`,
      ...seniorityMisses.map(
        ({ line, label, got }) =>
          `  line ${line} [${label.source}] "${label.title}": read ${got.seniority}, labelled ${label.seniority}`,
      ),
    ].join('\n');
    console.log(report);

    const titled = results.filter(({ label }) => label.source !== 'hackernews');
    const titledAccuracy = titled.filter(({ label, got }) => got.role === label.role).length / titled.length; // prettier-ignore
    console.log(`role accuracy with a real title (all but Hacker News): ${pct(titledAccuracy)}`);
    expect(roleAccuracy, 'role accuracy on the held-out titles').toBeGreaterThanOrEqual(
      ROLE_ACCURACY_FLOOR,
    );
    expect(titledAccuracy, 'role accuracy on held-out real titles').toBeGreaterThanOrEqual(
      TITLED_ROLE_ACCURACY_FLOOR,
    );
    expect(seniorityAccuracy, 'seniority accuracy on the held-out titles').toBeGreaterThanOrEqual(
      SENIORITY_ACCURACY_FLOOR,
    );
  });
});

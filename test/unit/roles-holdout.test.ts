import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cleanLine, TEXT_LIMITS } from '../../src/normalize/text.js';
import { roleOfPosting } from '../../src/roles/posting-role.js';
import { SENIORITIES } from '../../src/roles/seniority.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { normalizeTitle } from '../../src/roles/titles.js';
import { skillText } from '../../src/skills/sections.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import {
  goldInputs,
  goldLabels,
  goldPostings,
  readCleanedListings,
  readGoldResponse,
  type CleanedListing,
  type GoldInput,
} from '../helpers/gold.js';
import { sameItem } from '../helpers/recordings.js';

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
 * sharing a noun): 74.8% on roles, 81.5% without Hacker News, 97.7% on seniority. These
 * figures read titles alone, so a Hacker News comment's role read from its text is not in
 * them. The target is not met; these floors sit just under the measurement so that a
 * change that loses ground on unseen titles fails, and the figures print on every run.
 */
const ROLE_ACCURACY_TARGET = 0.8;
const ROLE_ACCURACY_FLOOR = 0.73;
const TITLED_ROLE_ACCURACY_FLOOR = 0.8;
const SENIORITY_ACCURACY_TARGET = 0.85;
const SENIORITY_ACCURACY_FLOOR = 0.95;
/*
 * The role the pipeline stores (roleOfPosting on the title, the cleaned description's
 * opening and the tagged skills), measured once when this check was added (issue 23):
 * 82.0% of the 205 items whose posting a file holds (the 9 Craigslist
 * search rows' posting pages are not held), 84.6% of the 169 without Hacker News. The
 * floors sit a point under, for the same reason as the title floors.
 */
const STORED_ROLE_ACCURACY_FLOOR = 0.81;
const TITLED_STORED_ROLE_ACCURACY_FLOOR = 0.835;

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

/**
 * The response a held-out item is read from: a corpus recording as the gold set reads it,
 * or a cut of an original in gold/holdout/ from its own file URL, as responses.yaml reads
 * a file it names no URL for (these sources' adapters read the body, not the URL).
 */
function holdoutInput(
  label: HoldoutLabel,
  corpusInputs: ReadonlyMap<string, GoldInput>,
): GoldInput {
  const known = corpusInputs.get(label.file);
  if (known) return known;
  if (!label.file.startsWith('gold/holdout/'))
    throw new Error(`${label.file}: no labelled recording of the corpus`);
  return { source: label.source, file: label.file, url: new URL(label.file, TEST_DIR).toString() };
}

/** What the process stage would store for a held-out item, as far as the repository can say. */
type StoredRole =
  /** Its posting, read by roleOfPosting. */
  | { readonly kind: 'read'; readonly role: string | null }
  /** No posting: the adapter takes the item for none (a comment it reads as no job post). */
  | { readonly kind: 'no posting' }
  /** A search row: processing reads the posting page a crawl fetches, which no file holds. */
  | { readonly kind: 'page not held' };

/** Where a file's items stand: its listings cleaned as processing cleans them, or why none. */
function readHoldoutFile(input: GoldInput): CleanedListing[] | 'no posting' | 'page not held' {
  const listings = readCleanedListings(input);
  if (listings.length > 0) return listings;
  const page = readGoldResponse(input);
  return (page.requests ?? []).some((r) => r.role === 'detail') ? 'page not held' : 'no posting';
}

/**
 * The role the process stage stores for each held-out item: roleOfPosting on the adapter's
 * title and the description as processing cleans them, with the skills the tagger reads
 * there, as write-postings passes them. A Hacker News comment is scored on the role the
 * pipeline reads from its text, where the title-only figures see its first line alone.
 */
function storedRoles(
  labels: readonly { line: number; label: HoldoutLabel }[],
): { label: HoldoutLabel; stored: StoredRole }[] {
  const corpusInputs = new Map(goldInputs().map((input) => [input.file, input]));
  const files = new Map<string, ReturnType<typeof readHoldoutFile>>();
  const tagger = defaultTagger();
  return labels.map(({ label }) => {
    if (!files.has(label.file))
      files.set(label.file, readHoldoutFile(holdoutInput(label, corpusInputs)));
    const listings = files.get(label.file) ?? 'no posting';
    if (typeof listings === 'string') return { label, stored: { kind: listings } };
    const found = listings.find((l) => sameItem(l.listing.externalId, label.id));
    // Named by file and id only: the held-out items' text stays out of the output.
    if (!found) throw new Error(`${label.file}#${label.id}: the adapter reads no such listing`);
    const { listing, description } = found;
    const title = cleanLine(listing.title, TEXT_LIMITS.title) ?? '';
    const company = cleanLine(listing.company, TEXT_LIMITS.company);
    const read = skillText({ title, description, company, tags: listing.tags ?? [] });
    const skills = tagger.tag(read.title, read.text).map((skill) => skill.id);
    const { role } = roleOfPosting({ title, description, skills });
    return { label, stored: { kind: 'read', role } };
  });
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

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
    const report = [
      `held-out titles: ${results.length}`,
      `role accuracy ${pct(roleAccuracy)} (target ${pct(ROLE_ACCURACY_TARGET)}), seniority accuracy ${pct(seniorityAccuracy)} (target ${pct(SENIORITY_ACCURACY_TARGET)})`,
      ...[...perSource].map(
        ([source, s]) =>
          `  ${source.padEnd(12)} n=${String(s.n).padStart(3)}  role ${pct(s.role / s.n).padStart(6)}  seniority ${pct(s.seniority / s.n).padStart(6)}`,
      ),
      // Counts only, no titles: this set is for checking, and a miss printed invites a fix.
      `role misses: ${roleMisses.length}, seniority misses: ${seniorityMisses.length}`,
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

  it(`give the stored role (roleOfPosting on title and cleaned description) the labelled role, no worse than measured (>= ${STORED_ROLE_ACCURACY_FLOOR}, ${TITLED_STORED_ROLE_ACCURACY_FLOOR} with a real title)`, () => {
    // Figures only, no misses: this set is for checking, and a miss printed invites a fix.
    const all = storedRoles(labels);
    // A search row's posting is not in the repository: its stored role cannot be measured.
    // An item stored as no posting has no role, right only where it is labelled with none.
    const results = all.filter(({ stored }) => stored.kind !== 'page not held');
    const roleOf = (stored: StoredRole): string | null => (stored.kind === 'read' ? stored.role : null); // prettier-ignore
    const accuracy = (rows: typeof results): number =>
      rows.filter(({ label, stored }) => roleOf(stored) === label.role).length / rows.length;
    const bySource = new Map<string, typeof results>();
    for (const r of results) bySource.set(r.label.source, [...(bySource.get(r.label.source) ?? []), r]); // prettier-ignore
    const storedAccuracy = accuracy(results);
    const titledStoredAccuracy = accuracy(results.filter(({ label }) => label.source !== 'hackernews')); // prettier-ignore
    const count = (kind: StoredRole['kind']): number => all.filter(({ stored }) => stored.kind === kind).length; // prettier-ignore
    console.log(
      [
        `stored role accuracy on ${results.length} of ${all.length} held-out items: ${pct(storedAccuracy)} (target ${pct(ROLE_ACCURACY_TARGET)})`,
        `  left out, search rows whose posting page no file holds: ${count('page not held')}; scored as no role, items the adapter stores no posting for: ${count('no posting')}`,
        ...[...bySource].map(([source, rows]) => `  ${source.padEnd(12)} n=${String(rows.length).padStart(3)}  stored role ${pct(accuracy(rows)).padStart(6)}`), // prettier-ignore
        `stored role accuracy with a real title (all but Hacker News): ${pct(titledStoredAccuracy)}`,
      ].join('\n'),
    );
    expect(storedAccuracy, 'stored role accuracy on the held-out items').toBeGreaterThanOrEqual(
      STORED_ROLE_ACCURACY_FLOOR,
    );
    expect(titledStoredAccuracy, 'stored role accuracy on held-out items with a real title').toBeGreaterThanOrEqual(TITLED_STORED_ROLE_ACCURACY_FLOOR); // prettier-ignore
  });
});

import type { Kysely } from 'kysely';
import { importFile } from '../../src/crawl/import-file.js';
import type { ContractType, Database, RatePeriod, WorkMode } from '../../src/db/schema.js';
import { currencyOfCountry } from '../../src/normalize/money.js';
import { processListings } from '../../src/process/process-listings.js';
import { skillText } from '../../src/skills/sections.js';
import { createTagger, type Tagger } from '../../src/skills/tagger.js';
import type { Taxonomy } from '../../src/skills/taxonomy.js';
import { importSource } from '../../src/sources/registry.js';
import { inputPath, type GoldInput, type GoldPosting } from './gold.js';

/** What processing stored for one posting, in the gold set's terms. */
export interface StoredFields {
  readonly title: string;
  readonly company: string | null;
  readonly pay: {
    min: number;
    max: number;
    currency: string | null;
    period: RatePeriod;
    /** Whether the trend figures count it (read and not excluded as implausible). */
    counted: boolean;
  } | null;
  readonly contract: ContractType;
  readonly countries: readonly string[];
  readonly workMode: WorkMode;
  readonly skills: readonly string[];
  /** The stored description, to find where a trap's words stand. */
  readonly description: string;
}

/** Imports the inputs through their adapters and processes them, as `import` then `process` do. */
export async function importAndProcess(
  db: Kysely<Database>,
  inputs: readonly GoldInput[],
): Promise<Map<string, StoredFields>> {
  for (const input of inputs) {
    const source = importSource({ sources: {} }, input.source)!;
    await importFile(db, source, inputPath(input.file), { label: input.label, url: input.url });
  }
  await processListings(db, { reportCurrency: 'USD' });
  const rows = await db
    .selectFrom('postings')
    .select([
      'source_id',
      'external_id',
      'title',
      'company',
      'rate_min',
      'rate_max',
      'rate_currency',
      'rate_period',
      'rate_excluded_reason',
      'contract_type',
      'countries',
      'work_mode',
      'skill_ids',
      'description',
    ])
    .execute();
  return new Map(
    rows.map((r) => [
      `${r.source_id}#${r.external_id}`,
      {
        title: r.title,
        company: r.company,
        pay:
          r.rate_min === null || r.rate_max === null || r.rate_period === null
            ? null
            : {
                min: Number(r.rate_min),
                max: Number(r.rate_max),
                // The currency processing counts it in: as stated, else the country's.
                currency: r.rate_currency ?? currencyOfCountry(r.countries[0] ?? null),
                period: r.rate_period,
                counted: r.rate_excluded_reason === null,
              },
        contract: r.contract_type,
        countries: r.countries,
        workMode: r.work_mode,
        skills: r.skill_ids,
        description: r.description,
      },
    ]),
  );
}

/** A field's score: right of total, with the postings it got wrong. */
export interface FieldScore {
  right: number;
  total: number;
  readonly wrong: string[];
}

export interface SkillScore {
  /** Tagged skills the labels ask for / all tagged. */
  truePositives: number;
  tagged: number;
  /** Asked-for taxonomy skills that were tagged / all asked for. */
  found: number;
  asked: number;
  trapsTagged: number;
  traps: number;
  readonly wrong: string[];
}

export interface Evaluation {
  readonly postings: number;
  /** Postings the gold set names that processing did not store. */
  readonly missing: string[];
  /** Stated pay read exactly: amount, currency, period. */
  readonly pay: FieldScore;
  /** Postings whose counted figure is not the pay offered (none stated, or another figure). */
  readonly notPayCounted: FieldScore;
  readonly contract: FieldScore;
  /** Where the posting names countries: the set stored equals the set labelled. */
  readonly country: FieldScore;
  /** Where the posting names none: a country was invented. */
  readonly countryInvented: FieldScore;
  readonly workMode: FieldScore;
  readonly skills: SkillScore;
  /** Skills asked for that the taxonomy lacks, with how many postings ask for each. */
  readonly gaps: ReadonlyMap<string, number>;
}

function emptyEvaluation(): Evaluation {
  const field = (): FieldScore => ({ right: 0, total: 0, wrong: [] });
  return {
    postings: 0,
    missing: [],
    pay: field(),
    notPayCounted: field(),
    contract: field(),
    country: field(),
    countryInvented: field(),
    workMode: field(),
    skills: {
      truePositives: 0,
      tagged: 0,
      found: 0,
      asked: 0,
      trapsTagged: 0,
      traps: 0,
      wrong: [],
    },
    gaps: new Map(),
  };
}

const taggers = new WeakMap<Taxonomy, Tagger>();
function taggerOf(taxonomy: Taxonomy): Tagger {
  if (!taggers.has(taxonomy)) taggers.set(taxonomy, createTagger(taxonomy));
  return taggers.get(taxonomy)!;
}

/** A skill's name or alias, lowercase, to its id: how a labelled "otherSkills" name is resolved. */
export function skillNames(taxonomy: Taxonomy): Map<string, string> {
  const names = new Map<string, string>();
  for (const skill of taxonomy.skills) {
    for (const name of [
      skill.name,
      skill.id,
      ...skill.aliases,
      ...skill.exact,
      ...(skill.ambiguity?.surfaces ?? []),
    ]) {
      names.set(name.toLowerCase(), skill.id);
    }
  }
  return names;
}

const describePay = (p: { min: number | null; max: number | null; currency: string | null; period: string } | null) =>
  p === null ? 'none' : `${p.min ?? '…'}-${p.max ?? '…'} ${p.currency ?? '?'} /${p.period}`; // prettier-ignore

/** Whether a stored figure is the labelled pay: "up to X" and "from X" as ParsedRate stores them. */
function samePay(
  stored: NonNullable<StoredFields['pay']>,
  gold: NonNullable<GoldPosting['pay']>,
): boolean {
  const min = gold.min ?? gold.max;
  const max = gold.max ?? gold.min;
  return stored.min === min && stored.max === max && stored.currency === gold.currency && stored.period === gold.period; // prettier-ignore
}

const PER_YEAR: Readonly<Record<string, number>> = { hour: 2080, day: 260, week: 52, month: 12, year: 1 }; // prettier-ignore

/**
 * Whether a stored figure is the labelled pay, though not read exactly: one of its ends,
 * or the same pay in another period ("$15–25 an hour" as "$31,200–52,000 a year").
 */
function sameAmount(
  stored: NonNullable<StoredFields['pay']>,
  gold: NonNullable<GoldPosting['pay']>,
): boolean {
  const ends = [gold.min, gold.max].filter((v): v is number => v !== null);
  if (ends.includes(stored.min) || ends.includes(stored.max)) return true;
  // "up to $19/hour" in the field of a posting whose text says "$14 to $20 per hour".
  if (stored.period === gold.period && stored.currency === gold.currency && stored.min >= Math.min(...ends) && stored.max <= Math.max(...ends)) return true; // prettier-ignore
  const a = PER_YEAR[stored.period];
  const b = PER_YEAR[gold.period];
  if (a === undefined || b === undefined || stored.currency !== gold.currency) return false;
  const near = (x: number, y: number) => Math.abs(x - y) <= 0.1 * Math.max(x, y);
  return near(stored.max * a, Math.max(...ends) * b) && near(stored.min * a, Math.min(...ends) * b);
}

/**
 * Compares what processing stored with the labels, posting by posting. `sourceOf` names
 * the source that stores a gold file's postings.
 */
export function evaluateGold(
  gold: readonly GoldPosting[],
  stored: ReadonlyMap<string, StoredFields>,
  sourceOf: (file: string) => string,
  taxonomy: Taxonomy,
): Evaluation {
  const result = emptyEvaluation();
  const tagger = taggerOf(taxonomy);
  const askedTexts = new Map<StoredFields, string>();
  const readForSkills = (s: StoredFields) => {
    if (!askedTexts.has(s)) {
      const read = skillText({ ...s, tags: [] });
      askedTexts.set(s, `${read.title}\n${read.text}`);
    }
    return askedTexts.get(s)!;
  };
  const names = skillNames(taxonomy);
  const gaps = result.gaps as Map<string, number>;
  const score = (field: FieldScore, ok: boolean, name: string, detail: string) => {
    field.total += 1;
    if (ok) field.right += 1;
    else field.wrong.push(`${name}: ${detail}`);
  };
  for (const g of gold) {
    const key = `${sourceOf(g.file)}#${g.id}`;
    const s = stored.get(key);
    const name = `${g.file}#${g.id} "${g.title.slice(0, 50)}"`;
    if (!s) {
      result.missing.push(name);
      continue;
    }
    (result as { postings: number }).postings += 1;

    if (g.pay) score(result.pay, s.pay !== null && samePay(s.pay, g.pay), name, `read ${describePay(s.pay)}, labelled ${describePay(g.pay)}`); // prettier-ignore
    if (s.pay?.counted) {
      const isPay = g.pay !== null && (samePay(s.pay, g.pay) || sameAmount(s.pay, g.pay));
      score(result.notPayCounted, isPay, name, `counted ${describePay(s.pay)}, labelled ${describePay(g.pay)}`); // prettier-ignore
    }
    score(result.contract, s.contract === g.contract, name, `read ${s.contract}, labelled ${g.contract}`); // prettier-ignore
    const storedCountries = [...new Set(s.countries)].sort();
    const goldCountries = [...new Set(g.countries)].sort();
    if (goldCountries.length > 0) {
      score(result.country, storedCountries.join() === goldCountries.join(), name, `read [${storedCountries.join(', ')}], labelled [${goldCountries.join(', ')}]`); // prettier-ignore
    } else {
      score(result.countryInvented, storedCountries.length === 0, name, `read [${storedCountries.join(', ')}], labelled none`); // prettier-ignore
    }
    score(result.workMode, s.workMode === g.workMode, name, `read ${s.workMode}, labelled ${g.workMode}`); // prettier-ignore

    const asked = new Set(g.skills.filter((id) => taxonomy.byId.has(id)));
    for (const other of g.otherSkills) {
      const id = names.get(other.toLowerCase());
      if (id) asked.add(id);
      else gaps.set(other, (gaps.get(other) ?? 0) + 1);
    }
    const tagged = new Set(s.skills);
    const skills = result.skills;
    const extra = [...tagged].filter((id) => !asked.has(id));
    const missed = [...asked].filter((id) => !tagged.has(id));
    skills.tagged += tagged.size;
    skills.truePositives += tagged.size - extra.length;
    skills.asked += asked.size;
    skills.found += asked.size - missed.length;
    const trapsTagged = g.traps.filter((t) => taxonomy.byId.has(t.skill) && !asked.has(t.skill));
    skills.traps += trapsTagged.length;
    // A trap is sprung when its own words are taken for the skill: the line that holds
    // them, in the part of the posting processing reads for skills, tags it.
    const sprung = trapsTagged.filter((t) => {
      const line = lineWith(readForSkills(s), t.text);
      return line !== null && tagger.tag('', line).some((skill) => skill.id === t.skill);
    });
    skills.trapsTagged += sprung.length;
    if (extra.length + missed.length > 0) {
      skills.wrong.push(
        `${name}: ${extra.length ? `tagged, not asked: ${extra.join(', ')}` : ''}${extra.length && missed.length ? '; ' : ''}${missed.length ? `missed: ${missed.join(', ')}` : ''}${sprung.length ? ` (traps: ${sprung.map((t) => `"${t.text}"`).join(', ')})` : ''}`,
      );
    }
  }
  return result;
}

/** The line of a text that holds a phrase (any case), or null. */
function lineWith(text: string, phrase: string): string | null {
  const at = text.toLowerCase().indexOf(phrase.toLowerCase());
  if (at < 0) return null;
  const from = text.lastIndexOf('\n', at) + 1;
  const to = text.indexOf('\n', at + phrase.length);
  return text.slice(from, to < 0 ? undefined : to);
}

/** Micro precision and recall of skills; the share of traps tagged. */
export function skillRates(s: SkillScore): { precision: number; recall: number; trapRate: number } {
  return {
    precision: s.tagged === 0 ? 1 : s.truePositives / s.tagged,
    recall: s.asked === 0 ? 1 : s.found / s.asked,
    trapRate: s.traps === 0 ? 0 : s.trapsTagged / s.traps,
  };
}

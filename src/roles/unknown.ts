import { citiesNamed, countryNamed } from '../normalize/gazetteer.js';
import { sharedTitleNormalizer, type TitleNormalizer } from './titles.js';

export interface UnknownTitleOptions {
  /** Postings a group must have to be listed. @defaultValue 2 */
  readonly minPostings?: number;
  /** @defaultValue 30 */
  readonly limit?: number;
  /** Titles shown per group, the most frequent first. @defaultValue 3 */
  readonly examples?: number;
  /** Skills listed per group, those asked by most of its postings. @defaultValue 8 */
  readonly skills?: number;
  /** Share of a group's postings a skill must be asked by to be listed. @defaultValue 0.2 */
  readonly minSkillShare?: number;
  /** @defaultValue the repository's taxonomies */
  readonly normalizer?: TitleNormalizer;
  /**
   * Whether a title word names a place; places are left out of the group's words.
   * @defaultValue a country, or a city of 100,000 people or more, of the gazetteer
   */
  readonly isPlace?: (word: string) => boolean;
}

export interface UnknownTitleGroup {
  /** The title words the group shares: levels, noise, gender marks and companies removed. */
  readonly words: string;
  readonly postings: number;
  /** Titles of the group as written, the most frequent first. */
  readonly titles: readonly string[];
  /** The skills its postings ask for most, with the share of its postings asking. */
  readonly skills: readonly { readonly skill: string; readonly share: number }[];
}

export interface UnknownTitles {
  readonly groups: UnknownTitleGroup[];
  /** Postings read, and of those, postings no role matched that are not of another trade. */
  readonly postings: number;
  readonly unknown: number;
}

interface Group {
  postings: number;
  readonly titles: Map<string, number>;
  readonly skills: Map<string, number>;
}

/**
 * Titles no role matched, grouped by their words (seniority and noise removed: "Senior
 * Kafka Wrangler (Remote)" and "Kafka Wrangler - Contract" are one group), the biggest
 * groups first with the skills their postings share: candidates for new roles or aliases,
 * as `emergingTerms` lists candidate skills. Titles a phrase of another trade decided
 * ("Electrical Engineer") are known, not candidates.
 */
export function groupUnknownTitles(
  postings: readonly { readonly title: string; readonly skills: readonly string[] }[],
  options: UnknownTitleOptions = {},
): UnknownTitles {
  const normalizer = options.normalizer ?? sharedTitleNormalizer();
  // Each word is asked once: the gazetteer's look-up is the costly step of a large read.
  const placeTest = options.isPlace ?? gazetteerPlace;
  const places = new Map<string, boolean>();
  const isPlace = (word: string): boolean => {
    let place = places.get(word);
    if (place === undefined) {
      place = placeTest(word);
      places.set(word, place);
    }
    return place;
  };
  const groups = new Map<string, Group>();
  let unknown = 0;
  for (const posting of postings) {
    const analysis = normalizer.analyse(posting.title, posting.skills);
    // A title whose words name no role is unknown even when its skills gave it one.
    if (analysis.by === 'title' || analysis.notIt || analysis.words.length === 0) continue;
    unknown += 1;
    const words = analysis.words.filter((w) => normalizer.isRoleWord(w) || !isPlace(w));
    if (words.length === 0) continue;
    const key = words.join(' ');
    let group = groups.get(key);
    if (!group) {
      group = { postings: 0, titles: new Map(), skills: new Map() };
      groups.set(key, group);
    }
    group.postings += 1;
    const title = posting.title.trim();
    group.titles.set(title, (group.titles.get(title) ?? 0) + 1);
    for (const skill of new Set(posting.skills)) {
      group.skills.set(skill, (group.skills.get(skill) ?? 0) + 1);
    }
  }
  const minPostings = options.minPostings ?? 2;
  const minShare = options.minSkillShare ?? 0.2;
  const listed: UnknownTitleGroup[] = [...groups]
    .filter(([, group]) => group.postings >= minPostings)
    .map(([words, group]) => ({
      words,
      postings: group.postings,
      titles: mostFrequent(group.titles, options.examples ?? 3),
      skills: mostFrequent(group.skills, options.skills ?? 8)
        .map((skill) => ({ skill, share: (group.skills.get(skill) ?? 0) / group.postings }))
        .filter((s) => s.share >= minShare),
    }))
    .sort((a, b) => b.postings - a.postings || a.words.localeCompare(b.words))
    .slice(0, options.limit ?? 30);
  return { groups: listed, postings: postings.length, unknown };
}

/** A country, or a city of 100,000 people or more ("CCM-Coimbatore", "Engineer Berlin"). */
function gazetteerPlace(word: string): boolean {
  return countryNamed(word) !== null || (citiesNamed(word)[0]?.population ?? 0) >= 100_000;
}

function mostFrequent(counts: ReadonlyMap<string, number>, limit: number): string[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([key]) => key);
}

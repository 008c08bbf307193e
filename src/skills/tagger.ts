import {
  loadTaxonomy,
  type AmbiguityRule,
  type SkillDefinition,
  type Taxonomy,
} from './taxonomy.js';
import { stemOf, tokenize } from './tokenize.js';

/** One skill found in a posting. */
export interface TaggedSkill {
  readonly id: string;
  readonly name: string;
  readonly category: string;
  /** How often it is named, title and text together. */
  readonly mentions: number;
  readonly inTitle: boolean;
  /** The text that matched, as written (at most five distinct forms). */
  readonly surface: readonly string[];
}

interface Entry {
  readonly skill: number;
  readonly rule: AmbiguityRule | null;
}

interface Match {
  readonly skill: number;
  readonly token: number;
  readonly surface: string;
  readonly rule: AmbiguityRule | null;
}

export interface Tagger {
  tag(title: string, text: string): TaggedSkill[];
  readonly taxonomy: Taxonomy;
}

const MAX_SURFACES = 5;

/**
 * Builds the tagger for a taxonomy. Matching is a single pass over the tokens: at each
 * token the longest phrase (on stems) that starts there wins, else the token itself
 * (exact case first, then any case). Ambiguous names are kept only when their rule
 * holds in the window around them.
 */
export function createTagger(taxonomy: Taxonomy): Tagger {
  const skills: readonly SkillDefinition[] = taxonomy.skills;
  const keep = new Set<string>();
  for (const skill of skills) {
    for (const surface of [
      ...skill.aliases,
      ...skill.exact,
      ...(skill.ambiguity?.surfaces ?? []),
    ]) {
      for (const word of surface.split(/\s+/)) {
        if (word.includes('/') || word.includes('-')) keep.add(word.toLowerCase());
      }
    }
  }
  const anyCase = new Map<string, Entry>();
  const exactCase = new Map<string, Entry>();
  const phrases = new Map<string, Entry>();
  const phraseLength = new Map<string, number>();

  const addSurface = (surface: string, entry: Entry, exact: boolean) => {
    const tokens = tokenize(surface, keep);
    if (tokens.length === 0) return;
    if (tokens.length === 1) {
      const token = tokens[0] as string;
      if (exact) exactCase.set(token, entry);
      else anyCase.set(token.toLowerCase(), entry);
      return;
    }
    const stems = tokens.map((t) => stemOf(t.toLowerCase()));
    phrases.set(stems.join(' '), entry);
    const first = stems[0] as string;
    phraseLength.set(first, Math.max(phraseLength.get(first) ?? 0, stems.length));
  };
  skills.forEach((skill, index) => {
    for (const surface of skill.aliases) addSurface(surface, { skill: index, rule: null }, false);
    for (const surface of skill.exact) addSurface(surface, { skill: index, rule: null }, true);
    for (const surface of skill.ambiguity?.surfaces ?? []) {
      addSurface(surface, { skill: index, rule: skill.ambiguity }, true);
    }
  });

  function scan(tokens: readonly string[]): Match[] {
    const matches: Match[] = [];
    const n = tokens.length;
    let i = 0;
    while (i < n) {
      const token = tokens[i] as string;
      const lower = token.toLowerCase();
      const longest = phraseLength.get(stemOf(lower));
      if (longest !== undefined && i + 1 < n) {
        const keys: string[] = [];
        let key = stemOf(lower);
        const limit = Math.min(longest, n - i);
        for (let j = 1; j < limit; j += 1) {
          key += ` ${stemOf((tokens[i + j] as string).toLowerCase())}`;
          keys.push(key);
        }
        let found = false;
        for (let k = keys.length - 1; k >= 0; k -= 1) {
          const entry = phrases.get(keys[k] as string);
          if (entry) {
            matches.push({
              skill: entry.skill,
              token: i,
              surface: tokens.slice(i, i + k + 2).join(' '),
              rule: entry.rule,
            });
            i += k + 2;
            found = true;
            break;
          }
        }
        if (found) continue;
      }
      const entry = exactCase.get(token) ?? anyCase.get(lower);
      if (entry) matches.push({ skill: entry.skill, token: i, surface: token, rule: entry.rule });
      i += 1;
    }
    return matches;
  }

  function holds(match: Match, tokens: readonly string[], certain: readonly Match[]): boolean {
    const rule = match.rule as AmbiguityRule;
    const next = tokens[match.token + 1]?.toLowerCase();
    if (next !== undefined && rule.notBefore.includes(next)) return false;
    const previous = tokens[match.token - 1]?.toLowerCase();
    if (previous !== undefined && rule.notAfter.includes(previous)) return false;
    if (rule.context.length === 0 && rule.tech === 0) return true;
    const from = Math.max(0, match.token - rule.window);
    const to = Math.min(tokens.length - 1, match.token + rule.window);
    if (rule.context.length > 0) {
      for (let t = from; t <= to; t += 1) {
        if (t !== match.token && rule.context.includes((tokens[t] as string).toLowerCase())) {
          return true;
        }
      }
    }
    if (rule.tech === 0) return false;
    const near = new Set<number>();
    for (const other of certain) {
      if (other.token >= from && other.token <= to && other.skill !== match.skill) {
        near.add(other.skill);
      }
    }
    return near.size >= rule.tech;
  }

  function tag(title: string, text: string): TaggedSkill[] {
    const titleTokens = tokenize(title, keep);
    // A line break keeps a title's last word and the text's first apart for phrases.
    const tokens = [...titleTokens, '\n', ...tokenize(text, keep)];
    const matches = scan(tokens);
    const certain = matches.filter((m) => m.rule === null);
    const found = new Map<number, { mentions: number; inTitle: boolean; surface: string[] }>();
    for (const match of matches) {
      if (match.rule !== null && !holds(match, tokens, certain)) continue;
      let seen = found.get(match.skill);
      if (!seen) {
        seen = { mentions: 0, inTitle: false, surface: [] };
        found.set(match.skill, seen);
      }
      seen.mentions += 1;
      if (match.token < titleTokens.length) seen.inTitle = true;
      if (seen.surface.length < MAX_SURFACES && !seen.surface.includes(match.surface)) {
        seen.surface.push(match.surface);
      }
    }
    return [...found].map(([index, seen]) => {
      const skill = skills[index] as SkillDefinition;
      return { id: skill.id, name: skill.name, category: skill.category, ...seen };
    });
  }

  return { tag, taxonomy };
}

let shared: Tagger | undefined;

/** The tagger over the repository's taxonomy, built once per process. */
export function defaultTagger(): Tagger {
  shared ??= createTagger(loadTaxonomy());
  return shared;
}

import {
  loadTaxonomy,
  type AmbiguityRule,
  type SkillDefinition,
  type Taxonomy,
} from './taxonomy.js';
import {
  kindOf,
  namesColleagues,
  namesSubject,
  PRACTITIONER,
  denied,
  namesCompany,
  WORD_KIND,
  type KindedWord,
} from './mentions.js';
import { partsOf, rawTokensAndBreaks, stemOf, tokenize } from './tokenize.js';

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

/** What the tagger knows about one word as written, worked out once and remembered. */
interface Word extends KindedWord {
  readonly lower: string;
  /** The stem phrases are matched on. */
  readonly stem: string;
  /** The single-word skill it names, if any (exact case first). */
  readonly entry: Entry | undefined;
  /** The phrases that start with it, if any. */
  readonly phrase: PhraseNode | undefined;
  /** For a compound split apart or a possessive: the words it stands for. */
  readonly parts: readonly string[] | null;
}

/** Phrases as a trie of stems: matching stops at the first word no phrase continues with. */
interface PhraseNode {
  entry: Entry | undefined;
  readonly next: Map<string, PhraseNode>;
}

interface Match {
  readonly skill: number;
  readonly token: number;
  readonly length: number;
  readonly rule: AmbiguityRule | null;
}

export interface Tagger {
  tag(title: string, text: string): TaggedSkill[];
  readonly taxonomy: Taxonomy;
}

const MAX_SURFACES = 5;

/** Distinct words remembered before the memory starts again. */
const MAX_WORDS = 300_000;

/**
 * The taxonomy's surfaces indexed for matching: single words by exact and any case,
 * phrases in a trie of stems, each ambiguity rule's context words, and the skills that
 * name a discipline (their aliases end with a practitioner: "product manager").
 */
function indexSkills(skills: readonly SkillDefinition[]) {
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
  const phrases: PhraseNode = { entry: undefined, next: new Map() };
  const contexts = new Map<AmbiguityRule, ReadonlySet<string>>();
  const disciplines = new Set<number>();
  skills.forEach((skill, index) => {
    if (skill.aliases.some((alias) => PRACTITIONER.test(alias))) disciplines.add(index);
  });

  const addSurface = (surface: string, entry: Entry, exact: boolean) => {
    const tokens = tokenize(surface, keep);
    if (tokens.length === 0) return;
    if (tokens.length === 1) {
      const token = tokens[0] as string;
      if (exact) exactCase.set(token, entry);
      else anyCase.set(token.toLowerCase(), entry);
      return;
    }
    let node = phrases;
    for (const token of tokens) {
      const stem = stemOf(token.toLowerCase());
      let next = node.next.get(stem);
      if (!next) node.next.set(stem, (next = { entry: undefined, next: new Map() }));
      node = next;
    }
    node.entry = entry;
  };
  skills.forEach((skill, index) => {
    for (const surface of skill.aliases) addSurface(surface, { skill: index, rule: null }, false);
    for (const surface of skill.exact) addSurface(surface, { skill: index, rule: null }, true);
    const rule = skill.ambiguity;
    if (rule) {
      contexts.set(rule, new Set(rule.context));
      for (const surface of rule.surfaces) addSurface(surface, { skill: index, rule }, true);
    }
  });
  return { keep, anyCase, exactCase, phrases, contexts, disciplines };
}

/** The matches of a text's words: at each word the longest phrase that starts there, else the word. */
function scan(info: readonly Word[]): Match[] {
  const matches: Match[] = [];
  const n = info.length;
  let i = 0;
  while (i < n) {
    const word = info[i] as Word;
    if (word.phrase !== undefined && i + 1 < n) {
      let node: PhraseNode | undefined = word.phrase;
      let found: Match | undefined;
      for (let j = 1; i + j < n; j += 1) {
        node = node.next.get((info[i + j] as Word).stem);
        if (node === undefined) break;
        if (node.entry)
          found = { skill: node.entry.skill, token: i, length: j + 1, rule: node.entry.rule };
      }
      if (found) {
        matches.push(found);
        i += found.length;
        continue;
      }
    }
    if (word.entry)
      matches.push({ skill: word.entry.skill, token: i, length: 1, rule: word.entry.rule });
    i += 1;
  }
  return matches;
}

/** Whether an ambiguous name's rule holds where it stands: its context words or other skills near. */
function holds(
  match: Match,
  info: readonly Word[],
  certain: readonly Match[],
  contexts: ReadonlyMap<AmbiguityRule, ReadonlySet<string>>,
): boolean {
  const rule = match.rule as AmbiguityRule;
  const next = info[match.token + match.length]?.lower;
  if (next !== undefined && rule.notBefore.includes(next)) return false;
  const previous = info[match.token - 1]?.lower;
  if (previous !== undefined && rule.notAfter.includes(previous)) return false;
  if (rule.context.length === 0 && rule.tech === 0) return true;
  const from = Math.max(0, match.token - rule.window);
  const to = Math.min(info.length - 1, match.token + rule.window);
  const context = contexts.get(rule) as ReadonlySet<string>;
  for (let t = from; t <= to; t += 1) {
    if (t !== match.token && context.has((info[t] as Word).lower)) return true;
  }
  if (rule.tech === 0) return false;
  const near = new Set<number>();
  for (const other of certain) {
    if (other.token >= from && other.token <= to && other.skill !== match.skill)
      near.add(other.skill);
  }
  return near.size >= rule.tech;
}

/**
 * Builds the tagger for a taxonomy. Matching is a single pass over the tokens: at each
 * token the longest phrase (on stems) that starts there wins, else the token itself
 * (exact case first, then any case). Ambiguous names are kept only when their rule
 * holds in the window around them. Every distinct word is looked at once; after that a
 * token costs one map lookup, which is what makes the tagger fast.
 */
export function createTagger(taxonomy: Taxonomy): Tagger {
  const skills: readonly SkillDefinition[] = taxonomy.skills;
  const { keep, anyCase, exactCase, phrases, contexts, disciplines } = indexSkills(skills);

  const words = new Map<string, Word>();
  function wordOf(token: string): Word {
    let word = words.get(token);
    if (word === undefined) {
      const parts = partsOf(token, keep);
      const lower = token.toLowerCase();
      const stem = stemOf(lower);
      word = {
        lower,
        stem,
        entry: exactCase.get(token) ?? anyCase.get(lower),
        phrase: phrases.next.get(stem),
        parts: parts.length === 1 && parts[0] === token ? null : parts,
        kind: kindOf(lower),
      };
      if (words.size >= MAX_WORDS) words.clear();
      words.set(token, word);
    }
    return word;
  }

  /** The text's tokens, breaks among them, and what each one is. */
  function read(text: string): { tokens: readonly string[]; info: Word[] } {
    const raw = rawTokensAndBreaks(text);
    const info: Word[] = [];
    // Most texts have nothing to split: their raw tokens are the tokens.
    let tokens: string[] | null = null;
    for (let r = 0; r < raw.length; r += 1) {
      const token = raw[r] as string;
      const word = wordOf(token);
      if (word.parts === null) {
        tokens?.push(token);
        info.push(word);
      } else {
        tokens ??= raw.slice(0, r);
        for (const part of word.parts) {
          tokens.push(part);
          info.push(wordOf(part));
        }
      }
    }
    return { tokens: tokens ?? raw, info };
  }

  function tag(title: string, text: string): TaggedSkill[] {
    const found = new Map<number, { mentions: number; inTitle: boolean; surface: string[] }>();
    // Title and text are read apart: a phrase never runs from one into the other.
    for (const [part, inTitle] of [
      [title, true],
      [text, false],
    ] as const) {
      if (part === '') continue;
      const { tokens, info } = read(part);
      const matches = scan(info);
      const certain = matches.filter((m) => m.rule === null);
      // The rules for mentions that ask for nothing need their words: most texts lack some.
      let kinds = 0;
      if (!inTitle) for (const word of info) kinds |= word.kind;
      const colleaguesNear = (kinds & WORD_KIND.workingWith) !== 0;
      const subjectsNear = (kinds & WORD_KIND.degree) !== 0;
      for (const match of matches) {
        if (match.rule !== null && !holds(match, info, certain, contexts)) continue;
        const end = match.token + match.length;
        if (
          colleaguesNear &&
          namesColleagues(match.token, end, disciplines.has(match.skill), tokens, info)
        )
          continue;
        if (subjectsNear && namesSubject(match.token, end, tokens, info)) continue;
        if ((kinds & WORD_KIND.negation) !== 0 && denied(match.token, info)) continue;
        if (!inTitle && namesCompany(match.token, end, info)) continue;
        let seen = found.get(match.skill);
        if (!seen) {
          seen = { mentions: 0, inTitle: false, surface: [] };
          found.set(match.skill, seen);
        }
        seen.mentions += 1;
        if (inTitle) seen.inTitle = true;
        if (seen.surface.length < MAX_SURFACES) {
          const surface =
            match.length === 1
              ? (tokens[match.token] as string)
              : tokens.slice(match.token, match.token + match.length).join(' ');
          if (!seen.surface.includes(surface)) seen.surface.push(surface);
        }
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

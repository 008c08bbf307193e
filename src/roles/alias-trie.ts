import { isLevelWord } from './seniority.js';
import type { TitleWord } from './words.js';

/** What an alias of the trie names besides a role's index: a phrase of another trade. */
export const NOT_IT = -1;

/** Technology words skipped between an alias's words, at most this many. */
const MAX_SKIPS = 3;

interface TrieNode {
  readonly next: Map<string, TrieNode>;
  target?: number;
  /** The alias's words that are not levels: "technical lead" weighs 1, "java developer" 2. */
  weight?: number;
}

/** An alias found in a title's words: what it names and where. */
export interface Match {
  /** A role's index, or NOT_IT. */
  readonly target: number;
  readonly weight: number;
  readonly start: number;
  readonly end: number;
  readonly bracketed: boolean;
  /** Technology words skipped inside the alias ("Java Spring Boot Developer": two). */
  readonly skipped: number;
}

/**
 * The aliases of the role taxonomy as a trie of canonical words, so that a title costs one
 * pass over its words whatever the number of roles.
 */
export class AliasTrie {
  private readonly root: TrieNode = { next: new Map() };
  private readonly vocabulary = new Set<string>();

  /** Adds an alias, as canonical words, naming a role's index or NOT_IT. */
  add(words: readonly string[], target: number): void {
    let node = this.root;
    for (const word of words) {
      this.vocabulary.add(word);
      let next = node.next.get(word);
      if (!next) {
        next = { next: new Map() };
        node.next.set(word, next);
      }
      node = next;
    }
    node.target = target;
    node.weight = Math.max(1, words.filter((w) => !isLevelWord(w)).length);
  }

  /** Whether a word is a word of some alias. */
  has(word: string): boolean {
    return this.vocabulary.has(word);
  }

  /** Plurals and German feminine forms of alias words as the alias writes them. */
  known(words: readonly TitleWord[]): TitleWord[] {
    return words.map((w) => {
      if (this.vocabulary.has(w.word)) return w;
      for (const ending of ['s', 'es', 'in', 'innen', 'e']) {
        const stem = w.word.slice(0, -ending.length);
        if (w.word.endsWith(ending) && stem.length > 2 && this.vocabulary.has(stem)) {
          return { ...w, word: stem };
        }
      }
      return w;
    });
  }

  /** Every alias found in the words, up to MAX_SKIPS `skippable` words inside it skipped. */
  matches(words: readonly TitleWord[], skippable: ReadonlySet<string>): Match[] {
    const found: Match[] = [];
    for (let start = 0; start < words.length; start += 1) {
      const first = words[start] as TitleWord;
      let node = this.root.next.get(first.word);
      let at = start;
      let skips = 0;
      while (node !== undefined) {
        if (node.target !== undefined) {
          const weight = node.weight as number;
          const bracketed = first.bracketed;
          found.push({ target: node.target, weight, start, end: at, bracketed, skipped: skips });
        }
        // The alias's next word, or up to MAX_SKIPS technology words and then it.
        let next: TrieNode | undefined;
        let j = at + 1;
        for (; j < words.length && (words[j] as TitleWord).bracketed === first.bracketed; j += 1) {
          const word = (words[j] as TitleWord).word;
          next = node.next.get(word);
          if (next || !skippable.has(word) || skips >= MAX_SKIPS) break;
          skips += 1;
        }
        node = next;
        at = j;
      }
    }
    return found;
  }
}

/** The words read as one phrase: no part, bracket, slash or break between them. */
const PLAIN = {
  part: 0,
  bracketed: false,
  breakBefore: false,
  slashBefore: false,
  commaBefore: false,
};
const NOTHING_SKIPPED: ReadonlySet<string> = new Set();

/**
 * The role aliases the words make whole, read as one phrase with none of them skipped:
 * "android" and "engineer" make "android engineer"; "backend team" and "engineer" none.
 */
export function wholeAliases(trie: AliasTrie, words: readonly TitleWord[]): Match[] {
  const phrase = words.map((w) => ({ ...w, ...PLAIN }));
  return trie
    .matches(phrase, NOTHING_SKIPPED)
    .filter((m) => m.target !== NOT_IT && m.start === 0 && m.end === phrase.length - 1);
}

/**
 * Negative when a is the more specific match: most alias words, then the widest span (a
 * skipped technology word inside), then the more of the posting's skills its role has at
 * its core, then outside parentheses, then the first.
 */
export function compareMatches(a: Match, aSkills: number, b: Match, bSkills: number): number {
  return (
    b.weight - a.weight ||
    b.end - b.start - (a.end - a.start) ||
    bSkills - aSkills ||
    Number(a.bracketed) - Number(b.bracketed) ||
    a.start - b.start
  );
}

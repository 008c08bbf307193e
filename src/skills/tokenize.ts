import { natural } from '../nlp/natural.js';

/**
 * One token: letters and digits, with `+ # & . / ' -` allowed inside and `+ #` at the
 * end, and an optional leading dot. So `C++`, `C#`, `F#`, `.NET`, `Node.js`, `CI/CD`,
 * `A/B`, `R&D`, `S/4HANA` and `T-SQL` come out whole, and a sentence's full stop does not
 * stick to its last word.
 */
const TOKEN =
  /\.?[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F+#&./'-]*[A-Za-z0-9\u00C0-\u024F+#])?/g;

// The tokens, and the breaks between them: line ends and sentence ends.
const TOKEN_OR_BREAK = new RegExp(`${TOKEN.source}|\\n|[.!?;](?=\\s)`, 'g');

/** Whether a token is a break: the end of a line or of a sentence. */
export function isBreak(token: string): boolean {
  return token.length === 1 && '\n.!?;'.includes(token);
}

/**
 * The raw tokens of a text with its breaks kept as tokens of their own ("\n", "."): a
 * phrase never runs across one, since no surface holds it ("distributed teams. Manage
 * tasks" is no team management; "technical" ending one tag and "support" the next is no
 * technical support).
 */
export function rawTokensAndBreaks(text: string): string[] {
  return text.match(TOKEN_OR_BREAK) ?? [];
}

/** The raw tokens of a text, as written. */
export function rawTokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

/**
 * The parts a raw token stands for: itself, or, for a compound that is not a known
 * surface ("AWS/GCP", "Go-live"), its pieces; a possessive loses its "'s".
 * `keep` holds the lowercased compounds to keep whole ("ci/cd", "scikit-learn").
 */
export function partsOf(token: string, keep: ReadonlySet<string>): string[] {
  const word = token.endsWith("'s") ? token.slice(0, -2) : token;
  if ((word.includes('/') || word.includes('-')) && !keep.has(word.toLowerCase())) {
    return word.split(/[/-]+/).filter((part) => part !== '');
  }
  return word === '' ? [] : [word];
}

/** Tokens as the tagger reads them: raw tokens with unknown compounds split. */
export function tokenize(text: string, keep: ReadonlySet<string>): string[] {
  return rawTokens(text).flatMap((token) => partsOf(token, keep));
}

/**
 * The stem a word of a multi-word phrase is matched on: Porter's stem, with the agent
 * suffix taken off too ("tester" and "testing" both give "test"). Words that carry
 * symbols (`c++`, `.net`) are their own stem.
 */
export function stemOf(lower: string): string {
  // Short words are names as often as words: "IFS" is no plural of "if".
  if (lower.length <= 3 || !/^[a-z]+$/.test(lower)) return lower;
  const stem = natural.PorterStemmer.stem(lower);
  return stem.length > 5 && stem.endsWith('er') ? stem.slice(0, -2) : stem;
}

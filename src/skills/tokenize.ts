import { natural } from '../nlp/natural.js';

/**
 * One token: letters and digits, with `+ # & . / ' -` allowed inside and `+ #` at the
 * end, and an optional leading dot. So `C++`, `C#`, `F#`, `.NET`, `Node.js`, `CI/CD`,
 * `A/B`, `R&D`, `S/4HANA` and `T-SQL` come out whole, and a sentence's full stop does not
 * stick to its last word.
 */
const TOKEN =
  /\.?[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F+#&./'-]*[A-Za-z0-9\u00C0-\u024F+#])?/g;

const tokenizer = new natural.RegexpTokenizer({ pattern: TOKEN, gaps: false });

/**
 * natural's RegexpTokenizer with the skill-token pattern, then compounds split unless
 * they are known whole: "AWS/GCP" and "Go-live" become two tokens, "CI/CD" and
 * "scikit-learn" stay one. `keep` holds the lowercased compounds to keep.
 */
export function tokenize(text: string, keep: ReadonlySet<string>): string[] {
  const raw = tokenizer.tokenize(text) ?? [];
  const tokens: string[] = [];
  for (let token of raw) {
    if (token.endsWith("'s")) token = token.slice(0, -2);
    if ((token.includes('/') || token.includes('-')) && !keep.has(token.toLowerCase())) {
      for (const part of token.split(/[/-]+/)) if (part !== '') tokens.push(part);
    } else {
      tokens.push(token);
    }
  }
  return tokens;
}

const stems = new Map<string, string>();

/**
 * The stem a word of a multi-word phrase is matched on: Porter's stem, with the agent
 * suffix taken off too ("tester" and "testing" both give "test"). Words that carry
 * symbols (`c++`, `.net`) are their own stem. Memoized: postings repeat their words.
 */
export function stemOf(lower: string): string {
  let stem = stems.get(lower);
  if (stem === undefined) {
    if (/^[a-z]+$/.test(lower)) {
      stem = natural.PorterStemmer.stem(lower);
      if (stem.length > 5 && stem.endsWith('er')) stem = stem.slice(0, -2);
    } else {
      stem = lower;
    }
    if (stems.size > 200_000) stems.clear();
    stems.set(lower, stem);
  }
  return stem;
}

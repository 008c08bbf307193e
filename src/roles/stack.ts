import type { TitleWord } from './words.js';

/**
 * A title that names a developer by their stack ("C C++ Linux Developer", "Back End
 * Developer Ruby on Rails", "Elixir/Phoenix/React Engineer") is the stack's role, as a
 * recruiter reads it: one back-end language makes its language role, a back-end and a
 * front-end stack together make a full-stack developer, a front-end stack alone a
 * front-end developer.
 */

// Back-end languages and their frameworks, to the role of the language. Languages without
// a role of their own make a back-end developer.
const BACKEND: ReadonlyMap<string, string> = new Map([
  ...['python', 'django', 'flask', 'fastapi'].map((w) => [w, 'python-developer'] as const),
  ...['java', 'javafx', 'j2ee', 'spring'].map((w) => [w, 'java-developer'] as const),
  ...['dotnet', 'csharp', 'aspnet'].map((w) => [w, 'dotnet-developer'] as const),
  ...['php', 'laravel', 'symfony'].map((w) => [w, 'php-developer'] as const),
  ...['cpp', 'c'].map((w) => [w, 'cpp-developer'] as const),
  ...['go', 'golang'].map((w) => [w, 'go-developer'] as const),
  ...['ruby', 'rails'].map((w) => [w, 'ruby-on-rails-developer'] as const),
  ...['nodejs', 'node', 'nestjs', 'expressjs'].map((w) => [w, 'node-js-developer'] as const),
  ['rust', 'rust-developer'],
  ['scala', 'scala-developer'],
  ...['elixir', 'phoenix', 'haskell', 'erlang', 'clojure', 'ocaml', 'fsharp', 'perl'].map(
    (w) => [w, 'backend-developer'] as const,
  ),
]);
// Language names that are everyday words too ("Ready, Set, Go", "Grade C", "Spring Fair").
const EVERYDAY_WORDS = new Set(['go', 'c', 'rust', 'ruby', 'scala', 'node', 'spring', 'rails', 'phoenix', 'perl', 'react', 'html', 'css']); // prettier-ignore

/** The roles of back-end languages. */
export const LANGUAGE_ROLES: ReadonlySet<string> = new Set(
  [...BACKEND.values()].filter((role) => role !== 'backend-developer'),
);
const FRONTEND = new Set(['react', 'reactjs', 'angular', 'angularjs', 'vue', 'vuejs', 'svelte', 'nextjs', 'nuxtjs', 'redux', 'javascript', 'typescript', 'html', 'css']); // prettier-ignore

export const FULL_STACK = 'full-stack-developer';

/** Whether a word names a language or framework of a stack ("react", "django", "c"). */
export function namesStack(word: string): boolean {
  return BACKEND.has(word) || FRONTEND.has(word);
}

/** Roles a title's stack makes more specific: the generic developer roles. */
export const GENERIC_DEVELOPER_ROLES: ReadonlySet<string> = new Set([
  'software-engineer',
  'backend-developer',
  'web-developer',
]);
/** Words that name a developer without saying which ("Rust Engineer", "Python Programmer"). */
export const DEVELOPER_NOUNS: ReadonlySet<string> = new Set(['engineer', 'developer', 'programmer', 'entwickler', 'developpeur', 'programmierer', 'coder', 'desarrollador', 'desenvolvedor', 'programador']); // prettier-ignore

/**
 * The role the stack named in one part of a title (or the whole title: part null) makes
 * of a developer role, or null when it names no stack. Of several back-end languages,
 * the first named.
 */
export function stackRole(
  words: readonly TitleWord[],
  part: number | null,
  role: string | null,
): string | null {
  let backend: string | null = null;
  let frontend = false;
  for (const w of words) {
    if (part !== null && w.part !== part) continue;
    // Without a developer noun, a word that is also plain English names no stack.
    if (part === null && EVERYDAY_WORDS.has(w.word)) continue;
    backend ??= BACKEND.get(w.word) ?? null;
    if (FRONTEND.has(w.word)) frontend = true;
  }
  if (backend !== null && frontend) return FULL_STACK;
  if (backend !== null) return backend;
  // A web developer with a front-end stack is still the web developer the title says.
  if (frontend && role !== 'web-developer' && role !== 'backend-developer') {
    return 'frontend-developer';
  }
  return null;
}

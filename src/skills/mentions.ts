/*
 * Mentions of a skill that do not ask for it, by the words around them: other people's
 * disciplines ("work closely with data scientists"), departments ("partner with
 * Engineering, Legal and Customer Success") and subjects of a degree ("a degree in
 * Statistics or a related field"). The tagger asks these only of the posting's text; the
 * title's roles are the job's own.
 */

import { isBreak } from './tokenize.js';

/** What a word is to these rules, as bits, worked out once per distinct word. */
export const WORD_KIND = {
  workingWith: 1,
  colleagues: 2,
  department: 4,
  degree: 8,
  relatedField: 16,
  negation: 32,
} as const;

/** A word as the tagger remembers it: its lowercase form and its kind. */
export interface KindedWord {
  readonly lower: string;
  readonly kind: number;
}

/** The people a discipline's name ends with: a skill with an alias such as "product manager". */
export const PRACTITIONER =
  /\b(developer|engineer|manager|scientist|analyst|designer|architect|lead|tester|recruiter|administrator|consultant|specialist|technician|officer)$/i;

/** Other people the role works with: their disciplines are not the job's. */
const COLLEAGUES = [
  'engineers', 'developers', 'managers', 'scientists', 'analysts', 'designers', 'architects',
  'leads', 'testers', 'recruiters', 'administrators', 'admins', 'consultants', 'technicians',
  'officers', 'teams', 'colleagues', 'counterparts', 'partners', 'peers', 'researchers', 'reps',
  'representatives', 'leaders', 'stakeholders', 'specialists',
]; // prettier-ignore
/** Words that make the people named next colleagues, not the roles being hired ("hiring data scientists"). */
const WORKING_WITH = [
  'with', 'alongside', 'collaborate', 'collaborating', 'collaboration', 'collaborative',
  'partner', 'partnering', 'across', 'together', 'liaise', 'liaising', 'between', 'among',
  'amongst', 'coordinate', 'coordinating', 'interface', 'closely', 'mit', 'avec',
]; // prettier-ignore
const DEPARTMENTS = [
  'engineering', 'product', 'legal', 'finance', 'marketing', 'sales', 'hr', 'operations',
  'design', 'it', 'procurement', 'support', 'research', 'security', 'compliance', 'ops',
  'executives', 'leadership', 'data', 'analytics', 'partnerships', 'communications', 'platform',
]; // prettier-ignore
const DEGREE = [
  'degree', 'degrees', 'bachelor', "bachelor's", 'bachelors', 'master', "master's", 'masters',
  'phd', 'diploma', 'bsc', 'msc', 'studium', 'abschluss', 'hochschulabschluss', 'studiengang',
]; // prettier-ignore
const RELATED_FIELD = ['related', 'equivalent', 'similar', 'vergleichbar', 'vergleichbaren', 'verwandten']; // prettier-ignore
/** Words that deny what follows: "not strict TDD", "this is not a software engineering role". */
const NEGATION = ['not', 'no', 'nicht', 'kein', 'keine', 'keinen', 'without', 'ohne', 'pas', 'non']; // prettier-ignore
/** Words after "not" that deny nothing: "not only Python but also Go". */
const NOT_DENYING = new Set(['only', 'just', 'limited', 'least', 'exclusively']);

const KINDS = new Map<string, number>();
for (const [words, kind] of [
  [WORKING_WITH, WORD_KIND.workingWith],
  [COLLEAGUES, WORD_KIND.colleagues],
  [DEPARTMENTS, WORD_KIND.department],
  [DEGREE, WORD_KIND.degree],
  [RELATED_FIELD, WORD_KIND.relatedField],
  [NEGATION, WORD_KIND.negation],
] as const) {
  for (const word of words) KINDS.set(word, (KINDS.get(word) ?? 0) | kind);
}

/** The kind of a lowercase word: 0 for most. */
export function kindOf(lower: string): number {
  return KINDS.get(lower) ?? 0;
}

/** How far back a working-with word is looked for. */
const WORKING_WITH_WINDOW = 20;
/** How far ahead the people noun may stand, past the rest of a list ("Data Science, and Legal teams"). */
const PEOPLE_AHEAD = 5;
/** How far back the department names of a list are counted. */
const DEPARTMENTS_BEFORE = 4;
const DEGREE_WINDOW = 10;
/** How far back a denying word reaches: "not a software engineering role". */
const NEGATION_WINDOW = 3;
/** How far back a sentence's frame ("not for", "coming from") reaches. */
const SENTENCE_WINDOW = 15;
/** How far into a list of example roles a mention may stand. */
const ROLE_EXAMPLES_WINDOW = 12;
const ROLES = new Set(['roles', 'positions', 'profiles', 'functions', 'rollen', 'positionen']);

/** Whether a token as written starts with a capital letter (A-Z): a name, a department. */
function capitalised(token: string | undefined): boolean {
  const first = token?.charCodeAt(0) ?? 0;
  return first >= 65 && first <= 90;
}

function anyOf(words: readonly KindedWord[], from: number, to: number, kind: number): boolean {
  for (let t = Math.max(0, from); t < Math.min(words.length, to); t += 1) {
    if (((words[t] as KindedWord).kind & kind) !== 0) return true;
  }
  return false;
}

/**
 * Whether the mention at tokens [start, end) names colleagues: a discipline's people
 * ("work closely with data scientists") or a department in a list of them ("with
 * Engineering, Legal and Customer Success"). `tokens` are as written, for their case.
 */
export function namesColleagues(
  start: number,
  end: number,
  discipline: boolean,
  tokens: readonly string[],
  words: readonly KindedWord[],
): boolean {
  // Colleagues by their people ("data scientists"), or one of them ("the data scientist").
  const people =
    (discipline && anyOf(words, end - 1, end + PEOPLE_AHEAD, WORD_KIND.colleagues)) ||
    // "the MLOps Engineer", "the data scientist": one colleague, named by the role.
    (words[start - 1]?.lower === 'the' &&
      (PRACTITIONER.test(words[end - 1]?.lower ?? '') ||
        PRACTITIONER.test(words[end]?.lower ?? '')));
  if (!people) {
    // A department in a list of them, itself counted: "with Legal and Procurement".
    let departments = 0;
    for (let t = Math.max(0, start - DEPARTMENTS_BEFORE); t <= start; t += 1) {
      if (capitalised(tokens[t]) && ((words[t] as KindedWord).kind & WORD_KIND.department) !== 0)
        departments += 1;
    }
    if (departments < 2) return false;
  }
  return anyOf(words, start - WORKING_WITH_WINDOW, start, WORD_KIND.workingWith);
}

/** Whether the mention at tokens [start, end) is a subject of a degree: "degree in CS, Statistics or a related field". */
export function namesSubject(
  start: number,
  end: number,
  tokens: readonly string[],
  words: readonly KindedWord[],
): boolean {
  if (!endsInSubjects(end, tokens, words)) return false;
  for (let t = start - 1; t >= Math.max(0, start - DEGREE_WINDOW); t -= 1) {
    const word = (words[t] as KindedWord).lower;
    // "research experience in ML" or "certifications (Cisco, Network+)" are not subjects.
    if (word === 'experience' || word.startsWith('certif')) return false;
    const next = words[t + 1]?.lower;
    if (
      ((words[t] as KindedWord).kind & WORD_KIND.degree) !== 0 &&
      (next === 'in' || next === 'of' || next === 'der')
    )
      return true;
  }
  return false;
}

/**
 * Whether what follows a mention ends a list of subjects: "or a related field", or the
 * sentence's end after names only ("Mathematics, Statistics, or Computer Science.").
 */
function endsInSubjects(
  end: number,
  tokens: readonly string[],
  words: readonly KindedWord[],
): boolean {
  if (anyOf(words, end, end + DEGREE_WINDOW, WORD_KIND.relatedField)) return true;
  for (let t = end; t < Math.min(words.length, end + DEGREE_WINDOW); t += 1) {
    const word = words[t] as KindedWord;
    if (isBreak(word.lower)) return true;
    if (!capitalised(tokens[t]) && word.lower !== 'or' && word.lower !== 'and') return false;
  }
  return false;
}

/** Whether the mention starting at `start` is denied: "not strict TDD", "ohne Java-Kenntnisse". */
export function denied(start: number, words: readonly KindedWord[]): boolean {
  for (let t = start - 1; t >= Math.max(0, start - NEGATION_WINDOW); t -= 1) {
    // A break ends what a denial reaches: the next sentence, line or tag is another matter.
    if (isBreak((words[t] as KindedWord).lower)) return false;
    if (((words[t] as KindedWord).kind & WORD_KIND.negation) !== 0) {
      return !NOT_DENYING.has(words[t + 1]?.lower ?? '');
    }
  }
  // "This role is not for people coming from project management": the rest of the sentence.
  for (let t = start - 1; t >= Math.max(1, start - SENTENCE_WINDOW); t -= 1) {
    if (isBreak((words[t] as KindedWord).lower)) return false;
    if (words[t]?.lower === 'for' && ((words[t - 1] as KindedWord).kind & WORD_KIND.negation) !== 0)
      return true;
  }
  return false;
}

/**
 * Whether a mention is an example of roles someone has worked on ("specializing in technical
 * roles (e.g., Software Engineers, Data Scientists)"): the kinds of role, not the skill.
 */
function examplesOfRoles(start: number, words: readonly KindedWord[]): boolean {
  for (let t = start - 1; t >= Math.max(1, start - ROLE_EXAMPLES_WINDOW); t -= 1) {
    const word = (words[t] as KindedWord).lower;
    if (isBreak(word) && word !== '.') return false;
    if ((word === 'e.g' || word === 'eg') && ROLES.has(words[t - 1]?.lower ?? '')) return true;
  }
  return false;
}

/**
 * Whether a mention names a company: a former employer ("a team coming from Salesforce,
 * Asana and Discord") or an award ("Finalist in the Google Play Awards").
 */
export function namesCompany(start: number, end: number, words: readonly KindedWord[]): boolean {
  const next = words[end]?.lower;
  if (next === 'award' || next === 'awards') return true;
  if (examplesOfRoles(start, words)) return true;
  for (let t = start - 1; t >= Math.max(1, start - SENTENCE_WINDOW); t -= 1) {
    const word = (words[t] as KindedWord).lower;
    if (isBreak(word)) return false;
    if (
      word === 'alumni' ||
      word === 'formerly' ||
      (word === 'from' && words[t - 1]?.lower === 'coming')
    )
      return true;
  }
  return false;
}

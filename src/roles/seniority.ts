import type { TitleWord } from './words.js';

/** The seniority levels a title names, lowest first; `postings.seniority` holds one or null. */
export const SENIORITIES = [
  'intern',
  'junior',
  'mid',
  'senior',
  'lead',
  'principal',
  'head',
] as const;
export type Seniority = (typeof SENIORITIES)[number];

// One word that names a level, in English, German and French. Read from canonical words,
// so "Snr.", "Sr" and "Senior" are one.
const LEVEL_WORDS: ReadonlyMap<string, Seniority> = new Map<string, Seniority>([
  ...[
    'intern', 'interns', 'internship', 'apprentice', 'apprenticeship', 'trainee', 'trainees',
    'placement', 'praktikant', 'praktikantin', 'pflichtpraktikant', 'pflichtpraktikantin',
    'praktikum', 'pflichtpraktikum', 'werkstudent', 'werkstudentin', 'werkstudierende',
    'ausbildung', 'azubi', 'auszubildende', 'auszubildender', 'stagiaire', 'alternant',
    'alternance', 'apprenti',
  ].map((w) => [w, 'intern'] as const),
  ...[
    'director', 'directors', 'vp', 'chief', 'cto', 'ciso', 'cio', 'cdo', 'cpo', 'leiter',
    'leiterin', 'leitung', 'abteilungsleiter', 'abteilungsleiterin', 'bereichsleiter',
    'bereichsleiterin', 'directeur', 'directrice', 'dsi', 'rssi',
  ].map((w) => [w, 'head'] as const),
  ...['principal', 'staff', 'distinguished'].map((w) => [w, 'principal'] as const),
  ...[
    'lead', 'leads', 'teamlead', 'teamleader', 'leader', 'teamleiter', 'teamleiterin',
    'leitender', 'leitende',
  ].map((w) => [w, 'lead'] as const),
  ...['senior', 'seniors', 'iii', 'iv'].map((w) => [w, 'senior'] as const),
  ...[
    'junior', 'juniors', 'graduate', 'graduates', 'grad', 'einsteiger', 'berufseinsteiger',
    'berufseinsteigerin', 'absolvent', 'absolventin', 'debutant', 'debutante',
  ].map((w) => [w, 'junior'] as const),
  ...['mid', 'midlevel', 'intermediate', 'ii'].map((w) => [w, 'mid'] as const),
]); // prettier-ignore

// Two words that name a level together.
const LEVEL_PAIRS: ReadonlyMap<string, Seniority> = new Map<string, Seniority>([
  ['head of', 'head'],
  ['vice president', 'head'],
  ['working student', 'intern'],
  ['dual student', 'intern'],
  ['duales studium', 'intern'],
  ['entry level', 'junior'],
  ['new grad', 'junior'],
  ['mid level', 'mid'],
  ['mid senior', 'mid'],
]);

// The most telling level wins when a title names several ("Lead Senior Data Engineer").
const PRECEDENCE: readonly Seniority[] = [
  'intern', 'head', 'principal', 'lead', 'senior', 'junior', 'mid',
]; // prettier-ignore

// "Engineer I" is a junior engineer; "Tier II", "Level 3", "2nd line" are support levels.
const ROLE_NOUNS = new Set(['engineer', 'developer', 'analyst', 'administrator', 'technician', 'scientist', 'architect', 'consultant', 'tester', 'specialist']); // prettier-ignore
const NOT_A_LEVEL_BEFORE = new Set(['tier', 'level', 'l', 'line', 'grade', 'band', 'phase', 'part']); // prettier-ignore

function levelAt(words: readonly TitleWord[], i: number): Seniority | null {
  const word = words[i]?.word as string;
  const next = words[i + 1]?.word;
  if (next !== undefined) {
    const pair = LEVEL_PAIRS.get(`${word} ${next}`);
    if (pair) return pair;
  }
  const before = words[i - 1]?.word;
  if (word === 'i') return before !== undefined && ROLE_NOUNS.has(before) ? 'junior' : null;
  const level = LEVEL_WORDS.get(word) ?? null;
  if (level === null) return null;
  if (
    (word === 'ii' || word === 'iii' || word === 'iv') &&
    before &&
    NOT_A_LEVEL_BEFORE.has(before)
  ) {
    return null;
  }
  // "Chief of Staff" is an aide, not a head or a principal; "Member of Technical Staff" any level.
  if (word === 'staff' && (before === 'of' || before === 'technical')) return null;
  if (word === 'chief' && next === 'of') return null;
  return level;
}

/**
 * The seniority a title's words name: intern, junior, mid, senior, lead, principal or
 * head (the vocabulary of `postings.seniority`), or null. "Senior / Staff": either will
 * do, so the first named; otherwise the most telling of those named.
 */
export function seniorityOfWords(words: readonly TitleWord[]): Seniority | null {
  const found: Seniority[] = [];
  for (let i = 0; i < words.length; i += 1) {
    const level = levelAt(words, i);
    if (level === null) continue;
    const next = words[i + 1];
    if (next?.slashBefore && levelAt(words, i + 1) !== null) return level;
    found.push(level);
  }
  for (const level of PRECEDENCE) if (found.includes(level)) return level;
  return null;
}

/** Whether a word only says a level (it is left out of a title's role words). */
export function isLevelWord(word: string): boolean {
  return LEVEL_WORDS.has(word) || word === 'i' || word === 'head';
}

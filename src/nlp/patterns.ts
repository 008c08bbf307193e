/**
 * Patterns over lowercased text, shared by the skill tagger's section reading and the
 * normalizers: texts are lowercased once and several patterns run over them.
 */

/**
 * A case-sensitive copy of a case-insensitive pattern, to run over lowercased text: over a
 * long text that is much the faster, and texts are lowercased once for several patterns.
 */
export function forLowercase(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace('i', ''));
}

// Where a word starts in lowercased text: no letter or digit just before.
const WORD_START = '(?<![a-z0-9_äöüßàâçéèêëîïôûùÿñæœ])';

/**
 * A pattern over lowercased text whose every alternative starts a word, tried only where
 * a word starts: a long alternation over a whole posting runs in about two thirds of the time.
 */
export function atWordStarts(source: string, flags = ''): RegExp {
  return new RegExp(`${WORD_START}(?:${source})`, flags);
}

import { decodeHTML } from 'entities';

/** What the process stage keeps of a description: enough for every reader, bounded. */
export const TEXT_LIMITS = {
  /** Characters of clean description text kept and tagged. */
  description: 50_000,
  /** Characters of HTML read before cleaning: a 5 MB page is cut before any regex runs. */
  html: 400_000,
  title: 300,
  company: 200,
  location: 200,
} as const;

export interface CleanText {
  readonly text: string;
  /** What cleaning had to do that a reader may want to know: "truncated", "binary", "mojibake". */
  readonly notes: readonly string[];
}

// Windows-1252 puts printable characters where Latin-1 has C1 controls; mojibake made
// through it has to be mapped back to those bytes before UTF-8 can be re-read.
const CP1252: Readonly<Record<string, number>> = {
  '€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88,
  '‰': 0x89, 'Š': 0x8a, '‹': 0x8b, 'Œ': 0x8c, 'Ž': 0x8e, '‘': 0x91, '’': 0x92, '“': 0x93,
  '”': 0x94, '•': 0x95, '–': 0x96, '—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9a, '›': 0x9b,
  'œ': 0x9c, 'ž': 0x9e, 'Ÿ': 0x9f,
}; // prettier-ignore
const CP1252_CLASS = Object.keys(CP1252).join('');
// A UTF-8 sequence read as Latin-1 or Windows-1252: a lead byte (Â..ô) and as many
// continuation bytes as it announces, each read the same way.
const CONTINUATION = `[\\u0080-\\u00bf${CP1252_CLASS}]`;
const SEQUENCE = `[\\u00c2-\\u00df]${CONTINUATION}|[\\u00e0-\\u00ef]${CONTINUATION}{2}|[\\u00f0-\\u00f4]${CONTINUATION}{3}`;
const MOJIBAKE = new RegExp(SEQUENCE);
const MOJIBAKE_SEQUENCE = new RegExp(SEQUENCE, 'g');
const MOJIBAKE_RUN = new RegExp(`(?:${SEQUENCE})+`, 'g');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Whether text still holds a UTF-8 sequence read as Latin-1 or Windows-1252 ("Ã©", "â€™"). */
export function hasMojibake(text: string): boolean {
  return MOJIBAKE.test(text);
}

/** Layers of mis-encoding undone at most: RemoteOK's feed carries text encoded three times. */
const MOJIBAKE_LAYERS = 4;

/**
 * Repairs text that was UTF-8, read as Latin-1 or Windows-1252 and encoded again
 * ("â€™" for "’", "Ã©" for "é"), as many times as it was ("Ã¢Â€Â¢" for "•" is
 * two layers deep). Only runs that decode cleanly are replaced, so text that merely
 * contains "Ã" or "â" is left alone.
 */
export function repairMojibake(text: string): string {
  let current = text;
  for (let layer = 0; layer < MOJIBAKE_LAYERS; layer += 1) {
    const repaired = repairOneLayer(current);
    if (repaired === current) break;
    current = repaired;
  }
  return current;
}

function repairOneLayer(text: string): string {
  if (!MOJIBAKE.test(text)) return text;
  // A run that does not decode whole may still hold sequences that do.
  return text.replace(
    MOJIBAKE_RUN,
    (run) => decodeLatin1(run) ?? run.replace(MOJIBAKE_SEQUENCE, (one) => decodeLatin1(one) ?? one),
  );
}

/** The text's characters as the bytes they were read from, decoded as UTF-8; null if invalid. */
function decodeLatin1(run: string): string | null {
  const bytes = new Uint8Array(run.length);
  for (let i = 0; i < run.length; i += 1) {
    const ch = run[i] as string;
    const code = ch.charCodeAt(0);
    bytes[i] = code <= 0xff ? code : (CP1252[ch] ?? 0);
  }
  try {
    return utf8.decode(bytes);
  } catch {
    return null;
  }
}

// One pass over the markup: dropped blocks and comments, then any tag, by name.
const MARKUP =
  /<(script|style|noscript|template|svg|head)\b[^>]*>[\s\S]*?<\/\1\s*>|<!--[\s\S]*?(?:-->|$)|<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>/gi;
const BLOCK = new Set(['p', 'div', 'br', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'tr', 'table', 'section', 'article', 'header', 'footer', 'blockquote', 'pre', 'dd', 'dt', 'hr']); // prettier-ignore
const ANY_TAG = /<\/?[a-zA-Z][^>]*>/g;

function replaceMarkup(
  _match: string,
  dropped: string | undefined,
  closing: string,
  name: string | undefined,
): string {
  if (dropped !== undefined || name === undefined) return ' ';
  const tag = name.toLowerCase();
  if (tag === 'li' && closing === '') return '\n- ';
  return BLOCK.has(tag) ? '\n' : ' ';
}
const ESCAPED_TAGS = /&lt;\/?[a-z][a-z0-9]*(?:\s|&gt;|\/)/i;
const REAL_TAGS = /<\/?[a-z][a-z0-9]*[\s>/]/i;
// C0 controls other than tab and newline, and the Unicode replacement character.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffd]/g;

/**
 * A listing description as plain text: tags dropped, block structure kept as line
 * breaks, entities decoded (also when a source escaped its whole HTML, as Greenhouse
 * does), mojibake repaired, control characters and binary junk removed, size bounded.
 */
export function cleanDescription(input: string | null | undefined): CleanText {
  if (!input) return { text: '', notes: [] };
  const notes: string[] = [];
  let html = input;
  if (html.length > TEXT_LIMITS.html) {
    html = html.slice(0, TEXT_LIMITS.html);
    notes.push('truncated');
  }
  CONTROL.lastIndex = 0;
  const controls = CONTROL.test(html) ? (html.match(CONTROL)?.length ?? 0) : 0;
  if (controls > 0) {
    // Text that is mostly control bytes is not a description at all.
    if (controls > 32 && controls / html.length > 0.1)
      return { text: '', notes: [...notes, 'binary'] };
    html = html.replace(CONTROL, ' ');
  }
  if (!REAL_TAGS.test(html) && ESCAPED_TAGS.test(html)) html = decodeHTML(html);
  let text = html.includes('<') ? html.replace(MARKUP, replaceMarkup) : html;
  if (text.includes('&')) text = decodeHTML(text);
  const repaired = repairMojibake(text);
  if (repaired !== text) notes.push('mojibake');
  text = collapseWhitespace(repaired);
  if (text.length > TEXT_LIMITS.description) {
    text = text.slice(0, TEXT_LIMITS.description);
    if (!notes.includes('truncated')) notes.push('truncated');
  }
  return { text, notes };
}

function collapseWhitespace(text: string): string {
  return (
    text
      // Runs of blanks, and single blanks other than a space; a lone space stays as it is.
      .replace(/[ \t\u00a0\u2000-\u200b\u202f\u3000]{2,}|[\t\u00a0\u2000-\u200b\u202f\u3000]/g, ' ')
      .replace(/ ?\n[ \n]*/g, '\n')
      .trim()
  );
}

/** A one-line field (title, company, location): entities decoded, repaired, bounded. */
export function cleanLine(input: string | null | undefined, max: number): string | null {
  if (!input) return null;
  const text = repairMojibake(decodeHTML(input.replace(ANY_TAG, ' ')))
    .replace(CONTROL, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text === '') return null;
  return text.length <= max ? text : text.slice(0, max).trimEnd();
}

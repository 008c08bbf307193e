import { open } from 'node:fs/promises';
import { UsageError } from './errors.js';

/*
 * What `skillpulse import` says of a file it cannot use. A file is whatever the user
 * points at (an empty download, a cut-off response, an image): the message names the
 * problem and shows at most a short excerpt of the file, escaped, never its raw bytes.
 */

/** How much of a file is read to tell whether it can be a saved response. */
const HEAD_BYTES = 64 * 1024;

/** Characters of a file shown in a message. */
const EXCERPT_CHARS = 40;

/**
 * `text` as it may be printed to a terminal: printable ASCII as is, other characters
 * escaped (\n, \x1b, \u00e9), cut to `max` characters with an ellipsis, in quotes.
 */
export function excerpt(text: string, max = EXCERPT_CHARS): string {
  const chars = [...text];
  const shown = chars
    .slice(0, max)
    .map((c) => {
      if (c === '"' || c === '\\') return `\\${c}`;
      if (c === '\n') return '\\n';
      if (c === '\r') return '\\r';
      if (c === '\t') return '\\t';
      const code = c.codePointAt(0) ?? 0;
      if (code >= 0x20 && code < 0x7f) return c;
      if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
      return code < 0x10000
        ? `\\u${code.toString(16).padStart(4, '0')}`
        : `\\u{${code.toString(16)}}`;
    })
    .join('');
  return `"${shown}${chars.length > max ? '…' : ''}"`;
}

/** Whether a file's first bytes are binary: a NUL byte, or not UTF-8. */
export function looksBinary(head: Uint8Array): boolean {
  if (head.includes(0)) return true;
  try {
    // `stream` lets a character cut off at the end of the head pass.
    new TextDecoder('utf-8', { fatal: true }).decode(head, { stream: true });
    return false;
  } catch {
    return true;
  }
}

/**
 * Reads the start of a file to import and refuses one that cannot be a saved response
 * (missing, empty, binary); returns that start as text, for messages about it.
 */
export async function checkImportFile(file: string): Promise<string> {
  let head: Uint8Array;
  try {
    const handle = await open(file, 'r');
    try {
      const buffer = Buffer.alloc(HEAD_BYTES);
      const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
      head = buffer.subarray(0, bytesRead);
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (head.length === 0) throw new UsageError(`${file} is empty: there is nothing to import`);
  if (looksBinary(head)) {
    const start = Buffer.from(head.subarray(0, 16)).toString('latin1');
    throw new UsageError(
      `${file} is a binary file (it starts ${excerpt(start, 16)}), not a saved response: expected JSON, HTML, RSS or Atom text`,
    );
  }
  const text = Buffer.from(head).toString('utf8');
  if (text.trim() === '') {
    throw new UsageError(`${file} holds only white space: there is nothing to import`);
  }
  return text;
}

/**
 * The usage error for a file the source's adapter could not read (`error`, its
 * ParseError): the reason without the excerpt JSON.parse puts in its message, whether
 * the file looks cut off, and how the file starts.
 */
export function unreadableResponse(
  file: string,
  sourceId: string,
  error: Error,
  head: string,
): UsageError {
  // V8's JSON errors quote the input: `Unexpected token 'x', "…" is not valid JSON`.
  const reason = error.message.replace(/, ".*"(?:\.\.\.)? is not valid JSON$/s, '');
  // A parser that stopped at the very end of the file (all of it in `head`) wanted more.
  const position = /at position (\d+)/.exec(reason)?.[1];
  const stoppedAtEnd =
    position !== undefined &&
    Buffer.byteLength(head) < HEAD_BYTES &&
    Number(position) >= head.trimEnd().length;
  const truncated =
    stoppedAtEnd || /Unexpected end of JSON input|Unterminated|end of (?:data|input)/i.test(reason)
      ? '; the file ends early: is it cut off?'
      : '';
  return new UsageError(
    `${file}: ${sourceId} cannot read it: ${excerpt(reason, 160).slice(1, -1)}${truncated} (it starts ${excerpt(head.trimStart())})`,
    { cause: error },
  );
}

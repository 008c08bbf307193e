import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/errors.js';
import {
  checkImportFile,
  excerpt,
  looksBinary,
  unreadableResponse,
} from '../../src/cli/import-check.js';

const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-import-check-'));
const file = (name: string, content: string | Uint8Array) => {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
};

/** The characters of a message a terminal would not show as they are. */
const rawBytes = (message: string) =>
  [...message].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x20 || (code >= 0x7f && code <= 0xff);
  });

describe('excerpt', () => {
  it('shows printable text as is and escapes the rest, cut short', () => {
    expect(excerpt('{"jobs": []}')).toBe('"{\\"jobs\\": []}"');
    expect(excerpt('\u001b[31mred\u0000\n\u00e9\u2028', 40)).toBe(
      '"\\x1b[31mred\\x00\\n\\xe9\\u2028"',
    );
    expect(excerpt('x'.repeat(100), 10)).toBe(`"${'x'.repeat(10)}…"`);
  });
});

describe('looksBinary', () => {
  it('tells text in UTF-8 from binary bytes', () => {
    expect(looksBinary(Buffer.from('{"title": "Développeur Go"}'))).toBe(false);
    // A character cut off at the end of what was read is still text.
    expect(looksBinary(Buffer.from('Développeur').subarray(0, 3))).toBe(false);
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]))).toBe(
      true,
    );
    expect(looksBinary(Buffer.from([0x7b, 0xff, 0xfe, 0x41]))).toBe(true);
  });
});

describe('checkImportFile', () => {
  it('refuses a missing, empty, blank or binary file, naming the problem', async () => {
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      Buffer.from('\u001b[2J'.repeat(500)),
    ]);
    const cases: [string, RegExp][] = [
      [path.join(dir, 'missing.json'), /cannot read .*missing\.json: ENOENT/],
      [file('empty.json', ''), /empty\.json is empty: there is nothing to import/],
      [file('blank.json', '  \n\t\n'), /blank\.json holds only white space/],
      [
        file('image.json', png),
        /image\.json is a binary file \(it starts "\\x89PNG\\r\\n\\x1a\\n\\x00/,
      ],
    ];
    for (const [target, message] of cases) {
      const error = await checkImportFile(target).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, target).toBeInstanceOf(UsageError);
      expect((error as Error).message, target).toMatch(message);
      // Never the raw bytes: no escape character, no NUL, at most a short excerpt.
      expect(rawBytes((error as Error).message)).toEqual([]);
      expect((error as Error).message.length).toBeLessThan(300);
    }
  });

  it('gives back the start of a text file', async () => {
    expect(await checkImportFile(file('ok.json', '{"jobs":[]}'))).toBe('{"jobs":[]}');
  });
});

describe('unreadableResponse', () => {
  it("drops JSON.parse's quote of the input and says a cut-off file ends early", () => {
    let parseError: Error;
    try {
      JSON.parse('{"jobs":[{"title":"Go dev');
      throw new Error('parsed');
    } catch (error) {
      parseError = new Error(`not valid JSON: ${(error as Error).message}`);
    }
    const truncated = unreadableResponse(
      'cut.json',
      'remoteok',
      parseError,
      '{"jobs":[{"title":"Go dev',
    );
    expect(truncated).toBeInstanceOf(UsageError);
    expect(truncated.message).toMatch(/^cut\.json: remoteok cannot read it: not valid JSON: /);
    expect(truncated.message).toMatch(/the file ends early: is it cut off\?/);
    expect(truncated.message).toMatch(/\(it starts "\{\\"jobs\\":\[\{\\"title\\":\\"Go dev"\)$/);

    // V8 names the place it stopped: the end of the file, so the file is cut off.
    const cut = '{"truncated": [1, 2';
    let cutError: Error;
    try {
      JSON.parse(cut);
      throw new Error('parsed');
    } catch (error) {
      cutError = new Error(`not valid JSON: ${(error as Error).message}`);
    }
    expect(unreadableResponse('cut.json', 'lever', cutError, cut).message).toMatch(
      /the file ends early/,
    );

    const html = `<html>${'\u001b'.repeat(3)}${'x'.repeat(500)}`;
    let htmlError: Error;
    try {
      JSON.parse(html);
      throw new Error('parsed');
    } catch (error) {
      htmlError = new Error(`not valid JSON: ${(error as Error).message}`);
    }
    const page = unreadableResponse('page.html', 'remoteok', htmlError, html);
    expect(page.message).toMatch(/not valid JSON: Unexpected token '<' \(it starts "<html>\\x1b/);
    expect(page.message).not.toMatch(/is not valid JSON|x{41}/);
    expect(rawBytes(page.message)).toEqual([]);
    expect(page.message).not.toMatch(/ends early/);
  });
});

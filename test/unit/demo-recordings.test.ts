import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEMO_RECORDINGS } from '../../src/demo/recorded.js';
import { RECORDINGS } from '../helpers/recordings.js';

/** Every file under a folder, by its path inside it. */
function filesUnder(root: URL): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `${entry.parentPath}/${entry.name}`.slice(root.pathname.length))
    .sort();
}

describe("the demo's recordings", () => {
  const files = filesUnder(DEMO_RECORDINGS);

  it('are some of the corpus', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s is the corpus recording, byte for byte', (file) => {
    const copy = readFileSync(new URL(file, DEMO_RECORDINGS));
    expect(copy.equals(readFileSync(new URL(file, RECORDINGS)))).toBe(true);
  });
});

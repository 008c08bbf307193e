import { readFileSync } from 'node:fs';

/*
 * The fixture web answers in the shapes of real responses: each source's items are made
 * from an item of a real recording, its fields set from the simulated market, so field
 * names, nesting, nulls and quirks are the real site's. The recordings it needs are
 * copies of the corpus's (test/recordings/<source>/), kept here so that the demo ships
 * without the tests; test/unit/demo-recordings.test.ts keeps them identical.
 */

/** The demo's recordings, beside this module in src/ and in its build under dist/. */
export const DEMO_RECORDINGS = new URL('./recordings/', import.meta.url);

const cache = new Map<string, string>();

/** A recording's text, as recorded. */
export function recordedText(source: string, file: string): string {
  const key = `${source}/${file}`;
  let text = cache.get(key);
  if (text === undefined) {
    text = readFileSync(new URL(key, DEMO_RECORDINGS), 'utf8');
    cache.set(key, text);
  }
  return text;
}

/** A JSON recording, parsed afresh (callers change what they take). */
export function recorded<T = unknown>(source: string, file: string): T {
  return JSON.parse(recordedText(source, file)) as T;
}

/** A copy of a recorded item with some of its fields set: its other fields stay as recorded. */
export function fill<T extends Record<string, unknown>>(template: T, values: Partial<T>): T {
  return { ...structuredClone(template), ...values };
}

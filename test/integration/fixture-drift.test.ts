import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFixtureWeb, type FixtureWeb } from '../../src/demo/server.js';
import { corpus, recordingPath } from '../helpers/recordings.js';
import type { DriftKind, Parts } from '../helpers/drift.js';
import { shapeDrift, shapeOf } from '../helpers/shape.js';

/*
 * The fixture web must answer in the shapes the real sites send: for each kind of
 * response that has real recordings, the fixture's response and the recordings are read
 * into their structure (keys, types, nesting; for feeds their elements, for pages their
 * elements' tags and classes) and compared. A key or element the real responses never
 * have, one they always have that the fixture leaves out, or another type, is drift.
 */

/** Every source's kinds of response, from its file under drift/: a new source adds its own. */
const FOLDER = new URL('./drift/', import.meta.url);
const KINDS: readonly DriftKind[] = (
  await Promise.all(
    readdirSync(FOLDER)
      .filter((file) => file.endsWith('.ts'))
      .sort()
      .map(async (file) => {
        const module = (await import(new URL(file, FOLDER).href)) as { kinds: DriftKind[] };
        return module.kinds;
      }),
  )
).flat();

describe('fixture web shapes against the real recordings', () => {
  let web: FixtureWeb;
  beforeAll(async () => {
    // Enough postings for every paged source to have a next page, as the recordings do.
    web = await startFixtureWeb({ marketOptions: { weeks: 2, perWeek: 100 } });
  });
  afterAll(async () => web?.close());

  const get = async (path: string) => {
    const response = await fetch(`${web.url}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };

  it("reads every source's kinds from drift/", () => {
    expect(KINDS.length).toBeGreaterThanOrEqual(14);
  });

  it.each(KINDS.map((k) => [k.name, k] as const))('%s', async (_, kind) => {
    const files = corpus()
      .find((s) => s.source === kind.source)!
      .files.filter((f) => kind.files.test(f));
    expect(files.length, `recordings of ${kind.name}`).toBeGreaterThan(0);
    const recorded = merge(files.map((f) => kind.parts(readFileSync(recordingPath(kind.source, f), 'utf8')))); // prettier-ignore
    const bodies =
      typeof kind.paths === 'function' ? await kind.paths(get) : await Promise.all(kind.paths.map(get)); // prettier-ignore
    const fixture = merge(bodies.map((b) => kind.parts(b)));
    const drift: string[] = [];
    for (const [part, values] of Object.entries(recorded)) {
      expect(fixture[part]?.length ?? 0, `the fixture answers no ${part}`).toBeGreaterThan(0);
      drift.push(...shapeDrift(shapeOf(fixture[part]!), shapeOf(values), part));
    }
    expect(drift).toEqual([]);
  });
});

function merge(parts: readonly Parts[]): Parts {
  const merged: Parts = {};
  for (const p of parts) {
    for (const [name, values] of Object.entries(p)) (merged[name] ??= []).push(...values);
  }
  return merged;
}

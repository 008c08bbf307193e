import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  JsonFrameError,
  readJsonInChunks,
  type JsonChunk,
  type JsonStreamOptions,
} from '../../src/crawl/json-stream.js';
import { ParseError } from '../../src/sources/types.js';
import { RECORDINGS } from '../helpers/recordings.js';

const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-json-stream-'));
let files = 0;

async function chunksOf(text: string, options?: JsonStreamOptions): Promise<JsonChunk[]> {
  const file = path.join(dir, `${files++}.json`);
  writeFileSync(file, text);
  const chunks: JsonChunk[] = [];
  await readJsonInChunks(file, (chunk) => Promise.resolve(void chunks.push(chunk)), options);
  return chunks;
}

describe('readJsonInChunks', () => {
  it('reads every JSON recording as JSON.parse does, in one chunk when it fits', async () => {
    const recordings = readdirSync(RECORDINGS, { recursive: true, encoding: 'utf8' }).filter((f) =>
      f.endsWith('.json'),
    );
    expect(recordings.length).toBeGreaterThan(15);
    for (const recording of recordings) {
      const text = readFileSync(new URL(recording, RECORDINGS), 'utf8');
      const chunks = await chunksOf(text);
      expect(chunks, recording).toHaveLength(1);
      expect(chunks[0]!.document, recording).toEqual(JSON.parse(text));
    }
  });

  it('hands the longest list over in chunks, each in the rest of the response', async () => {
    const response = {
      status: 'success',
      result: {
        projects: Array.from({ length: 7 }, (_, i) => ({ id: i, tags: ['go', { n: i }] })),
        users: { '7': { country: 'DE' } },
        total_count: 7,
      },
    };
    const chunks = await chunksOf(JSON.stringify(response), { itemsPerChunk: 3 });
    expect(chunks.map((c) => c.positions)).toEqual([[0, 1, 2], [3, 4, 5], [6]]);
    for (const chunk of chunks) {
      const document = chunk.document as typeof response;
      expect(document.result.users).toEqual(response.result.users);
      expect(document.result.total_count).toBe(7);
      expect(document.result.projects).toEqual(
        chunk.positions.map((i) => response.result.projects[i]),
      );
    }
  });

  it('reads a top-level list, and a file without any list as one chunk', async () => {
    const list = await chunksOf('[1, "two", {"three": 3}, null]', { itemsPerChunk: 2 });
    expect(list.map((c) => c.document)).toEqual([
      [1, 'two'],
      [{ three: 3 }, null],
    ]);
    const single = await chunksOf('{"id": 5, "text": "a comment"}');
    expect(single.map((c) => c.document)).toEqual([{ id: 5, text: 'a comment' }]);
    const empty = await chunksOf('{"jobs": [], "count": 0}');
    expect(empty.map((c) => c.document)).toEqual([{ jobs: [], count: 0 }]);
  });

  it('skips elements too deep or too large by position, never building them', async () => {
    const text = `[{"id":1},{"id":2,"deep":${'['.repeat(10_000)}${']'.repeat(10_000)}},{"id":1e309},{"id":3,"blob":"${'x'.repeat(1_100_000)}"},{"id":4}]`;
    const chunks = await chunksOf(text, { itemsPerChunk: 2 });
    const elements = chunks.flatMap((c) => c.document as { id: number }[]);
    expect(elements.map((e) => e.id)).toEqual([1, Infinity, 4]);
    expect(chunks.flatMap((c) => c.positions)).toEqual([0, 2, 4]);
    expect(chunks.flatMap((c) => c.skipped).map((s) => [s.item, s.reason])).toEqual([
      ['#1', 'too_deep'],
      ['#3', 'too_large'],
    ]);
  });

  it('keeps __proto__ an own key, as JSON.parse does', async () => {
    const [chunk] = await chunksOf('[{"__proto__": {"polluted": true}, "id": 1}]');
    const [item] = chunk!.document as Record<string, unknown>[];
    expect(Object.keys(item!)).toEqual(['__proto__', 'id']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses invalid JSON and a response with two long lists, naming the problem', async () => {
    await expect(chunksOf('[{"id": 1}, {"id":')).rejects.toBeInstanceOf(ParseError);
    const twoLists = JSON.stringify({ a: Array(1_500).fill(1), b: Array(2_000).fill(2) });
    await expect(chunksOf(twoLists)).rejects.toThrow(JsonFrameError);
    await expect(chunksOf(twoLists)).rejects.toThrow(/more than one long list \(b, a\)/);
    const bigFrame = JSON.stringify({ jobs: [1, 2], note: 'x'.repeat(2_000) });
    await expect(chunksOf(bigFrame, { frameChars: 1_000 })).rejects.toThrow(JsonFrameError);
  });
});

import { describe, expect, it } from 'vitest';
import {
  compareListing,
  corpus,
  listingOf,
  readRecording,
  sameItem,
} from '../helpers/recordings.js';

/*
 * Conformance of every adapter on the real recordings of its source: each item of a
 * response becomes a listing, a posting page to fetch, or a named skip; and the fields of
 * the labelled items match what a reader of the recording wrote (expected.yaml, written
 * by reading the recordings, never from the adapters' output).
 */
const sources = corpus();

describe('the corpus of real recordings', () => {
  it('holds at least 24 recordings across at least 12 sources, each source with its provenance', () => {
    const withRecordings = sources.filter((s) => s.files.length > 0);
    expect(withRecordings.reduce((n, s) => n + s.files.length, 0)).toBeGreaterThanOrEqual(24);
    expect(withRecordings.length).toBeGreaterThanOrEqual(12);
    for (const s of sources) expect(s.labels !== null || s.files.length === 0, s.source).toBe(true);
  });

  it.each(sources.filter((s) => s.labels !== null).map((s) => [s.source, s] as const))(
    '%s: every recording is labelled',
    (_, s) => {
      expect(s.labels!.recordings.map((r) => r.file).sort()).toEqual(s.files);
    },
  );
});

const recordings = sources.flatMap(
  (s) =>
  (s.labels?.recordings ?? []).map((r) => [`${s.source}/${r.file}`, s.source, r, s.labels!.unchecked] as const), // prettier-ignore
);

describe.each(recordings)('%s', (_, source, labels, unchecked) => {
  const result = readRecording(source, labels);
  const listings = result.listings ?? [];
  const skipped = result.skipped ?? [];
  const details = (result.requests ?? []).filter((r) => r.role === 'detail');

  it('reads every item as a listing, a posting page or a named skip', () => {
    expect(listings.length + skipped.length + details.length).toBe(labels.items);
    expect(details.length).toBe(labels.detailLinks ?? 0);
    expect(skipped.filter((s) => s.malformed)).toEqual([]);
    for (const { item } of labels.notListings ?? []) {
      expect(
        skipped.some((s) => sameItem(s.item, item)),
        `${item} is not skipped`,
      ).toBe(true);
    }
    // Skipping is for what is no listing: never one a reader labelled as a listing.
    for (const listing of labels.listings) {
      expect(skipped.some((s) => sameItem(s.item, listing.id)), `${listing.id} is skipped`).toBe(false); // prettier-ignore
    }
  });

  it.each(labels.listings.map((l) => [l.id, l] as const))(
    'item %s reads as labelled',
    (id, expected) => {
      // A search page's rows are postings to fetch: their link is what the page gives.
      const detail = details.find((r) => r.userData?.pid === id);
      if (detail) {
        expect(detail.url).toBe(expected.url);
        return;
      }
      const listing = listingOf(result, id);
      expect(listing, `no listing with id ${id}`).toBeDefined();
      expect(compareListing(listing!, expected, unchecked)).toEqual([]);
    },
  );
});

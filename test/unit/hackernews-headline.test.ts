import { describe, expect, it } from 'vitest';
import { parseHeadline } from '../../src/sources/hackernews-headline.js';
import { cleanLine } from '../../src/normalize/text.js';
import { corpus, listingOf, readRecording, type ListingLabels } from '../helpers/recordings.js';
import type { ListingInput } from '../../src/sources/types.js';

/** Words of a place, without the connectives and work-mode words around it. */
const placeWords = (text: string | null | undefined) =>
  new Set(
    (cleanLine(text, 500) ?? '')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !/^(or|and|only|remote|onsite|on|site|the|in)$/.test(w)),
  );
const sameCompany = (a: string | null | undefined, b: string | null) =>
  (cleanLine(a, 200)?.toLowerCase() ?? null) === (cleanLine(b, 200)?.toLowerCase() ?? null);
/** Every word of the labelled place is in the place read (none read when none labelled). */
const samePlace = (read: string | null | undefined, labelled: string | null) => {
  const want = placeWords(labelled);
  const got = placeWords(read);
  return [...want].every((w) => got.has(w)) && (want.size > 0 || got.size === 0);
};
const sameRemote = (listing: ListingInput, labelled: boolean | null) =>
  labelled === null ? listing.remote !== true : (listing.remote === true) === labelled;

describe('Hacker News headlines on the real February 2020 thread', () => {
  const hn = corpus().find((s) => s.source === 'hackernews')!.labels!;
  const comments = hn.recordings.flatMap(
    (r) =>
    r.listings.map((label) => ({ label, listing: listingOf(readRecording('hackernews', r), label.id) })), // prettier-ignore
  );

  it('reads company, place and remote from at least 90% of the job comments', () => {
    const misses: string[] = [];
    let right = 0;
    for (const { label, listing } of comments) {
      expect(listing, label.id).toBeDefined();
      const wrong = fieldsWrong(listing!, label);
      if (wrong.length === 0) right += 1;
      else misses.push(`${label.id}: ${wrong.join(', ')}`);
    }
    expect(comments.length).toBeGreaterThanOrEqual(30);
    expect(right / comments.length, misses.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

function fieldsWrong(listing: ListingInput, label: ListingLabels): string[] {
  const wrong: string[] = [];
  if (!sameCompany(listing.company, label.company)) wrong.push(`company ${JSON.stringify(listing.company)}`); // prettier-ignore
  if (!samePlace(listing.location, label.location)) wrong.push(`location ${JSON.stringify(listing.location)}`); // prettier-ignore
  if (!sameRemote(listing, label.remote)) wrong.push(`remote ${String(listing.remote)}`);
  return wrong;
}

describe('parseHeadline', () => {
  it('reads the first line before the first <p>, and inside it since Algolia wraps it (2023)', () => {
    const older =
      'Acme | Senior Go Engineer | Berlin, Germany | REMOTE (EU) | €90k<p>We build payments.';
    const wrapped = '<p>Acme | Senior Go Engineer | Berlin, Germany | REMOTE (EU) | €90k</p><p>We build payments.</p>'; // prettier-ignore
    for (const html of [older, wrapped]) {
      expect(parseHeadline(html)).toMatchObject({
        company: 'Acme',
        title: 'Senior Go Engineer',
        location: 'Berlin, Germany; REMOTE (EU)',
        remote: true,
        rate: '€90k',
      });
    }
  });

  it('decodes entities and leaves links out', () => {
    expect(
      parseHeadline('Kite &amp; Co | Backend Engineer | New York, NY | https:&#x2F;&#x2F;kite.example<p>x'),
    ).toMatchObject({ company: 'Kite & Co', title: 'Backend Engineer', location: 'New York, NY', remote: null }); // prettier-ignore
  });

  it('reads the older styles: "City - Role", "Company - City - Role" and a sentence', () => {
    expect(parseHeadline('Montreal - PHP/MySQL Developer<p>We are a small team.')).toMatchObject({
      company: null,
      title: 'PHP/MySQL Developer',
      location: 'Montreal',
    });
    expect(parseHeadline('Twilio - San Francisco, CA - Software Engineers<p>…')).toMatchObject({
      company: 'Twilio',
      title: 'Software Engineers',
      location: 'San Francisco, CA',
    });
    expect(parseHeadline('Acme is hiring Rails developers in Boston.<p>…')).toMatchObject({
      company: 'Acme',
    });
  });

  it('says on-site only where the line does, and remote where it allows it', () => {
    expect(parseHeadline('Acme | Engineer | London | ONSITE').remote).toBe(false);
    expect(parseHeadline('Acme | Engineer | London | ONSITE or REMOTE').remote).toBe(true);
    expect(parseHeadline('Acme | Engineer | London').remote).toBeNull();
  });
});

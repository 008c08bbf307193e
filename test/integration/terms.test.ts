import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewPosting } from '../../src/db/schema.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { emergingTerms, termsOf } from '../../src/skills/terms.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const NOW = new Date('2026-11-25T12:00:00Z');
const week = (back: number) => new Date(Date.UTC(2026, 10, 23 - 7 * back, 10));

describe('termsOf', () => {
  it('gives 1- to 3-word terms without stop words at their ends', () => {
    const terms = termsOf('Experience with the wasmCloud runtime.');
    expect(terms).toContain('wasmcloud runtime');
    expect(terms).toContain('wasmcloud');
    expect(terms).not.toContain('with the wasmcloud');
    expect(terms).not.toContain('the');
  });
});

describe('emergingTerms', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase('pglite');
    const db = database.db;
    await db.insertInto('sources').values({ id: 's', name: 's', adapter: 'rss' }).execute();
    const raw = await db
      .insertInto('raw_listings')
      .values({
        source_id: 's',
        external_id: 'r',
        url: 'u',
        content_hash: 'h',
        fetched_at: NOW,
        payload: '{}',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const rows: NewPosting[] = [];
    const add = (back: number, text: string) => {
      const n = rows.length;
      rows.push({
        source_id: 's',
        external_id: String(n),
        raw_listing_id: raw.id,
        url: `u${n}`,
        title: 'Platform Engineer',
        description: text,
        content_hash: `c${n}`,
        first_seen_at: week(back),
        last_seen_at: week(back),
        posted_at: week(back),
      });
    };
    for (let back = 1; back <= 12; back += 1) {
      for (let i = 0; i < 10; i += 1) {
        const recent = back <= 4;
        const parts = ['Kubernetes and Terraform on AWS.', 'Quarterly offsite in Lisbon.'];
        // New in the recent weeks, unknown to the taxonomy, in 3 of 10 postings a week.
        if (recent && i < 3) parts.push('Build agents on the wasmCloud lattice.');
        // Known to the taxonomy and rising: never listed.
        if (recent && i < 5) parts.push('Experience with Pulumi.');
        // New, but in too few postings.
        if (recent && back === 1 && i === 0) parts.push('Some zigbee gateways.');
        add(back, parts.join(' '));
      }
    }
    await db.insertInto('postings').values(rows).execute();
  });
  afterAll(() => database?.drop());

  it('lists unknown terms that rose, with support and a z statistic', async () => {
    const result = await emergingTerms(database.db, defaultTagger(), { now: NOW, minSupport: 5 });
    expect(result.recentPostings).toBe(40);
    expect(result.postingsBefore).toBe(80);
    const terms = result.terms.map((t) => t.term);
    const top = result.terms.find((t) => t.term.includes('wasmcloud'));
    expect(top).toMatchObject({
      term: 'wasmcloud lattice',
      postings: 12,
      share: 0.3,
      shareBefore: 0,
    });
    expect(top!.z).toBeGreaterThan(4);
    expect(top!.tfidf).toBeGreaterThan(0);
    // One listing for the phrase, not one for each of its parts.
    expect(terms.filter((t) => t.includes('wasmcloud'))).toHaveLength(1);
    expect(terms.join(' ')).not.toMatch(/pulumi|kubernetes|zigbee|lisbon/);
  });

  it('never lists a term under the minimum support', async () => {
    const result = await emergingTerms(database.db, defaultTagger(), { now: NOW, minSupport: 13 });
    expect(result.terms).toEqual([]);
  });
});

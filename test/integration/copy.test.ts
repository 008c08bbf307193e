import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { copyInto, CopyText } from '../../src/db/copy.js';
import { writeRate } from '../../src/trends/tally.js';
import { BACKENDS, createTestDatabase } from '../helpers/database.js';

describe('COPY text', () => {
  it('writes integers digit by digit, cents with two decimals, nulls and escaped text', () => {
    const out = new CopyText();
    out
      .number(0)
      .number(-42)
      .number(9007199254740991)
      .number(0.1 + 0.2)
      .number(1e21)
      .endRow();
    out.cents(5).cents(100).cents(12345).cents(-7).null().endRow();
    out
      .text('tab\there')
      .text('line\nbreak\r')
      .text('back\\slash')
      .text('\\N')
      .text('Zürich')
      .endRow();
    expect(Buffer.concat(out.chunks()).toString('utf8')).toBe(
      '0\t-42\t9007199254740991\t0.30000000000000004\t1e+21\n' +
        '0.05\t1.00\t123.45\t-0.07\t\\N\n' +
        'tab\\there\tline\\nbreak\\r\tback\\\\slash\t\\\\N\tZürich\n',
    );
    expect(out.rows).toBe(3);
  });

  it('cuts chunks at row ends only', () => {
    const out = new CopyText();
    for (let i = 0; i < 40_000; i += 1) out.text('x'.repeat(20)).number(i).endRow();
    const chunks = out.chunks();
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks) expect(chunk.at(-1)).toBe('\n'.charCodeAt(0));
    expect(Buffer.concat(chunks).toString().split('\n')).toHaveLength(40_001);
  });
});

describe.each(BACKENDS)('COPY into a table (%s)', (backend) => {
  it('carries any text and number through unchanged', async () => {
    const database = await createTestDatabase(backend, { migrate: false });
    try {
      const { db } = database;
      await sql`create table copied (i int, t text, x float8)`.execute(db);
      // Crawled text reaches the trend tables (a country, a work mode): tabs, line breaks,
      // backslashes, the word NULL, COPY's own \N, blanks and non-ASCII must all survive.
      const texts = [
        'a\tb',
        'line\nbreak',
        'cr\rhere',
        'back\\slash',
        'NULL',
        '\\N',
        '',
        ' spaced ',
        'Zürich ✓',
        null,
      ];
      const numbers = [
        1.5,
        -0.25,
        1e-7,
        123456789.123,
        0.1 + 0.2,
        Number.MAX_SAFE_INTEGER,
        1e300,
        -0,
        2 ** 60,
        null,
      ];
      const out = new CopyText();
      texts.forEach((t, i) =>
        out
          .number(i)
          .text(t)
          .number(numbers[i] ?? null)
          .endRow(),
      );
      expect(await copyInto(db, 'copied', ['i', 't', 'x'], out)).toBe(texts.length);
      const { rows } = await sql<{
        t: string | null;
        x: number | null;
      }>`select t, x from copied order by i`.execute(db);
      expect(rows.map((r) => r.t)).toEqual(texts);
      expect(rows.map((r) => r.x)).toEqual(numbers.map((n) => (Object.is(n, -0) ? 0 : n)));
    } finally {
      await database.drop();
    }
  });

  it('fails on a bad row with the server error, and leaves the table as it was', async () => {
    const database = await createTestDatabase(backend, { migrate: false });
    try {
      const { db } = database;
      await sql`create table copied (i int not null)`.execute(db);
      const good = new CopyText();
      good.number(1).endRow();
      await copyInto(db, 'copied', ['i'], good);
      const bad = new CopyText();
      bad.number(2).endRow();
      bad.text('three').endRow();
      await expect(copyInto(db, 'copied', ['i'], bad)).rejects.toThrow(
        /invalid input syntax for type integer/,
      );
      const { rows } = await sql<{ i: number }>`select i from copied`.execute(db);
      expect(rows).toEqual([{ i: 1 }]);
      // The connection is usable again.
      await copyInto(db, 'copied', ['i'], good);
      expect(
        (await sql<{ n: number }>`select count(*)::int as n from copied`.execute(db)).rows[0]?.n,
      ).toBe(2);
    } finally {
      await database.drop();
    }
  });

  it('rounds rates exactly as round(x::numeric, 2) does', async () => {
    const database = await createTestDatabase(backend, { migrate: false });
    try {
      const { db } = database;
      await sql`create table rates (i int, x float8, rounded numeric)`.execute(db);
      // Half cents in decimal (most not exact in binary), floats a hair either side of
      // them, interpolated percentiles, big and tiny values, and random ones.
      const values: number[] = [
        0,
        1e-9,
        0.004999999999,
        0.005,
        0.015,
        1.005,
        2.675,
        1.115,
        8.345,
        523.455,
        99.995,
        1e7 + 0.005,
        123456789.125,
        987654321.995,
        1e15 + 0.3,
        1.23e20,
        -0.005,
        -2.675,
      ];
      for (let cents = 0; cents < 2000; cents += 7) {
        const half = (cents + 0.5) / 100;
        values.push(half, half + 1e-13, half - 1e-13, half * 1000, half / 3);
      }
      let seed = 7;
      const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
      for (let i = 0; i < 3000; i += 1) {
        const a = Math.round(random() * 200000) / 100;
        const b = Math.round(random() * 200000) / 100;
        values.push(a + (b - a) * [0.1, 0.25, 0.5, 0.75, 0.9, 0.3, 0.7][i % 7]!, random() * 1e6);
      }
      const out = new CopyText();
      values.forEach((x, i) => {
        out.number(i).number(x);
        writeRate(out, x);
        out.endRow();
      });
      await copyInto(db, 'rates', ['i', 'x', 'rounded'], out);
      const { rows } = await sql<{ x: number; ours: string; theirs: string }>`
        select x, rounded::text as ours, round(x::numeric, 2)::text as theirs from rates order by i`.execute(
        db,
      );
      expect(rows.map((r) => r.x)).toEqual(values);
      const differing = rows.filter((r) => r.ours !== r.theirs);
      expect(differing).toEqual([]);
    } finally {
      await database.drop();
    }
  });
});

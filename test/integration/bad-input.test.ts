import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../../src/crawl/crawlers.js';
import { importFile, ImportTooLargeError } from '../../src/crawl/import-file.js';
import { createLogger } from '../../src/log/logger.js';
import { importSource } from '../../src/sources/registry.js';
import { crawlFixture } from '../helpers/crawl.js';
import { feedWithBadItems, FEED_SKIPS } from '../helpers/bad-input.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { corpus, recordingPath, recordingUrl } from '../helpers/recordings.js';

/** A logger whose JSON lines are kept for the test to read. */
function recordingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ logLevel: 'warn', logFormat: 'json' }, { stream }), lines };
}

/** Serves RemoteOK's API path from `respond`; counts the requests per path. */
function serve(respond: (url: URL, res: ServerResponse) => void) {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    hits.set(url.pathname, (hits.get(url.pathname) ?? 0) + 1);
    if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
    respond(url, res);
  });
  return {
    hits,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () =>
          resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
        ),
      ),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('bad input while crawling', () => {
  let database: TestDatabase;
  // Just over the cap: strings of 998 characters as JSON, one more than fit.
  const tooLarge = Buffer.from(
    `[${Array(Math.ceil(DEFAULT_MAX_RESPONSE_BYTES / 999) + 1)
      .fill(`"${'x'.repeat(996)}"`)
      .join(',')}]`,
  );
  const web = serve((url, res) => {
    const kind = url.pathname.split('/')[1];
    res.setHeader('content-type', 'application/json');
    if (kind === 'bad') return void res.end(feedWithBadItems([1, 2, 3]));
    const body = tooLarge;
    // One server declares its length, one streams without: both are too long.
    if (kind === 'declared') res.setHeader('content-length', body.length);
    res.end(body);
  });
  let root: string;

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    root = await web.start();
  });
  afterAll(async () => {
    await web.close();
    await database?.drop();
  });

  it('stores the good items of a page and counts and logs each bad one by reason', async () => {
    const { logger, lines } = recordingLogger();
    const summary = await crawlFixture(
      database.db,
      'bad-feed',
      { adapter: 'remoteok', baseUrl: `${root}/bad` },
      { logger },
    );
    expect(summary).toMatchObject({ status: 'ok', pages: 1, listings: 3, errorCount: 0 });
    const run = await database.db
      .selectFrom('crawl_runs')
      .select('skipped')
      .where('id', '=', summary.runId)
      .executeTakeFirstOrThrow();
    expect(run.skipped).toEqual(FEED_SKIPS);
    const warned = lines.filter((l) => l.msg === 'malformed item skipped');
    expect(warned.map((l) => [l.source, l.url, l.item, l.reason])).toEqual([
      ['bad-feed', `${root}/bad/api`, '#2', 'expected an item to be an object'],
      ['bad-feed', `${root}/bad/api`, '#3', 'job id is not a finite number'],
      ['bad-feed', `${root}/bad/api`, 'deep', 'too_deep'],
      ['bad-feed', `${root}/bad/api`, 'large', 'too_large'],
    ]);
  });

  it('fails a response over the size cap as too_large, fetched once, without loading it', async () => {
    for (const kind of ['declared', 'streamed']) {
      const summary = await crawlFixture(database.db, `too-large-${kind}`, {
        adapter: 'remoteok',
        baseUrl: `${root}/${kind}`,
      });
      expect(summary, kind).toMatchObject({ status: 'failed', pages: 0, errors: { too_large: 1 } });
      expect(web.hits.get(`/${kind}/api`), kind).toBe(1);
    }
  });
});

describe.each(BACKENDS)('importing bad and large files on %s', (backend) => {
  let database: TestDatabase;
  const dir = mkdtempSync(path.join(tmpdir(), 'skillpulse-bad-import-'));
  const remoteok = importSource({ sources: {} }, 'remoteok')!;
  const count = async (sourceId: string) =>
    Number(
      (
        await database.db
          .selectFrom('raw_listings')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('source_id', '=', sourceId)
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    database = await createTestDatabase(backend);
  });
  afterAll(async () => database?.drop());

  it('imports the good items of a file with bad ones, whole or streamed, alike', async () => {
    const file = path.join(dir, 'bad.json');
    writeFileSync(file, feedWithBadItems([1, 2, 3]));
    const whole = await importFile(database.db, remoteok, file, { streamAboveBytes: Infinity });
    expect(whole).toMatchObject({ listings: 3, inserted: 3, chunks: 1, skipped: FEED_SKIPS });
    // Streamed, the same file gives the same listings and skips, item positions included.
    const { logger, lines } = recordingLogger();
    const streamed = await importFile(database.db, remoteok, file, {
      streamAboveBytes: 0,
      stream: { itemsPerChunk: 2 },
      logger,
    });
    expect(streamed).toMatchObject({ listings: 3, inserted: 0, skipped: FEED_SKIPS });
    expect(streamed.chunks).toBeGreaterThan(1);
    expect(lines.map((l) => [l.item, l.reason])).toEqual([
      ['#2', 'expected an item to be an object'],
      ['#3', 'job id is not a finite number'],
      ['#4', 'too_deep'],
      ['#5', 'too_large'],
    ]);
    expect(await count('remoteok')).toBe(3);
  });

  it('refuses a large file it cannot stream with a named error', async () => {
    const file = path.join(dir, 'page.html');
    writeFileSync(file, `<html><body>${'<p>x</p>'.repeat(2_000)}</body></html>`);
    const rss = importSource({ sources: {} }, 'rss')!;
    await expect(importFile(database.db, rss, file, { maxWholeBytes: 1_000 })).rejects.toThrow(
      ImportTooLargeError,
    );
  });
});

describe('every JSON recording streamed', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.drop());

  it('stores exactly what the whole file stores, in chunks of two items', async () => {
    const recordings = corpus()
      .flatMap((s) => (s.labels?.recordings ?? []).map((r) => ({ folder: s.source, ...r })))
      .filter((r) => r.file.endsWith('.json'));
    expect(recordings.length).toBeGreaterThan(10);
    for (const r of recordings) {
      const source = importSource({ sources: {} }, r.source ?? r.folder)!;
      const file = recordingPath(r.folder, r.file);
      const options = { label: r.label, url: recordingUrl(r.folder, r) };
      const whole = await importFile(database.db, source, file, options);
      // The same listings with the same content hashes: nothing new on the second import.
      const streamed = await importFile(database.db, source, file, {
        ...options,
        streamAboveBytes: 0,
        stream: { itemsPerChunk: 2 },
      });
      expect(streamed, r.file).toMatchObject({ listings: whole.listings, inserted: 0 });
      // A handler that reads across its list (HN's search keeps the newest months) reads
      // each chunk as a response: the pages it would follow differ, its listings do not.
      if (whole.requestsNotFollowed === 0) expect(streamed.skipped, r.file).toEqual(whole.skipped);
    }
  });
});

describe('a large file streamed into PostgreSQL', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('postgres');
  });
  afterAll(async () => database?.drop());

  it('stores 200,000 items in chunks', async () => {
    const items = 200_000;
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'skillpulse-big-import-')), 'big.json');
    writeFileSync(
      file,
      `[{"legal":"terms"}${Array.from({ length: items }, (_, i) => `,{"id":${i + 1}}`).join('')}]`,
    );
    const remoteok = importSource({ sources: {} }, 'remoteok')!;
    const result = await importFile(database.db, remoteok, file);
    // 2.9 MB: streamed, as every JSON file over 1 MiB is, in chunks of 5,000 items.
    expect(result).toMatchObject({ listings: items, inserted: items, chunks: 41 });
    const stored = await database.db
      .selectFrom('raw_listings')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(items);
    const run = await database.db
      .selectFrom('crawl_runs')
      .select(['crawl_message', 'listings'])
      .executeTakeFirstOrThrow();
    expect(run).toEqual({ crawl_message: 'imported big.json in 41 chunks', listings: items });
  });
});

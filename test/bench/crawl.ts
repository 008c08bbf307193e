/**
 * `npm run bench:crawl`: 20,000 job pages of the fixture web crawled by the JSON-LD (HTML)
 * adapter, storing into PostgreSQL, against a bare CheerioCrawler over the same pages;
 * then Playwright on the JavaScript-rendered Craigslist pages. Prints figures only.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { adminQuery, ADMIN_DATABASE_URL } from '../helpers/database.js';

const PAGES = Number(process.env.BENCH_CRAWL_PAGES ?? 20_000);
/**
 * Both crawls run with the same V8 heap cap: without one, V8 on a 24 GB machine lets the
 * heap grow to about 1 GB before collecting, for the bare crawler as much as for ours.
 */
const HEAP_MB = Number(process.env.BENCH_HEAP_MB ?? 400);
const tsx = ['--import', 'tsx'];

async function startServer(args: string[]): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...tsx, 'src/demo/serve.ts', ...args], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const [line] = (await once(createInterface({ input: child.stdout }), 'line')) as [string];
  return { url: line.trim(), child };
}

async function run(
  mode: string,
  url: string,
  databaseUrl: string,
): Promise<Record<string, number | string>> {
  const heap = HEAP_MB > 0 ? [`--max-old-space-size=${HEAP_MB}`] : [];
  const child = spawn(
    process.execPath,
    [...heap, ...tsx, 'test/bench/crawl-worker.ts', mode, url, databaseUrl],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [code] = (await once(child, 'close')) as [number];
  if (code !== 0) throw new Error(`${mode} crawl exited with ${code}`);
  return JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number | string>;
}

export async function benchCrawl(): Promise<void> {
  const name = `skillpulse_bench_crawl_${process.pid}`;
  await adminQuery(`create database ${name}`);
  const target = new URL(ADMIN_DATABASE_URL);
  target.pathname = `/${name}`;
  const server = await startServer([
    '--postings',
    String(PAGES),
    '--weeks',
    '1',
    '--sources',
    'jsonld-site',
  ]);
  try {
    console.log(
      `crawl: ${PAGES} JSON-LD job pages from a sitemap, 16 concurrent requests, fixture web in its own process, heap cap ${HEAP_MB > 0 ? `${HEAP_MB} MB` : 'none'}`,
    );
    const bare = await run('bare', server.url, target.toString());
    const ours = await run('skillpulse', server.url, target.toString());
    console.log(
      `  bare CheerioCrawler     ${bare.pagesPerSecond} pages/s  (${bare.pages} pages in ${bare.seconds} s, peak RSS ${bare.peakRssMb} MB)`,
    );
    console.log(
      `  skillpulse jsonld       ${ours.pagesPerSecond} pages/s  (${ours.pages} listings stored in ${ours.seconds} s, peak RSS ${ours.peakRssMb} MB)`,
    );
    console.log(
      `  ratio                   ${(Number(ours.pagesPerSecond) / Number(bare.pagesPerSecond)).toFixed(2)} of the bare crawler (target >= 0.80); peak RSS target < 500 MB`,
    );
  } finally {
    server.child.kill('SIGTERM');
  }
  const js = await startServer(['--postings', '400', '--weeks', '1', '--sources', 'craigslist']);
  try {
    const browser = await run('playwright', js.url, target.toString());
    console.log(
      `  Playwright (craigslist) ${browser.pagesPerSecond} pages/s  (${browser.pages} JavaScript-rendered postings in ${browser.seconds} s, peak RSS ${browser.peakRssMb} MB)`,
    );
  } finally {
    js.child.kill('SIGTERM');
    await adminQuery(`drop database if exists ${name} with (force)`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await benchCrawl();

/**
 * Process-stage throughput (`npm run bench:process`): the skill tagger on postings of
 * about 3.5 KB with the full taxonomy, against a regex-per-skill baseline on the same
 * taxonomy and postings; then the whole stage (normalize, rate, tag, dedupe, store) into
 * PostgreSQL. Prints its figures; it asserts nothing.
 */
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import { toJson, type Database, type NewRawListing } from '../../src/db/schema.js';
import { processListings } from '../../src/process/process-listings.js';
import { askedText } from '../../src/skills/sections.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { FAMILIES, prng } from '../../src/demo/market.js';
import { createTestDatabase } from '../helpers/database.js';

const TAG_POSTINGS = Number(process.env.BENCH_TAG_POSTINGS ?? 20_000);
const BASELINE_POSTINGS = Number(process.env.BENCH_BASELINE_POSTINGS ?? 1_000);
const STAGE_POSTINGS = Number(process.env.BENCH_STAGE_POSTINGS ?? 20_000);

const FILLER = [
  'You will work closely with product owners, designers and other engineers in a cross-functional team.',
  'We value clear writing, pragmatic decisions and a calm approach to production incidents.',
  'Our clients are in financial services, retail and the public sector across the UK and Europe.',
  'The role involves designing, building and operating services that handle millions of requests a day.',
  'You will mentor colleagues, review code, and help us improve our engineering practices and documentation.',
  'We offer flexible hours, a learning budget and the equipment you need to do your best work.',
  'Candidates must have the right to work in the country and be able to start within four weeks.',
  'The interview process has three stages: a short call, a technical conversation and a meeting with the team.',
];
const RATES = ['£450-500/day outside IR35', '$85/hr', '€600 per day', '$120k-150k', '550 pd inside IR35', 'DOE', 'Budget: $250 fixed']; // prettier-ignore
const PLACES = ['London, UK', 'Remote - US', 'Berlin, Germany', 'Manchester (Hybrid)', 'Austin, TX', 'Amsterdam, Netherlands']; // prettier-ignore

/** A posting of about 3.5 KB: skills in context, rates, boilerplate, like the real thing. */
export function synthetic(i: number, random: () => number) {
  const families = Object.values(FAMILIES);
  const family = families[Math.floor(random() * families.length)] as (typeof families)[number];
  const skills = family.skills.map(([name]) => name);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)] as T;
  const parts: string[] = [];
  while (parts.join(' ').length < 3_300) {
    parts.push(
      random() < 0.4
        ? `Hands-on experience with ${pick(skills)}, ${pick(skills)} and ${pick(skills)} is essential.`
        : pick(FILLER),
    );
  }
  parts.push(`Rate: ${pick(RATES)}.`);
  return {
    title: `${pick(['Senior ', 'Lead ', '', 'Contract '])}${pick(family.roles)}`,
    company: `Company ${i % 503}`,
    location: pick(PLACES),
    description: `<p>${parts.join('</p>\n<p>')}</p>`,
  };
}

/** `count` synthetic raw listings of source `bench`, posted over eight weeks, stored by one crawl run. */
export async function insertSyntheticListings(
  db: Kysely<Database>,
  count: number,
  seed: number,
): Promise<void> {
  await db.insertInto('sources').values({ id: 'bench', name: 'bench', adapter: 'rss' }).execute();
  // One crawl stored them all, as a real crawl would: processing counts them on its run.
  const run = await db.insertInto('crawl_runs').values({ source_id: 'bench', crawl_status: 'ok' }).returning('id').executeTakeFirstOrThrow(); // prettier-ignore
  const random = prng(seed);
  for (let start = 0; start < count; start += 1_000) {
    const rows: NewRawListing[] = [];
    for (let i = start; i < Math.min(count, start + 1_000); i += 1) {
      const url = `https://bench.test/${i}`;
      const postedAt = new Date(Date.UTC(2026, 9, 1 + (i % 56))).toISOString();
      const payload = toJson({ ...synthetic(i, random), externalId: String(i), url, postedAt });
      const contentHash = createHash('sha256').update(payload).digest('hex');
      rows.push({ source_id: 'bench', external_id: String(i), url, content_hash: contentHash, fetched_at: new Date(), crawl_run_id: run.id, payload }); // prettier-ignore
    }
    await db.insertInto('raw_listings').values(rows).execute();
  }
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function benchTagger(): void {
  const tagger = defaultTagger();
  const random = prng(7);
  const postings = Array.from({ length: TAG_POSTINGS }, (_, i) => synthetic(i, random));
  const texts = postings.map((p) => p.description.replace(/<[^>]+>/g, ' '));
  const megabytes = texts.reduce((n, t) => n + Buffer.byteLength(t), 0) / 1e6;
  console.log(`tagger: ${TAG_POSTINGS} postings of ${Math.round((megabytes * 1e6) / TAG_POSTINGS)} bytes, taxonomy of ${tagger.taxonomy.skills.length} skills`); // prettier-ignore

  // Warm up: V8 optimizes, the stem memo fills, as in a long-running worker.
  for (let i = 0; i < Math.min(500, TAG_POSTINGS); i += 1)
    tagger.tag(postings[i]!.title, texts[i]!);
  let found = 0;
  const started = performance.now();
  for (let i = 0; i < TAG_POSTINGS; i += 1)
    found += tagger.tag(postings[i]!.title, texts[i]!).length;
  const seconds = (performance.now() - started) / 1000;
  const tagRate = TAG_POSTINGS / seconds;
  console.log(`  tagger:   ${Math.round(tagRate)} postings/s, ${(megabytes / seconds).toFixed(1)} MB/s (${(found / TAG_POSTINGS).toFixed(1)} skills per posting)`); // prettier-ignore

  // What processing does per posting: the parts that ask for skills, then the tagger.
  const readStarted = performance.now();
  for (let i = 0; i < TAG_POSTINGS; i += 1) tagger.tag(postings[i]!.title, askedText(texts[i]!, postings[i]!.company)); // prettier-ignore
  const readRate = TAG_POSTINGS / ((performance.now() - readStarted) / 1000);
  console.log(
    `  sections + tagger: ${Math.round(readRate)} postings/s (target 10,000 on one core)`,
  );

  // The baseline: one case-insensitive regex per skill over its surfaces.
  const regexes = tagger.taxonomy.skills.map((skill) => {
    const surfaces = [...skill.aliases, ...skill.exact, ...(skill.ambiguity?.surfaces ?? [])];
    return new RegExp(`(?<![\\w.+#])(?:${surfaces.map(escape).join('|')})(?![\\w+#])`, 'gi');
  });
  const baselineStarted = performance.now();
  let baselineFound = 0;
  for (let i = 0; i < BASELINE_POSTINGS; i += 1) {
    const text = `${postings[i]!.title}\n${texts[i]!}`;
    for (const regex of regexes) {
      regex.lastIndex = 0;
      if (regex.test(text)) baselineFound += 1;
    }
  }
  const baselineSeconds = (performance.now() - baselineStarted) / 1000;
  const baselineRate = BASELINE_POSTINGS / baselineSeconds;
  console.log(`  baseline: ${Math.round(baselineRate)} postings/s, regex per skill (${(baselineFound / BASELINE_POSTINGS).toFixed(1)} skills per posting, no ambiguity rules)`); // prettier-ignore
  console.log(`  tagger is ${(tagRate / baselineRate).toFixed(1)} times the baseline (target 10), ${Math.round(tagRate)} postings/s on one core (target 30,000)`); // prettier-ignore
}

async function benchStage(): Promise<void> {
  const database = await createTestDatabase('postgres');
  try {
    const db = database.db;
    await insertSyntheticListings(db, STAGE_POSTINGS, 11);
    // The taxonomy is synced and the classifier trained before the clock starts.
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'ids', ids: [] } });
    const started = performance.now();
    const cpu = process.cpuUsage();
    const result = await processListings(db, { reportCurrency: 'USD' });
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    const cpuSeconds = (used.user + used.system) / 1e6;
    console.log(`whole stage into PostgreSQL: ${result.listings} listings -> ${result.postings} postings, ${result.duplicates} duplicates in ${seconds.toFixed(1)} s: ${Math.round(result.listings / seconds)} postings/s (target 5,000); this process used ${cpuSeconds.toFixed(1)} s of CPU (${Math.round((cpuSeconds / seconds) * 100)}% of one core), the rest is PostgreSQL`); // prettier-ignore
    const again = performance.now();
    await processListings(db, { reportCurrency: 'USD', scope: { kind: 'all' } });
    const againSeconds = (performance.now() - again) / 1000;
    console.log(`  reprocess --all: ${Math.round(result.listings / againSeconds)} postings/s`);
  } finally {
    await database.drop();
  }
}

export async function benchProcess(): Promise<void> {
  benchTagger();
  await benchStage();
}

if (import.meta.url === `file://${process.argv[1]}`) await benchProcess();

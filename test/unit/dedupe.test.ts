import { describe, expect, it } from 'vitest';
import { dedupeKey, normalizeCompany, normalizeTitle } from '../../src/dedupe/keys.js';
import {
  assignCanonical,
  NEAR_DUPLICATE_BITS,
  type DedupeCandidate,
} from '../../src/dedupe/resolve.js';
import { hammingDistance, simhash } from '../../src/dedupe/simhash.js';

const BASE = `We are looking for a Senior Python Developer to join our payments platform team.
You will design and build REST APIs in Python and FastAPI, run them on AWS with Docker and
Kubernetes, and own their reliability in production. You will work with product managers and
other engineers to ship features every week, review code, and mentor junior developers. We use
PostgreSQL and Redis, deploy with GitHub Actions and Terraform, and monitor with Datadog.
Requirements: five years of Python, experience with distributed systems, strong SQL, and a
habit of writing tests. Nice to have: Kafka, Go, and experience in fintech or payments.`;

const SAME_JOB = [
  [
    'one sentence reworded',
    BASE.replace('ship features every week', 'deliver new features each sprint'),
  ],
  [
    'a board footer added',
    `${BASE}\nApply through BoardX. BoardX is an equal opportunity job board.`,
  ],
  ['reposted with a date line', `Posted 12 November 2026.\n${BASE}`],
  ['formatting and case changed', BASE.toUpperCase().replace(/\n/g, ' ').replace(/\. /g, '.\n\n')],
  [
    'a requirement added',
    BASE.replace('Nice to have:', 'Also: experience with Celery. Nice to have:'),
  ],
] as const;

const OTHER_JOB = [
  [
    'same employer and title, other team',
    `We are looking for a Senior Python Developer to join our data science tooling team. You will
build machine learning pipelines with pandas, scikit-learn and Airflow, and help our analysts
turn notebooks into reliable batch jobs on Google Cloud. You will work closely with data
scientists, own model deployment with Vertex AI and BigQuery, and improve our feature store.
Requirements: experience with numerical Python, statistics, and data modelling. Nice to have:
Spark, dbt and Looker.`,
  ],
  [
    'same stack, other duties',
    `Our infrastructure group needs an engineer to run Kubernetes clusters on AWS. You will write
Terraform modules, tune autoscaling, manage Helm releases and on-call rotas, and automate
incident response. Python is used for tooling and glue code. Experience with Prometheus,
Grafana, networking and Linux internals is essential; certifications such as CKA are welcome.`,
  ],
] as const;

describe('SimHash', () => {
  const base = simhash(BASE);

  it.each(SAME_JOB)('the same job, %s, is near', (_, text) => {
    const distance = hammingDistance(base, simhash(text));
    console.log(`same job (${_}): ${distance} bits`);
    expect(distance).toBeLessThanOrEqual(NEAR_DUPLICATE_BITS);
  });

  it.each(OTHER_JOB)('another job, %s, is far', (_, text) => {
    const distance = hammingDistance(base, simhash(text));
    console.log(`other job (${_}): ${distance} bits`);
    expect(distance).toBeGreaterThan(NEAR_DUPLICATE_BITS);
  });

  it('is 16 hex digits, stable, and zero for no words', () => {
    expect(simhash(BASE)).toMatch(/^[0-9a-f]{16}$/);
    expect(simhash(BASE)).toBe(base);
    expect(simhash('')).toBe('0000000000000000');
    expect(hammingDistance('ffffffffffffffff', '0000000000000000')).toBe(64);
  });
});

describe('dedupe keys', () => {
  const place = { city: 'London', country: 'GB', workMode: 'hybrid' as const };

  it('normalizes titles and companies', () => {
    expect(normalizeTitle('Sr. Python Developer (Remote) - Contract')).toBe(
      'senior python developer',
    );
    expect(normalizeCompany('ACME Holdings Ltd.')).toBe('acme');
    expect(normalizeCompany('Acme & Sons, Inc')).toBe('acme and sons');
  });

  it('meets the same job written differently on two boards', () => {
    const a = dedupeKey({
      title: 'Senior Python Developer (Hybrid)',
      company: 'Acme Ltd',
      ...place,
    });
    const b = dedupeKey({ title: 'Sr Python Developer - Contract', company: 'ACME', ...place });
    expect(a).toBe(b);
  });

  it('keeps apart other titles, companies and places', () => {
    const a = dedupeKey({ title: 'Senior Python Developer', company: 'Acme', ...place });
    expect(dedupeKey({ title: 'Senior Java Developer', company: 'Acme', ...place })).not.toBe(a);
    expect(dedupeKey({ title: 'Senior Python Developer', company: 'Globex', ...place })).not.toBe(
      a,
    );
    expect(dedupeKey({ title: 'Senior Python Developer', company: 'Acme', ...place, city: 'Leeds' })).not.toBe(a); // prettier-ignore
  });
});

describe('assignCanonical', () => {
  const day = (d: number) => new Date(Date.UTC(2026, 10, d));
  const posting = (
    id: number,
    key: string,
    text: string,
    seen: number,
    hash = `h${id}`,
  ): DedupeCandidate => ({
    id,
    dedupe_key: key,
    content_hash: hash,
    text_simhash: simhash(text),
    posted_at: day(seen),
    source_id: 'board',
    external_id: `job-${id}`,
    canonical_id: null,
  });
  const candidates = [
    posting(5, 'k1', SAME_JOB[0][1], 3),
    posting(2, 'k1', BASE, 1),
    posting(9, 'k1', OTHER_JOB[0][1], 2),
    posting(7, 'k2', BASE, 4),
    posting(8, 'k3', 'anything', 5, 'h2'),
  ];

  it('points duplicates at the earliest posting with the same key and text, or the same content', () => {
    expect(Object.fromEntries(assignCanonical(candidates))).toEqual({
      2: null,
      9: null, // same key, other text: another job
      5: 2,
      7: null, // same text under another key: another company or place
      8: 2, // same content hash as 2
    });
  });

  it('does not depend on the order postings arrive in', () => {
    const reversed = assignCanonical([...candidates].reverse());
    expect(Object.fromEntries(reversed)).toEqual(Object.fromEntries(assignCanonical(candidates)));
  });

  it('orders by posting date, then source and id: never by crawl order or row id', () => {
    // Two reposts of one job posted the same day, crawled in either order and so
    // numbered either way round: the same one is canonical.
    const sameDay = (id: number, source: string, external: string): DedupeCandidate => ({
      ...posting(id, 'k1', BASE, 1),
      source_id: source,
      external_id: external,
    });
    const first = assignCanonical([sameDay(1, 'remotive', 'r-9'), sameDay(2, 'arbeitnow', 'a-1')]);
    const second = assignCanonical([sameDay(1, 'arbeitnow', 'a-1'), sameDay(2, 'remotive', 'r-9')]);
    expect(Object.fromEntries(first)).toEqual({ 1: 2, 2: null });
    expect(Object.fromEntries(second)).toEqual({ 1: null, 2: 1 });
    // Undated postings come after dated ones.
    const undated = { ...posting(3, 'k1', BASE, 1), posted_at: null };
    expect(assignCanonical([undated, posting(4, 'k1', BASE, 20)]).get(3)).toBe(4);
  });
});

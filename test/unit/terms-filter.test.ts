import { describe, expect, it } from 'vitest';
import { citiesNamed, countryNamed } from '../../src/normalize/gazetteer.js';
import { candidateFilter } from '../../src/skills/term-filter.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { termsOf } from '../../src/skills/terms.js';

// Postings as the demo and the sources give them: rates, places, the company, stock phrases.
const POSTINGS = [
  {
    company: 'Blue Harbour Consulting Ltd',
    text: `Senior Rust Engineer - Outside IR35 - £600-650/day
Blue Harbour Consulting are looking for a Senior Rust engineer for an initial 6 months, immediate start.
Fully remote (UK based), occasional travel to London. Rust and Go services on Kubernetes.
You will build agents on the wasmCloud lattice. Rate: 600 p/d, inside ir35 options considered.`,
  },
  {
    company: 'Northwind Analytics GmbH',
    text: `SOC Analyst (Microsoft Sentinel) - Berlin, Germany - hybrid
Northwind Analytics is hiring a SOC analyst: sentinel and ISO 27001, penetration testing.
Build agents on the wasmCloud lattice with Go. Competitive salary, 30 days holiday, equal opportunities employer.
€85,000 per annum DOE. Excellent communication skills and a fast paced environment.`,
  },
  {
    company: 'Kestrel Careers',
    text: `Platform Engineer, Manchester - $120k-150k
Kestrel Careers need a platform engineer: Terraform, AWS, wasmCloud lattice operators.
Right to work in the UK required. Apply now with your CV.`,
  },
];

const tagger = defaultTagger();
const notACandidate = candidateFilter({
  taxonomy: tagger.taxonomy,
  companies: POSTINGS.map((p) => p.company),
  // As the command asks: a country, or a city of 100,000 people or more.
  isPlace: (term) => countryNamed(term) !== null || (citiesNamed(term)[0]?.population ?? 0) >= 1e5,
});
const terms = new Set(POSTINGS.flatMap((p) => [...termsOf(p.text)]));
const candidates = [...terms].filter(
  (t) => notACandidate(t) === null && tagger.tag('', t).length === 0,
);

describe('candidateFilter', () => {
  it('keeps what could be a new skill', () => {
    expect(candidates).toContain('wasmcloud');
    expect(candidates).toContain('wasmcloud lattice');
    expect(notACandidate('lattice operators')).toBeNull();
  });

  it('drops skills the taxonomy knows, whatever their case, and parts of their names', () => {
    for (const term of ['rust', 'go', 'sentinel', 'penetration', 'terraform', 'kubernetes']) {
      expect(terms.has(term), term).toBe(true);
      expect(notACandidate(term), term).toBe('known skill');
    }
    expect(notACandidate('sentinel and iso')).toBe('known skill');
  });

  it('drops numbers, rates and currencies', () => {
    for (const term of ['600-650/day', 'p/d', 'outside ir35', 'per annum', '120k-150k', 'doe']) {
      expect(terms.has(term), term).toBe(true);
      expect(notACandidate(term), term).toBe('number or rate');
    }
  });

  it('drops places, the companies of the postings and stock phrases of job ads', () => {
    expect(notACandidate('london')).toBe('place');
    expect(notACandidate('berlin')).toBe('place');
    expect(notACandidate('germany')).toBe('place');
    expect(notACandidate('manchester')).toBe('place');
    expect(notACandidate('blue harbour')).toBe('company');
    expect(notACandidate('harbour')).toBe('company');
    expect(notACandidate('northwind')).toBe('company');
    expect(notACandidate('kestrel careers')).toBe('company');
    expect(notACandidate('kestrel careers need')).toBe('company');
    for (const term of [
      'immediate start',
      'fully remote',
      'equal opportunities employer',
      'fast paced environment',
      'senior',
      'soc analyst',
      'platform engineer',
    ]) {
      expect(notACandidate(term), term).toBe('stock phrase');
    }
  });

  it('leaves no noise among the candidates of realistic postings', () => {
    const noise =
      /\d|london|berlin|germany|manchester|harbour|northwind|kestrel|rust|sentinel|remote|ir35|p\/d|salary|start/;
    expect(candidates.filter((t) => noise.test(t))).toEqual([]);
  });
});

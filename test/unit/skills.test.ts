import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { CareerMarket } from '../../src/career/market.js';
import { resolveSkills } from '../../src/career/resolve.js';
import { createTagger, defaultTagger } from '../../src/skills/tagger.js';
import { CATEGORIES, loadTaxonomy, skillId, TaxonomyError } from '../../src/skills/taxonomy.js';
import { tokenize } from '../../src/skills/tokenize.js';

type Labelled = [string, string[], string[]];
const SENTENCES = parseYaml(
  readFileSync(new URL('../fixtures/skill-sentences.yaml', import.meta.url), 'utf8'),
) as Labelled[];

describe('taxonomy', () => {
  const taxonomy = loadTaxonomy();

  it('holds at least 800 skills in every required category, certifications among them', () => {
    expect(taxonomy.skills.length).toBeGreaterThanOrEqual(800);
    for (const category of CATEGORIES) {
      expect(taxonomy.skills.filter((s) => s.category === category).length).toBeGreaterThan(30);
    }
    for (const cert of ['cissp', 'certified-kubernetes-administrator', 'aws-solutions-architect']) {
      expect(taxonomy.byId.get(cert)?.isCertification).toBe(true);
    }
  });

  it('resolves the certifications as contractors write them, exam codes and short forms', () => {
    // The market as career/read.ts builds it from the skills table that syncSkills fills.
    const market: CareerMarket = {
      week: '2026-11-16',
      window: null,
      currency: 'GBP',
      weeks: ['2026-11-16'],
      marketPostings: [0],
      roles: [],
      skills: Object.fromEntries(
        taxonomy.skills.map((s) => [
          s.id,
          { id: s.id, name: s.name, category: s.category, certification: s.isCertification, aliases: [...s.aliases, ...s.exact], postings: 0, dayRateMedian: null, dayRateCount: 0, demand: [0], rates: [null], related: [] }, // prettier-ignore
        ]),
      ),
    };
    const certs = ['aws-saa', 'SAA-C03', 'aws-sap', 'aws-dva', 'aws-soa', 'aws-dop', 'aws-scs', 'aws-ccp', 'az-900', 'az-104', 'cissp', 'cka']; // prettier-ignore
    expect(resolveSkills(market, certs, 'certification')).toEqual([
      'aws-solutions-architect',
      'aws-certified-developer',
      'aws-sysops-administrator',
      'aws-devops-engineer-professional',
      'aws-security-specialty',
      'aws-cloud-practitioner',
      'azure-fundamentals',
      'azure-administrator',
      'cissp',
      'certified-kubernetes-administrator',
    ]);
  });

  it('links parents that exist', () => {
    expect(taxonomy.byId.get('aws-lambda')?.parentId).toBe('aws');
    for (const skill of taxonomy.skills) {
      if (skill.parentId) expect(taxonomy.byId.has(skill.parentId)).toBe(true);
    }
  });

  it('derives ids from names', () => {
    expect(skillId('C++')).toBe('cpp');
    expect(skillId('C#')).toBe('csharp');
    expect(skillId('.NET')).toBe('dotnet');
    expect(skillId('Node.js')).toBe('node-js');
    expect(skillId('CompTIA Security+')).toBe('comptia-security-plus');
  });

  it('names the file and entry of a broken taxonomy', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taxonomy-'));
    writeFileSync(path.join(dir, 'a.yaml'), 'category: cloud\nskills:\n  - AWS | amazon\n');
    writeFileSync(path.join(dir, 'b.yaml'), 'category: data\nskills:\n  - AWS\n');
    expect(() => loadTaxonomy(dir)).toThrow(/b\.yaml: entry 1: id "aws" is also in a\.yaml/);
    writeFileSync(path.join(dir, 'b.yaml'), 'category: nonsense\nskills: []\n');
    expect(() => loadTaxonomy(dir)).toThrow(TaxonomyError);
    writeFileSync(
      path.join(dir, 'b.yaml'),
      'category: data\nskills:\n  - { name: X, parent: nope }\n',
    );
    expect(() => loadTaxonomy(dir)).toThrow(/parent "nope" is not in the taxonomy/);
    writeFileSync(path.join(dir, 'b.yaml'), 'category: data\nskills:\n  - Amazon Thing | AMAZON\n');
    expect(() => loadTaxonomy(dir)).toThrow(/surface "amazon" belongs to both/);
  });
});

describe('tokenizer', () => {
  const keep = new Set(['ci/cd', 'a/b', 't-sql']);
  it('keeps symbol-bearing names whole and leaves punctuation off', () => {
    expect(tokenize('C++, C#, F# and .NET; Node.js (CI/CD) A/B T-SQL.', keep)).toEqual([
      'C++', 'C#', 'F#', 'and', '.NET', 'Node.js', 'CI/CD', 'A/B', 'T-SQL',
    ]); // prettier-ignore
  });
  it('splits compounds it does not know', () => {
    expect(tokenize('AWS/GCP Go-live', keep)).toEqual(['AWS', 'GCP', 'Go', 'live']);
  });
});

describe('tagger golden sentences', () => {
  const tagger = defaultTagger();

  it('has at least 200 labelled sentences', () => {
    expect(SENTENCES.length).toBeGreaterThanOrEqual(200);
  });

  it.each(SENTENCES.map((s, i) => [i + 1, ...s] as const))(
    'sentence %i: %s',
    (_n, text, has, not) => {
      const found = tagger.tag('', text).map((s) => s.id);
      for (const id of has)
        expect(found, `expected ${id} in ${JSON.stringify(text)}`).toContain(id);
      for (const id of not) expect(found, `did not expect ${id}`).not.toContain(id);
    },
  );

  it('labels every id it names from the taxonomy', () => {
    const known = loadTaxonomy().byId;
    const unknown = SENTENCES.flatMap(([, has, not]) => [...has, ...not]).filter(
      (id) => !known.has(id),
    );
    expect(unknown).toEqual([]);
  });

  it('covers every ambiguous name both ways', () => {
    const missing = loadTaxonomy()
      .skills.filter((s) => s.ambiguity)
      .filter(
        (skill) =>
          !SENTENCES.some(([, has]) => has.includes(skill.id)) ||
          !SENTENCES.some(([, , not]) => not.includes(skill.id)),
      )
      .map((s) => s.id);
    expect(missing).toEqual([]);
  });
});

describe('tagger output', () => {
  const tagger = defaultTagger();

  it('counts mentions, marks the title and keeps the surface as written', () => {
    const [k8s, ...rest] = tagger.tag(
      'Kubernetes Engineer',
      'We run k8s. Kubernetes operators, K8S upgrades.',
    );
    expect(rest.map((s) => s.id)).not.toContain('kubernetes');
    expect(k8s).toMatchObject({ id: 'kubernetes', category: 'devops', mentions: 4, inTitle: true });
    expect(k8s?.surface).toEqual(['Kubernetes', 'k8s', 'K8S']);
  });

  it('reads a certification’s short form as the certification, not as its vendor', () => {
    const ids = tagger.tag('', 'Must hold AWS-SAA or SAA-C03.').map((s) => s.id);
    expect(ids).toEqual(['aws-solutions-architect']);
  });

  it('prefers the longest phrase', () => {
    const ids = tagger
      .tag('', 'Azure DevOps Server and SQL Server Reporting Services')
      .map((s) => s.id);
    expect(ids).toEqual(['azure-devops', 'ssrs']);
  });

  it('never runs a phrase from one line into the next', () => {
    expect(tagger.tag('', 'technical support').map((s) => s.id)).toContain('it-support');
    expect(tagger.tag('', 'design\ntechnical\nsupport').map((s) => s.id)).not.toContain('it-support'); // prettier-ignore
  });

  it('keeps the title’s own discipline, whatever the text says of colleagues', () => {
    const found = tagger.tag('Data Scientist', 'You will work with data scientists and engineers.');
    expect(found.find((s) => s.id === 'data-science')).toMatchObject({ inTitle: true, mentions: 1 }); // prettier-ignore
  });

  it('works on a small taxonomy of its own', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'taxonomy-'));
    writeFileSync(
      path.join(dir, 'x.yaml'),
      'category: web\nskills:\n  - Foo Bar Baz | fbb\n  - { name: Qux, ambiguous: [Qux], context: [code] }\n',
    );
    const small = createTagger(loadTaxonomy(dir));
    expect(small.tag('', 'foo bars baz and Qux code').map((s) => s.id)).toEqual([
      'foo-bar-baz',
      'qux',
    ]);
    expect(small.tag('', 'Qux alone')).toEqual([]);
  });
});

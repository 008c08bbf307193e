import { describe, expect, it } from 'vitest';
import { generateMarket } from '../../src/demo/generate-market.js';
import {
  BOARDS,
  COMPANIES,
  FAMILIES,
  boardOf,
  postingsOf,
  type MarketPosting,
} from '../../src/demo/market.js';
import { SHORT_LIVED } from '../../src/demo/sites.js';
import { parseExperience } from '../../src/normalize/experience.js';
import { loadRoleTaxonomy } from '../../src/roles/taxonomy.js';
import { normalizeTitle } from '../../src/roles/titles.js';
import { loadTaxonomy } from '../../src/skills/taxonomy.js';
import { defaultTagger } from '../../src/skills/tagger.js';
import { addWeeks, weekOf, weeksBetween } from '../../src/trends/weeks.js';

describe('the simulated market', () => {
  const lastWeek = '2026-11-23';
  const market = generateMarket({ weeks: 60, perWeek: 30, lastWeek });

  it('spreads its postings over every one of its whole weeks, and no other', () => {
    const weeks = weeksBetween(addWeeks(lastWeek, -59), lastWeek);
    const perWeek = new Map<string, number>();
    for (const p of market) {
      const week = weekOf(new Date(p.postedAt));
      perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    }
    expect([...perWeek.keys()].sort()).toEqual(weeks);
    for (const week of weeks) expect(perWeek.get(week)).toBe(30);
  });

  it('lists a posting on Craigslist only in its last weeks, as Craigslist deletes old posts', () => {
    const oldest = addWeeks(lastWeek, 1 - SHORT_LIVED.craigslist!);
    const craigslist = postingsOf(market, 'craigslist');
    expect(craigslist.length).toBeGreaterThan(0);
    for (const p of craigslist) expect(weekOf(new Date(p.postedAt)) >= oldest).toBe(true);
    // The older postings are on the other sources: the history is whole.
    expect(postingsOf(market, 'remotive').some((p) => weekOf(new Date(p.postedAt)) < oldest)).toBe(
      true,
    );
  });

  it("names each posting's company board as ATS boards name companies", () => {
    expect(boardOf('Blue Harbour Consulting')).toBe('blue-harbour-consulting');
    for (const p of market) {
      expect(BOARDS).toContain(p.board);
      // The hostile postings' company carries markup; their board is the company's.
      expect(
        p.company.startsWith(
          market.find((q) => q.board === p.board && !q.company.includes('&lt;'))!.company,
        ),
      ).toBe(true);
    }
  });

  it('names companies the skill tagger reads as no skill', () => {
    const tagger = defaultTagger();
    for (const company of COMPANIES) {
      const tagged = tagger.tag('', `<p><strong>${company}</strong> is hiring.</p>`);
      expect(
        tagged.map((t) => t.id),
        company,
      ).toEqual([]);
    }
  });

  it('is the same market for a seed, and the 8-week default as before', () => {
    expect(generateMarket({ weeks: 60, perWeek: 30, lastWeek })).toEqual(market);
    const small = generateMarket();
    expect(small).toHaveLength(8 * 40);
    expect(weekOf(new Date(small.at(-1)!.postedAt))).toBe('2026-11-16');
  });
});

describe("the simulated market's roles, certifications, experience and pay", () => {
  const weeks = 60;
  const market = generateMarket({ weeks, perWeek: 60, lastWeek: '2026-11-23' });
  const roleTaxonomy = loadRoleTaxonomy();
  const skillTaxonomy = loadTaxonomy();
  const text = (p: MarketPosting) => p.descriptionHtml.replace(/<[^>]+>/g, '\n');
  const of = (role: string) => market.filter((p) => p.role === role);
  const median = (values: readonly number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  /** Day rates in pounds, of the postings that state one. */
  const dayRates = (postings: readonly MarketPosting[]) =>
    postings
      .filter((p) => p.rate?.period === 'day' && p.rate.currency === 'GBP')
      .map((p) => p.rate!.min);

  it('titles its postings with roles of the role taxonomy, over many categories', () => {
    const profiles = Object.values(FAMILIES).flatMap((f) => f.profiles);
    const byName = new Map(roleTaxonomy.roles.map((r) => [r.name, r]));
    for (const profile of profiles) expect(byName.has(profile.title), profile.title).toBe(true);
    expect(profiles.length).toBeGreaterThanOrEqual(30);
    expect(profiles.length).toBeLessThanOrEqual(50);
    const categories = new Set(profiles.map((p) => byName.get(p.title)!.category));
    expect(categories.size).toBeGreaterThanOrEqual(9);
    expect(new Set(market.map((p) => p.role)).size).toBe(profiles.length);
  });

  it('writes titles the title normalizer reads as the role and seniority meant', () => {
    const idOf = new Map(roleTaxonomy.roles.map((r) => [r.name, r.id]));
    let right = 0;
    for (const p of market) {
      const normalized = normalizeTitle(p.title, []);
      if (
        normalized.role === idOf.get(p.role) &&
        normalized.seniority === (p.seniority?.toLowerCase() ?? null)
      )
        right += 1;
    }
    expect(right / market.length).toBeGreaterThanOrEqual(0.95);
    const levels = new Set(market.map((p) => p.seniority));
    expect([...levels].sort()).toEqual(['Junior', 'Lead', 'Principal', 'Senior', null].sort());
  });

  it('asks for certifications of the skill taxonomy, each role its own at its share', () => {
    const certifications = new Set(
      skillTaxonomy.skills.filter((s) => s.isCertification).map((s) => s.name),
    );
    const asked = market.flatMap((p) => p.certifications);
    expect(new Set(asked).size).toBeGreaterThanOrEqual(25);
    for (const name of asked) expect(certifications.has(name), name).toBe(true);
    const share = (role: string, certification: string) =>
      of(role).filter((p) => p.certifications.includes(certification)).length / of(role).length;
    expect(share('Security Architect', 'CISSP')).toBeGreaterThan(0.3);
    expect(share('Security Architect', 'CISSP')).toBeLessThan(0.55);
    expect(share('Penetration Tester', 'OSCP')).toBeGreaterThan(0.3);
    expect(share('SOC Analyst', 'CISSP')).toBe(0);
    expect(of('Software Engineer').every((p) => p.certifications.length === 0)).toBe(true);
    // Written as postings write them, and found there by the skill tagger.
    const tagger = defaultTagger();
    const idOf = (name: string) => tagger.tag('', name)[0]?.id;
    for (const p of market.filter((q) => q.certifications.length > 0)) {
      expect(text(p)).toMatch(/certifi(?:ed|cation)/);
      const tagged = new Set(tagger.tag(p.title, text(p)).map((t) => t.id));
      for (const name of p.certifications) expect(tagged.has(idOf(name)!), name).toBe(true);
    }
  });

  it("writes skills the tagger finds in the posting's text", () => {
    const tagger = defaultTagger();
    let listed = 0;
    let found = 0;
    for (const p of market) {
      const surfaces = new Set(
        tagger.tag(p.title, text(p)).flatMap((t) => t.surface.map((s) => s.toLowerCase())),
      );
      listed += p.skills.length;
      found += p.skills.filter((s) => surfaces.has(s.toLowerCase())).length;
    }
    expect(found / listed).toBeGreaterThan(0.95);
  });

  it('states the years of experience in about half its postings, more of seniors', () => {
    const stated = market.filter((p) => p.experience !== null);
    expect(stated.length / market.length).toBeGreaterThan(0.4);
    expect(stated.length / market.length).toBeLessThan(0.6);
    for (const p of market) {
      const read = parseExperience(text(p));
      expect(read && { min: read.minYears, max: read.maxYears }, p.id).toEqual(p.experience);
    }
    const years = (seniority: string | null, role: string) =>
      median(stated.filter((p) => p.seniority === seniority && p.role === role).map((p) => p.experience!.min)); // prettier-ignore
    expect(years('Senior', 'Data Engineer')).toBeGreaterThan(years(null, 'Data Engineer'));
    expect(years(null, 'Data Engineer')).toBeGreaterThan(years('Junior', 'Data Engineer'));
    expect(years(null, 'Security Architect')).toBeGreaterThan(years(null, 'SOC Analyst'));
  });

  it('pays by role, seniority and skill', () => {
    expect(median(dayRates(of('Security Architect')))).toBeGreaterThan(
      median(dayRates(of('SOC Analyst'))) * 1.5,
    );
    expect(median(dayRates(of('IT Support Analyst')))).toBeLessThan(
      median(dayRates(of('Data Engineer'))) / 2,
    );
    const software = market.filter((p) => FAMILIES.software!.roles.includes(p.role));
    const seniors = software.filter((p) => p.seniority === 'Senior');
    const juniors = software.filter((p) => p.seniority === 'Junior');
    expect(median(dayRates(seniors))).toBeGreaterThan(median(dayRates(juniors)) * 1.3);
    // A skill with a premium: the same roles pay more when a posting asks for it.
    const asking = software.filter((p) => p.skills.includes('Rust'));
    const fading = software.filter((p) => p.skills.includes('jQuery'));
    expect(median(dayRates(asking))).toBeGreaterThan(median(dayRates(fading)));
  });

  it('has rising and fading roles', () => {
    const firstWeek = addWeeks('2026-11-23', 1 - weeks);
    const share = (role: string, from: string, to: string) => {
      const span = market.filter((p) => {
        const week = weekOf(new Date(p.postedAt));
        return week >= from && week <= to;
      });
      return span.filter((p) => p.role === role).length / span.length;
    };
    const early = (role: string) => share(role, firstWeek, addWeeks(firstWeek, 12));
    const late = (role: string) => share(role, addWeeks('2026-11-23', -12), '2026-11-23');
    for (const rising of ['AI Engineer', 'Platform Engineer', 'Analytics Engineer'])
      expect(late(rising), rising).toBeGreaterThan(early(rising) * 1.3);
    for (const fading of ['BI Developer', 'Database Administrator', 'Scrum Master'])
      expect(late(fading), fading).toBeLessThan(early(fading) * 0.8);
  });
});

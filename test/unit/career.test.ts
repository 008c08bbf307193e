import { describe, expect, it } from 'vitest';
import { skillCurrency, trendOf } from '../../src/career/currency.js';
import {
  betterPaidRoles,
  currentRate,
  pathTo,
  rankingScore,
  roleFit,
  weightedMedian,
} from '../../src/career/fit.js';
import type {
  CareerMarket,
  CareerUser,
  ProfileItem,
  RoleMarket,
  SkillMarket,
} from '../../src/career/market.js';
import { buildCareerPlan } from '../../src/career/plan.js';
import {
  CareerError,
  editDistance,
  resolveRequest,
  resolveRole,
  resolveSkills,
} from '../../src/career/resolve.js';
import { coverage, targetPlan } from '../../src/career/target.js';

/*
 * A market worked by hand: every expected figure below is computed in the comments from
 * the shares and rates written here, not read from the program.
 */

const WEEKS = 20;
const range = <T = number>(f: (t: number) => T): T[] =>
  Array.from({ length: WEEKS }, (_, t) => f(t));

function skill(
  id: string,
  dayRateMedian: number | null,
  demand: number[] = range(() => 100),
  extra: Partial<SkillMarket> = {},
): SkillMarket {
  return {
    id,
    name: id.toUpperCase(),
    category: 'cloud',
    certification: false,
    aliases: [],
    postings: demand[demand.length - 1]!,
    dayRateMedian,
    dayRateCount: 50,
    demand,
    rates: range(() => dayRateMedian),
    related: [],
    ...extra,
  };
}

const item = (id: string, share: number, certification = false): ProfileItem => ({
  id,
  name: id.toUpperCase(),
  certification,
  share,
});

function role(
  id: string,
  name: string,
  postings: number,
  dayRateMedian: number | null,
  profile: ProfileItem[],
  extra: Partial<RoleMarket> = {},
): RoleMarket {
  return {
    id,
    name,
    category: 'cloud',
    aliases: [],
    postings,
    windowPostings: postings,
    growth13w: 0,
    growth52w: null,
    dayRateMedian,
    dayRateP25: null,
    dayRateP75: null,
    dayRateCount: 30,
    profile,
    experienceYearsMedian: null,
    demand: range(() => postings),
    ...extra,
  };
}

const skills: SkillMarket[] = [
  // aws: demand 300 ± 5, rate flat: steady both ways.
  skill(
    'aws',
    500,
    range((t) => (t % 2 === 0 ? 295 : 305)),
  ),
  skill('terraform', 550),
  skill('python', 450),
  skill('kubernetes', 650),
  skill('security', 600),
  skill(
    'go',
    1200,
    range((t) => 10 + 5 * t),
  ),
  skill('ml', 700),
  skill('java', 500),
  // cobol: 200 down to 48, a straight fall; asked with go (rising), java (steady), python (own).
  skill(
    'cobol',
    300,
    range((t) => 200 - 8 * t),
    {
      related: [
        { id: 'python', lift: 4, share: 0.3 },
        { id: 'go', lift: 3, share: 0.2 },
        { id: 'java', lift: 2.5, share: 0.4 },
      ],
    },
  ),
  skill('cissp', 700, undefined, { certification: true, name: 'CISSP', aliases: ['isc2 cissp'] }),
];

const market: CareerMarket = {
  week: '2026-11-23',
  window: { week: '2026-11-23', weeks: 13 },
  currency: 'GBP',
  weeks: range((t) => `w${t}`),
  marketPostings: range(() => 1000),
  skills: Object.fromEntries(skills.map((s) => [s.id, s])),
  roles: [
    // fit of aws+terraform+python: (0.8 + 0.6 + 0.2) / 2.0 = 0.8
    role('cloud-engineer', 'Cloud Engineer', 100, 520, [
      item('aws', 0.8),
      item('terraform', 0.6),
      item('kubernetes', 0.4),
      item('python', 0.2),
    ]),
    // (0.5 + 0.5 + 0.5) / 2.0 = 0.75
    role('devops-engineer', 'DevOps Engineer', 50, 480, [
      item('aws', 0.5),
      item('kubernetes', 0.5),
      item('terraform', 0.5),
      item('python', 0.5),
    ]),
    // (0.5 + 0.3) / 2.0 = 0.4
    role(
      'cloud-security-architect',
      'Cloud Security Architect',
      20,
      800,
      [item('security', 0.7), item('aws', 0.5), item('cissp', 0.5, true), item('terraform', 0.3)],
      { growth13w: 0.5, experienceYearsMedian: 8, aliases: ['CSA'] },
    ),
    // (0.6 + 0.3) / 1.7 = 0.529...
    role('security-engineer', 'Security Engineer', 10, 650, [
      item('security', 0.8),
      item('aws', 0.6),
      item('python', 0.3),
    ]),
    // (0.5 + 0.2) / 2.0 = 0.35
    role('platform-engineer', 'Platform Engineer', 30, 650, [
      item('kubernetes', 0.8),
      item('go', 0.5),
      item('terraform', 0.5),
      item('aws', 0.2),
    ]),
    // No postings in the window: nothing to plan from, in no figure.
    role('quiet-architect', 'Quiet Architect', 0, null, []),
    // 0.3 / 1.2 = 0.25
    role('data-scientist', 'Data Scientist', 40, 700, [item('ml', 0.9), item('python', 0.3)], {
      growth13w: -0.5,
      category: 'ai-ml',
    }),
  ],
};

const user: CareerUser = { skills: ['aws', 'terraform', 'python', 'cobol'], certs: [], years: 6 };
const byId = (id: string) => market.roles.find((r) => r.id === id)!;

describe('fit', () => {
  it('is the share of the demand-weighted profile the user has', () => {
    expect(roleFit(byId('cloud-engineer'), user)).toBeCloseTo(0.8);
    expect(roleFit(byId('devops-engineer'), user)).toBeCloseTo(0.75);
    expect(roleFit(byId('cloud-security-architect'), user)).toBeCloseTo(0.4);
    expect(roleFit(byId('security-engineer'), user)).toBeCloseTo(0.9 / 1.7);
    expect(roleFit(byId('data-scientist'), user)).toBeCloseTo(0.25);
  });

  it('counts certifications', () => {
    const certified = { ...user, certs: ['cissp'] };
    // (0.5 + 0.3 + 0.5) / 2.0
    expect(roleFit(byId('cloud-security-architect'), certified)).toBeCloseTo(0.65);
  });

  it('is 0 for a role without a profile', () => {
    expect(roleFit(role('empty', 'Empty', 1, 1, []), user)).toBe(0);
  });
});

describe('current rate', () => {
  it('is the postings-weighted median rate of the roles fitted at 0.5 or more', () => {
    // cloud-engineer 520 (100), devops 480 (50), security-engineer 650 (10): half of 160
    // is reached at 520.
    const rate = currentRate(market, user);
    expect(rate).toEqual({
      dayRate: 520,
      basis: 'roles',
      roles: ['cloud-engineer', 'devops-engineer', 'security-engineer'],
    });
  });

  it("falls back to the median of the user's skills' rates", () => {
    const rate = currentRate(market, { skills: ['java', 'go', 'cobol'], certs: [], years: null });
    // No role fitted at 0.5 (platform engineer: 0.5 / 2.0); rates 500, 1200, 300.
    expect(rate).toEqual({ dayRate: 500, basis: 'skills', roles: [] });
  });

  it('leaves out a role whose median rests on fewer than 5 rates', () => {
    const tiny = role('tiny', 'Tiny', 500, 2000, [item('aws', 1)], { dayRateCount: 4 });
    const withTiny = { ...market, roles: [...market.roles, tiny] };
    // 500 postings at 2,000 would be the median; on 4 rates it does not count.
    expect(currentRate(withTiny, user).dayRate).toBe(520);
    const trusted = { ...market, roles: [...market.roles, { ...tiny, dayRateCount: 5 }] };
    expect(currentRate(trusted, user).dayRate).toBe(2000);
  });

  it('weighted median takes the value where half the weight is reached', () => {
    expect(
      weightedMedian([
        { value: 1, weight: 3 },
        { value: 9, weight: 1 },
      ]),
    ).toBe(1);
    expect(
      weightedMedian([
        { value: 1, weight: 1 },
        { value: 9, weight: 3 },
      ]),
    ).toBe(9);
    expect(weightedMedian([])).toBeNull();
  });
});

describe('better-paid roles', () => {
  it('ranks by fit × capped uplift × growth factor', () => {
    const ranked = betterPaidRoles(market, user, 520);
    // CSA 0.4 × (800/520 - 1) × 1.25 = 0.269; security-engineer 0.529 × 0.25 = 0.132;
    // platform 0.35 × 0.25 = 0.0875; data-scientist 0.25 × 0.346 × 0.75 = 0.0649.
    expect(ranked.map((r) => r.id)).toEqual([
      'cloud-security-architect',
      'security-engineer',
      'platform-engineer',
      'data-scientist',
    ]);
    expect(ranked[0]!.uplift).toBeCloseTo(800 / 520 - 1);
    expect(ranked[0]!.score).toBeCloseTo(0.4 * (800 / 520 - 1) * 1.25);
    expect(ranked[3]!.score).toBeCloseTo(0.25 * (700 / 520 - 1) * 0.75);
  });

  it('keeps to the category asked for and leaves out roles paying no more', () => {
    const ranked = betterPaidRoles(market, user, 520, 'ai-ml');
    expect(ranked.map((r) => r.id)).toEqual(['data-scientist']);
    expect(betterPaidRoles(market, user, 1000)).toEqual([]);
  });

  it('caps the uplift at +100% and counts no growth as 0', () => {
    expect(rankingScore(0.5, 3, null)).toBeCloseTo(0.5);
    expect(rankingScore(0.5, 0.5, 4)).toBeCloseTo(0.5 * 0.5 * 1.5);
    expect(rankingScore(0.5, -0.2, 0)).toBe(0);
  });
});

describe('path to a role', () => {
  it('orders missing items by share × (1 + rate premium), with the fit after each', () => {
    // go: 0.5 × 1200/520 = 1.154 before kubernetes: 0.8 × 650/520 = 1.0.
    const path = pathTo(market, byId('platform-engineer'), user, 520);
    expect(path.map((s) => s.id)).toEqual(['go', 'kubernetes']);
    expect(path[0]!.weight).toBeCloseTo(0.5 * (1200 / 520));
    expect(path[0]!.ratePremium).toBeCloseTo(1200 / 520 - 1);
    expect(path.map((s) => s.fitAfter)).toEqual([
      expect.closeTo(0.6, 6) as number,
      expect.closeTo(1, 6) as number,
    ]);
  });

  it('takes share alone when no rate is known', () => {
    const path = pathTo(market, byId('platform-engineer'), user, null);
    expect(path.map((s) => s.id)).toEqual(['kubernetes', 'go']);
  });
});

describe('dream-job mode', () => {
  const plan = targetPlan(market, byId('cloud-security-architect'), user, 520);

  it('marks the profile had and lacked, the missing core items and the distance', () => {
    expect(plan.profile.map((i) => [i.id, i.have, i.core])).toEqual([
      ['security', false, true],
      ['aws', true, true],
      ['cissp', false, true],
      ['terraform', true, false],
    ]);
    expect(plan.fitNow).toBeCloseTo(0.4);
    expect(plan.missingCore).toEqual(['security', 'cissp']);
    // security 0.7 × 600/520 = 0.81 before cissp 0.5 × 700/520 = 0.67.
    expect(plan.steps.map((s) => [s.id, s.fitAfter])).toEqual([
      ['security', expect.closeTo(0.75, 6)],
      ['cissp', expect.closeTo(1, 6)],
    ]);
    expect(plan.experience).toEqual({ asked: 8, yours: 6, short: 2 });
  });

  it('names the roles on the way: fitted better and covering more of the target', () => {
    // security-engineer's core (security, aws) covers (0.7 + 0.5) / 2 = 0.6 of the
    // target; cloud and devops engineers' cover only (0.5 + 0.3) / 2 = 0.4, no more than now.
    expect(coverage(byId('security-engineer'), byId('cloud-security-architect'))).toBeCloseTo(0.6);
    expect(coverage(byId('cloud-engineer'), byId('cloud-security-architect'))).toBeCloseTo(0.4);
    expect(plan.onTheWay.map((r) => r.id)).toEqual(['security-engineer']);
  });
});

describe('currency of skills', () => {
  it('classes rising, steady and fading by a significant slope of the demand share', () => {
    const currency = skillCurrency(market, { ...user, skills: [...user.skills, 'go'] });
    const classOf = (id: string) => currency.find((c) => c.id === id)!.class;
    expect(classOf('aws')).toBe('steady');
    expect(classOf('cobol')).toBe('fading');
    expect(classOf('go')).toBe('rising');
    const cobol = currency.find((c) => c.id === 'cobol')!;
    // The fitted line is the series itself: 200 → 48 is a fall of 76%.
    expect(cobol.demand!.change).toBeCloseTo(-152 / 200);
    expect(cobol.rate!.class).toBe('steady');
  });

  it('warns of a fading skill with the rising skills asked with it that the user lacks', () => {
    const currency = skillCurrency(market, user);
    expect(currency.find((c) => c.id === 'cobol')!.risingPartners).toEqual([
      { id: 'go', name: 'GO', lift: 3 },
    ]);
    expect(currency.find((c) => c.id === 'aws')!.risingPartners).toEqual([]);
  });

  it('needs significance and a change worth naming', () => {
    // A slight but perfectly regular rise: significant, yet 1% over the window.
    expect(trendOf(range((t) => 1000 + t * 0.5))!.class).toBe('steady');
    expect(trendOf([1, 2, 3])).toBeNull();
    // Noise around a level: no significant slope.
    expect(trendOf(range((t) => 100 + (t % 3) * 10 - 10))!.class).toBe('steady');
  });
});

describe('names', () => {
  it('resolves skills by id, name or alias and names the nearest to an unknown one', () => {
    expect(resolveSkills(market, ['AWS', 'terraform', 'aws'], 'skill')).toEqual([
      'aws',
      'terraform',
    ]);
    expect(resolveSkills(market, ['ISC2 CISSP'], 'certification')).toEqual(['cissp']);
    expect(() => resolveSkills(market, ['terrafrom'], 'skill')).toThrow(
      /no skill "terrafrom" in the taxonomy; nearest: TERRAFORM/,
    );
    // A skill is not a certification.
    expect(() => resolveSkills(market, ['aws'], 'certification')).toThrow(CareerError);
  });

  it('resolves a role by name or alias and names the nearest to an unknown one', () => {
    expect(resolveRole(market, 'csa').id).toBe('cloud-security-architect');
    expect(() => resolveRole(market, 'cloud securty architect')).toThrow(
      /no role "cloud securty architect" in the taxonomy; nearest: Cloud Security Architect/,
    );
  });

  it('says a role without postings in the window has nothing to plan from', () => {
    expect(() => resolveRole(market, 'quiet architect')).toThrow(
      /^no postings of the role "Quiet Architect" in the 13 weeks to 2026-W48: nothing to plan from; nearest with postings: /,
    );
    // With postings in the window but none in the week read, it has.
    const quietWeek = {
      ...market,
      roles: market.roles.map((r) =>
        r.id === 'quiet-architect' ? { ...r, windowPostings: 6 } : r,
      ),
    };
    expect(resolveRole(quietWeek, 'quiet architect').id).toBe('quiet-architect');
  });

  it('reads a role no name matches as a job title when given a title reader', () => {
    const titleRole = (title: string) => (title.includes('Security Architect') ? 'cloud-security-architect' : null); // prettier-ignore
    expect(resolveRole(market, 'Snr. Cloud Security Architect', titleRole).id).toBe('cloud-security-architect'); // prettier-ignore
    expect(() => resolveRole(market, 'Plumber', titleRole)).toThrow(/no role "Plumber"/);
  });

  it('resolves a whole request, reporting every unknown name and category at once', () => {
    const resolved = resolveRequest(market, { skills: ['aws'], certs: ['cissp'], years: 3, target: 'CSA', category: 'AI-ML' }); // prettier-ignore
    expect(resolved).toMatchObject({ user: { skills: ['aws'], certs: ['cissp'], years: 3 }, category: 'ai-ml' }); // prettier-ignore
    expect(resolved.target!.id).toBe('cloud-security-architect');
    let message = '';
    try {
      resolveRequest(market, { skills: ['awz'], certs: [], years: null, target: 'plumber', category: 'trades' }); // prettier-ignore
    } catch (error) {
      expect(error).toBeInstanceOf(CareerError);
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      expect.stringMatching(/^no skill "awz" in the taxonomy; nearest: AWS/) as string,
      expect.stringMatching(/^no role "plumber" in the taxonomy; nearest: /) as string,
      'no category "trades": expected one of ai-ml, cloud',
    ]);
    expect(() => resolveRequest(market, { skills: [], certs: [], years: null })).toThrow(/at least one skill/); // prettier-ignore
  });

  it('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('the plan', () => {
  it('puts the parts together, with a forecast per skill and listed role', () => {
    const plan = buildCareerPlan(market, user, { target: byId('cloud-security-architect') });
    expect(plan.currentRate.dayRate).toBe(520);
    expect(plan.roles[0]!.id).toBe('cloud-security-architect');
    expect(plan.roles[0]!.path.map((s) => s.id)).toEqual(['security', 'cissp']);
    expect(plan.roles[0]!.path[0]!.demand!.class).toBe('steady');
    expect(plan.target!.id).toBe('cloud-security-architect');
    expect(plan.forecasts.filter((f) => f.kind === 'skill').map((f) => f.id)).toEqual(user.skills);
    expect(plan.forecasts.filter((f) => f.kind === 'role').map((f) => f.id)).toEqual(
      plan.roles.map((r) => r.id),
    );
    expect(plan.forecasts[0]!.weeks[0]).toBe('2026-11-30');
    expect(plan.label).toBe('2026-W48');
  });
});

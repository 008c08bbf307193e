import { describe, expect, it } from 'vitest';
import type { CareerMarket, ProfileItem, RoleMarket } from '../../src/career/market.js';
import { nearestRoles } from '../../src/career/nearest.js';

/* Three roles whose coverage of each other is worked out by hand in the comments. */

const item = (id: string, share: number): ProfileItem => ({
  id,
  name: id.toUpperCase(),
  certification: false,
  share,
});

function role(id: string, postings: number, profile: ProfileItem[]): RoleMarket {
  return {
    id,
    name: `Role ${id}`,
    category: 'cloud',
    aliases: [],
    postings,
    windowPostings: postings,
    growth13w: null,
    growth52w: null,
    dayRateMedian: 500,
    dayRateP25: null,
    dayRateP75: null,
    dayRateCount: 10,
    profile,
    experienceYearsMedian: null,
    demand: [postings],
  };
}

// cloud's core (share ≥ 1/3): aws, terraform; python (0.2) is not core.
const cloud = role('cloud', 10, [item('aws', 0.9), item('terraform', 0.5), item('python', 0.2)]);
// devops: aws 0.6 + docker 0.6 = 1.2; cloud's core has aws: 0.6 / 1.2 = 0.5.
const devops = role('devops', 8, [item('aws', 0.6), item('docker', 0.6)]);
// platform: terraform 0.5 + kubernetes 1.5 = 2; cloud's core has terraform: 0.5 / 2 = 0.25.
const platform = role('platform', 20, [item('terraform', 0.5), item('kubernetes', 1.5)]);
// data: python only, which is not in cloud's core: 0, left out.
const data = role('data', 30, [item('python', 0.8)]);
// analyst: like devops, 0.5 covered, with more postings: listed before devops.
const analyst = role('analyst', 9, [item('aws', 0.3), item('sql', 0.3)]);

const market: CareerMarket = {
  week: '2026-11-16',
  window: { week: '2026-11-16', weeks: 13 },
  currency: 'GBP',
  weeks: ['2026-11-16'],
  marketPostings: [100],
  roles: [cloud, devops, platform, data, analyst],
  skills: {},
};

describe('nearestRoles', () => {
  it('orders the other roles by how much of their profile the role covers, then postings', () => {
    const near = nearestRoles(market, cloud);
    expect(near.map((r) => [r.id, r.coverage])).toEqual([
      ['analyst', 0.5],
      ['devops', 0.5],
      ['platform', 0.25],
    ]);
  });

  it('keeps at most the limit and never the role itself', () => {
    expect(nearestRoles(market, cloud, 1).map((r) => r.id)).toEqual(['analyst']);
    // devops's core: aws, docker; cloud: aws 0.9 of 1.6; analyst: aws 0.3 of 0.6.
    const fromDevops = nearestRoles(market, devops);
    expect(fromDevops.map((r) => r.id)).toEqual(['cloud', 'analyst']);
    expect(fromDevops[0]?.coverage).toBeCloseTo(0.9 / 1.6, 10);
  });
});

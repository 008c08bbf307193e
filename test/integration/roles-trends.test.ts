import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_TREND_SETTINGS } from '../../src/config/settings.js';
import { rollupWeeks, weeksOf } from '../../src/trends/rollup.js';
import {
  latestRoleWindow,
  rankedRoles,
  roleProfiles,
  roleSeries,
  roleWindowFigures,
  postingsWithoutRole,
} from '../../src/trends/roles-read.js';
import { addWeeks } from '../../src/trends/weeks.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { MARKET, seedTrendPostings, W, W1 } from '../helpers/trends.js';

/*
 * role_weekly, role_profile_weekly, role_window and role_profile_window on the
 * hand-worked market of test/helpers/trends.ts.
 * Open in W (segment all, 8 postings): cloud-engineer P1 (400/day, 3 years), P2 (500,
 * 5 years), P3 (600, temporary), P7 (rate excluded, 4 years); data-engineer L1 (open since
 * W-2, no years) and P4 (permanent, 2 years); P5 and P8 without a role. P6, a duplicate of
 * P1 labelled devops-engineer with 9 years and terraform and splunk, counts only as P1.
 * In W-1: data-engineer Q1 (1 year) and L1; in W-2: L1. The window of 13 weeks to W
 * (the related-skills week) holds 11 canonical postings: those of W, Q1 to Q3 and L1.
 */
const SETTINGS = { ...DEFAULT_TREND_SETTINGS, pairsMinPostings: 1, roleProfileMinPostings: 2 };
const W2 = addWeeks(W, -2);

describe.each(BACKENDS)('role tables on a hand-worked market (%s)', (backend) => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase(backend);
    await seedTrendPostings(database.db, MARKET);
    await rollupWeeks(database.db, await weeksOf(database.db, { kind: 'all' }), {
      currency: 'GBP',
      settings: SETTINGS,
    });
  });
  afterAll(() => database?.drop());

  const roleWeek = (week: string, segment: string) =>
    database.db
      .selectFrom('role_weekly')
      .selectAll()
      .where('week', '=', week)
      .where('segment', '=', segment as never)
      .orderBy('role_id')
      .execute();

  it("counts each role's postings, share, rank, rates and years in the week", async () => {
    const rows = await roleWeek(W, 'all');
    expect(rows.map((r) => r.role_id)).toEqual(['cloud-engineer', 'data-engineer']);
    const [cloud, data] = rows;
    // Rates of P1, P2, P3: p10 = 400 + 0.2 × 100, p25 = 450, median 500, p75 550, p90 580.
    expect(cloud).toMatchObject({
      postings: 4,
      new_postings: 4,
      share: 0.5,
      rank: 1,
      rank_change_1w: null,
      rank_change_4w: null,
      day_rate_count: 3,
      day_rate_p10: 420,
      day_rate_p25: 450,
      day_rate_median: 500,
      day_rate_p75: 550,
      day_rate_p90: 580,
      hourly_rate_count: 0,
      hourly_rate_median: null,
      annual_salary_count: 0,
      // Years of P1, P2, P7: 3, 5, 4; P6's 9 are its duplicate's.
      experience_years_count: 3,
      experience_years_median: 4,
    });
    // L1 was new in W-2; rank 1 in W-1 (Q1, L1), 2 now.
    expect(data).toMatchObject({
      postings: 2,
      new_postings: 1,
      share: 0.25,
      rank: 2,
      rank_change_1w: -1,
      day_rate_count: 0,
      day_rate_median: null,
      experience_years_count: 1,
      experience_years_median: 2,
    });
  });

  it('counts per segment, with earlier weeks and their rank changes', async () => {
    // Contract (5 postings: L1, P1, P2, P3 temporary, P7).
    const contract = await roleWeek(W, 'contract');
    expect(contract.map((r) => [r.role_id, r.postings, r.share, r.rank, r.rank_change_1w])).toEqual(
      [
        ['cloud-engineer', 4, 0.8, 1, null],
        ['data-engineer', 1, 0.2, 2, -1],
      ],
    );
    const permanent = await roleWeek(W, 'permanent');
    expect(permanent.map((r) => [r.role_id, r.postings, r.share, r.rank])).toEqual([
      ['data-engineer', 1, 1, 1],
    ]);
    expect(await roleWeek(W, 'freelance')).toEqual([]);
    const before = await roleWeek(W1, 'all');
    expect(
      before.map((r) => [
        r.role_id,
        r.postings,
        r.rank,
        r.rank_change_1w,
        r.experience_years_median,
      ]),
    ).toEqual([['data-engineer', 2, 1, 0, 1]]);
  });

  it("keeps the skills asked by enough of a role's postings, not its duplicates'", async () => {
    // cloud-engineer: aws 4 of 4, terraform 1 (P6's would make 2), python 1; data-engineer
    // has 2 postings but no skill in 2 of them; W-2 has one role posting.
    const rows = await database.db
      .selectFrom('role_profile_weekly')
      .select(['week', 'role_id', 'skill_id', 'postings', 'share'])
      .orderBy('week')
      .orderBy('role_id')
      .orderBy('skill_id')
      .execute();
    expect(rows).toEqual([
      { week: W, role_id: 'cloud-engineer', skill_id: 'aws', postings: 4, share: 1 },
    ]);
  });

  it('serves the role figures through the analysts views', async () => {
    const demand = await database.db
      .selectFrom('trend_role_demand' as never)
      .selectAll()
      .where('week' as never, '=', W as never)
      .where('segment' as never, '=', 'all' as never)
      .orderBy('rank' as never)
      .execute();
    expect(demand).toHaveLength(2);
    expect(demand[0]).toMatchObject({
      role_id: 'cloud-engineer',
      role: 'Role cloud-engineer',
      category: 'cloud',
      postings: 4,
      rank: 1,
      postings_change_13w: null,
      postings_change_52w: null,
      currency: 'GBP',
      day_rate_p25: 450,
      day_rate_median: 500,
      day_rate_p75: 550,
      experience_years_median: 4,
    });
    const profile = await database.db
      .selectFrom('trend_role_profile' as never)
      .selectAll()
      .execute();
    expect(profile).toEqual([
      {
        week: W,
        role_id: 'cloud-engineer',
        role: 'Role cloud-engineer',
        skill_id: 'aws',
        skill: 'AWS',
        category: 'cloud',
        is_certification: false,
        postings: 4,
        share: 1,
      },
    ]);
  });

  it('reads a role week by week, zero-filled, its profile and the week ranked', async () => {
    const data = await roleSeries(database.db, 'data-engineer', { last: W, weeks: 4 });
    expect(data.map((w) => [w.week, w.postings, w.rank, w.experience_years_median])).toEqual([
      [addWeeks(W, -3), 0, null, null],
      [W2, 1, 1, null],
      [W1, 2, 1, 1],
      [W, 2, 2, 2],
    ]);
    const contract = await roleSeries(database.db, 'cloud-engineer', {
      last: W,
      weeks: 2,
      segment: 'contract',
    });
    expect(contract.map((w) => [w.week, w.postings, w.share, w.day_rate_median])).toEqual([
      [W1, 0, 0, null],
      [W, 4, 0.8, 500],
    ]);
    const ranked = await rankedRoles(database.db, W);
    expect(ranked.map((r) => [r.role_id, r.name, r.rank, r.postings, r.growth_13w])).toEqual([
      ['cloud-engineer', 'Role cloud-engineer', 1, 4, null],
      ['data-engineer', 'Role data-engineer', 2, 2, null],
    ]);
    expect(ranked[0]).toMatchObject({ day_rate_median: 500, experience_years_median: 4 });
    const data13 = await rankedRoles(database.db, W, { category: 'data' });
    expect(data13.map((r) => r.role_id)).toEqual(['data-engineer']);
  });

  it('counts each role over the window of weeks to the related-skills week, each posting once', async () => {
    const window = await latestRoleWindow(database.db, W);
    expect(window).toEqual({ week: W, weeks: 13 });
    expect(await latestRoleWindow(database.db, W1)).toBeNull();
    const figures = await roleWindowFigures(database.db, window!);
    // cloud-engineer: P1, P2, P3, P7 of 11; rates 400, 500, 600 (P7's excluded); years 3,
    // 5, 4. data-engineer: Q1, L1 (open three weeks, counted once), P4; years 1 and 2.
    expect(figures).toEqual([
      {
        role_id: 'cloud-engineer',
        postings: 4,
        share: 4 / 11,
        day_rate_count: 3,
        day_rate_p10: 420,
        day_rate_p25: 450,
        day_rate_median: 500,
        day_rate_p75: 550,
        day_rate_p90: 580,
        experience_years_count: 3,
        experience_years_median: 4,
      },
      {
        role_id: 'data-engineer',
        postings: 3,
        share: 3 / 11,
        day_rate_count: 0,
        day_rate_p10: null,
        day_rate_p25: null,
        day_rate_median: null,
        day_rate_p75: null,
        day_rate_p90: null,
        experience_years_count: 2,
        experience_years_median: 1.5,
      },
    ]);
    expect(await roleWindowFigures(database.db, window!, 'data-engineer')).toEqual([figures[1]]);
    // Contract: Q1, Q2, L1, P1, P2, P3 (temporary), P7; permanent: Q3, P4.
    const segments = await database.db
      .selectFrom('role_window')
      .select(['segment', 'role_id', 'postings', 'share'])
      .where('segment', '<>', 'all')
      .orderBy('segment')
      .orderBy('role_id')
      .execute();
    expect(segments).toEqual([
      { segment: 'contract', role_id: 'cloud-engineer', postings: 4, share: 4 / 7 },
      { segment: 'contract', role_id: 'data-engineer', postings: 2, share: 2 / 7 },
      { segment: 'permanent', role_id: 'data-engineer', postings: 1, share: 1 / 2 },
    ]);
    // Asked by 2 postings or more: cloud-engineer aws (4 of 4); data-engineer python and
    // terraform (Q1 and P4), which no single week has twice.
    const profiles = await roleProfiles(database.db, window!);
    expect(profiles.map((p) => [p.role_id, p.skill_id, p.postings, p.share])).toEqual([
      ['cloud-engineer', 'aws', 4, 1],
      ['data-engineer', 'python', 2, 2 / 3],
      ['data-engineer', 'terraform', 2, 2 / 3],
    ]);
    expect(await roleProfiles(database.db, window!, 'cloud-engineer')).toEqual([
      {
        role_id: 'cloud-engineer',
        skill_id: 'aws',
        name: 'AWS',
        category: 'cloud',
        is_certification: false,
        postings: 4,
        share: 1,
      },
    ]);
    const view = await database.db
      .selectFrom('trend_role_window' as never)
      .selectAll()
      .where('segment' as never, '=', 'all' as never)
      .orderBy('role_id' as never)
      .execute();
    expect(view[0]).toMatchObject({
      week: W,
      window_weeks: 13,
      role: 'Role cloud-engineer',
      currency: 'GBP',
      day_rate_median: 500,
    });
    const viewProfile = await database.db
      .selectFrom('trend_role_window_profile' as never)
      .selectAll()
      .execute();
    expect(viewProfile).toHaveLength(3);
  });

  it('rewrites the window when the week is rolled up again, leaving the same rows', async () => {
    const read = () =>
      database.db
        .selectFrom('role_profile_window')
        .select(['week', 'role_id', 'skill_id', 'postings'])
        .orderBy('role_id')
        .orderBy('skill_id')
        .execute();
    const before = await read();
    await rollupWeeks(database.db, [W], { currency: 'GBP', settings: SETTINGS });
    expect(await read()).toEqual(before);
    expect(await database.db.selectFrom('role_window').select('role_id').execute()).toHaveLength(5);
  });

  it("keeps in the window's profile only the skills a share of the role's postings ask for", async () => {
    const profile = async () =>
      (await roleProfiles(database.db, { week: W, weeks: 13 })).map((p) => p.skill_id);
    // 0.7: aws (4 of 4 cloud-engineer postings) stays, python and terraform (2 of 3
    // data-engineer postings) go.
    await rollupWeeks(database.db, [W], {
      currency: 'GBP',
      settings: { ...SETTINGS, roleProfileMinShare: 0.7 },
    });
    expect(await profile()).toEqual(['aws']);
    await rollupWeeks(database.db, [W], { currency: 'GBP', settings: SETTINGS });
    expect(await profile()).toEqual(['aws', 'python', 'terraform']);
  });

  it('lists the titles of canonical postings without a role open in the weeks', async () => {
    const rows = await postingsWithoutRole(database.db, { from: W, to: W }, 100);
    // P5 and P8 in W; Q2, Q3 are of W-1 only; P6 is a duplicate.
    expect(rows.map((r) => r.title).sort()).toEqual(['Job P5', 'Job P8']);
    expect(rows.find((r) => r.title === 'Job P5')?.skills.sort()).toEqual(['aws', 'splunk']);
  });
});

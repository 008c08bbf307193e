/**
 * The analysts' views: published names, documented column by column in the README
 * ("Trend tables and views"), created by migration 000900 (the roles' by 002200); with the columns that
 * identify a row, which exports sort by.
 */
export const TREND_VIEWS = {
  trend_market: {
    about: 'all postings per week and segment: demand, new postings, rolling sums, market rates',
    key: ['week', 'segment'],
  },
  trend_skill_demand: {
    about:
      'demand per skill, week and segment: postings, share, rank, changes, rolling 4/13-week figures',
    key: ['week', 'skill_id', 'segment'],
  },
  trend_skill_rates: {
    about:
      'day rate, hourly rate and annual salary percentiles per skill, week and segment, with median changes',
    key: ['week', 'skill_id', 'segment'],
  },
  trend_category: {
    about: 'demand and rates per category (cloud, cybersecurity, data...), week and segment',
    key: ['week', 'category', 'segment'],
  },
  trend_movers: {
    about: 'significant risers and fallers over 4 and 13 weeks against the window before',
    key: ['week', 'window_weeks', 'segment', 'direction', 'rank', 'skill_id'],
  },
  trend_related_skills: {
    about: 'skills asked for together over 13 weeks: co-occurrence, share and lift',
    key: ['week', 'window_weeks', 'skill_id', 'related_skill_id'],
  },
  trend_breakdowns: {
    about: 'postings by country and work mode, for the market, each category and each skill',
    key: ['week', 'dimension', 'value', 'scope', 'scope_id'],
  },
  trend_role_demand: {
    about:
      'demand per role, week and segment: postings, share, rank, growth over 13 and 52 weeks, rates, years of experience asked',
    key: ['week', 'role_id', 'segment'],
  },
  trend_role_profile: {
    about: "the skills and certifications a role's postings ask for, per week, with their share",
    key: ['week', 'role_id', 'skill_id'],
  },
} as const;
export type TrendView = keyof typeof TREND_VIEWS;

export function isTrendView(name: string): name is TrendView {
  return Object.hasOwn(TREND_VIEWS, name);
}

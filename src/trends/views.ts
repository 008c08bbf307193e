/**
 * The analysts' views: published names, documented column by column in the README
 * ("Trend tables and views"). Created by migration 000900.
 */
export const TREND_VIEWS = {
  trend_market:
    'all postings per week and segment: demand, new postings, rolling sums, market rates',
  trend_skill_demand:
    'demand per skill, week and segment: postings, share, rank, rank and demand changes, rolling 4/13-week figures',
  trend_skill_rates:
    'day and hourly rate percentiles per skill, week and segment, with median changes',
  trend_category: 'demand and rates per category (cloud, cybersecurity, data...), week and segment',
  trend_movers: 'significant risers and fallers over 4 and 13 weeks against the window before',
  trend_related_skills: 'skills asked for together over 13 weeks: co-occurrence, share and lift',
  trend_breakdowns:
    'postings by country and work mode, for the market, each category and each skill',
} as const;
export type TrendView = keyof typeof TREND_VIEWS;

export function isTrendView(name: string): name is TrendView {
  return Object.hasOwn(TREND_VIEWS, name);
}

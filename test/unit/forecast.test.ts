import { describe, expect, it } from 'vitest';
import {
  backtest,
  demandForecast,
  fitHolt,
  forecastHolt,
  seasonalNaive,
} from '../../src/career/forecast.js';

const series = (n: number, f: (t: number) => number) => Array.from({ length: n }, (_, t) => f(t));

describe('damped-trend forecast', () => {
  it('forecasts a straight line straight on', () => {
    const y = series(30, (t) => 10 + 2 * t);
    const model = fitHolt(y)!;
    expect(model.phi).toBe(1);
    const points = forecastHolt(model);
    expect(points).toHaveLength(13);
    points.forEach((p) => expect(p.mean).toBeCloseTo(10 + 2 * (29 + p.h), 6));
  });

  it('widens its interval with the horizon', () => {
    const y = series(40, (t) => 50 + t + (t % 2 === 0 ? 3 : -3));
    const points = forecastHolt(fitHolt(y)!);
    const widths = points.map((p) => p.upper - p.lower);
    widths.slice(1).forEach((w, i) => expect(w).toBeGreaterThan(widths[i]!));
    points.forEach((p) => {
      expect(p.lower).toBeLessThanOrEqual(p.mean);
      expect(p.upper).toBeGreaterThanOrEqual(p.mean);
    });
  });

  it('never forecasts negative demand', () => {
    const points = forecastHolt(fitHolt(series(20, (t) => 40 - 3 * t))!);
    points.forEach((p) => expect(p.lower).toBeGreaterThanOrEqual(0));
    expect(points[12]!.mean).toBe(0);
  });

  it('needs three values', () => {
    expect(fitHolt([1, 2])).toBeNull();
  });
});

describe('backtest against seasonal-naive', () => {
  it('takes the value a year before, or the last value on less than a year', () => {
    const y = series(60, (t) => t);
    expect(seasonalNaive(y, 1)).toBe(8);
    expect(seasonalNaive(y.slice(0, 20), 3)).toBe(19);
  });

  it('shows the smoother on a trending series, where it beats naive', () => {
    const forecast = demandForecast(series(40, (t) => 100 + 3 * t));
    expect(forecast.backtest!.holtMae).toBeLessThan(forecast.backtest!.naiveMae);
    expect(forecast.shown).toBe(true);
  });

  it('hides it on a purely seasonal series, where seasonal-naive is exact', () => {
    const y = series(130, (t) => 100 + 50 * Math.sin((2 * Math.PI * t) / 52));
    const tested = backtest(y)!;
    expect(tested.naiveMae).toBeLessThan(tested.holtMae);
    expect(demandForecast(y).shown).toBe(false);
  });

  it('has nothing to test on a series shorter than its training window', () => {
    expect(backtest(series(12, (t) => t))).toBeNull();
    expect(demandForecast(series(12, (t) => t)).shown).toBe(false);
  });
});

/*
 * The 13-week demand forecast: additive damped-trend exponential smoothing (Holt's
 * linear trend with a damping factor; ETS(A,Ad,N) in Hyndman & Athanasopoulos,
 * "Forecasting: Principles and Practice", 3rd ed., §8.2 and §8.7), its parameters picked
 * on a grid by the least one-step squared error, its 95% interval from the model's
 * h-step variance. npm has no well-kept ETS library (`arima` is a 2021 WebAssembly
 * build), and the method is short. It is shown only where it beats a seasonal-naive
 * forecast on the series' own rolling-origin backtest (`backtest`).
 */

/** The weeks ahead forecast. */
export const HORIZON = 13;
/** The season of weekly demand: a year. */
export const SEASON = 52;
/** The fewest weeks a model is fitted on (and the first backtest origin). */
export const MIN_TRAIN = 13;
/** 97.5% quantile of the standard normal: a 95% interval. */
const Z95 = 1.959964;

const ALPHAS = [0.1, 0.2, 0.3, 0.5, 0.7, 0.9];
const BETAS = [0.05, 0.1, 0.2];
/** φ = 1 is Holt's undamped linear trend, so that a straight line is forecast straight. */
const PHIS = [0.8, 0.9, 0.98, 1];

export interface HoltModel {
  readonly alpha: number;
  /** The trend's smoothing as a share of alpha (β* of the textbook). */
  readonly beta: number;
  readonly phi: number;
  readonly level: number;
  readonly trend: number;
  /** Variance of the one-step errors. */
  readonly sigma2: number;
}

interface Run {
  readonly level: number;
  readonly trend: number;
  readonly sse: number;
  readonly errors: number;
}

/** Runs the smoother over `y` from its first values; the state after the last. */
function smooth(y: readonly number[], alpha: number, beta: number, phi: number): Run {
  const first = Math.min(y.length - 1, 4);
  let level = y[0]!;
  let trend = first > 0 ? (y[first]! - y[0]!) / first : 0;
  let sse = 0;
  for (let t = 1; t < y.length; t++) {
    const error = y[t]! - (level + phi * trend);
    sse += error * error;
    // Error-correction form of ETS(A,Ad,N): ℓ += φb + αe, b = φb + αβ*e.
    level = level + phi * trend + alpha * error;
    trend = phi * trend + alpha * beta * error;
  }
  return { level, trend, sse, errors: y.length - 1 };
}

/** The damped-trend model of `y` with the least one-step squared error on the grid; null under 3 values. */
export function fitHolt(y: readonly number[]): HoltModel | null {
  if (y.length < 3) return null;
  let best: (HoltModel & { sse: number }) | null = null;
  for (const phi of PHIS) {
    for (const alpha of ALPHAS) {
      for (const beta of BETAS) {
        const run = smooth(y, alpha, beta, phi);
        // Ties (a series the line fits exactly) go to the later grid point: φ = 1 first.
        if (best === null || run.sse <= best.sse) {
          const freedom = Math.max(1, run.errors - 3);
          best = {
            alpha,
            beta,
            phi,
            level: run.level,
            trend: run.trend,
            sigma2: run.sse / freedom,
            sse: run.sse,
          };
        }
      }
    }
  }
  const { sse: _sse, ...model } = best!;
  return model;
}

/** φ + φ² + … + φ^h. */
function dampedSum(phi: number, h: number): number {
  let sum = 0;
  let power = 1;
  for (let i = 1; i <= h; i++) {
    power *= phi;
    sum += power;
  }
  return sum;
}

export interface ForecastPoint {
  /** Weeks ahead, 1..HORIZON. */
  readonly h: number;
  readonly mean: number;
  readonly lower: number;
  readonly upper: number;
}

/**
 * Forecasts h = 1..horizon: ℓ + (φ + … + φ^h) b, with the 95% interval
 * ± 1.96 σ √(1 + Σ_{j<h} (α + αβ*(φ + … + φ^j))²). Demand is never negative, so the mean
 * and the bounds are floored at 0.
 */
export function forecastHolt(model: HoltModel, horizon: number = HORIZON): ForecastPoint[] {
  const points: ForecastPoint[] = [];
  let variance = 1;
  for (let h = 1; h <= horizon; h++) {
    if (h > 1) {
      const c = model.alpha * (1 + model.beta * dampedSum(model.phi, h - 1));
      variance += c * c;
    }
    const mean = model.level + dampedSum(model.phi, h) * model.trend;
    const half = Z95 * Math.sqrt(model.sigma2 * variance);
    points.push({
      h,
      mean: Math.max(0, mean),
      lower: Math.max(0, mean - half),
      upper: Math.max(0, mean + half),
    });
  }
  return points;
}

/**
 * The seasonal-naive forecast of `y` h weeks ahead: the value a season before
 * (y[n-1+h-52]); the last value (naive) when the history is shorter than a season.
 */
export function seasonalNaive(y: readonly number[], h: number): number {
  const index = y.length - 1 + h - SEASON;
  return index >= 0 ? y[index]! : y[y.length - 1]!;
}

export interface Backtest {
  /** Forecast origins tried and errors measured (every h of every origin). */
  readonly origins: number;
  readonly errors: number;
  readonly holtMae: number;
  readonly naiveMae: number;
  /** MAE / the in-sample mean absolute one-step change of the whole series; null when flat. */
  readonly holtMase: number | null;
  readonly naiveMase: number | null;
  /** Whether the smoother's MAE is below seasonal-naive's: whether it is shown. */
  readonly beats: boolean;
}

/**
 * A rolling-origin backtest: from every origin with at least MIN_TRAIN weeks behind it
 * to the last but one, both methods forecast 1..horizon weeks ahead (as far as the
 * series goes) from the weeks up to the origin, and their absolute errors are averaged.
 * Null when the series is too short for one origin.
 */
export function backtest(y: readonly number[], horizon: number = HORIZON): Backtest | null {
  let holtError = 0;
  let naiveError = 0;
  let errors = 0;
  let origins = 0;
  for (let origin = MIN_TRAIN; origin < y.length; origin++) {
    const train = y.slice(0, origin);
    const model = fitHolt(train);
    if (!model) continue;
    const ahead = Math.min(horizon, y.length - origin);
    const forecast = forecastHolt(model, ahead);
    origins++;
    for (let h = 1; h <= ahead; h++) {
      const actual = y[origin + h - 1]!;
      holtError += Math.abs(actual - forecast[h - 1]!.mean);
      naiveError += Math.abs(actual - seasonalNaive(train, h));
      errors++;
    }
  }
  if (errors === 0) return null;
  let steps = 0;
  for (let t = 1; t < y.length; t++) steps += Math.abs(y[t]! - y[t - 1]!);
  const scale = y.length > 1 ? steps / (y.length - 1) : 0;
  const holtMae = holtError / errors;
  const naiveMae = naiveError / errors;
  return {
    origins,
    errors,
    holtMae,
    naiveMae,
    holtMase: scale > 0 ? holtMae / scale : null,
    naiveMase: scale > 0 ? naiveMae / scale : null,
    beats: holtMae < naiveMae,
  };
}

export interface DemandForecast {
  /** The forecast weeks: h weeks after the last week of the series. */
  readonly points: readonly ForecastPoint[];
  readonly backtest: Backtest | null;
  /** Shown only when the backtest says it beats seasonal-naive. */
  readonly shown: boolean;
  readonly model: HoltModel | null;
}

/** The forecast of a weekly demand series and its backtest. */
export function demandForecast(y: readonly number[]): DemandForecast {
  const model = fitHolt(y);
  const tested = backtest(y);
  return {
    points: model ? forecastHolt(model) : [],
    backtest: tested,
    shown: model !== null && tested !== null && tested.beats,
    model,
  };
}

/*
 * The statistics of the trend figures: medians of figures read back, and the
 * significance of a change in a skill's share of postings (a two-proportion z-test,
 * pooled, with its two-sided p-value from the normal distribution).
 */

/** The median of `values`: the middle one, or the mean of the middle two; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * z for share x1/n1 against x2/n2, pooled: (p1 - p2) / sqrt(p (1 - p) (1/n1 + 1/n2))
 * with p = (x1 + x2) / (n1 + n2). 0 when the shares cannot differ (no postings, or the
 * skill in every posting of both windows).
 */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): number {
  if (n1 <= 0 || n2 <= 0) return 0;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (variance <= 0) return 0;
  return (x1 / n1 - x2 / n2) / Math.sqrt(variance);
}

/** Two-sided p-value of a standard normal z: P(|Z| >= |z|) = erfc(|z| / sqrt 2). */
export function twoSidedP(z: number): number {
  return Math.min(1, erfc(Math.abs(z) / Math.SQRT2));
}

/**
 * Complementary error function, Chebyshev fit of Numerical Recipes (erfcc): relative
 * error under 1.2e-7 everywhere, which is far finer than any decision made with it.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t *
                              (-1.13520398 +
                                t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

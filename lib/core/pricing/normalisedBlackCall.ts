import { erfcx } from '../math/erfcx'

/**
 * Parameters of {@link normalisedBlackCall}: log-moneyness x = ln(F/K) ≤ 0, total vol
 * s = σ√T ≥ 0, and optionally an array whose first element receives the normalised vega
 * ∂b/∂s = e^(−(h² + t²)/2)/√(2π) (the solver needs both; they share one exponential).
 */
export type NormalisedBlackCallParameters = [x: number, s: number, vegaOut?: Float64Array]
/** Normalised undiscounted call value b = B/√(F·K), in [0, e^(x/2)). */
export type NormalisedBlackCallReturnType = number

/**
 * The normalised Black call value of P. Jäckel, "Let's Be Rational", Wilmott (January 2015)
 * 40–53, §2, for an out-of-the-money or at-the-money call (x ≤ 0):
 *
 *   b(x, s) = e^(x/2)·Φ(h + t) − e^(−x/2)·Φ(h − t),   h = x/s, t = s/2,
 *
 * i.e. the undiscounted Black price divided by √(F·K). Every other case maps onto it:
 * a put is b(−x, s), an in-the-money option its out-of-the-money twin plus intrinsic value.
 *
 * The two terms nearly cancel away from the money, so the difference is never formed directly
 * there. With Y(z) = Φ(z)/φ(z) = √(π/2)·erfcx(−z/√2) (Mills' ratio),
 *
 *   b = e^(−(h² + t²)/2) / √(2π) · [Y(h + t) − Y(h − t)],
 *
 * and the bracket is evaluated in one of three ways, each keeping b accurate to a few ulps
 * relative — including prices far below the two terms (b ≈ 1e-300 at x = −5):
 * - t < 0.21 and |x| ≤ 2: the odd Taylor series of Y around h to t¹³, whose derivatives follow
 *   from Y' = 1 + zY by the recurrence Y⁽ⁿ⁺¹⁾ = z·Y⁽ⁿ⁾ + n·Y⁽ⁿ⁻¹⁾ (truncation < 1e-16 relative
 *   for t < 0.21, since Y⁽ᵏ⁾(z) = ∫₀^∞ uᵏ e^(zu − u²/2) du grows like 2^(k/2)·Γ((k+1)/2)).
 *   The recurrence amplifies the rounding of Y(h) by about 2·sinh(|x|/2), which stays below
 *   the few ulps the erfcx difference loses while |x| ≤ 2;
 * - otherwise while h + t ≤ 0.85: the difference of two erfcx values (W. J. Cody's rationals),
 *   which cancel far less than the Φ terms do;
 * - h + t > 0.85: b is at least ~80 % of its maximum e^(x/2), and its distance to that maximum,
 *   e^(x/2) − b = ½·e^(−(h² + t²)/2)·[erfcx((h + t)/√2) + erfcx((t − h)/√2)], is a sum of
 *   positive terms, and subtracting it from e^(x/2) costs an ulp or two.
 * Jäckel uses the same three regions (with Φ in the last); his separate small-t and large-|h|
 * expansions are replaced here by the one series above. Checked against an independent
 * quadrature to 4e-15·(1 + (h² + t²)/2) relative (normalisedBlackCall.test.ts).
 *
 * A kernel for `impliedVol`: it trusts its inputs (x ≤ 0, s ≥ 0, neither NaN); b(x, 0) = 0.
 *
 * @example
 * normalisedBlackCall(0, 0.2) // 0.07965567455405798 (= 2Φ(0.1) − 1: a 1-year 20 %-vol ATM call / F)
 * normalisedBlackCall(-5, 0.2) // 2.425474921015214e-140, to full relative accuracy (the two
 * //                              Black terms are ~1e-136 and cancel to 4 parts in 10,000)
 */
export function normalisedBlackCall(x: number, s: number, vegaOut?: Float64Array): NormalisedBlackCallReturnType {
  if (!(s > 0)) {
    if (vegaOut !== undefined) vegaOut[0] = x === 0 ? ONE_OVER_SQRT_TWO_PI : 0
    return 0
  }
  const h = x / s
  const t = 0.5 * s
  // e^(−(h² + t²)/2) = √(2π)·∂b/∂s: every region shares it with the vega.
  const common = Math.exp(-0.5 * (h * h + t * t))
  if (vegaOut !== undefined) vegaOut[0] = ONE_OVER_SQRT_TWO_PI * common
  if (t < SMALL_T && x >= -2) return ONE_OVER_SQRT_TWO_PI * common * millsRatioDifference(h, t)
  if (h + t <= 0.85) return 0.5 * common * (erfcx(-(h + t) * Math.SQRT1_2) - erfcx(-(h - t) * Math.SQRT1_2))
  // e^(x/2)·Φ(h+t) − e^(−x/2)·Φ(h−t) with Φ(z) = ½e^(−z²/2)·erfcx(−z/√2), using
  // x/2 − (h ± t)²/2 = −(h² + t²)/2: b = e^(x/2) − ½·common·[erfcx((h+t)/√2) + erfcx((t−h)/√2)].
  const value = Math.exp(0.5 * x) - 0.5 * common * (erfcx((h + t) * Math.SQRT1_2) + erfcx((t - h) * Math.SQRT1_2))
  return value > 0 ? value : 0
}

/**
 * Y(h + t) − Y(h − t) = 2·Σ_{k odd ≤ 13} Y⁽ᵏ⁾(h)·tᵏ/k!, for t < 0.21, h ≤ 0 and |x| = 2|h|t ≤ 2,
 * with Y⁽ᵏ⁾ from Y' = 1 + hY and Y⁽ⁿ⁺¹⁾ = h·Y⁽ⁿ⁾ + n·Y⁽ⁿ⁻¹⁾.
 */
function millsRatioDifference(h: number, t: number): number {
  const y0 = SQRT_HALF_PI * erfcx(-h * Math.SQRT1_2)
  const y1 = 1 + h * y0
  const y2 = h * y1 + y0
  const y3 = h * y2 + 2 * y1
  const y4 = h * y3 + 3 * y2
  const y5 = h * y4 + 4 * y3
  const y6 = h * y5 + 5 * y4
  const y7 = h * y6 + 6 * y5
  const y8 = h * y7 + 7 * y6
  const y9 = h * y8 + 8 * y7
  const y10 = h * y9 + 9 * y8
  const y11 = h * y10 + 10 * y9
  const y12 = h * y11 + 11 * y10
  const y13 = h * y12 + 12 * y11
  const w = t * t
  const series =
    y1 + w * (y3 / 6 + w * (y5 / 120 + w * (y7 / 5040 + w * (y9 / 362880 + w * (y11 / 39916800 + w * (y13 / 6227020800))))))
  return 2 * t * series
}

/** Below this t = s/2 the Taylor series to t¹³ is exact to working precision. */
const SMALL_T = 0.21
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327
const SQRT_HALF_PI = 1.2533141373155003

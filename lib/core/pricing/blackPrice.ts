import { normalTail } from '../math/normalTail'

/** Parameters of {@link blackPrice} (positional: it runs once per series per scenario). */
export type BlackPriceParameters = [
  sign: number,
  discountedForward: number,
  discountedStrike: number,
  logMoneyness: number,
  stdDev: number,
]
/** Return type of {@link blackPrice}: the option value, USD per contract, ≥ 0. */
export type BlackPriceReturnType = number

/**
 * Black's formula on discounted quantities, the kernel every European price in the engine runs
 * through (F. Black, "The pricing of commodity contracts", J. Financial Economics 3 (1976);
 * generalized Black-Scholes-Merton as in E. G. Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., §1.1.6):
 *
 *   V = ω·(D·F·Φ(ω·d₁) − D·K·Φ(ω·d₂)),  d₁,₂ = ln(F/K)/s ± s/2,
 *
 * with ω = +1 for a call and −1 for a put, D·F = S·e^(−qT) the discounted forward, D·K =
 * K·e^(−rT) the discounted strike and s = σ√T the total standard deviation of ln S_T.
 * `Φ(ωd) = Q(−ωd)` comes from {@link normalTail} (Cody-accurate, table-driven): no exponential
 * at all, so a revaluation costs two short polynomials.
 *
 * When `stdDev` is 0 (expired, or a volatility so small that σ√T underflows) the value is the
 * discounted intrinsic `max(ω(D·F − D·K), 0)`. Rounding can make a far out-of-the-money value a
 * few ulps negative; it is clamped at 0.
 *
 * A kernel: it trusts its inputs (all finite, forward/strike > 0, `logMoneyness` = ln(F/K),
 * `stdDev` ≥ 0) — `optionPrice`, `revalueOptionBatch` and `mertonJumpPrice` validate first.
 *
 * @example
 * // 1-year at-the-money call, S = K = 100, r = q = 0, σ = 20 %:
 * blackPrice(1, 100, 100, 0, 0.2) // 7.965567455405804
 */
export function blackPrice(
  sign: number,
  discountedForward: number,
  discountedStrike: number,
  logMoneyness: number,
  stdDev: number,
): BlackPriceReturnType {
  if (!(stdDev > 0)) {
    const intrinsic = sign * (discountedForward - discountedStrike)
    return intrinsic < 0 ? 0 : intrinsic
  }
  const center = logMoneyness / stdDev
  const half = 0.5 * stdDev
  const value = sign * (discountedForward * normalTail(-sign * (center + half)) - discountedStrike * normalTail(-sign * (center - half)))
  return value < 0 ? 0 : value // (a NaN from overflowing inputs passes through for the caller to reject)
}

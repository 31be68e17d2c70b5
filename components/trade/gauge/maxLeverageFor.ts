import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'

export type MaxLeverageForParameters = Pick<AccountRiskReturnType, 'grossNotional' | 'initialMargin'>

/**
 * The gross leverage at which the cross account's free collateral would reach 0 with the book's
 * current mix: the maximum leverage its initial margin allows. An estimate.
 *
 * Formula. Free collateral is `A − IM` (DESIGN.md §4.4). Assume IM scales with gross notional at
 * the book's current ratio `k = IM / G` (the assumption: "IM scales with notional"). Scaling the
 * book to a leverage `L` gives a notional `L·A` and an IM of `k·L·A`, so free collateral
 * `A·(1 − k·L)` is 0 at
 * ```
 * maxLeverage = 1 / k = G / IM
 * ```
 * It does not depend on equity, so it stays defined when A <= 0 (leverage ∞).
 *
 * How good the assumption is: for a perp-only book, `IM = imMultiplier · M_mm · G` (DESIGN.md
 * §4.2), so `maxLeverage = 1 / (imMultiplier · M_mm)`, e.g. 1 / (2 · 0.016087) ≈ 31.08× for
 * 1 BTC at 60,000 USD and 50 % vol (M_mm = 3 · 0.5 · √(3600 / 31,536,000) + 1e-9 · 60,000). It is exact when `sizeSlope` is 0; with the default `sizeSlope` M_mm grows with G, so
 * the true maximum is slightly lower for a larger book. With options, IM is not proportional to
 * size (gamma, vega, the short-option contingency), so it is an estimate of the same kind.
 *
 * @param risk The cross account's `grossNotional` G and `initialMargin` IM, USD.
 * @returns The maximum gross leverage (a multiple), or `null` when there is nothing to scale:
 *   no cross positions (G = 0) or no initial margin (IM = 0, no IM-bound limit).
 *
 * @example
 * maxLeverageFor({ grossNotional: 60_000, initialMargin: 1_930.38 }) // ≈ 31.08 (×)
 * maxLeverageFor({ grossNotional: 0, initialMargin: 0 }) // null: no positions
 */
export function maxLeverageFor(risk: MaxLeverageForParameters): number | null {
  const { grossNotional, initialMargin } = risk
  if (!(grossNotional > 0) || !(initialMargin > 0)) return null
  const max = grossNotional / initialMargin
  return Number.isFinite(max) ? max : null
}

import { InvalidInputError } from '../errors'
import { blackPrice } from './blackPrice'
import type { OptionMarket } from './types'
import { assertOptionParameters } from './assertOptionParameters'

export type OptionPriceParameters = OptionMarket & {
  /** Annualised volatility of the underlying (> 0; 0.6 = 60 %). */
  vol: number
}
/** Option value, USD per contract (1 contract = 1 unit of the underlying). */
export type OptionPriceReturnType = number

/**
 * Value of a European option under generalized Black-Scholes-Merton — the price-only twin of
 * `optionGreeks` (same numbers, cheaper: no Greeks).
 *
 *   call = S·e^(−qT)·Φ(d₁) − K·e^(−rT)·Φ(d₂),  put = K·e^(−rT)·Φ(−d₂) − S·e^(−qT)·Φ(−d₁),
 *   d₁,₂ = (ln(S/K) + (r − q)T)/(σ√T) ± σ√T/2
 *
 * (Black & Scholes 1973, Merton 1973; cost-of-carry form as in E. G. Haug, "The Complete Guide
 * to Option Pricing Formulas", 2nd ed., §1.1.6). Φ is Cody-accurate (≈ 1e-15 relative).
 * `years = 0` gives the intrinsic value.
 *
 * Throws {@link InvalidInputError} for an unknown kind, NaN or infinite input, spot, strike or
 * vol ≤ 0, negative years, or inputs whose value overflows a double.
 *
 * @example
 * optionPrice({ kind: 'call', spot: 60, strike: 65, years: 0.25, rate: 0.08, dividendYield: 0, vol: 0.3 })
 * // 2.133368444916197 (Haug: 2.1334)
 */
export function optionPrice(parameters: OptionPriceParameters): OptionPriceReturnType {
  const { kind, spot, strike, years, rate, dividendYield, vol } = parameters
  assertOptionParameters(parameters)
  const carryExponent = -dividendYield * years
  const discountExponent = -rate * years
  // crypto books mostly run r = q = 0: skip the exponentials then
  const discountedForward = carryExponent === 0 ? spot : spot * Math.exp(carryExponent)
  const discountedStrike = discountExponent === 0 ? strike : strike * Math.exp(discountExponent)
  // ln(F/K) = ln(S/K) + (r − q)T: one logarithm of a correctly rounded ratio (a batch, which
  // shares logarithms across series, agrees to within a few ulps; see revalueOptionBatch)
  const logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * years
  const price = blackPrice(kind === 'call' ? 1 : -1, discountedForward, discountedStrike, logMoneyness, vol * Math.sqrt(years))
  if (!(price < Number.POSITIVE_INFINITY))
    throw new InvalidInputError('parameters', parameters, 'inputs whose option value is a finite number')
  return price
}


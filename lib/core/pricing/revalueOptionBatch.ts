import { InvalidInputError } from '../errors'
import { assertPositive } from '../validate'
import { blackPrice } from './blackPrice'
import type { OptionBatch } from './createOptionBatch'

export type RevalueOptionBatchParameters = [batch: OptionBatch, spot: number, vol: number, out: Float64Array]
export type RevalueOptionBatchReturnType = void

/**
 * Values every series of a batch at one (spot, vol) scenario and writes them into `out`
 * (`out[i]` = value of `series[i]`, USD per contract). No allocation and no exponential: one
 * logarithm per distinct strike exponent, then per series the generalized Black-Scholes-Merton
 * price of `optionPrice` on the precomputed terms of {@link OptionBatch}:
 *
 *   value = ω(S·e^(−qT)·Φ(ωd₁) − K·e^(−rT)·Φ(ωd₂)),
 *   d₁,₂ = (ln(S·2⁻ᵉ) − [ln(K·2⁻ᵉ) − (r−q)T])/(σ√T) ± σ√T/2
 *
 * (Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., §1.1.6), evaluated in the
 * same order as `optionPrice`, so `out[i]` is bit-for-bit `optionPrice` of series i. Expired
 * series (years = 0) are worth their intrinsic value.
 *
 * @param spot Underlying price of the scenario, USD per unit (> 0).
 * @param vol Volatility of the scenario, annualised (> 0), applied to every series.
 * @param out Receives the values; length ≥ `batch.count`.
 * Throws {@link InvalidInputError} for spot or vol not finite and > 0, a short `out`, or a value
 * that overflows a double.
 *
 * @example
 * const prices = new Float64Array(batch.count)
 * for (const move of [-0.03, 0, 0.03]) revalueOptionBatch(batch, spot * (1 + move), vol, prices)
 */
export function revalueOptionBatch(batch: OptionBatch, spot: number, vol: number, out: Float64Array): RevalueOptionBatchReturnType {
  if (typeof batch !== 'object' || batch === null || !(batch.sign instanceof Float64Array))
    throw new InvalidInputError('batch', batch, 'a batch from createOptionBatch')
  assertPositive('spot', spot)
  assertPositive('vol', vol)
  const count = batch.count
  if (!(out instanceof Float64Array) || out.length < count)
    throw new InvalidInputError('out', out, `a Float64Array of at least ${count} elements`)
  const { sign, sqrtYears, carry, discountedStrike, logStrikeLessCarry, scaleIndex, scales, logSpotScratch } = batch
  for (let g = 0; g < scales.length; g++) logSpotScratch[g] = Math.log(spot * scales[g]!)
  for (let i = 0; i < count; i++) {
    const price = blackPrice(
      sign[i]!,
      spot * carry[i]!,
      discountedStrike[i]!,
      logSpotScratch[scaleIndex[i]!]! - logStrikeLessCarry[i]!,
      vol * sqrtYears[i]!,
    )
    if (!(price < Number.POSITIVE_INFINITY))
      throw new InvalidInputError('spot', spot, 'a price at which every option value is a finite number')
    out[i] = price
  }
}

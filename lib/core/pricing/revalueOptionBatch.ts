import { InvalidInputError } from '../errors'
import { normalTail } from '../math/normalTail'
import { assertPositive } from '../validate'
import type { OptionBatch } from './createOptionBatch'

export type RevalueOptionBatchParameters = [batch: OptionBatch, spot: number, vol: number, out: Float64Array, deltaOut?: Float64Array]
export type RevalueOptionBatchReturnType = void

/**
 * Values every series of a batch at one (spot, vol) scenario and writes them into `out`
 * (`out[i]` = value of `series[i]`, USD per contract), and, when `deltaOut` is given, each
 * series' delta dV/dS into it. No allocation and no exponential: one logarithm per distinct
 * strike exponent, then per series the generalized Black-Scholes-Merton price on the precomputed
 * terms of {@link OptionBatch}:
 *
 *   value = ω(S·e^(−qT)·Φ(ωd₁) − K·e^(−rT)·Φ(ωd₂)),   delta = ω·e^(−qT)·Φ(ωd₁),
 *   d₁,₂ = (ln(S·2⁻ᵉ) − [ln(K·2⁻ᵉ) − (r−q)T])/(σ√T) ± σ√T/2
 *
 * (Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., §1.1.6 and §2.1). This loop
 * is the engine's one batch Black-Scholes, which every margin grid runs through. The formula is
 * written out here, not called per series through `blackPrice`, so that the delta the grid's
 * convexity bounds need comes with the value: Φ(ωd₁) is computed once for both (a separate delta
 * would cost a third Φ per series). The expressions are those of `blackPrice` / `optionGreeks`,
 * in the same order; only ln(F/K) is formed differently (shared logarithms here, one logarithm
 * of S/K there), so `out[i]` agrees with `optionPrice` of series i, and `deltaOut[i]` with the
 * `delta` of `optionGreeks`, to a few ulps of ln(F/K) (property-tested), and `deltaOut[i]` is
 * bit-for-bit the delta of `optionBatchGreeks`.
 * A series with σ√T = 0 (expired) is worth its intrinsic value, with delta ω·e^(−qT) in the
 * money, 0 out of it and half that at the strike (the conventions of `optionGreeks`).
 *
 * @param spot Underlying price of the scenario, USD per unit (> 0).
 * @param vol Volatility of the scenario, annualised (> 0), applied to every series.
 * @param out Receives the values; length ≥ `batch.count`.
 * @param deltaOut Optional; receives the deltas (units of the underlying per contract); length ≥ `batch.count`.
 * Throws {@link InvalidInputError} for spot or vol not finite and > 0, a short `out` or
 * `deltaOut`, or a value that overflows a double.
 *
 * @example
 * const prices = new Float64Array(batch.count)
 * for (const move of [-0.03, 0, 0.03]) revalueOptionBatch(batch, spot * (1 + move), vol, prices)
 */
export function revalueOptionBatch(
  batch: OptionBatch,
  spot: number,
  vol: number,
  out: Float64Array,
  deltaOut?: Float64Array,
): RevalueOptionBatchReturnType {
  if (typeof batch !== 'object' || batch === null || !(batch.sign instanceof Float64Array))
    throw new InvalidInputError('batch', batch, 'a batch from createOptionBatch')
  assertPositive('spot', spot)
  assertPositive('vol', vol)
  const count = batch.count
  if (!(out instanceof Float64Array) || out.length < count)
    throw new InvalidInputError('out', out, `a Float64Array of at least ${count} elements`)
  const wantsDelta = deltaOut !== undefined
  if (wantsDelta && (!(deltaOut instanceof Float64Array) || deltaOut.length < count))
    throw new InvalidInputError('deltaOut', deltaOut, `a Float64Array of at least ${count} elements`)
  const { sign, sqrtYears, carry, discountedStrike, logStrikeLessCarry, scaleIndex, scales, logSpotScratch } = batch
  for (let g = 0; g < scales.length; g++) logSpotScratch[g] = Math.log(spot * scales[g]!)
  for (let i = 0; i < count; i++) {
    const omega = sign[i]!
    const discountedForward = spot * carry[i]!
    const strikeValue = discountedStrike[i]!
    const stdDev = vol * sqrtYears[i]!
    let value: number
    let delta: number
    if (stdDev > 0) {
      const center = (logSpotScratch[scaleIndex[i]!]! - logStrikeLessCarry[i]!) / stdDev
      const half = 0.5 * stdDev
      const forwardProbability = normalTail(-omega * (center + half)) // Φ(ωd₁)
      value = omega * (discountedForward * forwardProbability - strikeValue * normalTail(-omega * (center - half)))
      delta = omega * carry[i]! * forwardProbability
    } else {
      value = omega * (discountedForward - strikeValue)
      const exercised = value > 0 ? 1 : value < 0 ? 0 : 0.5
      delta = exercised > 0 ? omega * carry[i]! * exercised : 0
    }
    if (!(value < Number.POSITIVE_INFINITY))
      throw new InvalidInputError('spot', spot, 'a price at which every option value is a finite number')
    out[i] = value < 0 ? 0 : value
    if (wantsDelta) deltaOut[i] = delta
  }
}

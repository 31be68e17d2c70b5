import { InvalidInputError } from '../errors'
import { normalPdf } from '../math/normalPdf'
import { normalTail } from '../math/normalTail'
import { assertPositive } from '../validate'
import type { OptionBatch } from './createOptionBatch'

/** Caller-owned output arrays (each of length ≥ `batch.count`); units as in `optionGreeks`. */
export type OptionBatchGreeksOutput = {
  /** USD per contract. */
  price: Float64Array
  /** dV/dS. */
  delta: Float64Array
  /** d²V/dS², per USD. */
  gamma: Float64Array
  /** dV/dσ per 1.00 of vol. */
  vega: Float64Array
  /** dV/dt per year of calendar time. */
  theta: Float64Array
  /** dV/dr per 1.00, dividend yield fixed. */
  rho: Float64Array
}
export type OptionBatchGreeksParameters = [batch: OptionBatch, spot: number, vol: number, out: OptionBatchGreeksOutput]
export type OptionBatchGreeksReturnType = void

/**
 * Value and Greeks of every series of a batch at one (spot, vol), written into `out` without
 * allocation — the batch twin of `optionGreeks` (same formulas: generalized
 * Black-Scholes-Merton, Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed., §1.1.6 and
 * §2.1; same conventions at expiry). With ω = ±1, c = e^(−qT), D = e^(−rT), s = σ√T:
 *
 *   price = ω(S·c·Φ(ωd₁) − K·D·Φ(ωd₂))   delta = ω·c·Φ(ωd₁)   gamma = c·φ(d₁)/(S·s)
 *   vega = S·c·φ(d₁)·√T   theta = −S·c·φ(d₁)·σ/(2√T) + ω(q·S·c·Φ(ωd₁) − r·K·D·Φ(ωd₂))
 *   rho = ω·T·K·D·Φ(ωd₂)
 *
 * Evaluated in the same order as `optionGreeks`; ln(F/K) comes from the batch's shared
 * logarithms, so every figure agrees with `optionGreeks` of that series to a few ulps of ln(F/K)
 * (property-tested).
 *
 * @param spot Underlying price, USD per unit (> 0).
 * @param vol Annualised volatility (> 0), applied to every series.
 * Throws {@link InvalidInputError} for spot or vol not finite and > 0, an output array shorter
 * than `batch.count`, or a figure that overflows a double.
 *
 * @example
 * const n = batch.count
 * const out = { price: new Float64Array(n), delta: new Float64Array(n), gamma: new Float64Array(n),
 *   vega: new Float64Array(n), theta: new Float64Array(n), rho: new Float64Array(n) }
 * optionBatchGreeks(batch, 97_500, 0.55, out) // out.delta[i] = dV/dS of series i
 */
export function optionBatchGreeks(batch: OptionBatch, spot: number, vol: number, out: OptionBatchGreeksOutput): OptionBatchGreeksReturnType {
  if (typeof batch !== 'object' || batch === null || !(batch.sign instanceof Float64Array))
    throw new InvalidInputError('batch', batch, 'a batch from createOptionBatch')
  assertPositive('spot', spot)
  assertPositive('vol', vol)
  const count = batch.count
  if (typeof out !== 'object' || out === null) throw new InvalidInputError('out', out, 'price, delta, gamma, vega, theta and rho arrays')
  const { price, delta, gamma, vega, theta, rho } = out
  assertOutput('out.price', price, count)
  assertOutput('out.delta', delta, count)
  assertOutput('out.gamma', gamma, count)
  assertOutput('out.vega', vega, count)
  assertOutput('out.theta', theta, count)
  assertOutput('out.rho', rho, count)
  const { sign, years, sqrtYears, carry, discountedStrike, logStrikeLessCarry, scaleIndex, scales, logSpotScratch, rate, dividendYield } =
    batch
  for (let g = 0; g < scales.length; g++) logSpotScratch[g] = Math.log(spot * scales[g]!)
  for (let i = 0; i < count; i++) {
    const omega = sign[i]!
    const t = years[i]!
    const sqrtT = sqrtYears[i]!
    const stdDev = vol * sqrtT
    const discountedForward = spot * carry[i]!
    const strikeValue = discountedStrike[i]!
    if (stdDev > 0) {
      const center = (logSpotScratch[scaleIndex[i]!]! - logStrikeLessCarry[i]!) / stdDev
      const half = 0.5 * stdDev
      const d1 = center + half
      const d2 = center - half
      const pdf1 = normalPdf(d1)
      const forwardProbability = normalTail(-omega * d1)
      const forwardLeg = discountedForward * forwardProbability
      const strikeLeg = strikeValue * normalTail(-omega * d2)
      const value = omega * (forwardLeg - strikeLeg)
      const densityTerm = discountedForward * pdf1
      price[i] = value < 0 ? 0 : value
      delta[i] = omega * carry[i]! * forwardProbability
      gamma[i] = (carry[i]! * pdf1) / (spot * stdDev)
      vega[i] = densityTerm * sqrtT
      theta[i] = (-densityTerm * vol) / (2 * sqrtT) + omega * (dividendYield * forwardLeg - rate * strikeLeg)
      rho[i] = omega * t * strikeLeg
    } else {
      const moneyness = omega * (discountedForward - strikeValue)
      const exercised = moneyness > 0 ? 1 : moneyness < 0 ? 0 : 0.5
      const live = t > 0 && exercised > 0 // expired options have no theta or rho
      price[i] = moneyness > 0 ? moneyness : 0
      delta[i] = exercised > 0 ? omega * carry[i]! * exercised : 0
      gamma[i] = 0
      vega[i] = 0
      theta[i] = live ? exercised * omega * (dividendYield * discountedForward - rate * strikeValue) : 0
      rho[i] = live ? exercised * omega * t * strikeValue : 0
    }
    // A sum is finite only if every term is; an overflowing sum of finite terms is rechecked one by one.
    const total = price[i]! + delta[i]! + gamma[i]! + vega[i]! + theta[i]! + rho[i]!
    if (
      total - total !== 0 &&
      (!(price[i]! < Number.POSITIVE_INFINITY) ||
        !(gamma[i]! < Number.POSITIVE_INFINITY) ||
        !(vega[i]! < Number.POSITIVE_INFINITY) ||
        !(Math.abs(theta[i]!) < Number.POSITIVE_INFINITY) ||
        !(Math.abs(delta[i]!) < Number.POSITIVE_INFINITY) ||
        !(Math.abs(rho[i]!) < Number.POSITIVE_INFINITY))
    )
      throw new InvalidInputError('spot', spot, 'a price at which every option value and Greek is a finite number')
  }
}

function assertOutput(field: string, array: unknown, count: number) {
  if (!(array instanceof Float64Array) || array.length < count)
    throw new InvalidInputError(field, array, `a Float64Array of at least ${count} elements`)
}


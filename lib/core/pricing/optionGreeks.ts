import { InvalidInputError } from '../errors'
import { normalPdf } from '../math/normalPdf'
import { normalTail } from '../math/normalTail'
import type { OptionPriceParameters } from './optionPrice'
import { assertOptionParameters } from './assertOptionParameters'

/** Same inputs as `optionPrice`. */
export type OptionGreeksParameters = OptionPriceParameters

/** Value and raw sensitivities of one contract (1 contract = 1 unit of the underlying). */
export type OptionGreeksReturnType = {
  /** Option value, USD. */
  price: number
  /** dV/dS, USD per USD of underlying price (call ∈ [0, e^(−qT)], put ∈ [−e^(−qT), 0]). */
  delta: number
  /** d²V/dS², per USD. */
  gamma: number
  /** dV/dσ, USD per 1.00 of volatility (divide by 100 for "per vol point"). */
  vega: number
  /** dV/dt, USD per year of calendar time (= −dV/dT; negative for most long options; /365 per day). */
  theta: number
  /** dV/dr with the dividend yield fixed, USD per 1.00 of rate. */
  rho: number
}

/**
 * Value and Greeks of a European option under generalized Black-Scholes-Merton, in one pass
 * sharing d₁, d₂, φ(d₁) and the discount factors (ω = +1 call, −1 put; c = e^(−qT) = e^((b−r)T),
 * D = e^(−rT), s = σ√T, d₁,₂ = (ln(S/K) + (r − q)T)/s ± s/2):
 *
 *   price = ω(S·c·Φ(ωd₁) − K·D·Φ(ωd₂))     delta = ω·c·Φ(ωd₁)      gamma = c·φ(d₁)/(S·s)
 *   vega  = S·c·φ(d₁)·√T                   rho   = ω·T·K·D·Φ(ωd₂)
 *   theta = −S·c·φ(d₁)·σ/(2√T) + ω(q·S·c·Φ(ωd₁) − r·K·D·Φ(ωd₂))
 *
 * Source: E. G. Haug, "The Complete Guide to Option Pricing Formulas", 2nd ed. (2007), §1.1.6
 * and §2.1 (generalized BSM Greeks); units as DESIGN.md §3. Φ(ωd) = Q(−ωd) comes from
 * {@link normalTail} (Cody-accurate, ≈ 1e-15 relative, no exponential); the only exponentials
 * are φ(d₁) and the two discount factors (skipped when r·T or q·T is 0).
 *
 * At `years = 0` (expired) the price is the intrinsic value, delta the step ω·1{ω(S−K) > 0}
 * (±0.5 exactly at the money, the average of the one-sided limits), and gamma = vega = theta =
 * rho = 0. If σ√T underflows to 0 for a live option (a volatility below ~1e-150), the option is
 * priced as its discounted forward intrinsic with the matching deterministic delta, theta and
 * rho, and gamma = vega = 0.
 *
 * Throws {@link InvalidInputError} for an unknown kind, NaN or infinite input, spot, strike or
 * vol ≤ 0, negative years, or inputs for which a figure overflows a double.
 *
 * @example
 * optionGreeks({ kind: 'put', spot: 430, strike: 405, years: 1 / 12, rate: 0.07, dividendYield: 0.05, vol: 0.2 })
 * // { price: 1.75706…, delta: -0.13615…, gamma: 0.0087848…, vega: 27.0718…,
 * //   theta: -31.19235… (Haug: -31.1924), rho: -5.02498… }
 */
export function optionGreeks(parameters: OptionGreeksParameters): OptionGreeksReturnType {
  const { kind, spot, strike, years, rate, dividendYield, vol } = parameters
  // One branch for the whole input on the hot path; the typed, field-naming error comes from the
  // detailed guards, run only once this check has failed (see rejectOptionInput).
  if (
    !(
      (kind === 'call' || kind === 'put') &&
      typeof spot === 'number' && spot > 0 && spot < Number.POSITIVE_INFINITY &&
      typeof strike === 'number' && strike > 0 && strike < Number.POSITIVE_INFINITY &&
      typeof years === 'number' && years >= 0 && years < Number.POSITIVE_INFINITY &&
      typeof rate === 'number' && rate - rate === 0 &&
      typeof dividendYield === 'number' && dividendYield - dividendYield === 0 &&
      typeof vol === 'number' && vol > 0 && vol < Number.POSITIVE_INFINITY
    )
  )
    rejectOptionInput(parameters)
  const sign = kind === 'call' ? 1 : -1
  const sqrtYears = Math.sqrt(years)
  const stdDev = vol * sqrtYears
  const carryExponent = -dividendYield * years
  const discountExponent = -rate * years
  const carry = carryExponent === 0 ? 1 : Math.exp(carryExponent) // crypto books mostly run r = q = 0
  const discount = discountExponent === 0 ? 1 : Math.exp(discountExponent)
  const discountedForward = spot * carry
  const discountedStrike = strike * discount
  if (!(stdDev > 0)) return deterministicGreeks(parameters, sign, carry, discountedForward, discountedStrike)

  // ln(F/K) = ln(S/K) + (r − q)T, as optionPrice forms it (bit for bit the same price)
  const center = (Math.log(spot / strike) + (rate - dividendYield) * years) / stdDev
  const half = 0.5 * stdDev
  const d1 = center + half
  const d2 = center - half
  const pdf1 = normalPdf(d1)
  const forwardProbability = normalTail(-sign * d1) // Φ(ωd₁)
  const forwardLeg = discountedForward * forwardProbability // S·c·Φ(ωd₁)
  const strikeLeg = discountedStrike * normalTail(-sign * d2) // K·D·Φ(ωd₂)
  const value = sign * (forwardLeg - strikeLeg)
  const densityTerm = discountedForward * pdf1 // S·c·φ(d₁)
  const price = value < 0 ? 0 : value
  const delta = sign * carry * forwardProbability
  const gamma = (carry * pdf1) / (spot * stdDev)
  const vega = densityTerm * sqrtYears
  const theta = (-densityTerm * vol) / (2 * sqrtYears) + sign * (dividendYield * forwardLeg - rate * strikeLeg)
  const rho = sign * years * strikeLeg
  // A sum is finite only if every term is (an overflowing sum of finite terms is rechecked one by one).
  const total = price + delta + gamma + vega + theta + rho
  if (total - total !== 0) return checkFinite(parameters, { price, delta, gamma, vega, theta, rho })
  return { price, delta, gamma, vega, theta, rho }
}

/**
 * Deterministic limit (years = 0, or σ√T underflowing to 0): the option is its discounted
 * forward intrinsic value (at T = 0, S − K). Off the hot path so that the common case stays
 * small enough for V8 to inline its kernels.
 */
function deterministicGreeks(
  parameters: OptionGreeksParameters,
  sign: number,
  carry: number,
  discountedForward: number,
  discountedStrike: number,
): OptionGreeksReturnType {
  const { years, rate, dividendYield } = parameters
  const moneyness = sign * (discountedForward - discountedStrike)
  const exercised = moneyness > 0 ? 1 : moneyness < 0 ? 0 : 0.5
  const live = years > 0 && exercised > 0 // expired options have no theta or rho
  return checkFinite(parameters, {
    price: moneyness > 0 ? moneyness : 0,
    delta: exercised > 0 ? sign * carry * exercised : 0,
    gamma: 0,
    vega: 0,
    theta: live ? exercised * sign * (dividendYield * discountedForward - rate * discountedStrike) : 0,
    rho: live ? exercised * sign * years * discountedStrike : 0,
  })
}

/** `result`, unless one of its figures overflowed a double (or is NaN): then a typed error. */
function checkFinite(parameters: OptionGreeksParameters, result: OptionGreeksReturnType): OptionGreeksReturnType {
  if (
    !(result.price < Number.POSITIVE_INFINITY) ||
    !(Math.abs(result.delta) < Number.POSITIVE_INFINITY) ||
    !(result.gamma < Number.POSITIVE_INFINITY) ||
    !(result.vega < Number.POSITIVE_INFINITY) ||
    !(Math.abs(result.theta) < Number.POSITIVE_INFINITY) ||
    !(Math.abs(result.rho) < Number.POSITIVE_INFINITY)
  )
    throw new InvalidInputError('parameters', parameters, 'inputs whose price and Greeks are finite numbers')
  return result
}

/** Throws the typed error naming the first invalid input (called only when one is). */
function rejectOptionInput(parameters: OptionGreeksParameters): never {
  assertOptionParameters(parameters)
  throw new InvalidInputError('parameters', parameters, 'a valid option') // unreachable: the guards agree with the fast check
}

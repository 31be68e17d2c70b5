import { ImpliedVolError, InvalidInputError } from '../errors'
import { assertFinite, assertNonNegative, assertOneOf, assertPositive } from '../validate'
import { normalisedImpliedVol } from './normalisedImpliedVol'
import { optionKinds, type OptionMarket } from './types'

/** The option and its market (`years` > 0: an expired option's price says nothing about vol) and its price. */
export type ImpliedVolParameters = OptionMarket & {
  /** Option price, USD per contract (>= 0). */
  price: number
}

/** Annualised implied volatility (0.6 = 60 %/yr), > 0. */
export type ImpliedVolReturnType = number

export type ImpliedVolErrorType = InvalidInputError | ImpliedVolError

/**
 * The Black-Scholes-Merton volatility that reproduces an option price: the inverse of
 * `optionPrice` in `vol` (generalized BSM, cost of carry `rate − dividendYield`).
 *
 * Method: P. Jäckel, "Let's Be Rational", Wilmott (January 2015) 40–53. The price is
 * normalised to Black's form without discounting, β = price / √(S·e^(−qT) · K·e^(−rT)),
 * x = ln(F/K) = ln(S/K) + (r − q)T; an in-the-money option is replaced by its out-of-the-money
 * twin (β − 2·sinh(|x|/2), by put-call parity) and a put by the call at −x. A rational
 * four-segment initial guess then takes two Householder steps of order 3 to machine precision
 * (see `normalisedImpliedVol`), with the price evaluated through erfcx so that wing prices keep
 * their relative accuracy (see `normalisedBlackCall`). Returns s/√T.
 *
 * Accuracy: the solver itself is exact to a few ulps of σ (normalisedImpliedVol.test.ts). What
 * limits a result is the price: one ulp of it, ε·price, moves the vol by u = ε·price/(σ·vega)
 * relative — the conditioning of the problem, tiny except deep in the money or at huge σ√T.
 * A round trip through `optionPrice` recovers σ to 1e-12 wherever that price's own rounding
 * allows it (wherever vega is not negligible; impliedVol.test.ts), typically to ~1e-15.
 *
 * Errors (`ImpliedVolError`, by `reason`):
 * - `aboveMaximum`: price >= S·e^(−qT) for a call, >= K·e^(−rT) for a put (the no-arbitrage
 *   maximum, reached only as σ → ∞).
 * - `belowIntrinsic`: price < the discounted intrinsic value max(±(S·e^(−qT) − K·e^(−rT)), 0).
 * - `flatVega`: the price is at its intrinsic value or at its maximum within rounding, or
 *   u > 1e-6: the price pins the vol to less than six digits, so any number would be a guess.
 *
 * @throws {ImpliedVolErrorType} `InvalidInputError` for an unknown kind, NaN or infinite input,
 *   spot or strike <= 0, years <= 0, a negative price, or inputs so extreme that the
 *   discounted forward, the discounted strike or ln(F/K) overflows; `ImpliedVolError` as above.
 *
 * @example
 * // Hull, "Options, Futures, and Other Derivatives" (7th ed., ch. 13, p. 296): a call worth
 * // 1.875 with S = 21, K = 20, r = 10 %, T = 0.25 has an implied volatility of 23.5 %.
 * impliedVol({ kind: 'call', spot: 21, strike: 20, years: 0.25, rate: 0.1, dividendYield: 0, price: 1.875 })
 * // 0.2345129139976435
 */
export function impliedVol(parameters: ImpliedVolParameters): ImpliedVolReturnType {
  const { kind, spot, strike, years, rate, dividendYield, price } = parameters
  assertOneOf('kind', kind, optionKinds)
  assertPositive('spot', spot)
  assertPositive('strike', strike)
  assertPositive('years', years)
  assertFinite('rate', rate)
  assertFinite('dividendYield', dividendYield)
  assertNonNegative('price', price)

  const discountedForward = spot * Math.exp(-dividendYield * years)
  const discountedStrike = strike * Math.exp(-rate * years)
  const x = Math.log(spot / strike) + (rate - dividendYield) * years
  if (!(discountedForward > 0 && discountedForward < Infinity && discountedStrike > 0 && discountedStrike < Infinity && Number.isFinite(x)))
    throw new InvalidInputError('parameters', parameters, 'rates and maturity with a finite, positive forward and discount factor')

  const isCall = kind === 'call'
  if (price >= (isCall ? discountedForward : discountedStrike)) throw new ImpliedVolError('aboveMaximum')
  const intrinsic = isCall ? discountedForward - discountedStrike : discountedStrike - discountedForward
  if (price < intrinsic) throw new ImpliedVolError('belowIntrinsic')

  const scale = Math.sqrt(discountedForward) * Math.sqrt(discountedStrike) // e^(−rT)·√(F·K)
  const beta = price / scale
  // Out-of-the-money twin: a put at x is a call at −x; an in-the-money call at y > 0 is
  // intrinsic 2·sinh(y/2) plus the out-of-the-money call at −y (put-call parity).
  const moneyness = isCall ? x : -x
  const xOtm = moneyness > 0 ? -moneyness : moneyness
  const betaOtm = moneyness > 0 ? beta - 2 * Math.sinh(0.5 * moneyness) : beta
  // At intrinsic or maximum within rounding, or a subnormal time value with few digits left.
  if (!(betaOtm >= MIN_NORMAL && betaOtm < Math.exp(0.5 * xOtm))) throw new ImpliedVolError('flatVega')

  const totalVol = normalisedImpliedVol(betaOtm, xOtm)
  // Relative vol change caused by one ulp of the price: u = ulp(price) / (σ·vega).
  const h = xOtm / totalVol
  const normalisedVega = ONE_OVER_SQRT_TWO_PI * Math.exp(-0.5 * (h * h + 0.25 * totalVol * totalVol))
  const priceUlp = Math.max(Number.EPSILON * price, Number.MIN_VALUE)
  const uncertainty = priceUlp / (scale * totalVol * normalisedVega)
  if (!(uncertainty <= MAX_UNCERTAINTY)) throw new ImpliedVolError('flatVega')
  return totalVol / Math.sqrt(years)
}

/** Largest relative vol uncertainty (from one ulp of the price) accepted as a determined vol. */
const MAX_UNCERTAINTY = 1e-6
const MIN_NORMAL = 2.2250738585072014e-308
const ONE_OVER_SQRT_TWO_PI = 0.3989422804014327

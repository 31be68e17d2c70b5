import { InvalidInputError, NoSolutionError } from '../errors'
import { assertFinite, assertNonNegative } from '../validate'
import { blackPrice } from './blackPrice'
import type { OptionMarket } from './types'
import { assertOptionParameters } from './assertOptionParameters'

export type MertonJumpPriceParameters = OptionMarket & {
  /** Volatility of the diffusion part, annualised (> 0). */
  vol: number
  /** Expected number of jumps per year, λ (≥ 0). */
  jumpIntensity: number
  /** Mean of the log jump size ln J, μ_J (a jump multiplies the price by J). */
  jumpMeanLog: number
  /** Standard deviation of the log jump size, δ (≥ 0). */
  jumpVolLog: number
  /** Most Poisson terms to sum before giving up with `NoSolutionError` (default 10,000). */
  maxTerms?: number
}
/** Option value, USD per contract. */
export type MertonJumpPriceReturnType = number

/**
 * Value of a European option under Merton's (1976) jump-diffusion: the price diffuses with
 * volatility σ and jumps at Poisson rate λ by a factor J with ln J ~ N(μ_J, δ²), the drift being
 * compensated (κ = E[J − 1] = e^(μ_J + δ²/2) − 1) so that the forward is still S·e^((r−q)T).
 * Conditioning on the number n of jumps before expiry gives a Poisson mixture of Black prices:
 *
 *   V = Σₙ e^(−λT)·(λT)ⁿ/n! · Black(ω, Fₙ, K, vₙ)·e^(−rT),
 *   Fₙ = S·e^((r−q)T)·e^(−λκT)·(1+κ)ⁿ,  vₙ² = σ²T + n·δ²
 *
 * (R. C. Merton, "Option pricing when underlying stock returns are discontinuous", J. Financial
 * Economics 3 (1976) 125–144, eq. 16; E. G. Haug, "The Complete Guide to Option Pricing
 * Formulas", 2nd ed., §6.7.1, which writes it with λ′ = λ(1+κ) and per-term rates rₙ.)
 *
 * The series is summed — with compensated summation — until the remaining terms are provably
 * below 1e-14 of the sum (so certainly converged to 1e-12 relative): a call's terms are bounded by the discounted forward Fₙ·e^(−rT), a
 * put's by K·e^(−rT), so the tail after n is at most that bound times a Poisson tail
 * (mean λT, or λ(1+κ)T for calls), itself bounded by its next term × 1/(1 − mean/(n+2)). Not a
 * fixed term count (Haug's 11 terms are off by up to 0.33 on his own table, see QuantLib's
 * jumpdiffusion test).
 *
 * When upward jumps are so large that a call's bound (mean λ(1+κ)T > 700) or forwards would
 * overflow, the call is priced from the put by parity, which holds exactly for the compensated
 * process. With λT ≤ 700 the series needs fewer than ~1,000 terms.
 *
 * Throws {@link InvalidInputError} for an unknown kind, NaN or infinite input, spot, strike or
 * vol ≤ 0, negative years, jump intensity or jump vol, λT > 700 (e^(−λT) would underflow), a jump
 * size whose mean overflows, a `maxTerms` that is not a positive integer;
 * {@link NoSolutionError} if the series has not converged within `maxTerms` terms.
 *
 * @example
 * // Haug's table: total vol 25 %, 75 % of the variance from jumps (λ = 1), mean jump factor 1.
 * const jumpVolLog = 0.25 * Math.sqrt(0.75)
 * mertonJumpPrice({ kind: 'call', spot: 100, strike: 100, years: 0.5, rate: 0.08, dividendYield: 0,
 *   vol: 0.125, jumpIntensity: 1, jumpMeanLog: -0.5 * jumpVolLog ** 2, jumpVolLog })
 * // 8.244369331793873 (Haug / QuantLib: 8.24)
 */
export function mertonJumpPrice(parameters: MertonJumpPriceParameters): MertonJumpPriceReturnType {
  const { kind, spot, strike, years, rate, dividendYield, vol, jumpIntensity, jumpMeanLog, jumpVolLog, maxTerms } = parameters
  assertOptionParameters(parameters)
  assertNonNegative('jumpIntensity', jumpIntensity)
  assertFinite('jumpMeanLog', jumpMeanLog)
  assertNonNegative('jumpVolLog', jumpVolLog)
  const expectedJumps = jumpIntensity * years
  if (!(expectedJumps <= MAX_EXPECTED_JUMPS))
    throw new InvalidInputError('jumpIntensity', jumpIntensity, `at most ${MAX_EXPECTED_JUMPS} expected jumps before expiry (λ·years)`)
  const logJumpGrowth = jumpMeanLog + 0.5 * jumpVolLog * jumpVolLog
  const jumpGrowth = Math.exp(logJumpGrowth) // 1 + κ = E[J]
  if (!(jumpGrowth < Number.POSITIVE_INFINITY) || !(expectedJumps * jumpGrowth < Number.POSITIVE_INFINITY))
    throw new InvalidInputError('jumpMeanLog', jumpMeanLog, 'a jump size whose mean is a finite number')

  if (maxTerms !== undefined && (!Number.isSafeInteger(maxTerms) || maxTerms < 1))
    throw new InvalidInputError('maxTerms', maxTerms, 'a positive integer')

  const discountedStrike = strike * Math.exp(-rate * years)
  // n = 0 forward, compensated for the jumps' expected drift: S·e^((r−q)T)·e^(−λκT), discounted.
  const compensation = -expectedJumps * (jumpGrowth - 1)
  const logDiscountedForward = Math.log(spot) - dividendYield * years + compensation
  const discountedForward = spot * Math.exp(-dividendYield * years + compensation)
  const logMoneyness = Math.log(spot / strike) + (rate - dividendYield) * years + compensation
  const series: PoissonSeries = {
    discountedForward,
    logDiscountedForward,
    discountedStrike,
    logMoneyness,
    expectedJumps,
    jumpGrowth,
    logJumpGrowth,
    diffusionVariance: vol * vol * years,
    jumpVariance: jumpVolLog * jumpVolLog,
    maxTerms: maxTerms ?? MAX_TERMS,
  }
  let price: number
  if (kind === 'put' || !callSeriesIsSafe(series)) {
    const put = sumPoissonSeries(-1, series)
    // Put-call parity holds term by term (each Fₙ is a martingale forward), hence for the sum.
    price = kind === 'put' ? put : put + (spot * Math.exp(-dividendYield * years) - discountedStrike)
  } else {
    price = sumPoissonSeries(1, series)
  }
  if (!(price < Number.POSITIVE_INFINITY)) throw new InvalidInputError('parameters', parameters, 'inputs whose option value is a finite number')
  return price < 0 ? 0 : price
}

type PoissonSeries = {
  discountedForward: number
  /** ln of the above, used instead when the forward is too small to be scaled without underflow. */
  logDiscountedForward: number
  discountedStrike: number
  logMoneyness: number
  expectedJumps: number
  jumpGrowth: number
  logJumpGrowth: number
  diffusionVariance: number
  jumpVariance: number
  maxTerms: number
}

/**
 * A call's terms are bounded by Poisson(n; λ(1+κ)T)·S·e^(−qT): fine while that mean keeps
 * e^(−mean) a normal double and Fₙ stays finite over the terms needed. Otherwise (huge upward
 * jumps) the call is priced from the put by parity.
 */
function callSeriesIsSafe({ expectedJumps, jumpGrowth, logJumpGrowth, discountedForward }: PoissonSeries): boolean {
  const mean = expectedJumps * jumpGrowth
  if (!(mean <= MAX_EXPECTED_JUMPS)) return false
  const lastTerm = mean + 10 * Math.sqrt(mean) + 30
  return Math.log(discountedForward) + lastTerm * Math.max(logJumpGrowth, 0) < 700
}

function sumPoissonSeries(sign: number, series: PoissonSeries): number {
  const { discountedStrike, expectedJumps, jumpGrowth, logJumpGrowth, diffusionVariance, jumpVariance, maxTerms, logDiscountedForward } = series
  let { discountedForward, logMoneyness } = series
  // Fₙ = F₀·(1+κ)ⁿ by repeated multiplication (n roundings), unless F₀ is near underflow, where
  // the product would lose its digits: then from logarithms (one exponential per term).
  const fromLogarithm = !(discountedForward > 1e-280)
  // A term's value is at most its discounted forward (call) or discounted strike (put); the
  // Poisson weights that multiply those bounds have mean λT·(1+κ) (call) or λT (put).
  const boundMean = sign === 1 ? expectedJumps * jumpGrowth : expectedJumps
  const boundScale = sign === 1 ? discountedForward * Math.exp(expectedJumps * (jumpGrowth - 1)) : discountedStrike
  let weight = Math.exp(-expectedJumps) // Poisson(n; λT)
  let boundWeight = Math.exp(-boundMean) // Poisson(n; boundMean)
  let sum = 0
  let correction = 0 // Neumaier's compensated summation
  for (let n = 0; n < maxTerms; n++) {
    if (n > 0) {
      weight *= expectedJumps / n
      boundWeight *= boundMean / n
      discountedForward = fromLogarithm ? Math.exp(logDiscountedForward + n * logJumpGrowth) : discountedForward * jumpGrowth
      logMoneyness += logJumpGrowth
    }
    // A put whose forward has overflowed is worthless (its jumps carried the price to infinity).
    const term =
      sign === -1 && !(discountedForward < Number.POSITIVE_INFINITY)
        ? 0
        : weight * blackPrice(sign, discountedForward, discountedStrike, logMoneyness, Math.sqrt(diffusionVariance + n * jumpVariance))
    const next = sum + term
    correction += Math.abs(sum) >= Math.abs(term) ? sum - next + term : term - next + sum
    sum = next
    if (!(sum < Number.POSITIVE_INFINITY)) return Number.NaN
    // Tail after n: Σ_{m>n} P(m) ≤ P(n+1)/(1 − mean/(n+2)) once n + 2 > mean.
    if (n + 2 > boundMean) {
      const tailBound = (boundScale * ((boundWeight * boundMean) / (n + 1))) / (1 - boundMean / (n + 2))
      const total = sum + correction
      if (tailBound <= CONVERGENCE * total || tailBound === 0) return total
    }
  }
  throw new NoSolutionError('Merton jump-diffusion price', `the Poisson series did not converge to 1e-12 within ${maxTerms} terms`)
}

/**
 * Relative size of the provable remainder at which the series stops: 1e-14, a margin under the
 * 1e-12 the engine promises (the bound is loose, but the extra terms cost little: the Poisson
 * tail falls off faster than geometrically).
 */
const CONVERGENCE = 1e-14
const MAX_TERMS = 10_000
/** e^(−λT) stays a normal double up to λT ≈ 708; beyond, the Poisson weights would underflow. */
const MAX_EXPECTED_JUMPS = 700

import { InvalidInputError } from '../errors'
import type { RandomState } from './createRandomState'
import { nextUniform } from './nextUniform'

export type NextPoissonParameters = [state: RandomState, mean: number]
/** A non-negative integer count. */
export type NextPoissonReturnType = number

/**
 * Draw of N ~ Poisson(mean), e.g. the number of jumps in a time step (mean = λ·Δt).
 *
 * - mean < 10: inversion by sequential search, P(0) = e^(−mean), P(k) = P(k−1)·mean/k
 *   (L. Devroye, "Non-Uniform Random Variate Generation", Springer 1986, §X.3.3): one uniform,
 *   and for the small means of a simulation step (λΔt ≪ 1) almost always a single comparison.
 * - mean ≥ 10: W. Hörmann's transformed rejection with squeeze, PTRS ("The transformed rejection
 *   method for generating Poisson random variables", Insurance: Mathematics and Economics 12
 *   (1993) 39–45), exact, ~1.1 pairs of uniforms per draw whatever the mean; log k! by table
 *   below 20, by Stirling's series above.
 *
 * Advances `state` in place. Throws {@link InvalidInputError} unless 0 ≤ mean ≤ 1e9.
 *
 * @example
 * const random = createRandomState(3)
 * const jumps = nextPoisson(random, 5 / 365) // jumps in one day at 5 jumps per year
 */
export function nextPoisson(state: RandomState, mean: number): NextPoissonReturnType {
  if (!(mean >= 0 && mean <= MAX_MEAN)) throw new InvalidInputError('mean', mean, `a number between 0 and ${MAX_MEAN}`)
  if (mean === 0) return 0
  if (mean < 10) {
    const u = nextUniform(state)
    let probability = Math.exp(-mean)
    let cumulative = probability
    let k = 0
    // Stops once further terms cannot move the cumulative sum (guards u within rounding of 1).
    while (u > cumulative && probability > cumulative * 1e-17) {
      k++
      probability *= mean / k
      cumulative += probability
    }
    return k
  }
  const rootMean = Math.sqrt(mean)
  const logMean = Math.log(mean)
  const b = 0.931 + 2.53 * rootMean
  const a = -0.059 + 0.02483 * b
  const logInverseAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4))
  const acceptBelow = 0.9277 - 3.6224 / (b - 2)
  for (;;) {
    const u = nextUniform(state) - 0.5
    const v = nextUniform(state)
    const us = 0.5 - Math.abs(u)
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43)
    if (us >= 0.07 && v <= acceptBelow) return k
    if (k < 0 || (us < 0.013 && v > us)) continue
    if (Math.log(v) + logInverseAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k
  }
}

const MAX_MEAN = 1e9

function logFactorial(k: number): number {
  if (k < LOG_FACTORIALS.length) return LOG_FACTORIALS[k]!
  // Stirling's series for ln Γ(n), n = k + 1 ≥ 21: error below 1/(1188·n⁹) < 1e-14.
  const n = k + 1
  const inverse = 1 / n
  const inverseSquared = inverse * inverse
  return (
    (n - 0.5) * Math.log(n) -
    n +
    HALF_LOG_TWO_PI +
    inverse * (1 / 12 - inverseSquared * (1 / 360 - inverseSquared * (1 / 1260 - inverseSquared / 1680)))
  )
}

const HALF_LOG_TWO_PI = 0.9189385332046727 // ½·ln(2π)
const LOG_FACTORIALS = (() => {
  const table = new Float64Array(20)
  let factorial = 1
  for (let k = 1; k < 20; k++) {
    factorial *= k // exact below 2⁵³ (19! ≈ 1.2e17 is rounded by < 1 ulp)
    table[k] = Math.log(factorial)
  }
  return table
})()

import { InvalidInputError } from '../errors'
import type { RandomState } from '../math/createRandomState'
import { nextPoisson } from '../math/nextPoisson'
import { nextStandardNormal } from '../math/nextStandardNormal'
import { assertFinite, assertNonNegative, assertPositive } from '../validate'

/**
 * Where a simulated path stands: plain data, advanced in place by {@link simulateMerton}. A
 * long-running price keeper persists it between blocks; a Monte Carlo resets `price` per path
 * and lets `random` run on (or seeds one state per path).
 */
export type MertonPathState = {
  /** Current price, USD per unit (> 0). */
  price: number
  /** The path's random stream (see `createRandomState`). */
  random: RandomState
}

export type SimulateMertonParameters = {
  /** Path state; `price` and `random` are advanced in place. */
  state: MertonPathState
  /**
   * Expected growth rate μ of the price, per year: E[S(t+Δ) | S(t)] = S(t)·e^(μΔ), jumps
   * included. Use `rate − dividendYield` to simulate under the pricing measure (then
   * `mertonJumpPrice` is the expectation of discounted payoffs), 0 for a driftless keeper.
   */
  drift: number
  /** Volatility of the diffusion part, annualised (≥ 0). */
  vol: number
  /** Expected number of jumps per year, λ (≥ 0). */
  jumpIntensity: number
  /** Mean of the log jump size ln J. */
  jumpMeanLog: number
  /** Standard deviation of the log jump size (≥ 0). */
  jumpVolLog: number
  /** Length of one step in years of 365 days (> 0), e.g. 2 / 31_536_000 for a 2-second block. */
  stepYears: number
  /** Number of steps to take (a positive integer; 1 for a keeper's tick). */
  steps: number
  /** If given, receives the price after each step: path[i] after step i + 1. Length ≥ steps. */
  path?: Float64Array
}
/** The price after the last step, USD per unit (also written to `state.price`). */
export type SimulateMertonReturnType = number

/**
 * Advances a Merton (1976) jump-diffusion price by `steps` steps of `stepYears`, exactly in
 * distribution (no discretisation error): per step, with Z, Z′ ~ N(0, 1) and N ~ Poisson(λΔ),
 *
 *   ln S(t+Δ) − ln S(t) = (μ − λκ − σ²/2)Δ + σ√Δ·Z + N·μ_J + δ·√N·Z′,   κ = e^(μ_J + δ²/2) − 1
 *
 * (the sum of N normal log-jumps is N(Nμ_J, Nδ²); R. C. Merton, J. Financial Economics 3 (1976);
 * P. Glasserman, "Monte Carlo Methods in Financial Engineering", Springer 2004, §3.5.1). The
 * −λκ term compensates the jumps, so E[S(t)] = S(0)·e^(μt) whatever the jump parameters; the
 * log-return over t has mean (μ − λκ − σ²/2)t + λtμ_J and variance σ²t + λt(μ_J² + δ²).
 *
 * Reproducible: the draws come only from `state.random` (xoshiro128**), in a fixed order per step
 * (Z, then N, then Z′ only if N > 0), so one call of n steps equals n calls of one step, and a
 * saved state replays exactly. No allocation (pass a reusable `path` to record a path); a step
 * costs two uniforms, one Poisson draw and one exponential.
 *
 * Throws {@link InvalidInputError} for NaN or infinite parameters, negative vol, intensity or
 * jump vol, stepYears ≤ 0, a non-integer or non-positive step count, a short `path`, an invalid
 * state, or a path that leaves the positive finite numbers.
 *
 * @example
 * const keeper = { price: 97_500, random: createRandomState(2026) }
 * // every 2-second block:
 * simulateMerton({ state: keeper, drift: 0, vol: 0.55, jumpIntensity: 12, jumpMeanLog: -0.02,
 *   jumpVolLog: 0.05, stepYears: 2 / SECONDS_PER_YEAR, steps: 1 }) // the next oracle price
 */
export function simulateMerton(parameters: SimulateMertonParameters): SimulateMertonReturnType {
  const { state, drift, vol, jumpIntensity, jumpMeanLog, jumpVolLog, stepYears, steps, path } = parameters
  if (typeof state !== 'object' || state === null || typeof state.random !== 'object' || state.random === null)
    throw new InvalidInputError('state', state, 'a path state { price, random }')
  assertPositive('state.price', state.price)
  assertFinite('drift', drift)
  assertNonNegative('vol', vol)
  assertNonNegative('jumpIntensity', jumpIntensity)
  assertFinite('jumpMeanLog', jumpMeanLog)
  assertNonNegative('jumpVolLog', jumpVolLog)
  assertPositive('stepYears', stepYears)
  if (!Number.isSafeInteger(steps) || steps < 1) throw new InvalidInputError('steps', steps, 'a positive integer')
  if (path !== undefined && (!(path instanceof Float64Array) || path.length < steps))
    throw new InvalidInputError('path', path, `a Float64Array of at least ${steps} elements`)
  const jumpGrowth = Math.exp(jumpMeanLog + 0.5 * jumpVolLog * jumpVolLog) // 1 + κ
  const jumpsPerStep = jumpIntensity * stepYears
  const logDriftPerStep = (drift - jumpIntensity * (jumpGrowth - 1) - 0.5 * vol * vol) * stepYears
  const volPerStep = vol * Math.sqrt(stepYears)
  if (!(jumpsPerStep <= 1e9))
    throw new InvalidInputError('jumpIntensity', jumpIntensity, 'at most 1e9 expected jumps per step (λ·stepYears)')
  if (!(Math.abs(logDriftPerStep) < Number.POSITIVE_INFINITY) || !(volPerStep < Number.POSITIVE_INFINITY))
    throw new InvalidInputError('stepYears', stepYears, 'a step over which drift and volatility are finite')

  const random = state.random
  let price = state.price
  for (let i = 0; i < steps; i++) {
    let logReturn = logDriftPerStep + volPerStep * nextStandardNormal(random)
    const jumps = jumpsPerStep > 0 ? nextPoisson(random, jumpsPerStep) : 0
    if (jumps > 0) logReturn += jumps * jumpMeanLog + jumpVolLog * Math.sqrt(jumps) * nextStandardNormal(random)
    price *= Math.exp(logReturn)
    if (path !== undefined) path[i] = price
  }
  if (!(price > 0 && price < Number.POSITIVE_INFINITY))
    throw new InvalidInputError('parameters', parameters, 'a path that stays a positive finite price')
  state.price = price
  return price
}

import { InvalidInputError } from '../../lib/core/errors'
import type { RandomState } from '../../lib/core/math/createRandomState'
import { nextStandardNormal } from '../../lib/core/math/nextStandardNormal'
import { assertFinite, assertNonNegative, assertPositive } from '../../lib/core/validate'

export type StepVolatilityParameters = {
  /** x = ln(vol index / long-run vol) now: 0 at the long-run level, ln 2 after a doubling. */
  logGap: number
  /** Half-life of the pull toward the long-run level, seconds (> 0). */
  halfLifeSeconds: number
  /** Standard deviation of the noise per √hour (≥ 0). */
  volOfVol: number
  /** Length of the step, seconds (> 0); any length, one draw. */
  seconds: number
  /** Random stream; advanced by exactly one normal draw (even when `volOfVol` is 0). */
  random: RandomState
}
/** x after the step. */
export type StepVolatilityReturnType = number
export type StepVolatilityErrorType = InvalidInputError

/**
 * Advances the log gap of a volatility index to its long-run level by one exact step of an
 * Ornstein–Uhlenbeck process, dx = −k·x·dt + s·dW with k = ln 2 / halfLife and
 * s = volOfVol / √3600 per √second:
 *
 *   x(t+Δ) = x(t)·e^(−kΔ) + s·√((1 − e^(−2kΔ)) / (2k))·Z,   Z ~ N(0, 1)
 *
 * (the transition law of the OU process, e.g. Glasserman, "Monte Carlo Methods in Financial
 * Engineering", Springer 2004, §3.3.1), so one step of an hour has the same law as 3,600 steps of
 * a second. Without noise the gap halves every `halfLifeSeconds`; with it, x is stationary at
 * N(0, s²/(2k)). Mean-reverting the log keeps the index positive and makes a ×2 spike and a ×½
 * crush revert symmetrically.
 *
 * @example
 * const random = createRandomState(1)
 * stepVolatility({ logGap: Math.log(2), halfLifeSeconds: 600, volOfVol: 0, seconds: 600, random }) // ln 2 / 2
 */
export function stepVolatility(parameters: StepVolatilityParameters): StepVolatilityReturnType {
  const { logGap, halfLifeSeconds, volOfVol, seconds, random } = parameters
  assertFinite('logGap', logGap)
  assertPositive('halfLifeSeconds', halfLifeSeconds)
  assertNonNegative('volOfVol', volOfVol)
  assertPositive('seconds', seconds)
  if (typeof random !== 'object' || random === null) throw new InvalidInputError('random', random, 'a random state')
  const reversion = Math.LN2 / halfLifeSeconds
  const noisePerRootSecond = volOfVol / 60
  // −expm1 keeps the variance accurate when kΔ is tiny (a one-second step of a slow index).
  const stepStdev = noisePerRootSecond * Math.sqrt(-Math.expm1(-2 * reversion * seconds) / (2 * reversion))
  return logGap * Math.exp(-reversion * seconds) + stepStdev * nextStandardNormal(random)
}

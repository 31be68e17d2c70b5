import type { InvalidInputError } from '../errors'
import type { MarketParams } from '../risk/types'
import { SECONDS_PER_DAY } from '../units'
import { assertInRange } from '../validate'
import { assertFundingState } from './assertFundingState'
import type { FundingState } from './types'

export type CurrentFundingRateParameters = {
  /** The market's funding state, accrued up to `state.lastUpdated`. */
  state: FundingState
  /** Time at which to read the rate, unix seconds (>= `state.lastUpdated`). */
  now: number
  /** The market's `skewScale` (base units, > 0) and `maxFundingVelocity` (per day per day, >= 0). */
  params: Pick<MarketParams, 'skewScale' | 'maxFundingVelocity'>
}

/** Funding rate at `now`, fraction of price per day (longs pay when > 0). */
export type CurrentFundingRateReturnType = number

export type CurrentFundingRateErrorType = InvalidInputError

/**
 * The instantaneous funding rate at `now`, without changing any state (DESIGN.md §4.5; the
 * velocity model of Synthetix perps v2, SIP-279):
 *
 *   r(now) = r + maxFundingVelocity × clamp(skew / skewScale, −1, 1) × (now − lastUpdated) / 86,400
 *
 * The rate drifts at a speed proportional to the skew (capped at `maxFundingVelocity` per day
 * per day once |skew| ≥ skewScale) and stops drifting when the market is balanced. It is the
 * `fundingRate` that `accrueFunding` would store at `now`.
 *
 * @throws {CurrentFundingRateErrorType} `InvalidInputError` for a non-finite or out-of-range
 *   field, `now` before `state.lastUpdated`, `skewScale <= 0` or `maxFundingVelocity < 0`.
 *
 * @example
 * currentFundingRate({
 *   state: { fundingRate: 0.001, fundingIndex: 0, lastUpdated: 1_700_000_000, skew: 2_500 },
 *   now: 1_700_000_000 + 43_200, // half a day later
 *   params: { skewScale: 10_000, maxFundingVelocity: 3 },
 * }) // 0.001 + 3 × 0.25 × 0.5 = 0.376 per day
 */
export function currentFundingRate({ state, now, params }: CurrentFundingRateParameters): CurrentFundingRateReturnType {
  assertFundingState(state)
  assertInRange('now', now, state.lastUpdated, maxMagnitude)
  assertInRange('params.skewScale', params?.skewScale, Number.MIN_VALUE, maxMagnitude)
  assertInRange('params.maxFundingVelocity', params.maxFundingVelocity, 0, maxMagnitude)
  const elapsedDays = (now - state.lastUpdated) / SECONDS_PER_DAY
  return state.fundingRate + fundingVelocity(state.skew, params) * elapsedDays
}

/** Rate velocity, per day per day: maxFundingVelocity × clamp(skew / skewScale, −1, 1). */
function fundingVelocity(skew: number, { skewScale, maxFundingVelocity }: CurrentFundingRateParameters['params']): number {
  const proportionalSkew = Math.min(1, Math.max(-1, skew / skewScale))
  return maxFundingVelocity * proportionalSkew
}

const maxMagnitude = 1e18

import type { InvalidInputError } from '../errors'
import type { MarketParams } from '../risk/types'
import { SECONDS_PER_DAY } from '../units'
import { assertInRange } from '../validate'
import { currentFundingRate } from './currentFundingRate'
import type { FundingState } from './types'

export type AccrueFundingParameters = {
  /** The market's funding state, accrued up to `state.lastUpdated`. */
  state: FundingState
  /** Oracle price S over the interval, USD per unit (> 0). */
  price: number
  /** Time to accrue to, unix seconds (>= `state.lastUpdated`). */
  now: number
  /** The market's `skewScale` (base units, > 0) and `maxFundingVelocity` (per day per day, >= 0). */
  params: Pick<MarketParams, 'skewScale' | 'maxFundingVelocity'>
}

/** The funding state accrued to `now` (a new object; the skew is unchanged). */
export type AccrueFundingReturnType = FundingState

export type AccrueFundingErrorType = InvalidInputError

/**
 * Accrues a perpetual market's funding from `state.lastUpdated` to `now` at oracle price
 * `price` (DESIGN.md §4.5; the skew-velocity model of Synthetix perps v2, SIP-279):
 *
 *   d          = (now − lastUpdated) / 86,400                        elapsed days
 *   r_now      = r + maxFundingVelocity × clamp(skew / skewScale, −1, 1) × d
 *   F_now      = F + ½ (r + r_now) × S × d                           USD per unit
 *
 * Over the interval the skew is constant, so the rate moves linearly and the average of its end
 * points is the exact time-average: the index is the exact integral of r(t)·S dt. Hence
 * accruing in several steps at the same price gives the same result as one step, and a constant
 * skew makes the index grow quadratically in time: F(T) = F + S·(r·T + ½·v·T²).
 *
 * A position of signed size q that last settled at index f owes `q × (F_now − f)` USD
 * (`fundingOwed`): longs pay when the rate is positive. Accrue before every change of skew
 * (each trade) and read positions' funding against the accrued index.
 *
 * @throws {AccrueFundingErrorType} `InvalidInputError` for a non-finite or out-of-range
 *   field, `price <= 0`, `now` before `state.lastUpdated`, `skewScale <= 0` or
 *   `maxFundingVelocity < 0`.
 *
 * @example
 * accrueFunding({
 *   state: { fundingRate: 0.001, fundingIndex: 100, lastUpdated: 1_700_000_000, skew: 2_500 },
 *   price: 60_000,
 *   now: 1_700_000_000 + 2 * 86_400,
 *   params: { skewScale: 10_000, maxFundingVelocity: 3 },
 * })
 * // velocity 3 × 0.25 = 0.75/day²: { fundingRate: 1.501, fundingIndex: 100 + 60_000 × (0.002 + 1.5) = 90_220, lastUpdated: 1_700_172_800, skew: 2_500 }
 */
export function accrueFunding({ state, price, now, params }: AccrueFundingParameters): AccrueFundingReturnType {
  const fundingRate = currentFundingRate({ state, now, params })
  assertInRange('price', price, Number.MIN_VALUE, 1e18)
  const elapsedDays = (now - state.lastUpdated) / SECONDS_PER_DAY
  return {
    fundingRate,
    fundingIndex: state.fundingIndex + 0.5 * (state.fundingRate + fundingRate) * price * elapsedDays,
    lastUpdated: now,
    skew: state.skew,
  }
}

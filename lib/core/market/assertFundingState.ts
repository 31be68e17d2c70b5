import { InvalidInputError } from '../errors'
import { assertInRange } from '../validate'
import type { FundingState } from './types'

export type AssertFundingStateErrorType = InvalidInputError

/**
 * Largest magnitude accepted for any funding figure (1e18, as in `validateAccount`): products
 * such as rate × price × days then stay far from float64 overflow, so no result is ±Infinity.
 */
const maxMagnitude = 1e18

/**
 * Checks a funding state: every field a finite number of magnitude at most 1e18, and
 * `lastUpdated >= 0`. Throws `InvalidInputError` naming the field.
 *
 * @example
 * assertFundingState({ fundingRate: 0, fundingIndex: 0, lastUpdated: 1_700_000_000, skew: 0 }) // returns
 * assertFundingState({ fundingRate: Number.NaN, fundingIndex: 0, lastUpdated: 0, skew: 0 }) // throws
 */
export function assertFundingState(state: FundingState): void {
  if (typeof state !== 'object' || state === null) throw new InvalidInputError('state', state, 'a funding state')
  assertInRange('state.fundingRate', state.fundingRate, -maxMagnitude, maxMagnitude)
  assertInRange('state.fundingIndex', state.fundingIndex, -maxMagnitude, maxMagnitude)
  assertInRange('state.lastUpdated', state.lastUpdated, 0, maxMagnitude)
  assertInRange('state.skew', state.skew, -maxMagnitude, maxMagnitude)
}

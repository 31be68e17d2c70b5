import type { InvalidInputError } from '../errors'
import { assertInRange } from '../validate'

export type FundingOwedParameters = {
  /** Signed position size, base units (long > 0). */
  size: number
  /** The position's funding index at its last settlement, USD per unit (`f` in DESIGN.md §4.1). */
  lastFundingIndex: number
  /** The market's current cumulative funding index, USD per unit (`F`, see `accrueFunding`). */
  fundingIndex: number
}

/** Funding the position owes, USD: positive is a debt, negative is funding received. */
export type FundingOwedReturnType = number

export type FundingOwedErrorType = InvalidInputError

/**
 * Funding owed by a perpetual position since it last settled (DESIGN.md §4.1, §4.5):
 *
 *   owed = size × (F − f)
 *
 * The index F rises while the funding rate is positive, so longs (size > 0) owe and shorts
 * receive; when the rate is negative it falls and the roles swap. The venue settles this amount
 * into the settlement asset whenever the position changes, then resets f to F.
 *
 * @throws {FundingOwedErrorType} `InvalidInputError` for a non-finite input or one of
 *   magnitude above 1e18.
 *
 * @example
 * fundingOwed({ size: 2, lastFundingIndex: 100, fundingIndex: 160 }) // 120 USD owed by the long
 * fundingOwed({ size: -2, lastFundingIndex: 100, fundingIndex: 160 }) // −120: the short receives
 */
export function fundingOwed({ size, lastFundingIndex, fundingIndex }: FundingOwedParameters): FundingOwedReturnType {
  assertInRange('size', size, -maxMagnitude, maxMagnitude)
  assertInRange('lastFundingIndex', lastFundingIndex, -maxMagnitude, maxMagnitude)
  assertInRange('fundingIndex', fundingIndex, -maxMagnitude, maxMagnitude)
  return size * (fundingIndex - lastFundingIndex)
}

const maxMagnitude = 1e18

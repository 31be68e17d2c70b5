import { InvalidInputError } from '../errors'

/** A price search range as multiples of the current price. */
export type SearchRange = { low: number; high: number }

/** The default: from 1 % to 100× the current price — far beyond any move a trader plans for. */
export const defaultSearchRange: SearchRange = { low: 0.01, high: 100 }

/**
 * Throws `InvalidInputError` unless `0 < low < 1 < high < Infinity`.
 *
 * @example
 * assertSearchRange({ low: 0.01, high: 100 }) // passes
 * assertSearchRange({ low: 2, high: 3 }) // throws: the range must contain the current price
 */
export function assertSearchRange(range: unknown): asserts range is SearchRange {
  if (typeof range !== 'object' || range === null) throw new InvalidInputError('searchRange', range, 'an object { low, high }')
  const { low, high } = range as Record<string, unknown>
  if (typeof low !== 'number' || !(low > 0 && low < 1)) throw new InvalidInputError('searchRange.low', low, 'a number between 0 and 1 (exclusive)')
  if (typeof high !== 'number' || !(high > 1 && high < Infinity)) throw new InvalidInputError('searchRange.high', high, 'a finite number above 1')
}

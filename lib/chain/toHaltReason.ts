import { InvalidInputError } from '../core/errors'
import type { HaltReason } from './types'

/** The venue's `HaltReason` enum (contracts/src/margin/VenueTypes.sol), in declaration order. */
const haltReasons = [
  'none',
  'stalePrice',
  'uncertainPrice',
  'priceJumped',
  'staleVolatility',
  'uncertainVolatility',
  'volatilityJumped',
] as const satisfies readonly HaltReason[]

export type ToHaltReasonErrorType = InvalidInputError

/**
 * The venue's `HaltReason` (a uint8 in the ABI) as a word: why a market takes no risk-increasing
 * trades, withdrawals or liquidations right now (DESIGN.md §4.6), or `'none'`.
 *
 * @param field Names the value in the error, e.g. `markets[2].halt`.
 * @throws {InvalidInputError} For a number outside the enum: an ABI newer than this code.
 *
 * @example
 * toHaltReason(3, 'halt') // 'priceJumped'
 */
export function toHaltReason(value: number, field: string): HaltReason {
  const reason = haltReasons[value]
  if (reason === undefined) throw new InvalidInputError(field, value, `a HaltReason (0–${haltReasons.length - 1})`)
  return reason
}

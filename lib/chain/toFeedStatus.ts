import { InvalidInputError } from '../core/errors'
import type { FeedStatusKind } from '../core/oracle/types'

/** The venue's `FeedStatus` enum (contracts/src/oracle/FeedGuard.sol), in declaration order. */
const feedStatuses = ['live', 'stale', 'uncertain', 'jumped'] as const satisfies readonly FeedStatusKind[]

export type ToFeedStatusErrorType = InvalidInputError

/**
 * The venue's `FeedStatus` (a uint8 in the ABI: Live, Stale, Uncertain, Jumped) as lib/core's
 * `FeedStatusKind`, the word the worker's own guards use for the same verdict (DESIGN.md §4.6).
 *
 * @param field Names the value in the error, e.g. `markets[0].priceStatus`.
 * @throws {InvalidInputError} For a number outside the enum: an ABI newer than this code.
 *
 * @example
 * toFeedStatus(1, 'priceStatus') // 'stale'
 */
export function toFeedStatus(value: number, field: string): FeedStatusKind {
  const status = feedStatuses[value]
  if (status === undefined) throw new InvalidInputError(field, value, `a FeedStatus (0–${feedStatuses.length - 1})`)
  return status
}

import { InvalidInputError } from '../errors'
import type { FeedState, FeedUpdate } from './types'

export type AssertFeedStateErrorType = InvalidInputError

/**
 * Checks that a feed state is one the guards could have produced: `latestPublishTime` a
 * positive integer, `uncertain` a boolean, `accepted` and `pending` (when present) well-formed
 * updates (price > 0, conf >= 0, publish time a positive integer) no newer than
 * `latestPublishTime`, and a `pending` update only after (strictly newer than) an `accepted`
 * one. `undefined` (a feed never updated) is valid. Throws `InvalidInputError` naming the field.
 *
 * @example
 * assertFeedState(undefined) // returns
 * assertFeedState({ latestPublishTime: 1_700_000_000, uncertain: false }) // returns
 * assertFeedState({ latestPublishTime: -1, uncertain: false }) // throws InvalidInputError
 */
export function assertFeedState(state: FeedState | undefined): void {
  if (state === undefined) return
  if (typeof state !== 'object' || state === null) throw new InvalidInputError('state', state, 'a feed state or undefined')
  if (!isPublishTime(state.latestPublishTime))
    throw new InvalidInputError('state.latestPublishTime', state.latestPublishTime, 'a positive integer (unix seconds)')
  if (typeof state.uncertain !== 'boolean') throw new InvalidInputError('state.uncertain', state.uncertain, 'a boolean')
  const { accepted, pending } = state
  if (accepted !== undefined) assertStoredUpdate('state.accepted', accepted, state.latestPublishTime)
  if (pending !== undefined) {
    assertStoredUpdate('state.pending', pending, state.latestPublishTime)
    if (accepted === undefined || pending.publishTime <= accepted.publishTime)
      throw new InvalidInputError('state.pending', pending, 'a pending update newer than an accepted one')
  }
}

function assertStoredUpdate(field: string, update: FeedUpdate, latestPublishTime: number): void {
  if (typeof update !== 'object' || update === null) throw new InvalidInputError(field, update, 'a feed update')
  if (typeof update.price !== 'number' || !(update.price > 0) || update.price === Number.POSITIVE_INFINITY)
    throw new InvalidInputError(`${field}.price`, update.price, 'a finite number greater than 0')
  if (typeof update.conf !== 'number' || !(update.conf >= 0) || update.conf === Number.POSITIVE_INFINITY)
    throw new InvalidInputError(`${field}.conf`, update.conf, 'a finite number of at least 0')
  if (!isPublishTime(update.publishTime) || update.publishTime > latestPublishTime)
    throw new InvalidInputError(`${field}.publishTime`, update.publishTime, 'a positive integer no later than state.latestPublishTime')
}

function isPublishTime(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0
}

import type { InvalidInputError } from '../errors'
import { assertFinite } from '../validate'
import { assertFeedState } from './assertFeedState'
import { assertOracleGuardParams } from './assertOracleGuardParams'
import { defaultOracleGuardParams } from './params'
import type { FeedState, FeedStatusKind, OracleGuardParams } from './types'

export type FeedStatusParameters = {
  /** The feed's state, as returned by `guardPriceUpdate`; `undefined` if never updated. */
  state: FeedState | undefined
  /** Current time, unix seconds. */
  now: number
  /** Thresholds; `defaultOracleGuardParams` when omitted. */
  params?: OracleGuardParams
}

export type FeedStatusReturnType = {
  /** `live` only when the trusted price may be used for risk-increasing actions. */
  status: FeedStatusKind
  /**
   * Age of the trusted (last accepted) price, seconds: `max(0, now − accepted.publishTime)`
   * (a publish time slightly ahead of `now` counts as age 0). `null` when the feed has no
   * trusted price yet.
   */
  age: number | null
}

export type FeedStatusErrorType = InvalidInputError

/**
 * A feed's status at `now` (DESIGN.md §4.6), the first that applies in this order:
 * 1. `stale`: there is no accepted update yet, or its age `now − accepted.publishTime` is
 *    `> maxAge` (an age of exactly `maxAge` is still fresh, as in Pyth's `getPriceNoOlderThan`).
 * 2. `jumped`: a jumped update is pending confirmation (`state.pending` is set).
 * 3. `uncertain`: the newest non-rejected update was uncertain (`state.uncertain`).
 * 4. `live`: otherwise.
 * Staleness comes first because there is no price to trust at all; a pending jump comes before
 * uncertainty because it says the trusted price may be off by more than `maxJump`.
 *
 * While a feed is not `live`, the venue allows no risk-increasing trades, no withdrawals by
 * exposed accounts and no liquidations on it; the UI says so instead of a confident number.
 * The contract mirrors this exactly (with `age = now > t ? now − t : 0` to avoid underflow).
 *
 * @throws {FeedStatusErrorType} `InvalidInputError` for a non-finite `now`, invalid `params` or
 *   a malformed `state`.
 *
 * @example
 * const state = { accepted: { price: 60_000, conf: 15, publishTime: 1_700_000_000 }, latestPublishTime: 1_700_000_000, uncertain: false }
 * feedStatus({ state, now: 1_700_000_030 }) // { status: 'live', age: 30 }
 * feedStatus({ state, now: 1_700_000_061 }) // { status: 'stale', age: 61 }
 */
export function feedStatus({ state, now, params = defaultOracleGuardParams }: FeedStatusParameters): FeedStatusReturnType {
  assertFinite('now', now)
  assertOracleGuardParams(params)
  assertFeedState(state)

  const accepted = state?.accepted
  if (state === undefined || accepted === undefined) return { status: 'stale', age: null }
  const age = now > accepted.publishTime ? now - accepted.publishTime : 0
  if (age > params.maxAge) return { status: 'stale', age }
  if (state.pending !== undefined) return { status: 'jumped', age }
  if (state.uncertain) return { status: 'uncertain', age }
  return { status: 'live', age }
}

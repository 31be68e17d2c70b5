import type { InvalidInputError } from '../errors'
import { assertFinite } from '../validate'
import { assertFeedState } from './assertFeedState'
import { assertOracleGuardParams } from './assertOracleGuardParams'
import { defaultOracleGuardParams } from './params'
import type { FeedState, FeedUpdate, OracleGuardParams, PriceUpdateRejection } from './types'

export type GuardPriceUpdateParameters = {
  /** The feed's state so far; `undefined` before its first update. */
  state: FeedState | undefined
  /** The update to judge, straight from the feed (it may be malformed). */
  update: FeedUpdate
  /** Current time, unix seconds (block timestamp on-chain, wall clock in the worker). */
  now: number
  /** Thresholds; `defaultOracleGuardParams` when omitted. */
  params?: OracleGuardParams
}

export type GuardPriceUpdateReturnType =
  | {
      /**
       * `accepted`: the update is the feed's new trusted price. `uncertain`: its confidence is
       * too wide to trust. `jumped`: it moved too far too fast and waits for confirmation.
       */
      verdict: 'accepted' | 'uncertain' | 'jumped'
      /** The feed's new state (a new object; the input state is not mutated). */
      state: FeedState
    }
  | {
      verdict: 'rejected'
      reason: PriceUpdateRejection
      /** The input state itself, unchanged. */
      state: FeedState | undefined
    }

export type GuardPriceUpdateErrorType = InvalidInputError

/**
 * Judges one update of a price feed (or of a volatility-index feed: same rules, the "price" is
 * the annualised vol) against the feed's state — the oracle guards of DESIGN.md §4.6, which the
 * venue contract applies identically. Pure: returns the new state and a verdict.
 *
 * Notation: `u` is the update, `A` the last accepted update (`state.accepted`), `P` the pending
 * jumped update (`state.pending`), `L = state.latestPublishTime`, `p` the `params`.
 *
 * **1. Rejections**, checked in this order; the first that applies is the reason. A rejected
 * update changes nothing (the input state is returned as is).
 * - `malformed`: `u` is not an object, `u.price` or `u.conf` is not a finite number,
 *   `u.conf < 0`, or `u.publishTime` is not a positive integer (≤ 2^53 − 1).
 * - `nonPositivePrice`: `u.price <= 0`.
 * - `future`: `u.publishTime > now + p.maxFutureSkew` (equal is allowed).
 * - `notNewer`: the state exists and `u.publishTime <= L` (equal is rejected: publish times
 *   strictly increase, as Pyth's own contract only stores an update newer than the one it has;
 *   on-chain an absent state has L = 0, which every valid publish time exceeds).
 *
 * **2. Uncertain** when `u.conf > p.maxConfRatio × u.price` (equal is not uncertain). The update
 * is not trusted: `A` and `P` stay as they are; `L ← u.publishTime`, `uncertain ← true`.
 * An uncertain update neither jumps nor confirms a jump.
 *
 * **3. Jump check.** `u` jumped when there is an `A` with
 * `u.publishTime − A.publishTime <= p.jumpWindow` and `|u.price − A.price| > p.maxJump × A.price`
 * (at exactly `maxJump` it did not jump; a trusted price older than the window is no reference,
 * since a large move over a long time is plausible).
 * A jumped update is **confirmed** — and accepted — when it is *consistent* with the pending
 * jump: there is a `P` and `|u.price − P.price| <= p.maxJump × P.price`. So a jump needs two
 * updates, both more than `maxJump` from the trusted price, within `maxJump` of each other
 * (`P` is newer than `A`, so both lie within `jumpWindow` of `A`: no separate time test).
 * - Jumped and not confirmed: verdict `jumped`; `P ← u` (a newer jump replaces an older one),
 *   `A` unchanged, `L ← u.publishTime`, `uncertain ← false`.
 * - Otherwise (no reference, within `maxJump` of `A`, or confirmed): verdict `accepted`;
 *   `A ← u`, `P` cleared, `L ← u.publishTime`, `uncertain ← false`. In particular an update
 *   back within `maxJump` of `A` discards a pending jump as a bad tick.
 *
 * On-chain the comparisons are made without division, in integers: Pyth prices and conf share
 * one exponent per feed, fractions are WAD (1e18), e.g. uncertain iff
 * `conf·1e18 > maxConfRatioWad·price` and jumped iff `|price − ref|·1e18 > maxJumpWad·ref`;
 * an update whose exponent differs from the feed's is `malformed` there (the worker receives
 * prices already scaled). This function makes the same comparisons in float64; the two can
 * disagree only when the two sides are within an ulp of each other.
 *
 * @throws {GuardPriceUpdateErrorType} `InvalidInputError` when `now` is not finite, `params` are
 *   invalid (see `assertOracleGuardParams`) or `state` is not a state the guard produces
 *   (see `assertFeedState`). A bad *update* is never thrown: it is rejected with a reason.
 *
 * @example
 * const first = guardPriceUpdate({ state: undefined, update: { price: 60_000, conf: 15, publishTime: 1_700_000_000 }, now: 1_700_000_001 })
 * // first.verdict === 'accepted'
 * const crash = guardPriceUpdate({ state: first.state, update: { price: 50_000, conf: 20, publishTime: 1_700_000_002 }, now: 1_700_000_003 })
 * // crash.verdict === 'jumped' (−16.7 % in 2 s); crash.state.accepted.price is still 60_000
 * const confirm = guardPriceUpdate({ state: crash.state, update: { price: 49_800, conf: 20, publishTime: 1_700_000_004 }, now: 1_700_000_005 })
 * // confirm.verdict === 'accepted' (within 10 % of the pending 50_000): the feed trusts 49_800
 */
export function guardPriceUpdate({
  state,
  update,
  now,
  params = defaultOracleGuardParams,
}: GuardPriceUpdateParameters): GuardPriceUpdateReturnType {
  assertFinite('now', now)
  assertOracleGuardParams(params)
  assertFeedState(state)

  const rejection = rejectionOf(state, update, now, params)
  if (rejection !== undefined) return { verdict: 'rejected', reason: rejection, state }

  const received: FeedUpdate = { price: update.price, conf: update.conf, publishTime: update.publishTime }
  const accepted = state?.accepted
  const pending = state?.pending

  if (received.conf > params.maxConfRatio * received.price) {
    const next: FeedState = { latestPublishTime: received.publishTime, uncertain: true }
    if (accepted !== undefined) next.accepted = accepted
    if (pending !== undefined) next.pending = pending
    return { verdict: 'uncertain', state: next }
  }

  const jumped =
    accepted !== undefined &&
    received.publishTime - accepted.publishTime <= params.jumpWindow &&
    Math.abs(received.price - accepted.price) > params.maxJump * accepted.price
  const confirmsPending =
    pending !== undefined && Math.abs(received.price - pending.price) <= params.maxJump * pending.price

  if (jumped && !confirmsPending)
    return {
      verdict: 'jumped',
      state: { accepted, pending: received, latestPublishTime: received.publishTime, uncertain: false },
    }
  return { verdict: 'accepted', state: { accepted: received, latestPublishTime: received.publishTime, uncertain: false } }
}

function rejectionOf(
  state: FeedState | undefined,
  update: FeedUpdate,
  now: number,
  params: OracleGuardParams,
): PriceUpdateRejection | undefined {
  // Feed data is untrusted input: a bad shape is a verdict, not an exception.
  if (typeof update !== 'object' || update === null) return 'malformed'
  const { price, conf, publishTime } = update as { price: unknown; conf: unknown; publishTime: unknown }
  if (typeof price !== 'number' || !Number.isFinite(price)) return 'malformed'
  if (typeof conf !== 'number' || !Number.isFinite(conf) || conf < 0) return 'malformed'
  if (typeof publishTime !== 'number' || !Number.isSafeInteger(publishTime) || publishTime <= 0) return 'malformed'
  if (price <= 0) return 'nonPositivePrice'
  if (publishTime > now + params.maxFutureSkew) return 'future'
  if (state !== undefined && publishTime <= state.latestPublishTime) return 'notNewer'
  return undefined
}

import { guardPriceUpdate } from '../core/oracle/guardPriceUpdate'
import { defaultOracleGuardParams } from '../core/oracle/params'
import type { FeedUpdate, OracleGuardParams, PriceUpdateRejection } from '../core/oracle/types'
import type { FeedRecord, TickSource } from './types'

export type ApplyPriceUpdateParameters = {
  /** The feed's record so far. */
  record: FeedRecord
  /**
   * The update in numbers (`HermesPriceUpdate.update`), or `null` for an entry of this feed
   * that could not be parsed (it is rejected as `malformed`).
   */
  update: FeedUpdate | null
  /** Where it came from. */
  source: TickSource
  /** The entry's Hermes slot (`metadata.slot`), when known: it orders stream and backfill exactly. */
  slot?: number | null
  /** Wall clock, ms since the epoch (the guards get `now / 1000` seconds). */
  now: number
  /** Guard thresholds; `defaultOracleGuardParams` when omitted. */
  params?: OracleGuardParams
  /** Time constant of the update-rate estimate, seconds (> 0); 10 when omitted. */
  rateWindow?: number
}

/**
 * - `accepted`, `uncertain`, `jumped`, `rejected`: the guard's verdict (`guardPriceUpdate`).
 * - `duplicate`: an exact repeat of the newest non-rejected update (same publish time, price
 *   and confidence). Hermes repeats an unchanged feed in every message that carries any of the
 *   subscribed feeds, and `/latest` after a reconnect often returns what the stream already
 *   delivered: neither is an out-of-order fault.
 * - `superseded`: a stream message no newer than a price a backfill already delivered, from a
 *   slot no later than the backfill's (when both slots are known): it was in flight when the
 *   backfill answered. Ignored, not reported as out of order. A stale tick from a later slot is
 *   a real out-of-order update and is judged (rejected `notNewer`).
 */
export type PriceUpdateOutcome = 'accepted' | 'uncertain' | 'jumped' | 'rejected' | 'duplicate' | 'superseded'

export type ApplyPriceUpdateReturnType = {
  /** The feed's new record (the input record itself when nothing changed). */
  record: FeedRecord
  outcome: PriceUpdateOutcome
  /** Why it was rejected, when `outcome` is `rejected`. */
  reason?: PriceUpdateRejection
}

/**
 * Passes one update of a feed through the oracle guards (DESIGN.md §4.6, `guardPriceUpdate`)
 * and books it in the feed's record: the guard state, the newest non-rejected update, the last
 * rejection and the update rate. Pure; the stream driver calls it for every entry it receives.
 *
 * Update rate: an exponentially decayed count, `r ← r·e^(−Δt/τ) + 1/τ` at each non-rejected
 * update, read as `r·e^(−Δt/τ)` (τ = `rateWindow`). For updates arriving at a steady rate λ it
 * settles to λ; it is the continuous-time form of an exponentially weighted moving average.
 *
 * @example
 * const btc = createFeedRecord({ feed: { id: priceFeedId('BTC'), symbol: 'BTC' } })
 * const first = applyPriceUpdate({ record: btc, update: { price: 60_000, conf: 15, publishTime: 1_700_000_000 }, source: 'stream', now: 1_700_000_000_500 })
 * // first.outcome === 'accepted'; first.record.guard.accepted.price === 60_000
 */
export function applyPriceUpdate({
  record,
  update,
  source,
  slot = null,
  now,
  params = defaultOracleGuardParams,
  rateWindow = 10,
}: ApplyPriceUpdateParameters): ApplyPriceUpdateReturnType {
  if (update === null) return reject(record, 'malformed', null, now)

  const latest = record.latest
  if (latest !== undefined && typeof update === 'object' && update !== null) {
    if (update.publishTime === latest.publishTime && update.price === latest.price && update.conf === latest.conf)
      return { record, outcome: 'duplicate' }
    const inFlight = slot === null || record.latestSlot === null || slot <= record.latestSlot
    if (source === 'stream' && record.latestSource === 'backfill' && update.publishTime <= latest.publishTime && inFlight)
      return { record, outcome: 'superseded' }
  }

  const judged = guardPriceUpdate({ state: record.guard, update, now: now / 1000, params })
  if (judged.verdict === 'rejected') {
    const publishTime = typeof update === 'object' && update !== null && Number.isSafeInteger(update.publishTime) ? update.publishTime : null
    return reject(record, judged.reason, publishTime, now)
  }

  const decayed = record.rate.value * Math.exp(-Math.max(0, now - record.rate.at) / 1000 / rateWindow)
  return {
    record: {
      ...record,
      guard: judged.state,
      latest: { price: update.price, conf: update.conf, publishTime: update.publishTime },
      latestSource: source,
      latestSlot: slot,
      rate: { value: decayed + 1 / rateWindow, at: now },
    },
    outcome: judged.verdict,
  }
}

function reject(record: FeedRecord, reason: PriceUpdateRejection, publishTime: number | null, now: number): ApplyPriceUpdateReturnType {
  return { record: { ...record, lastRejection: { reason, publishTime, receivedAt: now } }, outcome: 'rejected', reason }
}

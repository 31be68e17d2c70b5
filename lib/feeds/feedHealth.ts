import { feedStatus } from '../core/oracle/feedStatus'
import { defaultOracleGuardParams } from '../core/oracle/params'
import type { OracleGuardParams } from '../core/oracle/types'
import type { FeedHealth, FeedRecord } from './types'

export type FeedHealthParameters = {
  record: FeedRecord
  /** Wall clock, ms since the epoch. */
  now: number
  /**
   * Whether the stream is open and synchronised. Without it every feed is `disconnected`,
   * whatever its last price: the gap is never shown as live data.
   */
  connected: boolean
  /** Guard thresholds; `defaultOracleGuardParams` when omitted. */
  params?: OracleGuardParams
  /** Time constant of the update-rate estimate, seconds; 10 when omitted (as in `applyPriceUpdate`). */
  rateWindow?: number
}

/**
 * A feed's health for the UI: `disconnected` when the stream is not open and synchronised,
 * otherwise the guard's status (`feedStatus`: `stale` → `jumped` → `uncertain` → `live`); the
 * trusted price; the age of the trusted price (seconds, even while disconnected, so the UI can say how old the
 * last known price is); the decayed update rate (updates per second); the last rejection.
 *
 * @example
 * feedHealth({ record, now: Date.now(), connected: true })
 * // { id, symbol: 'BTC', state: 'live', price: 65_432.1, age: 0.4, updatesPerSecond: 2.1, lastRejection: null }
 */
export function feedHealth({ record, now, connected, params = defaultOracleGuardParams, rateWindow = 10 }: FeedHealthParameters): FeedHealth {
  const { status, age } = feedStatus({ state: record.guard, now: now / 1000, params })
  const updatesPerSecond = record.rate.value * Math.exp(-Math.max(0, now - record.rate.at) / 1000 / rateWindow)
  return {
    id: record.id,
    symbol: record.symbol,
    state: connected ? status : 'disconnected',
    price: record.guard?.accepted?.price ?? null,
    age,
    updatesPerSecond,
    lastRejection: record.lastRejection ?? null,
  }
}

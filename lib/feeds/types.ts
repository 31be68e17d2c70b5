/**
 * Plain-data types of the Hermes-format price stream client (DESIGN.md §2, §4.6).
 *
 * Units: prices in USD per unit of the underlying (for a volatility-index feed: annualised
 * volatility, 0.6 = 60 %/yr); publish times in unix seconds; wall-clock times (`receivedAt`)
 * in milliseconds since the epoch, as `Date.now()` reads them.
 */
import type { FeedState, FeedStatusKind, FeedUpdate, PriceUpdateRejection } from '../core/oracle/types'
import type { FeedId } from './priceFeeds'

/** A Pyth price exactly as published: `price × 10^expo` and `conf × 10^expo`. */
export type PythPrice = {
  /** Signed 64-bit integer (Hermes sends it as a decimal string). */
  price: bigint
  /** Unsigned 64-bit integer, same exponent as `price`. */
  conf: bigint
  /** Signed 32-bit exponent. */
  expo: number
  /** Unix seconds. */
  publishTime: number
}

/** One entry of a Hermes v2 `parsed[]` array, validated and converted. */
export type HermesPriceUpdate = {
  id: FeedId
  /** The price as published, exact. */
  price: PythPrice
  /** Pyth's exponentially weighted moving average price, exact. */
  emaPrice: PythPrice
  metadata: {
    slot: number | null
    proofAvailableTime: number | null
    prevPublishTime: number | null
  }
  /**
   * `price` as numbers for the guards and the engine: `price.price × 10^expo` and
   * `price.conf × 10^expo`, each the double nearest to the exact decimal value (one rounding,
   * relative error ≤ 2^−53).
   */
  update: FeedUpdate
  /** `emaPrice` as numbers, rounded the same way. */
  ema: { price: number; conf: number }
}

/** Why an entry (or a whole message) could not be read: the typed rejection of the parser. */
export type MalformedPriceUpdate = {
  reason: 'malformed'
  /** Path of the offending field, e.g. `parsed[1].price.conf`. */
  field: string
  /** What was expected there, in words. */
  expectation: string
  /** The entry's feed id when it could be read, so the fault is attributed to its feed. */
  id?: FeedId
}

/** A feed the client follows: its id and the name the rest of the app knows it by. */
export type FollowedFeed = {
  id: FeedId
  /** Market or asset symbol, e.g. `'BTC'`. */
  symbol: string
}

/** A feed's condition in the client: the guard's status, or no trustworthy connection at all. */
export type FeedHealthState = FeedStatusKind | 'disconnected'

/** Everything the client remembers about one feed; replaced, never mutated. */
export type FeedRecord = FollowedFeed & {
  /** The guard's state (`undefined` until an update passes the rejection checks). */
  guard: FeedState | undefined
  /** The newest update that was not rejected, to recognise an exact repeat of it. */
  latest: FeedUpdate | undefined
  /** Where `latest` came from: a backfill supersedes older stream messages still in flight. */
  latestSource: TickSource | undefined
  /** Hermes slot of `latest`, when the server said (`metadata.slot`). */
  latestSlot: number | null
  /** The last rejected update, if any: what the UI shows as "bad tick ignored". */
  lastRejection: { reason: PriceUpdateRejection; publishTime: number | null; receivedAt: number } | undefined
  /**
   * Exponentially decayed count of non-rejected updates (time constant `rateWindow`):
   * `value` as of `at` (ms).
   */
  rate: { value: number; at: number }
}

/** Where a tick came from: the live stream, or `/latest` after a (re)connect or a server error. */
export type TickSource = 'stream' | 'backfill'

/** A tick that passed the guards: the feed's new trusted price. */
export type PriceTick = {
  id: FeedId
  symbol: string
  /** Trusted price, USD (or vol), with its confidence and publish time. */
  price: number
  conf: number
  publishTime: number
  /** The feed's status right after accepting it: `live`, or `stale` for an old price. */
  status: FeedStatusKind
  source: TickSource
  /** Wall clock when the message was received, ms. */
  receivedAt: number
  /** The entry as published (exact integers, EMA, metadata), e.g. to push it on-chain. */
  raw: HermesPriceUpdate
}

/** One feed's health, as the UI shows it. */
export type FeedHealth = {
  id: FeedId
  symbol: string
  /** `live` only with an open, synchronised connection and a fresh, certain, unjumped price. */
  state: FeedHealthState
  /** The trusted (last accepted) price, USD (or vol); `null` before the first. Not to be shown as live unless `state` is. */
  price: number | null
  /** Seconds since the trusted price's publish time; `null` before the first one. */
  age: number | null
  /**
   * Non-rejected updates per second, exponentially weighted over `rateWindow` seconds (an
   * estimate: it needs about one window to settle after a change of pace).
   */
  updatesPerSecond: number
  /** Last rejected update of this feed, if any. */
  lastRejection: FeedRecord['lastRejection'] | null
}

/** State of the client's connection to the stream server. */
export type ConnectionStatus =
  /** Opening the stream (first connection, or after a backoff). */
  | 'connecting'
  /** Stream open, backfilling from `/latest`: not trusted yet. */
  | 'syncing'
  /** Stream open and synchronised. */
  | 'connected'
  /** Connection lost; waiting for the backoff to expire. */
  | 'disconnected'
  /** Shut down through the `AbortSignal`. */
  | 'closed'

/**
 * Plain-data types of the oracle guards (DESIGN.md §4.6). The worker keeps one `FeedState` per
 * feed (each underlying's price feed and each volatility-index feed) and the venue contract keeps
 * the same fields in storage, so both judge the same update the same way.
 *
 * Units: prices in USD per unit of the underlying — or, for a volatility-index feed, annualised
 * volatility (0.6 = 60 %/yr) — and times in unix seconds.
 */

/** One update from a feed, as published (a Pyth price converted to numbers). */
export type FeedUpdate = {
  /** Price, USD per unit; for a volatility-index feed, the annualised vol (0.6 = 60 %/yr). */
  price: number
  /** Confidence interval, same unit as `price`, >= 0. */
  conf: number
  /** Publish time, unix seconds: a positive integer, as Pyth publishes it. */
  publishTime: number
}

/**
 * What a guard remembers about one feed. `undefined` stands for a feed that has never
 * delivered an update that was not rejected.
 *
 * On-chain mirror: an absent `accepted` / `pending` is stored as all-zero fields
 * (`publishTime == 0` marks it absent: valid publish times are positive).
 */
export type FeedState = {
  /**
   * The last accepted update: the feed's trusted price, the one margin is computed from.
   * Absent until an update is accepted.
   */
  accepted?: FeedUpdate
  /** A jumped update waiting for a second, consistent update to confirm it. */
  pending?: FeedUpdate
  /**
   * Publish time of the newest update that was not rejected (accepted, uncertain or jumped),
   * unix seconds. The next update must be strictly newer.
   */
  latestPublishTime: number
  /** Whether that newest non-rejected update was uncertain (confidence too wide). */
  uncertain: boolean
}

/**
 * The thresholds of the guards (DESIGN.md §4.6). Defaults and their reasons:
 * `defaultOracleGuardParams`.
 */
export type OracleGuardParams = {
  /** A feed is stale when its trusted price is more than this old, seconds (> 0). */
  maxAge: number
  /** An update is uncertain when `conf > maxConfRatio × price` (fraction, > 0). */
  maxConfRatio: number
  /** An update jumped when `|price − reference| > maxJump × reference` (fraction, > 0). */
  maxJump: number
  /** Reach of the jump check and of a confirmation, seconds of publish time (>= 0). */
  jumpWindow: number
  /** How far a publish time may run ahead of `now`, seconds (>= 0). */
  maxFutureSkew: number
}

/** A feed's condition for trading (DESIGN.md §4.6); only `live` allows risk-increasing actions. */
export type FeedStatusKind = 'live' | 'stale' | 'uncertain' | 'jumped'

/** Why an update was rejected. A rejected update changes nothing. */
export type PriceUpdateRejection = 'malformed' | 'nonPositivePrice' | 'future' | 'notNewer'

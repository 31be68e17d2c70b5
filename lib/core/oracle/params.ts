import type { OracleGuardParams } from './types'

/**
 * Default thresholds of the oracle guards (DESIGN.md §4.6), for crypto price feeds (BTC, ETH,
 * SOL, the collateral assets) and for the volatility-index feeds alike. The venue is deployed
 * with the same values.
 *
 * - `maxAge = 60` s: Pyth's own integration guide reads prices with
 *   `getPriceNoOlderThan(id, 60)`, and Drift v2 treats an oracle as stale for margin after
 *   120 Solana slots (≈ 60 s). The keeper pushes a price every block, so a minute without one
 *   means the pipeline is broken, not that the market is quiet.
 * - `maxConfRatio = 0.02`: Drift v2's default cap on the confidence interval is 2 % of price.
 *   Pyth's BTC and ETH confidence is normally 0.01–0.05 % of price, so only a dislocated or
 *   broken market reaches 2 %. For the volatility index, 2 % of a 60 % vol is 1.2 vol points.
 * - `maxJump = 0.10`: a 10 % move between updates at most a minute apart. At 60 %/yr
 *   volatility one minute of diffusion is about 0.08 % (0.6·√(60/31,536,000)), so 10 % is over
 *   100 standard deviations: a bad tick far more often than a market move. A genuine crash is
 *   confirmed by the very next consistent update, so the cost of a false alarm is one update of
 *   delay. A volatility index moving 60 → 66 within a minute is likewise rare.
 * - `jumpWindow = 60` s, equal to `maxAge`: a trusted price that is still fresh cannot be
 *   replaced by a jump without confirmation; once it is older than that, the feed is stale
 *   anyway and a large move since then is plausible.
 * - `maxFutureSkew = 10` s: publish times come from Pythnet's clock, `now` from the block
 *   timestamp or the browser's clock, which disagree by a few seconds. A larger allowance would
 *   let one future-dated update block every honest update behind it (`notNewer`) for that long.
 */
export const defaultOracleGuardParams: OracleGuardParams = {
  maxAge: 60,
  maxConfRatio: 0.02,
  maxJump: 0.1,
  jumpWindow: 60,
  maxFutureSkew: 10,
}

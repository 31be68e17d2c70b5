import { optionExpiries } from './optionExpiries'
import { optionMarkets, optionStrikes, type OptionMarket } from './optionStrikes'

/** The terms of one option series, in trader units: what `listSeries` takes (strike as WAD there). */
export type OptionSeriesTerms = {
  market: OptionMarket
  isCall: boolean
  /** USD per unit. */
  strike: number
  /** Unix seconds (08:00 UTC). */
  expiry: number
}

export type OptionSeriesPlanParameters = {
  /** Chain time, unix seconds. */
  now: number
  /** Oracle prices the strikes are centred on, USD per unit. */
  spots: Record<OptionMarket, number>
  /** See `optionExpiries`; 3,600 s by default. */
  minSecondsToExpiry?: number
}

/**
 * Every series the devnet should have listed at `now` (issue 8): for BTC and ETH, each of the
 * listed expiries (`optionExpiries`: the next two dailies and the next two Friday weeklies,
 * 08:00 UTC) times the nine strikes around spot (`optionStrikes`) times call and put — 9 × 2 ×
 * (3 or 4) = 54 or 72 series per underlying. Ordered by expiry, then market, strike, call first,
 * so a keeper that lists a few per block lists the nearest expiry first.
 *
 * Pure: the keeper diffs this against what the venue has (`readOptionSeries`) and lists the rest.
 *
 * @example
 * optionSeriesPlan({ now, spots: { BTC: 60_480, ETH: 3_012 } })
 * // [{ market: 'BTC', isCall: true, strike: 56_000, expiry: <next 08:00 UTC> }, { …, isCall: false, strike: 56_000 }, …]
 */
export function optionSeriesPlan({ now, spots, minSecondsToExpiry }: OptionSeriesPlanParameters): OptionSeriesTerms[] {
  const { all } = optionExpiries({ now, ...(minSecondsToExpiry === undefined ? {} : { minSecondsToExpiry }) })
  const plan: OptionSeriesTerms[] = []
  for (const expiry of all)
    for (const market of optionMarkets)
      for (const strike of optionStrikes({ market, spot: spots[market] }).strikes)
        for (const isCall of [true, false]) plan.push({ market, isCall, strike, expiry })
  return plan
}

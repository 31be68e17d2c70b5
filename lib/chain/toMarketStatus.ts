import type { InvalidInputError } from '../core/errors'
import { fromWad } from './fromWad'
import { toFeedStatus } from './toFeedStatus'
import { toHaltReason } from './toHaltReason'
import type { MarketStatus, MarketView } from './types'

export type ToMarketStatusErrorType = InvalidInputError

/**
 * What the venue says about one market beyond the numbers the engine prices with
 * (DESIGN.md §4.5, §4.6): the guard's verdict on its price and volatility feeds with their
 * publish times (unix seconds), why it is halted (`'none'` when tradable), the funding rate
 * (per day) and open interest (base units). The page shows these as they are, so a halted
 * market never looks tradable.
 *
 * @throws {InvalidInputError} For an enum value this code does not know (a newer ABI).
 *
 * @example
 * toMarketStatus(marketViews[0]) // { priceStatus: 'live', publishTime: 1700000000, volatilityStatus: 'live', …, halt: 'none', fundingRate: 0.0004, longOpenInterest: 3.5, shortOpenInterest: 1.25 }
 */
export function toMarketStatus(market: MarketView): MarketStatus {
  return {
    priceStatus: toFeedStatus(market.priceStatus, `${market.symbol}.priceStatus`),
    publishTime: Number(market.publishTime),
    volatilityStatus: toFeedStatus(market.volatilityStatus, `${market.symbol}.volatilityStatus`),
    volatilityTime: Number(market.volatilityTime),
    halt: toHaltReason(market.halt, `${market.symbol}.halt`),
    fundingRate: fromWad(market.fundingRate),
    longOpenInterest: fromWad(market.longOpenInterest),
    shortOpenInterest: fromWad(market.shortOpenInterest),
  }
}

import { UnknownMarketError } from '../core/errors'
import type { MarketView } from './types'

export type MarketSymbolsErrorType = UnknownMarketError

/**
 * A lookup from the venue's market id (a `uint256` in positions and health views) to the
 * market's symbol (`'BTC'`), built from `getMarkets()` at the same block. The lookup goes by each
 * view's own `id`, not its position in the array, and throws for an id the views do not list —
 * a position read at a different block than the markets.
 *
 * @throws {UnknownMarketError} From the returned function, for an unlisted id.
 *
 * @example
 * const symbolOf = marketSymbols(marketViews)
 * symbolOf(1n) // 'ETH'
 */
export function marketSymbols(markets: readonly MarketView[]): (marketId: bigint) => string {
  const symbols = new Map(markets.map((market) => [market.id, market.symbol]))
  return (marketId) => {
    const symbol = symbols.get(marketId)
    if (symbol === undefined) throw new UnknownMarketError(`#${marketId}`, { details: 'The venue lists no market with this id at the block read.' })
    return symbol
  }
}

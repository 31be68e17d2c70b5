/**
 * Test-only: the market state after some underlyings moved, written straight from the
 * definition the liquidation solvers promise (each moved price multiplied by its factor, the
 * price and conf of collateral linked to it scaled alike, nothing else changed). Tests
 * re-evaluate accounts at these markets to check the solvers independently.
 */
import type { Markets } from './types'

/** `markets` with `prices[u]` as the new price of underlying `u` (linked collateral in proportion). */
export function movePrices(markets: Markets, prices: Record<string, number>): Markets {
  const underlyings = { ...markets.underlyings }
  const factors: Record<string, number> = {}
  for (const [underlying, price] of Object.entries(prices)) {
    const market = markets.underlyings[underlying]!
    factors[underlying] = price / market.price
    underlyings[underlying] = { ...market, price }
  }
  const collateral = { ...markets.collateral }
  for (const [asset, quote] of Object.entries(markets.collateral)) {
    const factor = quote.linkedUnderlying === undefined ? undefined : factors[quote.linkedUnderlying]
    if (factor !== undefined) collateral[asset] = { ...quote, price: quote.price * factor, conf: quote.conf * factor }
  }
  return { ...markets, underlyings, collateral }
}

import type { Markets } from '../core/risk/types'
import { fromWad } from './fromWad'
import type { CollateralView, MarketView } from './types'

export type ToEngineMarketsParameters = {
  /** `getMarkets()` at the read block. */
  markets: readonly MarketView[]
  /** `getCollaterals()` at the same block. */
  collaterals: readonly CollateralView[]
  /** Timestamp of that block, unix seconds: the venue accrued funding up to it. */
  chainTime: number
}

/**
 * The venue's market and collateral views as lib/core `Markets` (DESIGN.md §3): per underlying
 * the trusted oracle price and conf (USD), the volatility index (annualised fraction) and the
 * funding index accrued to `chainTime` (USD per unit); per collateral its price and conf (USD per
 * unit; wstETH already × its exchange rate, contracts/README.md choice 10).
 *
 * A collateral priced by the same Pyth feed as a market (WETH and wstETH by ETH/USD) gets that
 * market as `linkedUnderlying`, so liquidation-price searches move it with the market; the link
 * comes from the venue's own `priceId`s, not from symbol names.
 *
 * @example
 * const markets = toEngineMarkets({ markets: marketViews, collaterals: collateralViews, chainTime: 1_700_000_000 })
 * markets.underlyings.BTC // { price: 60000, conf: 15, vol: 0.55, fundingIndex: 0 }
 * markets.collateral.WETH // { price: 3000, conf: 1.5, linkedUnderlying: 'ETH' }
 */
export function toEngineMarkets({ markets, collaterals, chainTime }: ToEngineMarketsParameters): Markets {
  const marketByFeed = new Map(markets.map((market) => [market.priceId.toLowerCase(), market.symbol]))
  return {
    now: chainTime,
    underlyings: Object.fromEntries(
      markets.map((market) => [
        market.symbol,
        { price: fromWad(market.price), conf: fromWad(market.conf), vol: fromWad(market.volatility), fundingIndex: fromWad(market.fundingIndex) },
      ]),
    ),
    collateral: Object.fromEntries(
      collaterals.map((collateral) => {
        const linkedUnderlying = marketByFeed.get(collateral.priceId.toLowerCase())
        return [
          collateral.symbol,
          { price: fromWad(collateral.price), conf: fromWad(collateral.conf), ...(linkedUnderlying === undefined ? {} : { linkedUnderlying }) },
        ]
      }),
    ),
  }
}

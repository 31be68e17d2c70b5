import { describe, expect, test } from 'vitest'
import { toEngineMarkets } from './toEngineMarkets'
import { venueViews } from './venueViews.testing'

describe('toEngineMarkets', () => {
  test('prices, confs, vols and funding indices in USD and fractions; collateral linked to its market by feed', () => {
    const { markets, collaterals } = venueViews()
    expect(toEngineMarkets({ markets, collaterals, chainTime: 1_700_000_005 })).toStrictEqual({
      now: 1_700_000_005,
      underlyings: {
        BTC: { price: 60_000, conf: 15, vol: 0.55, fundingIndex: 42.5 },
        ETH: { price: 3_000, conf: 1.5, vol: 0.65, fundingIndex: -0.125 },
        SOL: { price: 150, conf: 0.08, vol: 0.85, fundingIndex: 0 },
      },
      collateral: {
        // USDC's own feed prices no market: nothing moves it in a liquidation-price search.
        USDC: { price: 1, conf: 0.0001 },
        WETH: { price: 3_000, conf: 1.5, linkedUnderlying: 'ETH' },
        wstETH: { price: 3_600, conf: 1.8, linkedUnderlying: 'ETH' },
      },
    })
  })

  test('the link follows the feed, not the name: a collateral on the BTC feed moves with BTC', () => {
    const { markets, collaterals } = venueViews()
    const btcFeed = markets.find((market) => market.symbol === 'BTC')?.priceId
    if (btcFeed === undefined) throw new Error('fixture has no BTC')
    const wrapped = { ...collaterals[1]!, symbol: 'WBTC', priceId: btcFeed }
    expect(toEngineMarkets({ markets, collaterals: [wrapped], chainTime: 0 }).collateral.WBTC?.linkedUnderlying).toBe('BTC')
  })
})

import { describe, expect, test } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../core/errors'
import { evaluateAccount } from '../core/risk/evaluateAccount'
import { SECONDS_PER_YEAR } from '../core/units'
import { toEngineAccount } from './toEngineAccount'
import { toEngineMarkets } from './toEngineMarkets'
import { toEngineRiskParams } from './toEngineRiskParams'
import type { AccountView } from './types'
import { venueViews } from './venueViews.testing'

const wad = 10n ** 18n

describe('toEngineAccount', () => {
  test('balances by collateral symbol, positions by market id (not array order), sizes and margins signed', () => {
    const { markets, collaterals } = venueViews()
    const view: AccountView = {
      collateral: [-1_500n * wad, 2n * wad, 0n],
      perps: [
        { marketId: 0n, size: 5n * 10n ** 17n, entryPrice: 60_012_500n * 10n ** 15n, lastFundingIndex: 40n * wad },
        { marketId: 1n, size: -3n * wad, entryPrice: 2_990n * wad, lastFundingIndex: -(10n ** 17n) },
      ],
      isolated: [{ id: 7n, marketId: 2n, margin: -125n * 10n ** 17n, size: 100n * wad, entryPrice: 1_495n * 10n ** 17n, lastFundingIndex: 0n }],
      options: [],
    }
    expect(toEngineAccount({ account: view, markets, collaterals })).toStrictEqual({
      collateral: { USDC: -1_500, WETH: 2, wstETH: 0 },
      perps: [
        { underlying: 'BTC', size: 0.5, entryPrice: 60_012.5, lastFundingIndex: 40 },
        { underlying: 'ETH', size: -3, entryPrice: 2_990, lastFundingIndex: -0.1 },
      ],
      options: [],
      isolated: [{ id: '7', margin: -12.5, perp: { underlying: 'SOL', size: 100, entryPrice: 149.5, lastFundingIndex: 0 } }],
    })
  })

  test('converted views evaluate to the closed form of a perp-only book (DESIGN.md §4.1–4.2)', () => {
    const { markets, collaterals, riskParams } = venueViews()
    const view: AccountView = {
      collateral: [10_000n * wad, 0n, 0n],
      perps: [{ marketId: 0n, size: 5n * 10n ** 17n, entryPrice: 60_012_500n * 10n ** 15n, lastFundingIndex: 40n * wad }],
      isolated: [],
      options: [],
    }
    const risk = evaluateAccount(
      toEngineAccount({ account: view, markets, collaterals }),
      toEngineMarkets({ markets, collaterals, chainTime: 1_700_000_000 }),
      toEngineRiskParams({ riskParams, markets, collaterals }),
    )
    // A = 10,000·(1 − 0.0001) + 0.5·(60,000 − 60,012.5) − 0.5·(42.5 − 40)
    expect(risk.equity).toBeCloseTo(9_999 - 6.25 - 1.25, 9)
    // MM = M_mm·|q|·S with M_mm = max(0.005, 3·0.55·√(3600/yr)) + 1e-9·G, G = 0.5·60,000; IM = 2·MM
    const range = Math.max(0.005, 3 * 0.55 * Math.sqrt(3_600 / SECONDS_PER_YEAR)) + 1e-9 * 30_000
    expect(risk.maintenanceMargin).toBeCloseTo(range * 30_000, 9)
    expect(risk.initialMargin).toBeCloseTo(2 * range * 30_000, 9)
  })

  test('a position in a market the views do not list is an UnknownMarketError', () => {
    const { markets, collaterals } = venueViews()
    const view: AccountView = { collateral: [0n, 0n, 0n], perps: [{ marketId: 3n, size: wad, entryPrice: wad, lastFundingIndex: 0n }], isolated: [], options: [] }
    expect(() => toEngineAccount({ account: view, markets, collaterals })).toThrow(UnknownMarketError)
  })

  test('balances that do not match the collateral list (views from different blocks) are refused', () => {
    const { markets, collaterals } = venueViews()
    expect(() => toEngineAccount({ account: { collateral: [0n, 0n], perps: [], isolated: [], options: [] }, markets, collaterals })).toThrow(InvalidInputError)
  })

  test('open options carry their series terms; a settled one is the cash it will be paid, in USDC', () => {
    const { markets, collaterals } = venueViews()
    const option = { marketId: 0n, isCall: true, strike: 62_000n * wad, expiry: 1_700_028_800n, entryPremium: 1_250n * wad, settled: false, settlementPrice: 0n }
    const view: AccountView = {
      collateral: [1_000n * wad, 0n, 0n],
      perps: [],
      isolated: [],
      options: [
        { ...option, seriesId: 4n, size: -2n * wad },
        // settled at 2,950: a 3,000 put pays 50 per contract; 1.5 contracts long → +75 USDC
        { ...option, seriesId: 9n, marketId: 1n, isCall: false, strike: 3_000n * wad, size: 15n * 10n ** 17n, settled: true, settlementPrice: 2_950n * wad },
        // settled at 2,950: a written 2,900 call costs 50 per contract; 1 contract short → −50 USDC
        { ...option, seriesId: 11n, marketId: 1n, strike: 2_900n * wad, size: -wad, settled: true, settlementPrice: 2_950n * wad },
      ],
    }
    expect(toEngineAccount({ account: view, markets, collaterals })).toStrictEqual({
      collateral: { USDC: 1_025, WETH: 0, wstETH: 0 },
      perps: [],
      options: [{ underlying: 'BTC', kind: 'call', strike: 62_000, expiry: 1_700_028_800, size: -2, entryPrice: 1_250, seriesId: '4' }],
      isolated: [],
    })
  })
})

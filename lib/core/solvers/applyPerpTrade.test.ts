import { describe, expect, test } from 'vitest'
import { InvalidInputError, NoSolutionError, UnknownMarketError } from '../errors'
import { defaultRiskParams } from '../risk/params'
import { now } from '../risk/riskBooks.testing'
import type { Account, Markets, RiskParams } from '../risk/types'
import { applyPerpTrade } from './applyPerpTrade'

// BTC skewScale 10,000, takerFee 0.0005 (defaultRiskParams).
const params: RiskParams = defaultRiskParams
const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 250 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: -4 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const long: Account = {
  collateral: { USDC: 10_000 },
  perps: [{ underlying: 'BTC', size: 2, entryPrice: 58_000, lastFundingIndex: 200 }],
  options: [],
  isolated: [],
}

describe('applyPerpTrade', () => {
  test('growing a long: fill at the skew premium, averaged entry, fee and settled funding out of USDC', () => {
    // skew 1,000 → 1,001: fill = 60,000·(1 + 1,000.5/10,000) = 66,003; fee = 0.0005·66,003
    const { account, fill, realizedPnl, fundingSettled, increasesRisk } = applyPerpTrade({
      account: long,
      markets,
      params,
      trade: { underlying: 'BTC', size: 1, skew: 1_000 },
    })
    expect(fill.fillPrice).toBeCloseTo(66_003, 9)
    expect(fill.fee).toBeCloseTo(33.0015, 9)
    expect(fundingSettled).toBe(100) // 2·(250 − 200)
    expect(realizedPnl).toBe(0)
    expect(increasesRisk).toBe(true)
    expect(account.perps).toEqual([{ underlying: 'BTC', size: 3, entryPrice: (2 * 58_000 + 66_003) / 3, lastFundingIndex: 250 }])
    expect(account.collateral.USDC).toBeCloseTo(10_000 - 100 - 33.0015, 9)
    expect(long.perps[0]!.size).toBe(2) // the input is untouched
  })

  test('reducing realizes (fill − entry) on the closed part and keeps the entry', () => {
    // selling 0.5 into a zero skew: fill = 60,000·(1 − 0.25/10,000) = 59,998.5
    const { account, realizedPnl, increasesRisk } = applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: -0.5 } })
    expect(realizedPnl).toBeCloseTo(0.5 * (59_998.5 - 58_000), 9)
    expect(increasesRisk).toBe(false)
    expect(account.perps[0]).toMatchObject({ size: 1.5, entryPrice: 58_000 })
  })

  test('flipping closes everything and opens the rest at the fill', () => {
    const { account, fill, realizedPnl, increasesRisk } = applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: -3 } })
    expect(realizedPnl).toBeCloseTo(2 * (fill.fillPrice - 58_000), 9)
    expect(increasesRisk).toBe(true)
    expect(account.perps[0]).toMatchObject({ size: -1, entryPrice: fill.fillPrice })
  })

  test('closing to zero removes the position; a new market opens one', () => {
    expect(applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: -2 } }).account.perps).toEqual([])
    const opened = applyPerpTrade({ account: long, markets, params, trade: { underlying: 'ETH', size: -10, skew: 500 } })
    expect(opened.account.perps[1]).toMatchObject({ underlying: 'ETH', size: -10, lastFundingIndex: -4 })
  })

  test('isolated: settles into its margin; closing returns the margin to the cross USDC', () => {
    const account: Account = {
      collateral: { USDC: 100 },
      perps: [],
      options: [],
      isolated: [{ id: 'i', margin: 5_000, perp: { underlying: 'ETH', size: 10, entryPrice: 2_900, lastFundingIndex: -4 } }],
    }
    const closed = applyPerpTrade({ account, markets, params, trade: { underlying: 'ETH', size: -10, isolatedId: 'i' } })
    // fill = 3,000·(1 − 5/250,000) = 2,999.94; PnL 10·99.94; fee 0.0005·10·2,999.94
    expect(closed.account.isolated).toEqual([])
    expect(closed.account.collateral.USDC).toBeCloseTo(100 + 5_000 + 10 * 99.94 - 0.0005 * 29_999.4, 8)
    const grown = applyPerpTrade({ account, markets, params, trade: { underlying: 'ETH', size: 1, isolatedId: 'i' } })
    expect(grown.account.isolated[0]!.perp.size).toBe(11)
    expect(grown.account.collateral.USDC).toBe(100)
  })

  test('invalid trades → typed errors', () => {
    expect(() => applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: 0 } })).toThrow(InvalidInputError)
    expect(() => applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: Number.NaN } })).toThrow(InvalidInputError)
    expect(() => applyPerpTrade({ account: long, markets, params, trade: { underlying: 'DOGE', size: 1 } })).toThrow(UnknownMarketError)
    expect(() => applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: 1, isolatedId: 'x' } })).toThrow(InvalidInputError)
    // selling 30,000 BTC into skew −5,000: average skew −20,000 = −2·skewScale → price <= 0
    expect(() => applyPerpTrade({ account: long, markets, params, trade: { underlying: 'BTC', size: -30_000, skew: -5_000 } })).toThrow(NoSolutionError)
  })
})

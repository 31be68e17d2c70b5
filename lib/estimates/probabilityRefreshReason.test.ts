import { describe, expect, it } from 'vitest'
import { defaultOptionTradingParams } from '../core/market/params'
import { defaultRiskParams } from '../core/risk/params'
import type { Account } from '../core/risk/types'
import type { BookState } from '../engine/protocol'
import { probabilityRefreshReason } from './probabilityRefreshReason'

const account: Account = { collateral: { USDC: 10_000, WETH: 2 }, perps: [{ underlying: 'BTC', size: 0.5, entryPrice: 60_000, lastFundingIndex: 0 }], options: [], isolated: [] }
const base: BookState = {
  account,
  markets: {
    now: 1_700_000_000,
    underlyings: {
      BTC: { price: 60_000, conf: 10, vol: 0.55, fundingIndex: 0 },
      ETH: { price: 3_000, conf: 1, vol: 0.65, fundingIndex: 0 },
      SOL: { price: 150, conf: 0.1, vol: 0.85, fundingIndex: 0 },
    },
    collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 1, linkedUnderlying: 'ETH' } },
  },
  params: defaultRiskParams,
  optionTradingParams: defaultOptionTradingParams,
  skews: {},
}
/** The book with one underlying's price (and vol) changed. */
const moved = (underlying: string, factor: number, volFactor = 1): BookState => {
  const market = base.markets.underlyings[underlying]!
  return { ...base, markets: { ...base.markets, underlyings: { ...base.markets.underlyings, [underlying]: { ...market, price: market.price * factor, vol: market.vol * volFactor } } } }
}
/** ½ standard deviation over one hour, as a log move: 0.5·σ·√(3,600 / 31,536,000). */
const halfSigma = (vol: number) => 0.5 * vol * Math.sqrt(3_600 / (365 * 86_400))
const last = { book: base, at: 0 }

describe('probabilityRefreshReason', () => {
  it('first, then nothing while the book and prices stand still, then age at 15 s', () => {
    expect(probabilityRefreshReason({ last: null, book: base, now: 0 })).toBe('first')
    expect(probabilityRefreshReason({ last, book: base, now: 14_999 })).toBeNull()
    expect(probabilityRefreshReason({ last, book: base, now: 15_000 })).toBe('age')
  })

  it('a changed book at once, even within the minimum interval', () => {
    const traded = { ...base, account: { ...account, perps: [{ ...account.perps[0]!, size: 0.6 }] } }
    expect(probabilityRefreshReason({ last, book: traded, now: 1 })).toBe('book')
    const newParams = { ...base, params: { ...defaultRiskParams, z: 4 } }
    expect(probabilityRefreshReason({ last, book: newParams, now: 1 })).toBe('book')
    const deposit = { ...base, account: { ...account, collateral: { ...account.collateral, USDC: 10_100 } } }
    expect(probabilityRefreshReason({ last, book: deposit, now: 1 })).toBe('book')
  })

  it('a what-if book refilled at the live price (entry, fee, funding index moved with the market) is the same book', () => {
    const refilled = {
      ...base,
      account: { ...account, collateral: { ...account.collateral, USDC: 10_000.37 }, perps: [{ ...account.perps[0]!, entryPrice: 60_012.5, lastFundingIndex: 0.4 }] },
    }
    expect(probabilityRefreshReason({ last, book: refilled, now: 1 })).toBeNull()
  })

  it('a price move beyond ½σ over 1 h of an underlying the book holds, once 5 s have passed', () => {
    const btc = halfSigma(0.55)
    expect(probabilityRefreshReason({ last, book: moved('BTC', Math.exp(btc * 0.99)), now: 6_000 })).toBeNull()
    expect(probabilityRefreshReason({ last, book: moved('BTC', Math.exp(btc * 1.01)), now: 6_000 })).toBe('price')
    expect(probabilityRefreshReason({ last, book: moved('BTC', Math.exp(-btc * 1.01)), now: 6_000 })).toBe('price')
    expect(probabilityRefreshReason({ last, book: moved('BTC', Math.exp(btc * 1.01)), now: 4_999 })).toBeNull()
  })

  it('counts the underlying behind the collateral (WETH → ETH), not an underlying the book does not touch', () => {
    expect(probabilityRefreshReason({ last, book: moved('ETH', Math.exp(halfSigma(0.65) * 1.01)), now: 6_000 })).toBe('price')
    expect(probabilityRefreshReason({ last, book: moved('SOL', 0.5), now: 6_000 })).toBeNull()
  })

  it('a volatility index move beyond 10 %', () => {
    expect(probabilityRefreshReason({ last, book: moved('BTC', 1, 1.09), now: 6_000 })).toBeNull()
    expect(probabilityRefreshReason({ last, book: moved('BTC', 1, 1.11), now: 6_000 })).toBe('volatility')
    expect(probabilityRefreshReason({ last, book: moved('BTC', 1, 0.89), now: 6_000 })).toBe('volatility')
  })
})

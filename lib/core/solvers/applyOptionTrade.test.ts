import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError, UnknownMarketError } from '../errors'
import { defaultOptionTradingParams } from '../market/params'
import { optionPrice } from '../pricing/optionPrice'
import { evaluateAccount } from '../risk/evaluateAccount'
import { defaultRiskParams } from '../risk/params'
import { now } from '../risk/riskBooks.testing'
import type { Account, Markets, RiskParams } from '../risk/types'
import { applyOptionTrade, type OptionTrade } from './applyOptionTrade'

const params: RiskParams = defaultRiskParams
const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 250 }, ETH: { price: 3_000, conf: 0, vol: 0.7, fundingIndex: -4 } },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const expiry = now + 30 * 86_400
const series = { underlying: 'BTC', kind: 'call' as const, strike: 62_000, expiry }
/** The BTC 62,000 call's model mark at the market above (Black-Scholes, r = 0, 30 days). */
const mark = optionPrice({ kind: 'call', spot: 60_000, strike: 62_000, years: (30 * 86_400) / 31_536_000, rate: 0, dividendYield: 0, vol: 0.5 })
const feePerContract = Math.min(0.0003 * 60_000, 0.125 * mark)

const book: Account = {
  collateral: { USDC: 50_000 },
  perps: [{ underlying: 'BTC', size: 2, entryPrice: 58_000, lastFundingIndex: 200 }],
  options: [{ ...series, size: 4, entryPrice: 1_000, seriesId: '7' }],
  isolated: [],
}

const trade = (size: number, extra: Partial<OptionTrade> = {}): OptionTrade => ({ ...series, size, ...extra })

describe('applyOptionTrade', () => {
  test('opening a new series: premium and fee out of USDC, entry at the premium, funding settled', () => {
    const put = { underlying: 'ETH', kind: 'put' as const, strike: 2_800, expiry, seriesId: '12' }
    const { account, fill, fundingSettled, increasesRisk } = applyOptionTrade({ account: book, markets, params, trade: { ...put, size: -5 } })
    const putMark = optionPrice({ kind: 'put', spot: 3_000, strike: 2_800, years: (30 * 86_400) / 31_536_000, rate: 0, dividendYield: 0, vol: 0.7 })
    expect(fill.mark).toBeCloseTo(putMark, 12)
    expect(fill.premium).toBeCloseTo(putMark * 0.99, 12)
    expect(fundingSettled).toBe(100) // 2·(250 − 200)
    expect(increasesRisk).toBe(true)
    expect(account.options[1]).toEqual({ ...put, size: -5, entryPrice: fill.premium })
    expect(account.perps[0]!.lastFundingIndex).toBe(250)
    const fee = 5 * Math.min(0.0003 * 3_000, 0.125 * putMark)
    expect(account.collateral.USDC).toBeCloseTo(50_000 - 100 + 5 * putMark * 0.99 - fee, 9)
    // the input is untouched
    expect(book.options).toHaveLength(1)
    expect(book.collateral.USDC).toBe(50_000)
    expect(book.perps[0]!.lastFundingIndex).toBe(200)
  })

  test('growing averages the entry premium', () => {
    const { account, fill } = applyOptionTrade({ account: book, markets, params, trade: trade(2) })
    expect(fill.premium).toBeCloseTo(mark * 1.01, 10)
    expect(account.options).toEqual([{ ...series, size: 6, entryPrice: (4 * 1_000 + 2 * mark * 1.01) / 6, seriesId: '7' }])
    expect(account.collateral.USDC).toBeCloseTo(50_000 - 100 - 2 * mark * 1.01 - 2 * feePerContract, 9)
  })

  test('reducing keeps the entry; flipping restarts it at the premium; closing removes the position', () => {
    const reduced = applyOptionTrade({ account: book, markets, params, trade: trade(-1) })
    expect(reduced.increasesRisk).toBe(false)
    expect(reduced.account.options[0]).toMatchObject({ size: 3, entryPrice: 1_000 })
    expect(reduced.account.collateral.USDC).toBeCloseTo(50_000 - 100 + mark * 0.99 - feePerContract, 9)

    const flipped = applyOptionTrade({ account: book, markets, params, trade: trade(-6) })
    expect(flipped.increasesRisk).toBe(true)
    expect(flipped.account.options[0]).toMatchObject({ size: -2, entryPrice: mark * 0.99, seriesId: '7' })

    const closed = applyOptionTrade({ account: book, markets, params, trade: trade(-4) })
    expect(closed.increasesRisk).toBe(false)
    expect(closed.account.options).toEqual([])
  })

  test('a grown position without a known entry keeps it unknown; a flip sets it', () => {
    const unknown: Account = { ...book, options: [{ ...series, size: 4 }] }
    expect(applyOptionTrade({ account: unknown, markets, params, trade: trade(1) }).account.options[0]).toEqual({ ...series, size: 5 })
    expect(applyOptionTrade({ account: unknown, markets, params, trade: trade(-5) }).account.options[0]!.entryPrice).toBeCloseTo(mark * 0.99, 10)
  })

  test('property: equity changes by −(spread·mark·|size| + fee), the cost of crossing the quote', () => {
    // The option is valued at its mark, so what the trade pays beyond it is the spread and the fee.
    fc.assert(
      fc.property(
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 0.6, max: 1.6, noNaN: true }),
        fc.integer({ min: 3_600, max: 365 * 86_400 }),
        fc.double({ min: -50, max: 50, noNaN: true }).filter((n) => Math.abs(n) > 1e-6),
        (kind, moneyness, seconds, size) => {
          const strike = Math.round(60_000 * moneyness)
          const order: OptionTrade = { underlying: 'BTC', kind, strike, expiry: now + seconds, size }
          const before = evaluateAccount(book, markets, params)
          const { account, fill } = applyOptionTrade({ account: book, markets, params, trade: order })
          const after = evaluateAccount(account, markets, params)
          const cost = defaultOptionTradingParams.spread * fill.mark * Math.abs(size) + fill.fee
          expect(after.equity - before.equity).toBeCloseTo(-cost, 6)
        },
      ),
      { numRuns: 1_000 },
    )
  })

  test('invalid trades → typed errors', () => {
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(0) })).toThrow(InvalidInputError)
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(Number.NaN) })).toThrow(InvalidInputError)
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(1, { strike: -1 }) })).toThrow(InvalidInputError)
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(1, { kind: 'binary' as never }) })).toThrow(InvalidInputError)
    // an expired series does not trade (the venue's SeriesExpired)
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(1, { expiry: now }) })).toThrow(InvalidInputError)
    expect(() => applyOptionTrade({ account: book, markets, params, trade: trade(1, { underlying: 'DOGE' }) })).toThrow(UnknownMarketError)
    expect(() =>
      applyOptionTrade({ account: book, markets, params, trade: trade(1), tradingParams: { ...defaultOptionTradingParams, spread: 2 } }),
    ).toThrow(InvalidInputError)
  })
})

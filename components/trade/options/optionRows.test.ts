import { describe, expect, test } from 'vitest'
import { accountRisk } from '@/lib/core/risk/accountRisk'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets } from '@/lib/core/risk/types'
import { optionPrice } from '@/lib/core/pricing/optionPrice'
import { optionRows } from './optionRows'
import { seriesName } from './seriesName'
import { timeLeft } from './timeLeft'

const now = 1_763_712_000 // 2025-11-21 08:00 UTC
const day = 86_400
const markets: Markets = {
  now,
  underlyings: { BTC: { price: 60_000, conf: 10, vol: 0.6, fundingIndex: 0 }, ETH: { price: 3_000, conf: 1, vol: 0.7, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 }, WETH: { price: 3_000, conf: 1, linkedUnderlying: 'ETH' }, wstETH: { price: 3_600, conf: 1, linkedUnderlying: 'ETH' } },
}
const account: Account = {
  collateral: { USDC: 100_000, WETH: 0, wstETH: 0 },
  perps: [],
  options: [
    { underlying: 'ETH', kind: 'put', strike: 2_800, expiry: now + 7 * day, size: 10, entryPrice: 60 },
    { underlying: 'BTC', kind: 'call', strike: 62_000, expiry: now + day, size: -2, entryPrice: 900 },
    { underlying: 'BTC', kind: 'put', strike: 58_000, expiry: now - 60, size: 1 },
  ],
  isolated: [],
}
const value = (o: { kind: 'call' | 'put'; strike: number; expiry: number }, spot: number, vol: number, at: number) =>
  optionPrice({ kind: o.kind, spot, strike: o.strike, years: (o.expiry - at) / 31_536_000, rate: 0, dividendYield: 0, vol })

describe('optionRows', () => {
  const rows = optionRows(accountRisk(account, markets, defaultRiskParams))

  test('sorted by underlying, then expiry, then strike', () => {
    expect(rows.map((r) => `${r.underlying} ${r.strike}`)).toEqual(['BTC 58000', 'BTC 62000', 'ETH 2800'])
  })

  test('vega per vol point and theta per day match finite differences of the Black-Scholes value', () => {
    const call = rows[1]!
    const terms = { kind: 'call' as const, strike: 62_000, expiry: now + day }
    const h = 1e-4 // central difference in vol, scaled to one point (0.01)
    const perPoint = (-2 * (value(terms, 60_000, 0.6 + h, now) - value(terms, 60_000, 0.6 - h, now)) * 0.01) / (2 * h)
    expect(call.vegaPerPoint / perPoint).toBeCloseTo(1, 6)
    // one hour of decay, scaled to a day: theta is a rate, the finite difference a small step of it
    const perDay = -2 * (value(terms, 60_000, 0.6, now + 60) - value(terms, 60_000, 0.6, now)) * (day / 60)
    expect(call.thetaPerDay / perDay).toBeCloseTo(1, 3)
    expect(call.side).toBe('short')
    expect(call.value).toBeCloseTo(-2 * value(terms, 60_000, 0.6, now), 9)
    expect(call.unrealizedPnl).toBeCloseTo(-2 * (value(terms, 60_000, 0.6, now) - 900), 9)
    expect(call.secondsToExpiry).toBe(day)
  })

  test('an expired, unsettled series is at intrinsic, with no time left and no entry premium known', () => {
    const put = rows[0]!
    expect(put.expired).toBe(true)
    expect(put.mark).toBe(0) // 58,000 put with BTC at 60,000
    expect(put.secondsToExpiry).toBe(0)
    expect(put.entryPremium).toBeNull()
    expect(put.unrealizedPnl).toBeNull()
  })

  test('series names and time left read as traders write them', () => {
    expect(seriesName({ underlying: 'BTC', strike: 62_000, kind: 'call', expiry: now + day })).toBe('BTC 62,000 C · 22 Nov 08:00 UTC')
    expect(seriesName({ underlying: 'ETH', strike: 2_800, kind: 'put', expiry: now + 7 * day })).toBe('ETH 2,800 P · 28 Nov 08:00 UTC')
    expect(timeLeft(3 * day + 4 * 3_600 + 59)).toBe('3d 4h')
    expect(timeLeft(5 * 3_600 + 12 * 60)).toBe('5h 12m')
    expect(timeLeft(59)).toBe('0m')
  })
})

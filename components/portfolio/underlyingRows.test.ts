import { describe, expect, it } from 'vitest'
import { accountRisk } from '@/lib/core/risk/accountRisk'
import { defaultRiskParams } from '@/lib/core/risk/params'
import type { Account, Markets, OptionPosition } from '@/lib/core/risk/types'
import { optionPrice } from '@/lib/core/pricing/optionPrice'
import { underlyingRows } from './underlyingRows'

const now = 1_700_000_000
const day = 86_400
const year = 31_536_000
const markets: Markets = {
  now,
  underlyings: {
    BTC: { price: 60_000, conf: 0, vol: 0.5, fundingIndex: 0 },
    ETH: { price: 3_000, conf: 0, vol: 0.6, fundingIndex: 0 },
  },
  collateral: { USDC: { price: 1, conf: 0 } },
}
const options: OptionPosition[] = [
  { underlying: 'ETH', kind: 'call', strike: 3_200, expiry: now + 30 * day, size: 10 },
  { underlying: 'ETH', kind: 'put', strike: 2_700, expiry: now + 90 * day, size: -6 },
]
const account: Account = {
  collateral: { USDC: 100_000 },
  perps: [
    { underlying: 'BTC', size: 0.5, entryPrice: 59_000, lastFundingIndex: 0 },
    { underlying: 'ETH', size: -4, entryPrice: 3_100, lastFundingIndex: 0 },
  ],
  options,
  isolated: [],
}

/** The ETH book's value, from optionPrice directly, at a spot, vol and valuation time (perps: linear). */
function ethBookValue(spot: number, vol: number, at: number): number {
  let value = -4 * spot
  for (const o of options) value += o.size * optionPrice({ kind: o.kind, spot, strike: o.strike, years: (o.expiry - at) / year, rate: 0, dividendYield: 0, vol })
  return value
}

describe('underlyingRows', () => {
  const risk = accountRisk(account, markets, defaultRiskParams)
  const { rows, totals } = underlyingRows(risk)
  const eth = rows.find((row) => row.underlying === 'ETH')!
  const btc = rows.find((row) => row.underlying === 'BTC')!

  it('vega per vol point, theta per day and gamma per 1 % move match finite differences of the book’s value', () => {
    // One vol point = 0.01: central difference over ±half a point.
    expect(eth.vegaPerPoint).toBeCloseTo(ethBookValue(3_000, 0.605, now) - ethBookValue(3_000, 0.595, now), 3)
    // One day of calendar time, centred on now.
    expect(eth.thetaPerDay).toBeCloseTo(ethBookValue(3_000, 0.6, now + day / 2) - ethBookValue(3_000, 0.6, now - day / 2), 1)
    // Delta gained over a 1 % move: gamma from a second difference of value, times S·1 %.
    const h = 3
    const gamma = (ethBookValue(3_000 + h, 0.6, now) - 2 * ethBookValue(3_000, 0.6, now) + ethBookValue(3_000 - h, 0.6, now)) / (h * h)
    expect(eth.gammaPerPercent).toBeCloseTo(gamma * 30, 5)
    // Net delta: the perp's −4 plus the options', from a central difference.
    expect(eth.netDelta).toBeCloseTo((ethBookValue(3_001, 0.6, now) - ethBookValue(2_999, 0.6, now)) / 2, 4)
    expect(eth.netDeltaUsd).toBeCloseTo(eth.netDelta * 3_000, 6)
  })

  it('a perp-only underlying: delta is its size, no gamma, vega or theta', () => {
    expect(btc).toMatchObject({ netDelta: 0.5, netDeltaUsd: 30_000, gammaPerPercent: 0, vegaPerPoint: 0, thetaPerDay: 0 })
  })

  it('shares of MM and IM add up to the account’s; the worst scenario’s attribution adds up to its P&L', () => {
    expect(btc.maintenanceShare! + eth.maintenanceShare!).toBeCloseTo(1, 12)
    expect(btc.initialShare! + eth.initialShare!).toBeCloseTo(1, 12)
    expect(totals.maintenanceMargin).toBeCloseTo(risk.maintenanceMargin, 9)
    expect(totals.initialMargin).toBeCloseTo(risk.initialMargin, 9)
    const { delta, gamma, vega, residual } = eth.worst.attribution
    expect(delta + gamma + vega + residual).toBeCloseTo(eth.worst.pnl, 9)
    // 10 long and 6 short contracts net long: no contingency, so the worst loss is the whole MM.
    expect(-eth.worst.pnl).toBeCloseTo(eth.maintenanceMargin, 9)
  })

  it('an account with nothing required has no shares (never NaN)', () => {
    const empty = underlyingRows(accountRisk({ ...account, perps: [], options: [] }, markets, defaultRiskParams))
    expect(empty.rows).toEqual([])
    expect(empty.totals).toEqual({ maintenanceMargin: 0, initialMargin: 0, vegaPerPoint: 0, thetaPerDay: 0 })
  })
})

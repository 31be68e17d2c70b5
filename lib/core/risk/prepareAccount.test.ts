import { describe, expect, it } from 'vitest'
import { defaultRiskParams } from './params'
import { prepareAccount } from './prepareAccount'
import type { Account, Markets, OptionPosition } from './types'

const now = 1_700_000_000
const day = 86_400
const markets: Markets = { now, underlyings: {}, collateral: {} }

const option = (kind: 'call' | 'put', strike: number, days: number, size: number, underlying = 'BTC'): OptionPosition => ({
  underlying,
  kind,
  strike,
  expiry: now + days * day,
  size,
})

describe('prepareAccount', () => {
  const account: Account = {
    collateral: {},
    perps: [
      { underlying: 'BTC', size: 2, entryPrice: 60_000, lastFundingIndex: 0 },
      { underlying: 'ETH', size: -5, entryPrice: 3_000, lastFundingIndex: 0 },
      { underlying: 'BTC', size: -0.5, entryPrice: 61_000, lastFundingIndex: 0 },
    ],
    options: [
      option('call', 70_000, 30, 3),
      option('put', 70_000, 30, -1),
      option('call', 70_000, 30, -1),
      option('put', 3_000, 7, 4, 'ETH'),
      option('call', 50_000, -1, -2), // expired yesterday, not yet settled
    ],
    isolated: [{ id: 'a', margin: 100, perp: { underlying: 'SOL', size: 10, entryPrice: 150, lastFundingIndex: 0 } }],
  }
  const prepared = prepareAccount(account, markets, defaultRiskParams)

  it('groups positions by underlying, perps netted and gross', () => {
    expect(Object.keys(prepared.underlyings)).toEqual(['BTC', 'ETH'])
    const btc = prepared.underlyings.BTC!
    expect(btc.perpSize).toBe(1.5)
    expect(btc.perpGrossSize).toBe(2.5)
    expect(btc.optionSize).toBe(3 - 1 - 1 - 2)
    expect(btc.optionGrossSize).toBe(3 + 1 + 1 + 2)
    expect(prepared.underlyings.ETH!.perpSize).toBe(-5)
  })

  it('nets positions of the same series and maps every position to its series', () => {
    const btc = prepared.underlyings.BTC!
    expect(btc.series.map((s) => [s.kind, s.strike, s.size])).toEqual([
      ['call', 70_000, 2],
      ['put', 70_000, -1],
      ['call', 50_000, -2],
    ])
    expect(Array.from(prepared.optionSeriesIndex)).toEqual([0, 1, 0, 0, 2])
  })

  it('marks expired series and keeps years in 365-day years', () => {
    const btc = prepared.underlyings.BTC!
    expect(btc.series[0]!.years).toBe(30 / 365)
    expect(btc.series[2]).toMatchObject({ expired: true, years: 0 })
    expect(btc.liveSeries).toEqual(Int32Array.from([0, 1]))
    expect(btc.batch?.count).toBe(2)
  })

  it('prices a call and a put of one strike and expiry once (put-call parity)', () => {
    const btc = prepared.underlyings.BTC!
    // One group at (70,000, 30 d) holding 2 calls − 1 put = 1 net contract, priced as a call; the put
    // is the call minus (S − K·e^(−rT)), i.e. −1 × (−1) units and −1 × (−1) × K cash (r = 0).
    expect(btc.scenarioBatch?.count).toBe(1)
    expect(Array.from(btc.scenarioSizes)).toEqual([1])
    expect(btc.parityUnits).toBe(1)
    expect(btc.parityCash).toBe(70_000)
  })

  it('skips pricing a group whose contracts net to zero (a synthetic forward is linear)', () => {
    const forward = prepareAccount(
      { ...account, options: [option('call', 70_000, 30, 1), option('put', 70_000, 30, -1)] },
      markets,
      defaultRiskParams,
    )
    expect(forward.underlyings.BTC!.scenarioBatch).toBeNull()
    expect(forward.underlyings.BTC!.parityUnits).toBe(1)
  })

  it('gives each isolated position its own book', () => {
    expect(prepared.isolated).toHaveLength(1)
    expect(prepared.isolated[0]).toMatchObject({ underlying: 'SOL', perpSize: 10, perpGrossSize: 10, optionGrossSize: 0, batch: null })
  })

  it('records what it was prepared from, so stale preparations are detectable', () => {
    expect(prepared.source.options).toBe(account.options)
    expect(prepared.now).toBe(now)
    expect(prepared.riskFreeRate).toBe(0)
  })
})

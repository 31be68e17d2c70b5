import { describe, expect, it } from 'vitest'
import { evaluateAccount } from '../core/risk/evaluateAccount'
import { defaultRiskParams } from '../core/risk/params'
import type { Account, Markets } from '../core/risk/types'
import { initialSamplerState, sampleAccount, type SamplerState } from './sampleAccount'

/** 10 ETH long from 2,000 USD on 4,000 USDC: equity 4,000 + 10·(S − 2,000) USD (DESIGN.md §4.1). */
const book: Account = { collateral: { USDC: 4_000 }, perps: [{ underlying: 'ETH', size: 10, entryPrice: 2_000, lastFundingIndex: 0 }], options: [], isolated: [] }
const marketsAt = (price: number): Markets => ({
  now: 1_700_000_000,
  underlyings: { ETH: { price, conf: 0, vol: 0.6, fundingIndex: 0 } },
  collateral: { USDC: { price: 1, conf: 0 } },
})
const riskAt = (price: number) => evaluateAccount(book, marketsAt(price), defaultRiskParams)
const address = '0xAbC0000000000000000000000000000000000001'
const snapshot = (price: number, confident = true) => ({ address, confident, risk: riskAt(price) })

describe('sampleAccount', () => {
  it('stores confident figures as they are: equity, leverage Σ|q|S/A, margin ratio MM/A, MM', () => {
    const { record, state } = sampleAccount({ snapshot: snapshot(2_100), now: 1_000, previous: initialSamplerState })
    // Closed forms for a one-perp book: A = 4,000 + 10·100 = 5,000; gross = net = 10·2,100 / 5,000 = 4.2.
    expect(record).toMatchObject({ address: address.toLowerCase(), time: 1_000, confident: true })
    if (record?.confident !== true) throw new Error('expected a sample')
    expect(record.equity).toBeCloseTo(5_000, 9)
    expect(record.grossLeverage).toBeCloseTo(4.2, 12)
    expect(record.netLeverage).toBeCloseTo(4.2, 12)
    expect(record.marginRatio! * record.equity).toBeCloseTo(record.maintenanceMargin, 9)
    expect(record.maintenanceMargin).toBeGreaterThan(0)
    expect(state).toEqual({ lastRecordAt: 1_000, lastWasGap: false })
  })

  it('takes at most one record per interval, the first snapshot at or after it', () => {
    let state: SamplerState = initialSamplerState
    const times: number[] = []
    // Snapshots every 150 ms for 10 s, like a busy stream.
    for (let now = 0; now <= 10_000; now += 150) {
      const step = sampleAccount({ snapshot: snapshot(2_000 + now / 100), now, previous: state, intervalMs: 2_000 })
      state = step.state
      if (step.record) times.push(step.record.time)
    }
    expect(times).toEqual([0, 2_100, 4_200, 6_300, 8_400])
  })

  it('records a stale stretch as one gap, never as figures, and samples again once live', () => {
    let state: SamplerState = initialSamplerState
    const records = []
    const live = [true, false, false, false, true, false, true]
    for (const [i, confident] of live.entries()) {
      const step = sampleAccount({ snapshot: snapshot(2_000, confident), now: i * 2_000, previous: state })
      state = step.state
      if (step.record) records.push(step.record)
    }
    expect(records.map((record) => record.confident)).toEqual([true, false, true, false, true])
    for (const gap of records.filter((record) => !record.confident)) {
      expect([gap.equity, gap.grossLeverage, gap.netLeverage, gap.marginRatio, gap.maintenanceMargin]).toEqual([null, null, null, null, null])
    }
    expect(records.map((record) => record.time)).toEqual([0, 2_000, 8_000, 10_000, 12_000])
  })

  it('a book not loaded (risk null) is a gap too', () => {
    const { record } = sampleAccount({ snapshot: { address, confident: true, risk: null }, now: 5, previous: initialSamplerState })
    expect(record?.confident).toBe(false)
  })

  it('equity ≤ 0: lib/core says leverage and margin ratio are Infinity; the sample stores null and keeps the (negative) equity', () => {
    const risk = riskAt(1_500) // A = 4,000 − 5,000 = −1,000
    expect(risk.grossLeverage).toBe(Infinity)
    expect(risk.marginRatio).toBe(Infinity)
    const { record } = sampleAccount({ snapshot: { address, confident: true, risk }, now: 0, previous: initialSamplerState })
    expect(record).toMatchObject({ confident: true, grossLeverage: null, netLeverage: null, marginRatio: null })
    expect(record?.equity).toBeCloseTo(-1_000, 9)
    expect(JSON.stringify(record)).not.toMatch(/NaN|Infinity/)
  })
})

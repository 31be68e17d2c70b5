import { describe, expect, test } from 'vitest'
import type { OptionChainRow } from '@/lib/core/market/optionChain'
import { chainByStrike } from './chainByStrike'

const now = 1_800_000_000
let id = 0
/** A chain row with only what the layout reads set meaningfully. */
const row = (underlying: string, kind: 'call' | 'put', strike: number, expiry: number): OptionChainRow => ({
  seriesId: String(id++),
  underlying,
  kind,
  strike,
  expiry,
  years: Math.max(0, expiry - now) / 31_536_000,
  expired: now >= expiry,
  vol: 0.5,
  mark: 1,
  bid: null,
  ask: null,
  fee: null,
  delta: null,
  gamma: null,
  vega: null,
  theta: null,
  vegaPerPoint: null,
  thetaPerDay: null,
})

const soon = now + 5 * 3_600
const later = now + 3 * 86_400
const rows = [
  row('BTC', 'put', 61_000, later),
  row('BTC', 'call', 60_000, soon),
  row('BTC', 'put', 60_000, soon),
  row('BTC', 'call', 59_000, soon),
  row('BTC', 'call', 58_000, now - 60), // expired
  row('ETH', 'call', 3_000, soon),
  row('BTC', 'call', 61_000, later),
]

describe('chainByStrike', () => {
  test('live expiries ascending with time left; the nearest is shown by default; strikes ascending, call and put side by side', () => {
    const chain = chainByStrike({ rows, underlying: 'BTC', expiry: null, now })
    expect(chain.expiries).toEqual([
      { expiry: soon, secondsLeft: 18_000 },
      { expiry: later, secondsLeft: 259_200 },
    ])
    expect(chain.expiry).toBe(soon)
    expect(chain.strikes.map((s) => [s.strike, s.call?.kind ?? null, s.put?.kind ?? null])).toEqual([
      [59_000, 'call', null],
      [60_000, 'call', 'put'],
    ])
    expect(chain.expiredCount).toBe(1)
  })

  test('a chosen expiry is kept while it trades; an unknown or expired one falls back to the nearest', () => {
    expect(chainByStrike({ rows, underlying: 'BTC', expiry: later, now }).strikes).toEqual([{ strike: 61_000, call: rows[6], put: rows[0] }])
    expect(chainByStrike({ rows, underlying: 'BTC', expiry: now - 60, now }).expiry).toBe(soon)
  })

  test('another underlying, or none listed', () => {
    expect(chainByStrike({ rows, underlying: 'ETH', expiry: null, now }).strikes).toHaveLength(1)
    expect(chainByStrike({ rows, underlying: 'SOL', expiry: null, now })).toEqual({ expiries: [], expiry: null, strikes: [], expiredCount: 0 })
  })
})

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { optionSeriesPlan } from './optionSeriesPlan'
import { optionStrikes } from './optionStrikes'

const utc = (iso: string) => Date.parse(iso) / 1_000

describe('optionStrikes', () => {
  it('centres nine strikes on the grid strike nearest spot: BTC every 1,000, ETH every 50', () => {
    expect(optionStrikes({ market: 'BTC', spot: 60_480 })).toEqual({ atTheMoney: 60_000, step: 1_000, strikes: [56_000, 57_000, 58_000, 59_000, 60_000, 61_000, 62_000, 63_000, 64_000] })
    expect(optionStrikes({ market: 'BTC', spot: 60_500 }).atTheMoney).toBe(61_000)
    expect(optionStrikes({ market: 'ETH', spot: 3_012.7 }).strikes).toEqual([2_800, 2_850, 2_900, 2_950, 3_000, 3_050, 3_100, 3_150, 3_200])
    // Near zero only the positive strikes remain.
    expect(optionStrikes({ market: 'ETH', spot: 120 }).strikes).toEqual([50, 100, 150, 200, 250, 300])
  })

  it('keeps spot within half a step of the middle strike for any price', () => {
    fc.assert(
      fc.property(fc.constantFrom('BTC' as const, 'ETH' as const), fc.double({ min: 10_000, max: 1e6, noNaN: true }), (market, spot) => {
        const { atTheMoney, step, strikes } = optionStrikes({ market, spot })
        expect(Math.abs(spot - atTheMoney)).toBeLessThanOrEqual(step / 2)
        expect(strikes).toHaveLength(9)
        expect(strikes[4]).toBe(atTheMoney)
        strikes.forEach((strike, i) => i > 0 && expect(strike - strikes[i - 1]!).toBe(step))
      }),
    )
  })

  it('refuses a price that is not positive and a market without options', () => {
    expect(() => optionStrikes({ market: 'BTC', spot: 0 })).toThrow(InvalidInputError)
    expect(() => optionStrikes({ market: 'SOL' as never, spot: 150 })).toThrow(InvalidInputError)
  })
})

describe('optionSeriesPlan', () => {
  it('lists calls and puts at nine strikes for every listed expiry of BTC and ETH, nearest expiry first, each series once', () => {
    const now = utc('2026-11-18T12:00:00Z')
    const plan = optionSeriesPlan({ now, spots: { BTC: 60_480, ETH: 3_012.7 } })
    // Wednesday: Thursday's daily, Friday's (daily and weekly at once) and the Friday after.
    const expiries = [utc('2026-11-19T08:00:00Z'), utc('2026-11-20T08:00:00Z'), utc('2026-11-27T08:00:00Z')]
    expect(plan).toHaveLength(3 * 2 * 9 * 2)
    expect(new Set(plan.map((s) => `${s.market}/${s.isCall}/${s.strike}/${s.expiry}`)).size).toBe(plan.length)
    expect([...new Set(plan.map((s) => s.expiry))]).toEqual(expiries)
    for (const expiry of expiries)
      for (const isCall of [true, false]) {
        expect(plan.filter((s) => s.expiry === expiry && s.isCall === isCall && s.market === 'BTC').map((s) => s.strike)).toEqual([56, 57, 58, 59, 60, 61, 62, 63, 64].map((k) => k * 1_000))
        expect(plan.filter((s) => s.expiry === expiry && s.isCall === isCall && s.market === 'ETH').map((s) => s.strike)).toEqual([2_800, 2_850, 2_900, 2_950, 3_000, 3_050, 3_100, 3_150, 3_200])
      }
    // Expiries ascending through the plan.
    expect(plan.every((s, i) => i === 0 || s.expiry >= plan[i - 1]!.expiry)).toBe(true)
    // On a Friday afternoon the two weeklies and two dailies are four different days: 144 series.
    expect(optionSeriesPlan({ now: utc('2026-11-20T15:00:00Z'), spots: { BTC: 60_000, ETH: 3_000 } })).toHaveLength(4 * 36)
  })
})

import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { toMarketStatus } from './toMarketStatus'
import { venueViews } from './venueViews.testing'

describe('toMarketStatus', () => {
  test('verdicts and halt reasons as words; funding per day and open interest in base units', () => {
    const [eth, btc, sol] = venueViews().markets
    expect(toMarketStatus(btc!)).toStrictEqual({
      priceStatus: 'live',
      publishTime: 1_700_000_000,
      volatilityStatus: 'live',
      volatilityTime: 1_700_000_001,
      halt: 'none',
      fundingRate: 0.0012,
      longOpenInterest: 3.5,
      shortOpenInterest: 1.25,
    })
    expect(toMarketStatus(eth!)).toMatchObject({ priceStatus: 'jumped', volatilityStatus: 'live', halt: 'priceJumped' })
    expect(toMarketStatus(sol!)).toMatchObject({ priceStatus: 'live', volatilityStatus: 'stale', halt: 'staleVolatility' })
  })

  test('an enum value from a newer ABI is an InvalidInputError naming the market', () => {
    const btc = venueViews().markets[1]!
    expect(() => toMarketStatus({ ...btc, halt: 9 })).toThrow(InvalidInputError)
    expect(() => toMarketStatus({ ...btc, priceStatus: 4 })).toThrow(/BTC\.priceStatus/)
  })
})

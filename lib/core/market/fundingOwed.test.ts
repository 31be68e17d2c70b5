import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { fundingOwed } from './fundingOwed'

describe('fundingOwed', () => {
  test('q × (F − f): longs owe when the index rose, shorts receive', () => {
    expect(fundingOwed({ size: 2, lastFundingIndex: 100, fundingIndex: 160 })).toBe(120)
    expect(fundingOwed({ size: -2, lastFundingIndex: 100, fundingIndex: 160 })).toBe(-120)
    expect(fundingOwed({ size: 0.5, lastFundingIndex: 160, fundingIndex: 100 })).toBe(-30)
  })

  test('settling in two steps equals settling once, and long + short of equal size net to zero (10,000 cases)', () => {
    const index = fc.double({ min: -1e6, max: 1e6, noNaN: true })
    fc.assert(
      fc.property(fc.double({ min: -1e4, max: 1e4, noNaN: true }), index, index, index, (size, f0, f1, f2) => {
        const once = fundingOwed({ size, lastFundingIndex: f0, fundingIndex: f2 })
        const twice = fundingOwed({ size, lastFundingIndex: f0, fundingIndex: f1 }) + fundingOwed({ size, lastFundingIndex: f1, fundingIndex: f2 })
        expect(Math.abs(once - twice)).toBeLessThanOrEqual(1e-12 * Math.abs(size) * (Math.abs(f0) + Math.abs(f1) + Math.abs(f2)) + 1e-300)
        expect(fundingOwed({ size, lastFundingIndex: f0, fundingIndex: f2 }) + fundingOwed({ size: -size, lastFundingIndex: f0, fundingIndex: f2 })).toBe(0)
      }),
      { numRuns: 10_000 },
    )
  })

  test('invalid input throws InvalidInputError', () => {
    expect(() => fundingOwed({ size: Number.NaN, lastFundingIndex: 0, fundingIndex: 0 })).toThrow(InvalidInputError)
    expect(() => fundingOwed({ size: 1, lastFundingIndex: Number.NEGATIVE_INFINITY, fundingIndex: 0 })).toThrow(InvalidInputError)
    expect(() => fundingOwed({ size: 1, lastFundingIndex: 0, fundingIndex: 1e19 })).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { accrueFunding } from './accrueFunding'
import { currentFundingRate } from './currentFundingRate'

const t0 = 1_700_000_000
const params = { skewScale: 10_000, maxFundingVelocity: 3 }

describe('currentFundingRate', () => {
  test('drifts linearly with the clamped skew: hand-computed values', () => {
    // half a day at velocity 3 × 0.25 = 0.75/day²: 0.001 + 0.375
    const state = { fundingRate: 0.001, fundingIndex: 0, lastUpdated: t0, skew: 2_500 }
    expect(currentFundingRate({ state, now: t0 + 43_200, params })).toBeCloseTo(0.376, 15)
    // short-heavy market beyond the scale: −3/day² for 6 hours
    const shortHeavy = { ...state, fundingRate: 0, skew: -40_000 }
    expect(currentFundingRate({ state: shortHeavy, now: t0 + 21_600, params })).toBeCloseTo(-0.75, 15)
    expect(currentFundingRate({ state, now: t0, params })).toBe(0.001)
  })

  test('does not mutate the state and equals the rate accrueFunding stores (10,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -1, max: 1, noNaN: true }),
        fc.double({ min: -1e5, max: 1e5, noNaN: true }),
        fc.integer({ min: 0, max: 100 * 86_400 }),
        (fundingRate, skew, elapsed) => {
          const state = { fundingRate, fundingIndex: 3, lastUpdated: t0, skew }
          const snapshot = { ...state }
          const rate = currentFundingRate({ state, now: t0 + elapsed, params })
          expect(state).toEqual(snapshot)
          expect(rate).toBe(accrueFunding({ state, price: 1_000, now: t0 + elapsed, params }).fundingRate)
          // monotone in time in the direction of the skew
          if (skew > 0) expect(rate).toBeGreaterThanOrEqual(fundingRate)
          if (skew < 0) expect(rate).toBeLessThanOrEqual(fundingRate)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input throws InvalidInputError', () => {
    const state = { fundingRate: 0, fundingIndex: 0, lastUpdated: t0, skew: 0 }
    expect(() => currentFundingRate({ state, now: t0 - 1, params })).toThrow(InvalidInputError)
    expect(() => currentFundingRate({ state, now: Number.NaN, params })).toThrow(InvalidInputError)
    expect(() => currentFundingRate({ state: { ...state, fundingRate: Number.POSITIVE_INFINITY }, now: t0, params })).toThrow(InvalidInputError)
    expect(() => currentFundingRate({ state: { ...state, lastUpdated: -1 }, now: t0, params })).toThrow(InvalidInputError)
    expect(() => currentFundingRate({ state, now: t0, params: { skewScale: -1, maxFundingVelocity: 3 } })).toThrow(InvalidInputError)
    expect(() => currentFundingRate({ state: null as never, now: t0, params })).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { erfc } from './erfc'
import { referenceErfc } from './highPrecisionNormal.testing'

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected)

describe('erfc', () => {
  test('published values (DLMF / Abramowitz–Stegun Table 7.1)', () => {
    // erf(1) = 0.84270 07929 49714 86934 12206 35082 6 (A&S Table 7.1, DLMF 7.2)
    expect(relativeError(erfc(1), 1 - 0.8427007929497148693412206350826)).toBeLessThan(1e-15)
    // erfc(2) = 0.00467 77349 81047 26583 79 (A&S Table 7.1)
    expect(relativeError(erfc(2), 0.0046777349810472658379)).toBeLessThan(1e-15)
    expect(erfc(0)).toBe(1)
  })

  test('matches a 1,600-bit BigInt series reference to 1e-15 relative on [−6, 26.5]', () => {
    let worst = 0
    for (let i = 0; i <= 130; i++) {
      const x = -6 + i * 0.25 + 0.0098765 * Math.cos(i)
      worst = Math.max(worst, relativeError(erfc(x), referenceErfc(x)))
    }
    for (const x of [1e-20, 0.46875, 0.4687499, 4, 26.5, -0.46875]) {
      worst = Math.max(worst, relativeError(erfc(x), referenceErfc(x)))
    }
    expect(worst).toBeLessThan(1e-15)
  })

  test('limits: 0 above 27, 2 below −27, never NaN', () => {
    expect(erfc(27)).toBe(0)
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0)
    expect(erfc(-27)).toBe(2)
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2)
  })

  test('reflection erfc(x) + erfc(−x) = 2 and range [0, 2] (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
        const value = erfc(x)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(2)
        expect(Math.abs(value + erfc(-x) - 2)).toBeLessThanOrEqual(4.5e-16)
      }),
      { numRuns: 10_000 },
    )
  })

  test('throws InvalidInputError for NaN', () => {
    expect(() => erfc(Number.NaN)).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { referenceNormalPdf } from './highPrecisionNormal.testing'
import { normalPdf } from './normalPdf'

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected)

describe('normalPdf', () => {
  test('matches a 1,600-bit BigInt reference to 1e-15 relative on [−37.5, 37.5]', () => {
    let worst = 0
    for (let i = 0; i <= 150; i++) {
      const x = -37.5 + i * 0.5 + 0.0113 * Math.cos(5 * i)
      if (x < -37.5 || x > 37.5) continue
      worst = Math.max(worst, relativeError(normalPdf(x), referenceNormalPdf(x)))
    }
    expect(worst).toBeLessThan(1e-15)
    // φ(0) = 1/√(2π) = 0.39894 22804 01432 67794 (A&S 26.2.1)
    expect(relativeError(normalPdf(0), 0.3989422804014326779)).toBeLessThan(1e-16)
  })

  test('even, positive, and 0 at ±Infinity (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: -38, max: 38, noNaN: true }), (x) => {
        expect(normalPdf(x)).toBe(normalPdf(-x))
        expect(normalPdf(x)).toBeGreaterThan(0)
      }),
      { numRuns: 10_000 },
    )
    expect(normalPdf(Number.POSITIVE_INFINITY)).toBe(0)
    expect(normalPdf(Number.NEGATIVE_INFINITY)).toBe(0)
  })

  test('throws InvalidInputError for NaN', () => {
    expect(() => normalPdf(Number.NaN)).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { erfcx } from './erfcx'
import { referenceErfcx } from './highPrecisionNormal.testing'

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected)

describe('erfcx', () => {
  test('matches a 1,600-bit BigInt series reference to 1e-15 relative on [−26, 27]', () => {
    // Reference: exp(z²) − (2/√π)·Σ 2ⁿz^(2n+1)/(2n+1)!! in BigInt fixed point (see
    // highPrecisionNormal.testing.ts) — independent of Cody's rationals.
    let worst = 0
    for (let i = 0; i <= 212; i++) {
      const x = -26 + i * 0.25 + 0.0123456789 * Math.sin(i) // off-grid, both sides of each branch
      worst = Math.max(worst, relativeError(erfcx(x), referenceErfcx(x)))
    }
    for (const x of [0, 1e-300, 1e-17, 0.46875, 0.46875 + 2 ** -52, 4, 4 + 2 ** -50, -0.46875, -4, 26.5]) {
      worst = Math.max(worst, relativeError(erfcx(x), referenceErfcx(x)))
    }
    expect(worst).toBeLessThan(1e-15)
  })

  test('follows the asymptotic series far out: erfcx(x) = (1 − 1/(2x²) + 3/(4x⁴))/(x√π)', () => {
    for (const x of [1e3, 1e5, 6.7e7, 1e10, 1e300]) {
      const series = (1 - 1 / (2 * x * x) + 3 / (4 * x ** 4)) / (x * Math.sqrt(Math.PI))
      expect(relativeError(erfcx(x), series)).toBeLessThan(1e-15)
    }
    expect(erfcx(Number.POSITIVE_INFINITY)).toBe(0)
  })

  test('overflows to +Infinity (never NaN) below −26.628', () => {
    expect(erfcx(-26.7)).toBe(Number.POSITIVE_INFINITY)
    expect(erfcx(Number.NEGATIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY)
    expect(Number.isFinite(erfcx(-26.6))).toBe(true)
  })

  test('lies within the Abramowitz–Stegun 7.1.13 bounds and decreases (10,000 cases)', () => {
    // 2/(√π(x+√(x²+2))) < erfcx(x) ≤ 2/(√π(x+√(x²+4/π))) for x ≥ 0.
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (x, step) => {
        const value = erfcx(x)
        const lower = 2 / (Math.sqrt(Math.PI) * (x + Math.sqrt(x * x + 2)))
        const upper = 2 / (Math.sqrt(Math.PI) * (x + Math.sqrt(x * x + 4 / Math.PI)))
        expect(value).toBeGreaterThan(lower * (1 - 1e-15))
        expect(value).toBeLessThanOrEqual(upper * (1 + 1e-15))
        expect(erfcx(x + step)).toBeLessThanOrEqual(value)
      }),
      { numRuns: 10_000 },
    )
  })

  test('throws InvalidInputError for NaN', () => {
    expect(() => erfcx(Number.NaN)).toThrow(InvalidInputError)
  })
})

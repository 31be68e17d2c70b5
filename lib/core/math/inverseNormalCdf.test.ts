import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { referenceNormalCdfMinus } from './highPrecisionNormal.testing'
import { inverseNormalCdf } from './inverseNormalCdf'
import { normalCdf } from './normalCdf'
import { normalPdf } from './normalPdf'

describe('inverseNormalCdf', () => {
  test('published quantiles', () => {
    // z(0.975) = 1.95996 39845 40054 24 and z(0.75) = 0.67448 97501 96081 74 (A&S Table 26.5)
    expect(Math.abs(inverseNormalCdf(0.975) - 1.9599639845400542)).toBeLessThan(2e-15)
    expect(Math.abs(inverseNormalCdf(0.25) + 0.6744897501960817)).toBeLessThan(1e-15)
    expect(inverseNormalCdf(0.5)).toBe(0)
  })

  test('is the exact quantile to 1e-15 relative, from p = 1e-300 to ½ (BigInt reference)', () => {
    // For x = Φ⁻¹(p) the error in x is (Φ(x) − p)/φ(x); Φ(x) − p is computed in 1,600-bit fixed
    // point from the exact doubles x and p, so neither rounding nor cancellation hides an error.
    let worst = 0
    const probabilities: number[] = []
    for (let e = -300; e <= -1; e += 3.7) probabilities.push(10 ** e)
    for (let p = 0.075; p < 0.5; p += 0.0213) probabilities.push(p)
    for (const p of probabilities) {
      const x = inverseNormalCdf(p)
      const error = referenceNormalCdfMinus(x, p) / normalPdf(x)
      worst = Math.max(worst, Math.abs(error / x))
    }
    expect(worst).toBeLessThan(1e-15)
  })

  test('odd symmetry where 1 − p is exact, and round trip through normalCdf (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 0.5, noNaN: true }), (p) => {
        const x = inverseNormalCdf(p)
        expect(Math.abs(normalCdf(x) - p) / p).toBeLessThan(1e-15 * Math.max(1, x * x))
        if (p > 0.25) expect(inverseNormalCdf(1 - p) + inverseNormalCdf(1 - (1 - p))).toBe(0)
      }),
      { numRuns: 10_000 },
    )
  })

  test('±Infinity at 0 and 1; InvalidInputError outside [0, 1] or NaN', () => {
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY)
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY)
    for (const p of [Number.NaN, -1e-300, 1.0000000000000002, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])
      expect(() => inverseNormalCdf(p)).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { strikeScale } from './strikeScale'

describe('strikeScale', () => {
  test('is the power of two 2^−⌊log₂ K⌋ that puts K in [1, 2) (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-300, max: 1e300, noNaN: true }), (strike) => {
        const scale = strikeScale(strike)
        const exponent = Math.log2(scale)
        expect(Number.isInteger(exponent)).toBe(true)
        const scaled = strike * scale // exact: scaling by a power of two
        expect(scaled / scale).toBe(strike)
        // Math.log2 may round across a power of two for strikes outside [1, 2³¹): allow its ulp
        expect(scaled).toBeGreaterThanOrEqual(1 - 1e-15)
        expect(scaled).toBeLessThan(2 + 1e-15)
      }),
      { numRuns: 10_000 },
    )
  })

  test('exact on the integer fast path and at powers of two', () => {
    expect(strikeScale(100_000)).toBe(2 ** -16)
    expect(strikeScale(1)).toBe(1)
    expect(strikeScale(2 ** 31 - 1)).toBe(2 ** -30)
    expect(strikeScale(2 ** 31)).toBe(2 ** -31)
    expect(strikeScale(0.5)).toBe(2)
    expect(Number.isFinite(strikeScale(5e-324))).toBe(true) // clamped: no Infinity from subnormals
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { erfNearZero } from './erfNearZero'
import { referenceErf } from './highPrecisionNormal.testing'

describe('erfNearZero', () => {
  test('matches a 1,600-bit BigInt series reference to 1e-15 relative on |x| ≤ 0.46875', () => {
    let worst = 0
    for (let i = -60; i <= 60; i++) {
      const x = (i / 60) * 0.46875
      if (x === 0) continue
      worst = Math.max(worst, Math.abs(erfNearZero(x) / referenceErf(x) - 1))
    }
    for (const x of [1e-300, 1e-17, 2e-16, 1e-8]) worst = Math.max(worst, Math.abs(erfNearZero(x) / referenceErf(x) - 1))
    expect(worst).toBeLessThan(1e-15)
    // erf(0.25) = 0.27632 63901 68236 9 (A&S Table 7.1)
    expect(Math.abs(erfNearZero(0.25) - 0.2763263901682369)).toBeLessThan(1e-16)
  })

  test('odd and increasing on the interval (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 0.46875, noNaN: true }), fc.double({ min: 0, max: 0.01, noNaN: true }), (x, step) => {
        expect(erfNearZero(-x)).toBe(-erfNearZero(x))
        if (x + step <= 0.46875) expect(erfNearZero(x + step)).toBeGreaterThanOrEqual(erfNearZero(x))
      }),
      { numRuns: 10_000 },
    )
  })
})

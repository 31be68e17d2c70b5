import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { erfcx } from './erfcx'
import { referenceNormalCdf } from './highPrecisionNormal.testing'
import { normalPdf } from './normalPdf'
import { normalTail } from './normalTail'

describe('normalTail', () => {
  test('Q(y) matches a 1,600-bit BigInt reference to 1e-15 relative on [0, 37.5]', () => {
    let worst = 0
    for (let i = 0; i <= 300; i++) {
      const y = i * 0.125 + 0.0071 * Math.sin(7 * i) // crosses every table cell boundary region
      if (y < 0 || y > 37.5) continue
      worst = Math.max(worst, Math.abs(normalTail(y) / referenceNormalCdf(-y) - 1))
    }
    expect(worst).toBeLessThan(1e-15)
  })

  test('the upper half 1 − Q(|y|) is exact to an ulp of 1', () => {
    for (let y = -8; y < 0; y += 0.37) expect(Math.abs(normalTail(y) - (1 - referenceNormalCdf(y)))).toBeLessThanOrEqual(2.3e-16)
  })

  test('exactly 1 from −8.5 down: the reference 1 − Q(8.5) rounds to 1 (Q(8.5) < 2⁻⁵⁴, half an ulp below 1)', () => {
    expect(referenceNormalCdf(-8.5)).toBeLessThan(2 ** -54)
    expect(1 - referenceNormalCdf(-8.5)).toBe(1)
    for (let y = -8.5; y > -60; y -= 0.0137) expect(normalTail(y)).toBe(1)
    // and not before: at −8.2 the tail is still above half an ulp
    expect(referenceNormalCdf(-8.2)).toBeGreaterThan(2 ** -54)
    expect(normalTail(-8.2)).toBeLessThan(1)
  })

  test('table cells join without a jump: both sides of every cell edge agree to 4e-16 relative', () => {
    let worst = 0
    for (let j = 0; j < 12 * 32; j++) {
      const edge = (j + 0.5) / 32 // where the nearest-centre cell changes
      const below = normalTail(edge * (1 - 2 ** -52))
      const above = normalTail(edge)
      worst = Math.max(worst, Math.abs(above / below - 1))
    }
    expect(worst).toBeLessThan(4e-16 + 2 ** -52 * 12 * 12) // plus Q's own change over one ulp of y
  })

  test('agrees with the direct Cody evaluation √(π/2)·φ(y)·erfcx(y/√2) (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.7, max: 30, noNaN: true }), (y) => {
        const cody = 1.2533141373155003 * normalPdf(y) * erfcx(y * Math.SQRT1_2)
        // two approximations, each within ~4 ulps of the truth (see above): within 2e-15 of each other
        expect(Math.abs(normalTail(y) / cody - 1)).toBeLessThan(2e-15)
      }),
      { numRuns: 10_000 },
    )
  })

  test('decreasing and within [0, 1]; ½ at 0; limits at ±Infinity (10,000 cases)', () => {
    expect(normalTail(0)).toBe(0.5)
    expect(normalTail(Number.POSITIVE_INFINITY)).toBe(0)
    expect(normalTail(Number.NEGATIVE_INFINITY)).toBe(1)
    fc.assert(
      fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (y, step) => {
        const value = normalTail(y)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
        // monotone up to the rounding of neighbouring table cells (a few ulps)
        expect(normalTail(y + step)).toBeLessThanOrEqual(value * (1 + 1e-15) + 1e-300)
      }),
      { numRuns: 10_000 },
    )
  })
})

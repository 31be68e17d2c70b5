import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { erfNearZero } from '../math/erfNearZero'
import { normalCdf } from '../math/normalCdf'
import { blackPrice } from './blackPrice'
import { normalisedBlackCall } from './normalisedBlackCall'
import { normalisedBlackQuadrature } from './normalisedBlackQuadrature.testing'

const SQRT_TWO_PI = Math.sqrt(2 * Math.PI)

describe('normalisedBlackCall', () => {
  test('keeps full relative accuracy down to 1e-300 against an independent quadrature (x ∈ [−10, 0], s ∈ [1e-3, 5])', () => {
    // Reference: b/(∂b/∂s) = ∫₀ˢ exp(−x²(s² − u²)/(2u²s²) + (s² − u²)/8) du by Gauss–Legendre
    // (normalisedBlackQuadrature.testing.ts) — no Φ, no erfcx, no cancellation. Both sides carry
    // the rounding of the exponent (h² + t²)/2, about ε·(h² + t²)/2 relative; beyond that they
    // must agree to a few ulps.
    let worst = 0
    let compared = 0
    for (let i = 0; i <= 60; i++) {
      const x = -10 * (i / 60) ** 1.5
      for (let j = 0; j <= 80; j++) {
        const s = 1e-3 * 5000 ** (j / 80)
        const h = x / s
        const t = s / 2
        const vega = Math.exp(-0.5 * (h * h + t * t)) / SQRT_TWO_PI
        if (!(vega > 1e-300)) continue
        const reference = normalisedBlackQuadrature(x, s) * vega
        const error = Math.abs(normalisedBlackCall(x, s) - reference) / reference
        worst = Math.max(worst, error / (1 + 0.5 * (h * h + t * t)))
        compared++
      }
    }
    expect(compared).toBeGreaterThan(2_500)
    expect(worst).toBeLessThan(4e-15)
  })

  test('agrees with the Black formula (blackPrice) where its terms do not cancel', () => {
    // b = Black(F, K)/√(FK); away from the far wings the textbook formula is accurate too.
    for (const x of [-3, -1, -0.25, -0.01, 0]) {
      for (const s of [0.05, 0.2, 0.8, 2, 5]) {
        if (x / s < -8) continue
        const forward = Math.exp(x / 2)
        const strike = Math.exp(-x / 2) // F·K = 1
        const reference = blackPrice(1, forward, strike, x, s)
        expect(Math.abs(normalisedBlackCall(x, s) - reference)).toBeLessThanOrEqual(1e-13 * Math.max(reference, 1e-3))
      }
    }
  })

  test('at the money: b(0, s) = 2Φ(s/2) − 1 = erf(s/(2√2))', () => {
    for (const s of [1e-3, 0.1, 0.4199, 0.42, 1, 3, 8]) {
      // erf near 0 (no cancellation), 1 − 2Φ(−s/2) once the result is not small.
      const z = s / (2 * Math.SQRT2)
      const expected = z <= 0.46875 ? erfNearZero(z) : 1 - 2 * normalCdf(-s / 2)
      expect(Math.abs(normalisedBlackCall(0, s) - expected)).toBeLessThanOrEqual(1e-15 * expected)
    }
    expect(normalisedBlackCall(0, 0.2)).toBeCloseTo(0.07965567455405804, 15)
  })

  test('writes the vega ∂b/∂s, which matches a central finite difference', () => {
    const out = new Float64Array(1)
    for (const [x, s] of [[-0.5, 0.3], [-2, 1.5], [0, 0.7], [-0.01, 0.01], [-4, 4]] as const) {
      normalisedBlackCall(x, s, out)
      const step = 1e-5 * s
      const difference = (normalisedBlackCall(x, s + step) - normalisedBlackCall(x, s - step)) / (2 * step)
      expect(Math.abs((out[0] as number) - difference)).toBeLessThanOrEqual(1e-7 * (out[0] as number))
    }
    normalisedBlackCall(0, 0, out)
    expect(out[0]).toBeCloseTo(1 / SQRT_TWO_PI, 16)
    expect(normalisedBlackCall(-1, 0, out)).toBe(0)
    expect(out[0]).toBe(0)
  })

  test('is in [0, e^(x/2)), increasing in s, and never NaN (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 0, noNaN: true }), fc.double({ min: 1e-4, max: 40, noNaN: true }), (x, s) => {
        const b = normalisedBlackCall(x, s)
        const higher = normalisedBlackCall(x, s * 1.01)
        expect(b).toBeGreaterThanOrEqual(0)
        expect(b).toBeLessThanOrEqual(Math.exp(x / 2))
        expect(higher).toBeGreaterThanOrEqual(b)
      }),
      { numRuns: 10_000 },
    )
  })
})

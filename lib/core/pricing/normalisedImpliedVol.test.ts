import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { normalisedBlackCall } from './normalisedBlackCall'
import { normalisedImpliedVol } from './normalisedImpliedVol'

const MIN_NORMAL = 2.2250738585072014e-308

/**
 * Relative change in s caused by one ulp of β: ε·β/(s·∂b/∂s) — how well β determines s at all
 * (the conditioning of the inverse problem, not a property of the solver).
 */
function conditioning(x: number, s: number, beta: number): number {
  const h = x / s
  const vega = Math.exp(-0.5 * (h * h + 0.25 * s * s)) / Math.sqrt(2 * Math.PI)
  return (Number.EPSILON * beta) / (s * vega)
}

describe('normalisedImpliedVol', () => {
  test('two Householder steps reach machine precision on a dense grid (|x| ≤ 5, s ∈ [1e-3, 5])', () => {
    // 201 × 241 points; every normal (non-subnormal) price is inverted with maxSteps = 2.
    let worst = 0
    let inverted = 0
    for (let i = 0; i <= 200; i++) {
      const x = -5 * (i / 200) ** 1.5
      for (let j = 0; j <= 240; j++) {
        const s = 1e-3 * 5000 ** (j / 240)
        const beta = normalisedBlackCall(x, s)
        if (!(beta >= MIN_NORMAL)) continue
        const error = Math.abs(normalisedImpliedVol(beta, x, 2) - s) / s
        worst = Math.max(worst, error / (1 + conditioning(x, s, beta) / Number.EPSILON))
        inverted++
      }
    }
    expect(inverted).toBeGreaterThan(28_000)
    // within 16 ulps of s, or of what one ulp of β allows
    expect(worst).toBeLessThan(16 * Number.EPSILON)
  })

  test('a single step is not enough — the second one matters (guess accuracy is ~1e-2 to 1e-6)', () => {
    let worstAfterOne = 0
    for (const x of [-4, -1, -0.2, -0.01]) {
      for (const s of [0.01, 0.1, 0.5, 2]) {
        const beta = normalisedBlackCall(x, s)
        if (!(beta >= MIN_NORMAL)) continue
        worstAfterOne = Math.max(worstAfterOne, Math.abs(normalisedImpliedVol(beta, x, 1) - s) / s)
        expect(Math.abs(normalisedImpliedVol(beta, x, 2) - s) / s).toBeLessThan(1e-14)
      }
    }
    expect(worstAfterOne).toBeGreaterThan(1e-12)
  })

  test('round trip over a wide domain (|x| ≤ 1000, s ∈ [1e-4, 40]) with the default step cap (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: -4, max: 3, noNaN: true }), fc.double({ min: -4, max: Math.log10(40), noNaN: true }), (logX, logS) => {
        const x = -(10 ** logX)
        const s = 10 ** logS
        const beta = normalisedBlackCall(x, s)
        if (!(beta >= MIN_NORMAL && beta < Math.exp(x / 2))) return
        const solved = normalisedImpliedVol(beta, x)
        expect(Number.isFinite(solved)).toBe(true)
        expect(Math.abs(solved - s) / s).toBeLessThanOrEqual(16 * Number.EPSILON + 8 * conditioning(x, s, beta))
      }),
      { numRuns: 10_000 },
    )
  })

  test('at the money (x = 0) and just off it', () => {
    for (const x of [0, -1e-300, -1e-12, -1e-6]) {
      for (const s of [1e-3, 0.3, 2.5]) {
        const beta = normalisedBlackCall(x, s)
        expect(Math.abs(normalisedImpliedVol(beta, x) - s) / s).toBeLessThan(1e-14)
      }
    }
  })
})

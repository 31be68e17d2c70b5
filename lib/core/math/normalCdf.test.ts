import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { referenceNormalCdf } from './highPrecisionNormal.testing'
import { normalCdf } from './normalCdf'

const relativeError = (actual: number, expected: number) => Math.abs(actual - expected) / Math.abs(expected)

describe('normalCdf', () => {
  test('published values', () => {
    // Φ(−1.96) = 0.02499 78951 48220 4 and Φ(−5) = 2.86651 57187 91939e-7 (A&S Table 26.1 /
    // DLMF 7.2 via Φ(x) = ½erfc(−x/√2)); Φ(0) = ½ exactly.
    expect(relativeError(normalCdf(-1.96), 0.024997895148220435)).toBeLessThan(1e-15)
    expect(relativeError(normalCdf(-5), 2.8665157187919391e-7)).toBeLessThan(1e-15)
    expect(normalCdf(0)).toBe(0.5)
  })

  test('matches a 1,600-bit BigInt reference to 1e-15 relative, deep lower tail included', () => {
    // x from −37.5 (Φ ≈ 4.6e-308, the smallest normal doubles) to +8.5, off-grid.
    let worst = 0
    for (let i = 0; i <= 184; i++) {
      const x = -37.5 + i * 0.25 + 0.00731 * Math.sin(3 * i)
      if (x < -37.5) continue
      worst = Math.max(worst, relativeError(normalCdf(x), referenceNormalCdf(x)))
    }
    for (const x of [-1, -1 + 2 ** -53, 1, -37.5, -1e-10]) worst = Math.max(worst, relativeError(normalCdf(x), referenceNormalCdf(x)))
    expect(worst).toBeLessThan(1e-15)
  })

  test('limits and range, never NaN', () => {
    expect(normalCdf(Number.NEGATIVE_INFINITY)).toBe(0)
    expect(normalCdf(Number.POSITIVE_INFINITY)).toBe(1)
    expect(normalCdf(-40)).toBe(0)
    expect(normalCdf(9)).toBe(1)
  })

  test('symmetry Φ(x) + Φ(−x) = 1, monotone, in [0, 1] (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (x, step) => {
        const value = normalCdf(x)
        expect(value).toBeGreaterThanOrEqual(0)
        expect(value).toBeLessThanOrEqual(1)
        expect(Math.abs(value + normalCdf(-x) - 1)).toBeLessThanOrEqual(2.3e-16)
        expect(normalCdf(x + step)).toBeGreaterThanOrEqual(value)
      }),
      { numRuns: 10_000 },
    )
  })

  test('lower tail agrees with the Mills-ratio bounds x/(1+x²)·φ(x) < Φ(−x) < φ(x)/x (10,000 cases)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 37, noNaN: true }), (x) => {
        const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)
        const slack = 1 + 1e-13 // the naive density above loses ~x²/2 ulps
        const value = normalCdf(-x)
        expect(value).toBeLessThan((density / x) * slack)
        expect(value).toBeGreaterThan(((x / (1 + x * x)) * density) / slack)
      }),
      { numRuns: 10_000 },
    )
  })

  test('throws InvalidInputError for NaN', () => {
    expect(() => normalCdf(Number.NaN)).toThrow(InvalidInputError)
  })
})

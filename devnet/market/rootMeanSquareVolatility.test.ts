import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../../lib/core/errors'
import { rootMeanSquareVolatility } from './rootMeanSquareVolatility'

/** Second method: midpoint rule in v = k·s over the decaying part (e^(−60) is below any rounding). */
function bruteForce(longRunVol: number, logGap: number, halfLifeSeconds: number, seconds: number): number {
  const k = Math.LN2 / halfLifeSeconds
  const span = k * seconds
  const top = Math.min(span, 60)
  const n = 200_000
  let excess = 0
  for (let i = 0; i < n; i++) excess += Math.expm1(2 * logGap * Math.exp(-((i + 0.5) * top) / n))
  return longRunVol * Math.sqrt(1 + (excess * top) / n / span)
}

describe('rootMeanSquareVolatility', () => {
  test('agrees with a brute-force integral of σ(s)² to 1e-5 over the simulator’s range (100 cases)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: -Math.log(500), max: Math.log(500), noNaN: true }),
        fc.double({ min: 1, max: 10_000, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        (longRunVol, logGap, halfLifeSeconds, seconds) => {
          const expected = bruteForce(longRunVol, logGap, halfLifeSeconds, seconds)
          expect(Math.abs(rootMeanSquareVolatility({ longRunVol, logGap, halfLifeSeconds, seconds }) / expected - 1)).toBeLessThan(1e-5)
        },
      ),
      { numRuns: 100 },
    )
  })

  test('is the long-run vol at the long-run level, the current index for a short step, and tends to the long-run vol for a long one', () => {
    expect(rootMeanSquareVolatility({ longRunVol: 0.55, logGap: 0, halfLifeSeconds: 600, seconds: 3_600 })).toBe(0.55)
    const spiked = 0.55 * 3
    expect(rootMeanSquareVolatility({ longRunVol: 0.55, logGap: Math.log(3), halfLifeSeconds: 600, seconds: 0.001 }) / spiked).toBeCloseTo(1, 5)
    // Over a year e^(−kΔ) ≈ 0, so the excess is the series ∫₀^(2x) (e^t − 1)/t dt = Σ (2x)ⁿ/(n·n!).
    const twoX = 2 * Math.log(3)
    let series = 0
    let term = 1
    for (let n = 1; n < 40; n++) {
      term *= twoX / n
      series += term / n
    }
    const k = Math.LN2 / 600
    const yearly = rootMeanSquareVolatility({ longRunVol: 0.55, logGap: Math.log(3), halfLifeSeconds: 600, seconds: 31_536_000 })
    expect(((yearly / 0.55) ** 2 - 1) / (series / (k * 31_536_000))).toBeCloseTo(1, 6)
  })

  test('invalid input throws InvalidInputError naming the field', () => {
    const valid = { longRunVol: 0.5, logGap: 0.1, halfLifeSeconds: 600, seconds: 10 }
    for (const [field, value] of [
      ['longRunVol', 0],
      ['logGap', Number.NaN],
      ['halfLifeSeconds', -1],
      ['seconds', 0],
    ] as const) {
      const call = () => rootMeanSquareVolatility({ ...valid, [field]: value })
      expect(call).toThrow(InvalidInputError)
      expect(call).toThrow(`Invalid ${field}`)
    }
  })
})

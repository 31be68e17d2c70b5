import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createRandomState } from './createRandomState'
import { nextPoisson } from './nextPoisson'

/** Exact Poisson probabilities by the recursion p(k) = p(k−1)·mean/k from the mode, in logs. */
function poissonPmf(mean: number, k: number): number {
  let logFactorial = 0
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i)
  return Math.exp(-mean + k * Math.log(mean) - logFactorial)
}

describe('nextPoisson', () => {
  test.each([0.001, 0.3, 2, 9.99, 10, 37.5, 1000, 1e6])('mean and variance of Poisson(%d) within 5 standard errors', (mean) => {
    const random = createRandomState(Math.round(mean * 1000) + 1)
    const n = 200_000
    let sum = 0
    let squares = 0
    let allCounts = true
    for (let i = 0; i < n; i++) {
      const k = nextPoisson(random, mean)
      allCounts &&= Number.isInteger(k) && k >= 0
      sum += k
      squares += k * k
    }
    expect(allCounts).toBe(true)
    const sampleMean = sum / n
    const sampleVariance = squares / n - sampleMean * sampleMean
    expect(Math.abs(sampleMean - mean)).toBeLessThan(5 * Math.sqrt(mean / n))
    // Var of the sample variance ≈ (μ₄ − σ⁴)/n with μ₄ = λ(1 + 3λ) for a Poisson
    expect(Math.abs(sampleVariance - mean)).toBeLessThan(5 * Math.sqrt((mean * (1 + 3 * mean) - mean * mean) / n))
  })

  test.each([2, 37.5])('χ² goodness of fit to the exact Poisson(%d) distribution (inversion and PTRS)', (mean) => {
    const random = createRandomState(99)
    const n = 300_000
    const counts = new Map<number, number>()
    for (let i = 0; i < n; i++) {
      const k = nextPoisson(random, mean)
      counts.set(k, (counts.get(k) ?? 0) + 1)
    }
    // bins with expected count ≥ 20, the rest pooled into the two tails
    let chiSquare = 0
    let bins = 0
    let lowObserved = 0
    let lowExpected = 0
    let highObserved = n
    let highExpected = n
    for (let k = 0; k < mean * 4 + 20; k++) {
      const expected = n * poissonPmf(mean, k)
      const observed = counts.get(k) ?? 0
      highObserved -= observed
      highExpected -= expected
      if (expected < 20 && k < mean) {
        lowObserved += observed
        lowExpected += expected
        continue
      }
      if (expected < 20) {
        highObserved += observed
        highExpected += expected
        break
      }
      chiSquare += (observed - expected) ** 2 / expected
      bins++
    }
    for (const [observed, expected] of [[lowObserved, lowExpected], [highObserved, highExpected]] as const) {
      if (expected < 1) continue
      chiSquare += (observed - expected) ** 2 / expected
      bins++
    }
    const degrees = bins - 1
    expect(chiSquare).toBeLessThan(degrees + 6 * Math.sqrt(2 * degrees))
  })

  test('0 for mean 0; reproducible; InvalidInputError for a bad mean (10,000 cases)', () => {
    expect(nextPoisson(createRandomState(1), 0)).toBe(0)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.double({ min: 0, max: 1e4, noNaN: true }), (seed, mean) => {
        expect(nextPoisson(createRandomState(seed), mean)).toBe(nextPoisson(createRandomState(seed), mean))
      }),
      { numRuns: 10_000 },
    )
    for (const mean of [-1, Number.NaN, Number.POSITIVE_INFINITY, 2e9])
      expect(() => nextPoisson(createRandomState(1), mean)).toThrow(InvalidInputError)
  })
})

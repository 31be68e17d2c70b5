import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createRandomState } from '../math/createRandomState'
import { mertonJumpPrice } from './mertonJumpPrice'
import { simulateMerton, type SimulateMertonParameters } from './simulateMerton'

type Dynamics = Omit<SimulateMertonParameters, 'state' | 'steps' | 'path' | 'stepYears'>

const dynamics = fc.record({
  drift: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  vol: fc.double({ min: 0, max: 2, noNaN: true }),
  jumpIntensity: fc.double({ min: 0, max: 100, noNaN: true }),
  jumpMeanLog: fc.double({ min: -0.3, max: 0.3, noNaN: true }),
  jumpVolLog: fc.double({ min: 0, max: 0.3, noNaN: true }),
})

/** Theoretical mean and variance of ln(S_t/S_0) (Merton 1976, compensated drift). */
function logReturnMoments({ drift, vol, jumpIntensity, jumpMeanLog, jumpVolLog }: Dynamics, years: number) {
  const kappa = Math.exp(jumpMeanLog + 0.5 * jumpVolLog * jumpVolLog) - 1
  return {
    mean: (drift - jumpIntensity * kappa - 0.5 * vol * vol) * years + jumpIntensity * years * jumpMeanLog,
    variance: vol * vol * years + jumpIntensity * years * (jumpMeanLog * jumpMeanLog + jumpVolLog * jumpVolLog),
  }
}

describe('simulateMerton', () => {
  test('reproducible from the seed, and n one-step calls equal one n-step call (10,000 cases)', () => {
    fc.assert(
      fc.property(dynamics, fc.integer({ min: 0, max: 2 ** 40 }), fc.integer({ min: 1, max: 8 }), fc.double({ min: 1e-6, max: 0.1, noNaN: true }), (parameters, seed, steps, stepYears) => {
        const batched = { price: 100, random: createRandomState(seed) }
        const path = new Float64Array(steps)
        const final = simulateMerton({ ...parameters, state: batched, stepYears, steps, path })
        const stepped = { price: 100, random: createRandomState(seed) }
        for (let i = 0; i < steps; i++) {
          simulateMerton({ ...parameters, state: stepped, stepYears, steps: 1 })
          expect(stepped.price).toBe(path[i])
        }
        expect(final).toBe(batched.price)
        expect(stepped).toEqual(batched)
      }),
      { numRuns: 10_000 },
    )
  })

  test.each([
    { drift: 0, vol: 0.6, jumpIntensity: 0, jumpMeanLog: 0, jumpVolLog: 0 },
    { drift: 0.05, vol: 0.5, jumpIntensity: 12, jumpMeanLog: -0.03, jumpVolLog: 0.06 },
    { drift: 0, vol: 0.3, jumpIntensity: 2, jumpMeanLog: -0.2, jumpVolLog: 0.15 },
    { drift: -0.1, vol: 0, jumpIntensity: 50, jumpMeanLog: 0.01, jumpVolLog: 0.02 },
  ])('log-return mean/variance and E[S_t] = S_0·e^(μt) within 4.5 standard errors: %o', (parameters) => {
    const paths = 40_000
    const steps = 12
    const stepYears = 1 / 52
    const years = steps * stepYears
    const state = { price: 1, random: createRandomState(7) }
    let sum = 0
    let squares = 0
    let growth = 0
    let growthSquares = 0
    let fourth = 0
    const theory = logReturnMoments(parameters, years)
    for (let p = 0; p < paths; p++) {
      state.price = 1
      const final = simulateMerton({ ...parameters, state, stepYears, steps })
      const logReturn = Math.log(final)
      sum += logReturn
      squares += logReturn * logReturn
      fourth += (logReturn - theory.mean) ** 4
      growth += final
      growthSquares += final * final
    }
    const mean = sum / paths
    const variance = squares / paths - mean * mean
    const growthMean = growth / paths
    const growthVariance = growthSquares / paths - growthMean * growthMean
    expect(Math.abs(mean - theory.mean)).toBeLessThan(4.5 * Math.sqrt(theory.variance / paths))
    // Var(sample variance) ≈ (μ₄ − σ⁴)/n, μ₄ (fat-tailed: a Poisson mixture) estimated from the sample
    const fourthMoment = fourth / paths
    expect(Math.abs(variance - theory.variance)).toBeLessThan(4.5 * Math.sqrt((fourthMoment - theory.variance ** 2) / paths))
    expect(Math.abs(growthMean - Math.exp(parameters.drift * years))).toBeLessThan(4.5 * Math.sqrt(growthVariance / paths))
  })

  test('under the pricing measure, discounted payoffs average to mertonJumpPrice (within 4 standard errors)', () => {
    const market = { spot: 100, rate: 0.05, dividendYield: 0.01, vol: 0.35, jumpIntensity: 4, jumpMeanLog: -0.08, jumpVolLog: 0.12 }
    const years = 0.5
    const state = { price: market.spot, random: createRandomState(2026) }
    const paths = 100_000
    const strikes = [80, 100, 120]
    const sums = strikes.map(() => ({ call: 0, callSquares: 0, put: 0, putSquares: 0 }))
    for (let p = 0; p < paths; p++) {
      state.price = market.spot
      const final = simulateMerton({ ...market, state, drift: market.rate - market.dividendYield, stepYears: years, steps: 1 })
      strikes.forEach((strike, i) => {
        const call = Math.max(final - strike, 0)
        const put = Math.max(strike - final, 0)
        const s = sums[i]!
        s.call += call
        s.callSquares += call * call
        s.put += put
        s.putSquares += put * put
      })
    }
    const discount = Math.exp(-market.rate * years)
    strikes.forEach((strike, i) => {
      const s = sums[i]!
      for (const kind of ['call', 'put'] as const) {
        const mean = s[kind] / paths
        const standardError = Math.sqrt((s[`${kind}Squares`] / paths - mean * mean) / paths)
        const exact = mertonJumpPrice({ kind, strike, years, ...market })
        expect(Math.abs(discount * mean - exact)).toBeLessThan(4 * discount * standardError)
      }
    })
  })

  test('InvalidInputError for invalid parameters, naming them (10,000 cases)', () => {
    const corruption = fc.oneof(
      fc.record({ field: fc.constantFrom('drift', 'jumpMeanLog'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY) }),
      fc.record({ field: fc.constantFrom('vol', 'jumpIntensity', 'jumpVolLog'), value: fc.constantFrom(Number.NaN, -1e-9, Number.POSITIVE_INFINITY) }),
      fc.record({ field: fc.constant('stepYears'), value: fc.constantFrom(0, -1, Number.NaN, Number.POSITIVE_INFINITY) }),
      fc.record({ field: fc.constant('steps'), value: fc.constantFrom(0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY) }),
    )
    fc.assert(
      fc.property(dynamics, corruption, (parameters, { field, value }) => {
        const state = { price: 100, random: createRandomState(1) }
        try {
          simulateMerton({ ...parameters, state, stepYears: 0.01, steps: 3, [field]: value })
          expect.unreachable(field)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError)
          expect((error as InvalidInputError).field).toBe(field)
        }
      }),
      { numRuns: 10_000 },
    )
    const valid = { drift: 0, vol: 0.5, jumpIntensity: 1, jumpMeanLog: 0, jumpVolLog: 0.1, stepYears: 0.01, steps: 3 }
    expect(() => simulateMerton({ ...valid, state: { price: 0, random: createRandomState(1) } })).toThrow(InvalidInputError)
    expect(() => simulateMerton({ ...valid, state: { price: 100, random: { s0: 0, s1: 0, s2: 0, s3: 0 } } })).toThrow(InvalidInputError)
    expect(() => simulateMerton({ ...valid, state: null as never })).toThrow(InvalidInputError)
    expect(() => simulateMerton({ ...valid, state: { price: 100, random: createRandomState(1) }, path: new Float64Array(2) })).toThrow(InvalidInputError)
  })
})

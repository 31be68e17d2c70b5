import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError, NoSolutionError } from '../errors'
import { mertonJumpPrice, type MertonJumpPriceParameters } from './mertonJumpPrice'
import { optionPrice } from './optionPrice'

/**
 * E. G. Haug, "Option Pricing Formulas" (McGraw-Hill 1998) p. 9, as corrected and tabulated in
 * QuantLib's test-suite/jumpdiffusion.cpp, `JumpDiffusionTest::testMerton76` (Haug truncated the
 * series at 11 terms; QuantLib's values are the converged ones, to 1e-2). Calls, S = 100,
 * q = 0, r = 0.08, total volatility v = 0.25 of which a fraction γ of the variance comes from
 * jumps: jump vol δ = v·√(γ/λ), diffusion vol σ = v·√(1 − γ), mean jump factor 1
 * (μ_J = −δ²/2). Rows: strike; columns: (λ, T) = (1, .10) (1, .25) (1, .50) (5, .10) (5, .25)
 * (5, .50) (10, .10) (10, .25) (10, .50).
 */
const haugMerton: Record<number, Record<number, number[]>> = {
  0.25: {
    80: [20.67, 21.74, 23.63, 20.65, 21.7, 23.61, 20.64, 21.7, 23.61],
    90: [11.0, 12.74, 15.4, 10.98, 12.75, 15.42, 10.98, 12.75, 15.42],
    100: [3.42, 5.88, 8.95, 3.51, 5.96, 9.02, 3.53, 5.97, 9.03],
    110: [0.55, 2.11, 4.67, 0.56, 2.16, 4.73, 0.56, 2.17, 4.74],
    120: [0.1, 0.64, 2.23, 0.06, 0.63, 2.25, 0.05, 0.62, 2.25],
  },
  0.5: {
    80: [20.72, 21.83, 23.71, 20.66, 21.73, 23.63, 20.65, 21.71, 23.61],
    90: [11.04, 12.72, 15.34, 11.02, 12.76, 15.41, 11.0, 12.75, 15.41],
    100: [3.14, 5.58, 8.71, 3.39, 5.87, 8.96, 3.46, 5.93, 9.0],
    110: [0.53, 1.93, 4.42, 0.58, 2.11, 4.67, 0.57, 2.14, 4.71],
    120: [0.19, 0.71, 2.15, 0.1, 0.66, 2.23, 0.07, 0.64, 2.24],
  },
  0.75: {
    80: [20.79, 21.96, 23.86, 20.68, 21.78, 23.67, 20.66, 21.74, 23.64],
    90: [11.11, 12.75, 15.3, 11.09, 12.78, 15.39, 11.04, 12.76, 15.4],
    100: [2.7, 5.08, 8.24, 3.16, 5.71, 8.85, 3.33, 5.85, 8.95],
    110: [0.54, 1.69, 3.99, 0.62, 2.05, 4.57, 0.6, 2.11, 4.66],
    120: [0.29, 0.84, 2.09, 0.15, 0.71, 2.21, 0.11, 0.67, 2.23],
  },
}
const columns: [number, number][] = [
  [1, 0.1], [1, 0.25], [1, 0.5],
  [5, 0.1], [5, 0.25], [5, 0.5],
  [10, 0.1], [10, 0.25], [10, 0.5],
]

const saneParameters = fc
  .record({
    kind: fc.constantFrom('call' as const, 'put' as const),
    spot: fc.double({ min: 1, max: 200_000, noNaN: true }),
    moneyness: fc.double({ min: -0.7, max: 0.7, noNaN: true }),
    years: fc.double({ min: 1 / 365, max: 3, noNaN: true }),
    rate: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    dividendYield: fc.double({ min: -0.02, max: 0.15, noNaN: true }),
    vol: fc.double({ min: 0.05, max: 1.5, noNaN: true }),
    jumpIntensity: fc.double({ min: 0, max: 50, noNaN: true }),
    jumpMeanLog: fc.double({ min: -0.5, max: 0.3, noNaN: true }),
    jumpVolLog: fc.double({ min: 0, max: 0.5, noNaN: true }),
  })
  .map(({ moneyness, ...rest }): MertonJumpPriceParameters => ({ ...rest, strike: rest.spot * Math.exp(moneyness) }))

describe('mertonJumpPrice', () => {
  test("Haug's Merton (1976) table, as converged in QuantLib (81 values, tolerance 1e-2)", () => {
    let worst = 0
    for (const [gammaKey, rows] of Object.entries(haugMerton)) {
      const gamma = Number(gammaKey)
      for (const [strikeKey, values] of Object.entries(rows)) {
        values.forEach((expected, column) => {
          const [jumpIntensity, years] = columns[column]!
          const jumpVolLog = 0.25 * Math.sqrt(gamma / jumpIntensity)
          const price = mertonJumpPrice({
            kind: 'call',
            spot: 100,
            strike: Number(strikeKey),
            years,
            rate: 0.08,
            dividendYield: 0,
            vol: 0.25 * Math.sqrt(1 - gamma),
            jumpIntensity,
            jumpMeanLog: -0.5 * jumpVolLog * jumpVolLog,
            jumpVolLog,
          })
          worst = Math.max(worst, Math.abs(price - expected))
        })
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-2)
  })

  test('with no jumps it is Black-Scholes (10,000 cases)', () => {
    fc.assert(
      fc.property(saneParameters, (parameters) => {
        const merton = mertonJumpPrice({ ...parameters, jumpIntensity: 0 })
        const { jumpIntensity: _, jumpMeanLog: __, jumpVolLog: ___, ...plain } = parameters
        const black = optionPrice(plain)
        // the only difference is √(σ²T) against σ·√T: a few ulps of the volatility
        expect(Math.abs(merton - black)).toBeLessThanOrEqual(1e-13 * (black + plain.spot * 1e-3))
      }),
      { numRuns: 10_000 },
    )
  })

  test('with jumps of zero size it is Black-Scholes at the same diffusion vol', () => {
    const base = { kind: 'put' as const, spot: 100, strike: 95, years: 0.5, rate: 0.03, dividendYield: 0.01, vol: 0.4 }
    const merton = mertonJumpPrice({ ...base, jumpIntensity: 20, jumpMeanLog: 0, jumpVolLog: 0 })
    expect(Math.abs(merton - optionPrice(base))).toBeLessThanOrEqual(1e-13)
  })

  test('put-call parity holds (the jump drift is compensated) (10,000 cases)', () => {
    fc.assert(
      fc.property(saneParameters, (parameters) => {
        const { spot, strike, years, rate, dividendYield } = parameters
        const call = mertonJumpPrice({ ...parameters, kind: 'call' })
        const put = mertonJumpPrice({ ...parameters, kind: 'put' })
        const forward = spot * Math.exp(-dividendYield * years)
        const bond = strike * Math.exp(-rate * years)
        expect(Math.abs(call - put - (forward - bond))).toBeLessThanOrEqual(1e-12 * (forward + bond))
      }),
      { numRuns: 10_000 },
    )
  })

  test('never NaN for random valid input, extreme included: a finite value ≥ 0 or a typed error (10,000 cases)', () => {
    const extreme = fc.record({
      kind: fc.constantFrom('call' as const, 'put' as const),
      spot: fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
      strike: fc.double({ min: 1e-200, max: 1e200, noNaN: true }),
      years: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 100, noNaN: true })),
      rate: fc.double({ min: -1, max: 1, noNaN: true }),
      dividendYield: fc.double({ min: -1, max: 1, noNaN: true }),
      vol: fc.double({ min: 1e-6, max: 10, noNaN: true }),
      jumpIntensity: fc.double({ min: 0, max: 1e3, noNaN: true }),
      jumpMeanLog: fc.double({ min: -5, max: 5, noNaN: true }),
      jumpVolLog: fc.double({ min: 0, max: 3, noNaN: true }),
    })
    fc.assert(
      fc.property(extreme, (parameters) => {
        let price: number
        try {
          price = mertonJumpPrice(parameters)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError)
          return
        }
        expect(Number.isFinite(price)).toBe(true)
        expect(price).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 10_000 },
    )
  })

  test('InvalidInputError naming the field, for random invalid input (10,000 cases)', () => {
    const corruption = fc.oneof(
      fc.record({ field: fc.constantFrom('spot', 'strike', 'vol'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, 0, -1) }),
      fc.record({ field: fc.constantFrom('years', 'jumpIntensity', 'jumpVolLog'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e-9) }),
      fc.record({ field: fc.constantFrom('rate', 'dividendYield', 'jumpMeanLog'), value: fc.constantFrom(Number.NaN, Number.NEGATIVE_INFINITY) }),
      fc.record({ field: fc.constant('kind'), value: fc.constantFrom('CALL', 'digital', undefined) }),
    )
    fc.assert(
      fc.property(saneParameters, corruption, (parameters, { field, value }) => {
        try {
          mertonJumpPrice({ ...parameters, [field]: value })
          expect.unreachable(field)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError)
          expect((error as InvalidInputError).field).toBe(field)
        }
      }),
      { numRuns: 10_000 },
    )
  })

  test('jump risk adds value to an at-the-money option of the same diffusion vol', () => {
    const base = { kind: 'call' as const, spot: 100, strike: 100, years: 0.25, rate: 0, dividendYield: 0, vol: 0.3 }
    expect(mertonJumpPrice({ ...base, jumpIntensity: 5, jumpMeanLog: -0.05, jumpVolLog: 0.1 })).toBeGreaterThan(optionPrice(base))
  })

  test('expired (years = 0): intrinsic value', () => {
    const price = mertonJumpPrice({ kind: 'call', spot: 110, strike: 100, years: 0, rate: 0.05, dividendYield: 0, vol: 0.5, jumpIntensity: 3, jumpMeanLog: -0.1, jumpVolLog: 0.2 })
    expect(price).toBe(10)
  })

  test('typed errors: invalid input, too many expected jumps, a series that cannot converge', () => {
    const valid: MertonJumpPriceParameters = { kind: 'call', spot: 100, strike: 100, years: 1, rate: 0, dividendYield: 0, vol: 0.5, jumpIntensity: 1, jumpMeanLog: 0, jumpVolLog: 0.1 }
    const invalid: [keyof MertonJumpPriceParameters, unknown][] = [
      ['kind', 'binary'],
      ['spot', 0],
      ['strike', Number.NaN],
      ['years', -1],
      ['rate', Number.POSITIVE_INFINITY],
      ['dividendYield', Number.NaN],
      ['vol', 0],
      ['jumpIntensity', -1],
      ['jumpIntensity', Number.NaN],
      ['jumpMeanLog', Number.NEGATIVE_INFINITY],
      ['jumpVolLog', -0.1],
    ]
    for (const [field, value] of invalid) {
      try {
        mertonJumpPrice({ ...valid, [field]: value })
        expect.unreachable(field)
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError)
        expect((error as InvalidInputError).field).toBe(field)
      }
    }
    expect(() => mertonJumpPrice({ ...valid, jumpIntensity: 800 })).toThrow(InvalidInputError)
    expect(() => mertonJumpPrice({ ...valid, jumpMeanLog: 800 })).toThrow(InvalidInputError)
    expect(() => mertonJumpPrice({ ...valid, maxTerms: 0 })).toThrow(InvalidInputError)
    expect(() => mertonJumpPrice({ ...valid, maxTerms: 2.5 })).toThrow(InvalidInputError)
    // λT = 1 needs ~25 terms for the 1e-14 bound: a budget of 3 is a typed failure, not a guess
    expect(() => mertonJumpPrice({ ...valid, maxTerms: 3 })).toThrow(NoSolutionError)
  })

  test('huge upward jumps (call bound mean λ(1+κ)T up to 12,000): priced through parity, bounded, never NaN', () => {
    const base = { spot: 100, strike: 100, years: 1, rate: 0, dividendYield: 0, vol: 0.5, jumpVolLog: 0.1 }
    for (const [jumpIntensity, jumpMeanLog] of [[600, 3], [600, 0.5], [400, 0.5], [50, 2]] as const) {
      const call = mertonJumpPrice({ ...base, kind: 'call', jumpIntensity, jumpMeanLog })
      const put = mertonJumpPrice({ ...base, kind: 'put', jumpIntensity, jumpMeanLog })
      expect(Number.isFinite(call)).toBe(true)
      expect(call).toBeLessThanOrEqual(100) // a call is worth at most the (discounted) forward
      expect(Math.abs(call - put)).toBeLessThanOrEqual(1e-11) // F = K: parity says call = put
    }
  })
})

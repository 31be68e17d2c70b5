import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { blackPrice } from './blackPrice'

const inputs = fc.record({
  forward: fc.double({ min: 1e-3, max: 1e6, noNaN: true }),
  moneyness: fc.double({ min: -2, max: 2, noNaN: true }),
  discount: fc.double({ min: 0.5, max: 1, noNaN: true }),
  stdDev: fc.double({ min: 1e-4, max: 3, noNaN: true }),
})

describe('blackPrice', () => {
  test("Black-76, Haug (1998) p. 2-8: F = K = 19, r = 10 %, T = 0.75, σ = 28 % → 1.7011 (QuantLib's tolerance 1e-4)", () => {
    const discount = Math.exp(-0.1 * 0.75)
    const stdDev = 0.28 * Math.sqrt(0.75)
    expect(Math.abs(blackPrice(1, 19 * discount, 19 * discount, 0, stdDev) - 1.7011)).toBeLessThanOrEqual(1e-4)
    expect(Math.abs(blackPrice(-1, 19 * discount, 19 * discount, 0, stdDev) - 1.7011)).toBeLessThanOrEqual(1e-4)
  })

  test('parity call − put = D·(F − K) and homogeneity V(λF, λK) = λ·V(F, K) (10,000 cases)', () => {
    fc.assert(
      fc.property(inputs, fc.double({ min: 1e-3, max: 1e3, noNaN: true }), ({ forward, moneyness, discount, stdDev }, factor) => {
        const strike = forward * Math.exp(-moneyness)
        const f = discount * forward
        const k = discount * strike
        const call = blackPrice(1, f, k, moneyness, stdDev)
        const put = blackPrice(-1, f, k, moneyness, stdDev)
        expect(Math.abs(call - put - (f - k))).toBeLessThanOrEqual(4e-15 * (f + k))
        expect(Math.abs(blackPrice(1, factor * f, factor * k, moneyness, stdDev) - factor * call)).toBeLessThanOrEqual(4e-15 * factor * (f + k))
      }),
      { numRuns: 10_000 },
    )
  })

  test('no volatility left: the discounted intrinsic value, never negative', () => {
    expect(blackPrice(1, 110, 100, Math.log(1.1), 0)).toBe(10)
    expect(blackPrice(-1, 110, 100, Math.log(1.1), 0)).toBe(0)
    expect(blackPrice(-1, 90, 100, Math.log(0.9), 0)).toBe(10)
  })

  test('increases with the standard deviation (vega > 0) (10,000 cases)', () => {
    fc.assert(
      fc.property(inputs, fc.constantFrom(1, -1), ({ forward, moneyness, discount, stdDev }, sign) => {
        const f = discount * forward
        const k = f * Math.exp(-moneyness)
        expect(blackPrice(sign, f, k, moneyness, stdDev * 1.01)).toBeGreaterThanOrEqual(blackPrice(sign, f, k, moneyness, stdDev) * (1 - 1e-14))
      }),
      { numRuns: 10_000 },
    )
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { optionGreeks, type OptionGreeksParameters } from './optionGreeks'
import { optionPrice } from './optionPrice'
import { extremeOptionParameters, saneOptionParameters } from './optionParameters.testing'


describe('optionGreeks', () => {
  test("Haug (1998) pp. 11-16 Greek values, as in QuantLib's europeanoption.cpp testGreekValues (tolerance 1e-4)", () => {
    const greeks = (kind: 'call' | 'put', strike: number, spot: number, dividendYield: number, rate: number, years: number, vol: number) =>
      optionGreeks({ kind, spot, strike, years, rate, dividendYield, vol })
    const close = (actual: number, expected: number) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-4)
    close(greeks('call', 100, 105, 0.1, 0.1, 0.5, 0.36).delta, 0.5946)
    close(greeks('put', 100, 105, 0.1, 0.1, 0.5, 0.36).delta, -0.3566)
    const put = greeks('put', 100, 105, 0.1, 0.1, 0.5, 0.36)
    close((put.delta * 105) / put.price, -4.8775) // elasticity
    close(greeks('call', 60, 55, 0, 0.1, 0.75, 0.3).gamma, 0.0278)
    close(greeks('put', 60, 55, 0, 0.1, 0.75, 0.3).gamma, 0.0278)
    close(greeks('call', 60, 55, 0, 0.1, 0.75, 0.3).vega, 18.9358)
    close(greeks('put', 60, 55, 0, 0.1, 0.75, 0.3).vega, 18.9358)
    close(greeks('put', 405, 430, 0.05, 0.07, 1 / 12, 0.2).theta, -31.1924)
    close(greeks('put', 405, 430, 0.05, 0.07, 1 / 12, 0.2).theta / 365, -0.0855) // theta per day
    close(greeks('call', 75, 72, 0, 0.09, 1, 0.19).rho, 38.7325)
    // dividend rho (not an output): central difference of optionPrice in q
    const dividendRho =
      (optionPrice({ kind: 'put', spot: 500, strike: 490, years: 0.25, rate: 0.08, dividendYield: 0.05 + 1e-6, vol: 0.15 }) -
        optionPrice({ kind: 'put', spot: 500, strike: 490, years: 0.25, rate: 0.08, dividendYield: 0.05 - 1e-6, vol: 0.15 })) /
      2e-6
    close(dividendRho, 42.2254)
  })

  test('every Greek equals the central finite difference of optionPrice (10,000 cases)', () => {
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        const { spot, years, vol, rate } = parameters
        const g = optionGreeks(parameters)
        const price = (change: Partial<OptionGreeksParameters>) => optionPrice({ ...parameters, ...change })
        const stdDev = vol * Math.sqrt(years)
        // Steps scaled to each input's natural scale; errors O(h²) + O(ε·V/h).
        const moveScale = spot * Math.min(stdDev, 1) // spot moves that change the value by O(1)
        const hS = moveScale * 1e-4
        const delta = (price({ spot: spot + hS }) - price({ spot: spot - hS })) / (2 * hS)
        const hG = moveScale * 2e-3
        const gamma = (price({ spot: spot + hG }) - 2 * g.price + price({ spot: spot - hG })) / (hG * hG)
        const hV = vol * 1e-4
        const vega = (price({ vol: vol + hV }) - price({ vol: vol - hV })) / (2 * hV)
        const hT = years * 1e-4
        const theta = -(price({ years: years + hT }) - price({ years: years - hT })) / (2 * hT)
        const hR = 1e-5
        const rho = (price({ rate: rate + hR }) - price({ rate: rate - hR })) / (2 * hR)

        // A difference quotient is only as good as the price it differences: rounding noise of
        // a price is a few ulps of S·e^(−qT) + K·e^(−rT) (the two legs), amplified by 1/h (1/h²).
        const legs = spot * Math.exp(-parameters.dividendYield * years) + parameters.strike * Math.exp(-rate * years)
        const noise = 8 * Number.EPSILON * legs
        const truncation = 1e-6 // relative, for steps of 1e-4 of each input's natural scale
        expect(Math.abs(g.delta - delta)).toBeLessThanOrEqual(truncation * Math.abs(g.delta) + noise / hS)
        expect(Math.abs(g.gamma - gamma)).toBeLessThanOrEqual(1e-4 * Math.abs(g.gamma) + (4 * noise) / (hG * hG))
        expect(Math.abs(g.vega - vega)).toBeLessThanOrEqual(truncation * Math.abs(g.vega) + noise / hV)
        // Theta is a sum of terms of opposite sign (decay −vega·σ/(2T) against carry r·K·D, q·S·c)
        // and can cross zero; its truncation error scales with those terms, not with their sum.
        const thetaScale = Math.abs(g.theta) + (g.vega * vol) / (2 * years) + (Math.abs(rate) + Math.abs(parameters.dividendYield)) * legs
        expect(Math.abs(g.theta - theta)).toBeLessThanOrEqual(truncation * thetaScale + noise / hT)
        expect(Math.abs(g.rho - rho)).toBeLessThanOrEqual(truncation * Math.abs(g.rho) + noise / hR)
      }),
      { numRuns: 10_000 },
    )
  })

  test('signs and bounds: call delta in [0, e^(−qT)], put delta in [−e^(−qT), 0], gamma, vega ≥ 0 (10,000 cases)', () => {
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        const g = optionGreeks(parameters)
        const carry = Math.exp(-parameters.dividendYield * parameters.years)
        if (parameters.kind === 'call') {
          expect(g.delta).toBeGreaterThanOrEqual(0)
          expect(g.delta).toBeLessThanOrEqual(carry * (1 + 1e-15))
        } else {
          expect(g.delta).toBeLessThanOrEqual(0)
          expect(g.delta).toBeGreaterThanOrEqual(-carry * (1 + 1e-15))
        }
        expect(g.gamma).toBeGreaterThanOrEqual(0)
        expect(g.vega).toBeGreaterThanOrEqual(0)
        // call and put share gamma and vega (put-call parity is linear in S and free of σ)
        const other = optionGreeks({ ...parameters, kind: parameters.kind === 'call' ? 'put' : 'call' })
        expect(Math.abs(other.gamma - g.gamma)).toBeLessThanOrEqual(1e-12 * g.gamma + 1e-300)
        expect(Math.abs(other.vega - g.vega)).toBeLessThanOrEqual(1e-12 * g.vega + 1e-300)
      }),
      { numRuns: 10_000 },
    )
  })

  test('no figure is ever NaN, even for extreme valid input (10,000 cases)', () => {
    fc.assert(
      fc.property(extremeOptionParameters, (parameters) => {
        let g: ReturnType<typeof optionGreeks>
        try {
          g = optionGreeks(parameters)
        } catch (error) {
          expect(error).toBeInstanceOf(InvalidInputError) // overflow of a double, refused by name
          return
        }
        for (const value of Object.values(g)) expect(Number.isFinite(value)).toBe(true)
      }),
      { numRuns: 10_000 },
    )
    // and on sane input nothing is ever refused
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        for (const value of Object.values(optionGreeks(parameters))) expect(Number.isFinite(value)).toBe(true)
      }),
      { numRuns: 10_000 },
    )
  })

  test('at expiry: intrinsic value, step delta (±½ at the money), no gamma, vega, theta or rho', () => {
    const base = { strike: 100, years: 0, rate: 0.05, dividendYield: 0.02, vol: 0.5 }
    expect(optionGreeks({ ...base, kind: 'call', spot: 105 })).toEqual({ price: 5, delta: 1, gamma: 0, vega: 0, theta: 0, rho: 0 })
    expect(optionGreeks({ ...base, kind: 'put', spot: 105 })).toEqual({ price: 0, delta: 0, gamma: 0, vega: 0, theta: 0, rho: 0 })
    expect(optionGreeks({ ...base, kind: 'put', spot: 95 })).toMatchObject({ price: 5, delta: -1 })
    expect(optionGreeks({ ...base, kind: 'call', spot: 100 }).delta).toBe(0.5)
    expect(optionGreeks({ ...base, kind: 'put', spot: 100 }).delta).toBe(-0.5)
  })

  test('Black-76 is dividendYield = rate: at F = K call = put, and delta(call) − delta(put) = e^(−rT)', () => {
    // Haug (1998) p. 2-8 / QuantLib testValues rows 3-4: F = K = 19, r = 0.10, T = 0.75, σ = 0.28 → 1.7011
    const base = { spot: 19, strike: 19, years: 0.75, rate: 0.1, dividendYield: 0.1, vol: 0.28 }
    const call = optionGreeks({ ...base, kind: 'call' })
    const put = optionGreeks({ ...base, kind: 'put' })
    expect(Math.abs(call.price - 1.7011)).toBeLessThanOrEqual(1e-4)
    expect(Math.abs(call.price - put.price)).toBeLessThanOrEqual(1e-15)
    expect(Math.abs(call.delta - put.delta - Math.exp(-0.075))).toBeLessThanOrEqual(2e-16)
  })

  test('a vanishing σ√T prices the discounted forward intrinsic, never NaN', () => {
    const g = optionGreeks({ kind: 'call', spot: 110, strike: 100, years: 1e-300, rate: 0.05, dividendYield: 0, vol: 1e-200 })
    expect(g.price).toBeCloseTo(10, 12)
    expect(g.delta).toBe(1)
    expect(g.gamma).toBe(0)
  })
})

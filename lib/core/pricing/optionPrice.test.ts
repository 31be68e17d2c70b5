import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createRandomState } from '../math/createRandomState'
import { referenceOptionPrice } from '../math/highPrecisionNormal.testing'
import { nextUniform } from '../math/nextUniform'
import { optionGreeks } from './optionGreeks'
import { haugEuropeanValues } from './haugEuropeanValues.testing'
import { optionPrice, type OptionPriceParameters } from './optionPrice'
import { extremeOptionParameters, saneOptionParameters } from './optionParameters.testing'


describe('optionPrice', () => {
  test.each(haugEuropeanValues)('Haug (1998) %s K=%d S=%d q=%d r=%d T=%d σ=%d → %d', (kind, strike, spot, dividendYield, rate, years, vol, value) => {
    const price = optionPrice({ kind, spot, strike, years, rate, dividendYield, vol })
    // QuantLib's tolerance for this table, 1e-4: all but two entries are the correctly rounded
    // value; Haug prints 1.8734 for the T = 0.1, σ = 0.15 at-the-money pair, whose value is
    // 1.873345 (Black-76 at the money: e^(−rT)·F·erf(σ√T/(2√2)), with the BigInt erf reference).
    expect(Math.abs(price - value)).toBeLessThanOrEqual(1e-4)
  })

  test('within 1e-15 of the legs of a 1,600-bit BigInt Black-Scholes reference (300 seeded cases)', () => {
    // Reference: every step (ln, exp, √, Φ) in BigInt fixed point from the exact double inputs.
    // At S ≈ K ≈ 100 this bounds the absolute error by ~2e-13 (measured: ~3e-14).
    const random = createRandomState(1973)
    const between = (low: number, high: number) => low + (high - low) * nextUniform(random)
    let worst = 0
    for (let i = 0; i < 300; i++) {
      const parameters: OptionPriceParameters = {
        kind: i % 2 === 0 ? 'call' : 'put',
        spot: 100,
        strike: 100 * Math.exp(between(-0.7, 0.7)),
        years: Math.exp(between(Math.log(1 / 365), Math.log(3))),
        rate: between(-0.02, 0.15),
        dividendYield: between(-0.02, 0.15),
        vol: between(0.05, 2),
      }
      const { spot, strike, years, rate, dividendYield } = parameters
      const legs = spot * Math.exp(-dividendYield * years) + strike * Math.exp(-rate * years)
      worst = Math.max(worst, Math.abs(optionPrice(parameters) - referenceOptionPrice(parameters)) / legs)
    }
    expect(worst).toBeLessThan(1e-15)
  })

  test('equals optionGreeks(...).price exactly', () => {
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        expect(optionPrice(parameters)).toBe(optionGreeks(parameters).price)
      }),
      { numRuns: 10_000 },
    )
  })

  test('put-call parity C − P = S·e^(−qT) − K·e^(−rT) (10,000 cases)', () => {
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        const { spot, strike, years, rate, dividendYield } = parameters
        const call = optionPrice({ ...parameters, kind: 'call' })
        const put = optionPrice({ ...parameters, kind: 'put' })
        const forward = spot * Math.exp(-dividendYield * years)
        const bond = strike * Math.exp(-rate * years)
        expect(Math.abs(call - put - (forward - bond))).toBeLessThanOrEqual(4e-15 * (forward + bond))
      }),
      { numRuns: 10_000 },
    )
  })

  test('no-arbitrage bounds hold and no value is ever NaN, even for extreme valid input (10,000 cases)', () => {
    fc.assert(
      fc.property(extremeOptionParameters, (parameters) => {
        let price: number
        try {
          price = optionPrice(parameters)
        } catch (error) {
          // only overflow of a double may be refused, and it must be a typed error
          expect(error).toBeInstanceOf(InvalidInputError)
          return
        }
        expect(Number.isFinite(price)).toBe(true)
        expect(price).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: 10_000 },
    )
    fc.assert(
      fc.property(saneOptionParameters, (parameters) => {
        const { spot, strike, years, rate, dividendYield, kind } = parameters
        const price = optionPrice(parameters)
        const forward = spot * Math.exp(-dividendYield * years)
        const bond = strike * Math.exp(-rate * years)
        const tolerance = 1e-12 * (forward + bond)
        expect(price).toBeGreaterThanOrEqual(Math.max(kind === 'call' ? forward - bond : bond - forward, 0) - tolerance)
        expect(price).toBeLessThanOrEqual((kind === 'call' ? forward : bond) + tolerance)
      }),
      { numRuns: 10_000 },
    )
  })

  test('at expiry (years = 0) the value is intrinsic', () => {
    const base = { spot: 105, strike: 100, years: 0, rate: 0.05, dividendYield: 0.02, vol: 0.5 }
    expect(optionPrice({ ...base, kind: 'call' })).toBe(5)
    expect(optionPrice({ ...base, kind: 'put' })).toBe(0)
    expect(optionPrice({ ...base, kind: 'put', spot: 90 })).toBe(10)
  })

  test('InvalidInputError naming the field, for random invalid input (10,000 cases)', () => {
    const corruption = fc.oneof(
      fc.record({ field: fc.constantFrom('spot', 'strike', 'vol'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -0, -1, -1e-300) }),
      fc.record({ field: fc.constant('years'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, -1e-12, -1) }),
      fc.record({ field: fc.constantFrom('rate', 'dividendYield'), value: fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY) }),
      fc.record({ field: fc.constant('kind'), value: fc.constantFrom('Call', 'straddle', '', undefined, 1) }),
      fc.record({ field: fc.constantFrom('spot', 'strike', 'vol', 'years', 'rate'), value: fc.constantFrom('1', null, undefined, 10n) }),
    )
    fc.assert(
      fc.property(saneOptionParameters, corruption, (parameters, { field, value }) => {
        const broken = { ...parameters, [field]: value } as unknown as OptionPriceParameters
        for (const pricer of [optionPrice, optionGreeks]) {
          try {
            pricer(broken)
            expect.unreachable(`accepted ${field} = ${String(value)}`)
          } catch (error) {
            expect(error).toBeInstanceOf(InvalidInputError)
            expect((error as InvalidInputError).field).toBe(field)
          }
        }
      }),
      { numRuns: 10_000 },
    )
  })
})

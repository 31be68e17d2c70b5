import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { ImpliedVolError, InvalidInputError } from '../errors'
import type { OptionKind } from '../risk/types'
import { haugEuropeanValues } from './haugEuropeanValues.testing'
import { impliedVolUncertainty } from './impliedVolUncertainty.testing'
import { impliedVol } from './impliedVol'
import { optionPrice } from './optionPrice'
import type { OptionMarket } from './types'

type Market = OptionMarket


type RoundTrip = { strict: boolean; error?: number; reason?: string; uncertainty: number }

function roundTrip(market: Market, vol: number): RoundTrip {
  const price = optionPrice({ ...market, vol })
  const uncertainty = impliedVolUncertainty(market, vol)
  const strict = uncertainty <= 1e-12 && price > 1e-290 * market.spot
  try {
    const solved = impliedVol({ ...market, price })
    return { strict, error: Math.abs(solved - vol) / vol, uncertainty }
  } catch (error) {
    if (!(error instanceof ImpliedVolError)) throw error
    return { strict, reason: error.reason, uncertainty }
  }
}

function expectRoundTrip(result: RoundTrip) {
  if (result.strict) {
    expect(result.reason).toBeUndefined()
    expect(result.error).toBeLessThanOrEqual(1e-12)
  } else if (result.error !== undefined) {
    expect(result.error).toBeLessThanOrEqual(1e-12 + 4 * result.uncertainty)
  } else {
    expect(['flatVega', 'belowIntrinsic']).toContain(result.reason)
  }
}

describe('impliedVol: round trips through optionPrice', () => {
  test('dense grid: |ln(F/K)| ≤ 5, σ√T ∈ [1e-3, 5], calls and puts, three rate/yield/maturity sets', () => {
    const carries = [
      { rate: 0, dividendYield: 0, years: 1 },
      { rate: 0.05, dividendYield: 0.02, years: 0.25 },
      { rate: -0.01, dividendYield: 0.03, years: 2 },
    ]
    let strict = 0
    let worstStrict = 0
    for (const kind of ['call', 'put'] as const) {
      for (const { rate, dividendYield, years } of carries) {
        for (let i = 0; i <= 100; i++) {
          const logMoneyness = -5 + i / 10
          for (let j = 0; j <= 60; j++) {
            const totalVol = 1e-3 * 5000 ** (j / 60)
            const spot = 60_000
            const strike = spot * Math.exp((rate - dividendYield) * years - logMoneyness)
            const result = roundTrip({ kind, spot, strike, years, rate, dividendYield }, totalVol / Math.sqrt(years))
            expectRoundTrip(result)
            if (result.strict) {
              strict++
              worstStrict = Math.max(worstStrict, result.error ?? 1)
            }
          }
        }
      }
    }
    // 36,966 points; about 14,000 have a non-negligible vega (all but the deep in-the-money
    // and the underflowing far out-of-the-money corners). The worst of them, ≈ 3e-13, sits at
    // the money with σ√T ≈ 1e-3, where the price's own rounding allows u ≈ 4e-13.
    expect(strict).toBeGreaterThan(13_000)
    expect(worstStrict).toBeLessThanOrEqual(1e-12)
  })

  const marketArb = fc.record({
    kind: fc.constantFrom<OptionKind>('call', 'put'),
    spot: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
    logMoneyness: fc.double({ min: -5, max: 5, noNaN: true }),
    years: fc.double({ min: 1 / 365 / 24, max: 10, noNaN: true }),
    rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
    dividendYield: fc.double({ min: 0, max: 0.2, noNaN: true }),
    logTotalVol: fc.double({ min: -3, max: Math.log10(5), noNaN: true }),
  })

  test('random markets: σ recovered to 1e-12 wherever vega is not negligible (10,000 cases)', () => {
    let strict = 0
    fc.assert(
      fc.property(marketArb, ({ kind, spot, logMoneyness, years, rate, dividendYield, logTotalVol }) => {
        const strike = spot * Math.exp((rate - dividendYield) * years - logMoneyness)
        const result = roundTrip({ kind, spot, strike, years, rate, dividendYield }, 10 ** logTotalVol / Math.sqrt(years))
        expectRoundTrip(result)
        if (result.strict) strict++
      }),
      { numRuns: 10_000 },
    )
    expect(strict).toBeGreaterThan(3_000)
  })

  test('put-call parity: the call and the put at the parity price imply the same vol (10,000 cases)', () => {
    // Second method: P = C − S·e^(−qT) + K·e^(−rT) for one σ (put-call parity).
    fc.assert(
      fc.property(marketArb, ({ spot, logMoneyness, years, rate, dividendYield, logTotalVol }) => {
        const strike = spot * Math.exp((rate - dividendYield) * years - logMoneyness)
        const call: Market = { kind: 'call', spot, strike, years, rate, dividendYield }
        const put: Market = { ...call, kind: 'put' }
        const vol = 10 ** logTotalVol / Math.sqrt(years)
        const callPrice = optionPrice({ ...call, vol })
        const putPrice = callPrice - spot * Math.exp(-dividendYield * years) + strike * Math.exp(-rate * years)
        const uncertainty = Math.max(impliedVolUncertainty(call, vol), impliedVolUncertainty(put, vol))
        if (!(uncertainty <= 1e-12) || !(putPrice > 0) || !(callPrice > 1e-290 * spot)) return
        // the parity price inherits the rounding of the larger of the call and the forward
        const parityRounding = (4 * Number.EPSILON * Math.max(callPrice, spot * Math.exp(-dividendYield * years))) / putPrice
        const fromCall = impliedVol({ ...call, price: callPrice })
        let fromPut: number
        try {
          fromPut = impliedVol({ ...put, price: putPrice })
        } catch (error) {
          expect(error).toBeInstanceOf(ImpliedVolError)
          return
        }
        const putConditioning = impliedVolUncertainty(put, vol) * (1 + parityRounding / Number.EPSILON)
        expect(Math.abs(fromPut - fromCall) / vol).toBeLessThanOrEqual(2e-12 + 4 * putConditioning)
      }),
      { numRuns: 10_000 },
    )
  })
})

describe('impliedVol: published examples', () => {
  test('Hull, "Options, Futures, and Other Derivatives" (7th ed., ch. 13, p. 296): 1.875 → 23.5 %', () => {
    // European call on a non-dividend-paying stock: S0 = 21, K = 20, r = 10 %, T = 0.25 years,
    // price 1.875; Hull finds the implied volatility 0.235 (23.5 % per annum), to three decimals.
    const market = { kind: 'call', spot: 21, strike: 20, years: 0.25, rate: 0.1, dividendYield: 0 } as const
    const vol = impliedVol({ ...market, price: 1.875 })
    expect(Math.abs(vol - 0.235)).toBeLessThan(5e-4)
    expect(Math.abs(optionPrice({ ...market, vol }) - 1.875)).toBeLessThan(1e-12)
  })

  test('Haug (1998) European values, as in QuantLib test-suite/europeanoption.cpp: each price implies its vol', () => {
    // E. G. Haug, "The Complete Guide to Option Pricing Formulas" (1998), pp. 2–8, 24, 27.
    // Prices are published to 4 decimals and lie within 0.6e-4 of the exact BSM values (e.g.
    // 1.8734 for 1.873345; QuantLib checks them to 1e-4), so the implied vol may differ from the
    // published vol by up to 0.6e-4 / vega (to first order).
    for (const [kind, strike, spot, dividendYield, rate, years, vol, price] of haugEuropeanValues) {
      const implied = impliedVol({ kind, spot, strike, years, rate, dividendYield, price })
      const d1 = (Math.log(spot / strike) + (rate - dividendYield + (vol * vol) / 2) * years) / (vol * Math.sqrt(years))
      const vega = (spot * Math.exp(-dividendYield * years) * Math.exp(-0.5 * d1 * d1) * Math.sqrt(years)) / Math.sqrt(2 * Math.PI)
      expect(Math.abs(implied - vol)).toBeLessThanOrEqual(0.6e-4 / vega)
    }
  })
})

describe('impliedVol: typed errors', () => {
  const call = { kind: 'call', spot: 100, strike: 90, years: 0.5, rate: 0.05, dividendYield: 0.01 } as const
  const put = { ...call, kind: 'put' } as const
  const discountedForward = 100 * Math.exp(-0.01 * 0.5)
  const discountedStrike = 90 * Math.exp(-0.05 * 0.5)

  const reasonOf = (run: () => unknown) => {
    try {
      run()
    } catch (error) {
      expect(error).toBeInstanceOf(ImpliedVolError)
      return (error as ImpliedVolError).reason
    }
    return 'returned'
  }

  test('aboveMaximum: at or above S·e^(−qT) for a call, K·e^(−rT) for a put', () => {
    expect(reasonOf(() => impliedVol({ ...call, price: discountedForward }))).toBe('aboveMaximum')
    expect(reasonOf(() => impliedVol({ ...call, price: 150 }))).toBe('aboveMaximum')
    expect(reasonOf(() => impliedVol({ ...put, price: discountedStrike }))).toBe('aboveMaximum')
    expect(reasonOf(() => impliedVol({ ...put, price: 1e9 }))).toBe('aboveMaximum')
  })

  test('belowIntrinsic: under max(±(S·e^(−qT) − K·e^(−rT)), 0)', () => {
    const intrinsic = discountedForward - discountedStrike // the call is in the money
    expect(reasonOf(() => impliedVol({ ...call, price: intrinsic * (1 - 1e-9) }))).toBe('belowIntrinsic')
    expect(reasonOf(() => impliedVol({ ...call, strike: 120, kind: 'put', price: 120 * Math.exp(-0.025) - discountedForward - 0.01 }))).toBe('belowIntrinsic')
  })

  test('flatVega: at intrinsic value, deep in the money at low vol, or at a total vol so large that the price is flat', () => {
    expect(reasonOf(() => impliedVol({ ...call, price: discountedForward - discountedStrike }))).toBe('flatVega')
    expect(reasonOf(() => impliedVol({ ...call, strike: 150, price: 0 }))).toBe('flatVega') // out of the money at 0
    // 10 standard deviations in the money: the time value is ~1e-23 of the price, below its ulp
    const deep = { ...call, strike: 60, years: 0.1 }
    expect(reasonOf(() => impliedVol({ ...deep, price: optionPrice({ ...deep, vol: 0.12 }) }))).toBe('flatVega')
    // σ√T = 15: a 1-ulp change of the price moves the vol by ~1e-4 relative
    const flat = { ...call, strike: 100, years: 1, rate: 0, dividendYield: 0 }
    expect(reasonOf(() => impliedVol({ ...flat, price: optionPrice({ ...flat, vol: 15 }) }))).toBe('flatVega')
    // ...while σ√T = 8 is still determined
    expect(impliedVol({ ...flat, price: optionPrice({ ...flat, vol: 8 }) })).toBeCloseTo(8, 6)
  })

  test('invalid input throws InvalidInputError', () => {
    const base = { ...call, price: 12 }
    expect(() => impliedVol({ ...base, kind: 'straddle' as OptionKind })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, years: 0 })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, years: -1 })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, price: -1 })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, spot: 0 })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, strike: -90 })).toThrow(InvalidInputError)
    expect(() => impliedVol({ ...base, rate: 1e6 })).toThrow(InvalidInputError) // e^(−rT) underflows
    expect(() => impliedVol({ ...base, dividendYield: -1e6 })).toThrow(InvalidInputError) // forward overflows
    expect(() => impliedVol({ ...base, spot: 1e300, strike: 1e-300 })).toThrow(InvalidInputError) // S/K overflows
  })

  test('random invalid fields always throw InvalidInputError (10,000 cases)', () => {
    const bad = fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, undefined, '1' as unknown as number)
    const field = fc.constantFrom('spot', 'strike', 'years', 'rate', 'dividendYield', 'price')
    fc.assert(
      fc.property(field, bad, (name, value) => {
        expect(() => impliedVol({ ...call, price: 12, [name]: value })).toThrow(InvalidInputError)
      }),
      { numRuns: 10_000 },
    )
  })

  test('any valid input gives a positive finite vol or an ImpliedVolError — never NaN (10,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<OptionKind>('call', 'put'),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e9, noNaN: true }),
        fc.double({ min: 1e-8, max: 50, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: -0.5, max: 0.5, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        (kind, spot, strike, years, rate, dividendYield, fraction) => {
          const cap = kind === 'call' ? spot * Math.exp(-dividendYield * years) : strike * Math.exp(-rate * years)
          let vol: number
          try {
            vol = impliedVol({ kind, spot, strike, years, rate, dividendYield, price: fraction * cap })
          } catch (error) {
            expect(error).toBeInstanceOf(ImpliedVolError)
            return
          }
          expect(vol).toBeGreaterThan(0)
          expect(Number.isFinite(vol)).toBe(true)
        },
      ),
      { numRuns: 10_000 },
    )
  })
})

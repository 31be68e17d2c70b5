import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { optionFill } from './optionFill'
import { defaultOptionTradingParams as params } from './params'

// Hull, "Options, Futures, and Other Derivatives" (Black-Scholes-Merton worked example):
// S = 42, K = 40, r = 10 %, σ = 20 %, T = 0.5 → c = 4.76, p = 0.81.
const hull = { spot: 42, strike: 40, years: 0.5, rate: 0.1, vol: 0.2 }

describe('optionFill', () => {
  test('buying pays mark·(1 + spread) per contract plus the fee (Hull: c = 4.76)', () => {
    const fill = optionFill({ kind: 'call', ...hull, size: 2, params })
    expect(fill.mark).toBeCloseTo(4.76, 2)
    expect(fill.premium).toBeCloseTo(4.76 * 1.01, 2)
    // ATM-ish and not cheap: the fee is 0.03 % of S per contract (0.0126), far below 12.5 % of the price.
    expect(fill.fee).toBeCloseTo(2 * 0.0003 * 42, 15)
    expect(fill.cashFlow).toBeCloseTo(-2 * fill.premium - 2 * 0.0003 * 42, 12)
  })

  test('selling receives mark·(1 − spread) per contract less the fee (Hull: p = 0.81)', () => {
    const fill = optionFill({ kind: 'put', ...hull, size: -3, params })
    expect(fill.mark).toBeCloseTo(0.81, 2)
    expect(fill.premium).toBeCloseTo(0.81 * 0.99, 2)
    expect(fill.cashFlow).toBeCloseTo(3 * fill.premium - 3 * 0.0003 * 42, 12)
    expect(fill.cashFlow).toBeGreaterThan(0)
  })

  test('marks satisfy put-call parity C − P = S − K·e^(−rT)', () => {
    const call = optionFill({ kind: 'call', ...hull, size: 1, params })
    const put = optionFill({ kind: 'put', ...hull, size: 1, params })
    expect(call.mark - put.mark).toBeCloseTo(42 - 40 * Math.exp(-0.05), 12)
  })

  test("Deribit's cap: an option worth 0.0001 BTC pays 12.5 % of its price, not 0.0003 BTC", () => {
    // A far out-of-the-money one-day BTC call; Deribit's worked example in USD terms at this spot.
    const spot = 60_000
    const fill = optionFill({ kind: 'call', spot, strike: 66_000, years: 1 / 365, rate: 0, vol: 0.5, size: 1, params })
    expect(fill.mark).toBeGreaterThan(0)
    expect(fill.mark).toBeLessThan(0.0024 * spot) // below the crossover feeRate·S = feeCap·mark
    expect(fill.fee).toBeCloseTo(0.125 * fill.mark, 15)
    expect(fill.fee).toBeLessThan(0.0003 * spot)
  })

  test('at expiry the mark is the intrinsic value', () => {
    expect(optionFill({ kind: 'call', spot: 61_000, strike: 60_000, years: 0, rate: 0, vol: 0.5, size: 1, params }).mark).toBe(1_000)
    const worthless = optionFill({ kind: 'put', spot: 61_000, strike: 60_000, years: 0, rate: 0, vol: 0.5, size: 1, params })
    expect(worthless).toMatchObject({ mark: 0, premium: 0, fee: 0 })
    expect(Math.abs(worthless.cashFlow)).toBe(0)
  })

  test('property: the fee is the smaller of its two rules; a round trip costs both spreads and both fees', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('call' as const, 'put' as const),
        fc.double({ min: 1, max: 1e5, noNaN: true }),
        fc.double({ min: 0.5, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.double({ min: 0.05, max: 2, noNaN: true }),
        fc.double({ min: 1e-3, max: 1e3, noNaN: true }),
        (kind, spot, moneyness, years, vol, contracts) => {
          const option = { kind, spot, strike: spot * moneyness, years, rate: 0.03, vol, params }
          const buy = optionFill({ ...option, size: contracts })
          const sell = optionFill({ ...option, size: -contracts })
          const byUnderlying = contracts * 0.0003 * spot
          const byPrice = contracts * 0.125 * buy.mark
          expect(buy.fee).toBeLessThanOrEqual(byUnderlying * (1 + 1e-15))
          expect(buy.fee).toBeLessThanOrEqual(byPrice * (1 + 1e-15) + 1e-300)
          expect(Math.abs(buy.fee - Math.min(byUnderlying, byPrice))).toBeLessThanOrEqual(1e-12 * buy.fee)
          expect(sell.fee).toBe(buy.fee)
          const roundTrip = buy.cashFlow + sell.cashFlow
          const expected = -(2 * 0.01 * contracts * buy.mark) - 2 * buy.fee
          expect(Math.abs(roundTrip - expected)).toBeLessThanOrEqual(1e-13 * contracts * (buy.mark + spot))
          expect(roundTrip).toBeLessThanOrEqual(0)
        },
      ),
      { numRuns: 10_000 },
    )
  })

  test('invalid input → InvalidInputError naming the field', () => {
    const good = { kind: 'call' as const, ...hull, size: 1, params }
    const cases: [Partial<Parameters<typeof optionFill>[0]>, string][] = [
      [{ size: 0 }, 'size'],
      [{ size: Number.NaN }, 'size'],
      [{ size: Number.POSITIVE_INFINITY }, 'size'],
      [{ spot: -1 }, 'spot'],
      [{ spot: Number.NaN }, 'spot'],
      [{ strike: 0 }, 'strike'],
      [{ years: -0.1 }, 'years'],
      [{ vol: 0 }, 'vol'],
      [{ rate: Number.NaN }, 'rate'],
      [{ kind: 'straddle' as never }, 'kind'],
      [{ params: { ...params, spread: 1 } }, 'params.spread'],
      [{ params: { ...params, spread: -0.01 } }, 'params.spread'],
      [{ params: { ...params, feeRate: -1e-4 } }, 'params.feeRate'],
      [{ params: { ...params, feeCap: Number.NaN } }, 'params.feeCap'],
      [{ params: undefined as never }, 'params'],
    ]
    for (const [change, field] of cases) {
      const call = () => optionFill({ ...good, ...change })
      expect(call).toThrow(InvalidInputError)
      try {
        call()
      } catch (error) {
        expect((error as InvalidInputError).field).toBe(field)
      }
    }
  })
})

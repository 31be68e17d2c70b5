import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createOptionBatch, type OptionBatchSeries } from './createOptionBatch'

describe('createOptionBatch', () => {
  test('precomputes the spot-independent terms of each series', () => {
    const batch = createOptionBatch({
      series: [
        { kind: 'call', strike: 100_000, years: 0.5 },
        { kind: 'put', strike: 90_000, years: 0 },
        { kind: 'put', strike: 1.5, years: 2 },
      ],
      rate: 0.04,
      dividendYield: 0.01,
    })
    expect(batch.count).toBe(3)
    expect(Array.from(batch.sign)).toEqual([1, -1, -1])
    expect(batch.sqrtYears[0]).toBe(Math.sqrt(0.5))
    expect(batch.carry[0]).toBe(Math.exp(-0.005))
    expect(batch.discountedStrike[0]).toBe(100_000 * Math.exp(-0.02))
    expect(batch.discountedStrike[1]).toBe(90_000)
    // 100,000 and 90,000 share 2^16 ≤ K < 2^17; 1.5 has its own exponent: two logarithms per tick
    expect(Array.from(batch.scales)).toEqual([2 ** -16, 1])
    expect(Array.from(batch.scaleIndex)).toEqual([0, 0, 1])
    // ln(K·2⁻ᵉ) − (r − q)T reproduces ln K − e·ln 2 − (r − q)T
    expect(batch.logStrikeLessCarry[2]).toBeCloseTo(Math.log(1.5) - 0.06, 15)
  })

  test('an empty batch is valid', () => {
    const batch = createOptionBatch({ series: [], rate: 0, dividendYield: 0 })
    expect(batch.count).toBe(0)
  })

  test('InvalidInputError naming the series and field', () => {
    const valid: OptionBatchSeries = { kind: 'call', strike: 100, years: 1 }
    const cases: [unknown, string][] = [
      [{ ...valid, kind: 'straddle' }, 'series[1].kind'],
      [{ ...valid, strike: 0 }, 'series[1].strike'],
      [{ ...valid, strike: Number.NaN }, 'series[1].strike'],
      [{ ...valid, strike: Number.POSITIVE_INFINITY }, 'series[1].strike'],
      [{ ...valid, years: -1 }, 'series[1].years'],
      [{ ...valid, years: Number.NaN }, 'series[1].years'],
      [null, 'series[1]'],
    ]
    for (const [item, field] of cases) {
      try {
        createOptionBatch({ series: [valid, item as OptionBatchSeries], rate: 0, dividendYield: 0 })
        expect.unreachable(field)
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError)
        expect((error as InvalidInputError).field).toBe(field)
      }
    }
    expect(() => createOptionBatch({ series: [valid], rate: Number.NaN, dividendYield: 0 })).toThrow(InvalidInputError)
    expect(() => createOptionBatch({ series: [valid], rate: 0, dividendYield: Number.NEGATIVE_INFINITY })).toThrow(InvalidInputError)
    expect(() => createOptionBatch({ series: 'x' as unknown as OptionBatchSeries[], rate: 0, dividendYield: 0 })).toThrow(InvalidInputError)
    // a discount factor that overflows
    expect(() => createOptionBatch({ series: [{ ...valid, years: 1e6 }], rate: -1, dividendYield: 0 })).toThrow(InvalidInputError)
  })
})

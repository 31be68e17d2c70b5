import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createOptionBatch, type OptionBatchSeries } from './createOptionBatch'
import { optionGreeks } from './optionGreeks'
import { optionPrice } from './optionPrice'
import { expectAgreement } from './singleBatchAgreement.testing'
import { revalueOptionBatch } from './revalueOptionBatch'

const series = fc.record({
  kind: fc.constantFrom('call' as const, 'put' as const),
  moneyness: fc.double({ min: -1, max: 1, noNaN: true }),
  years: fc.oneof(fc.constant(0), fc.double({ min: 1 / 365 / 24, max: 5, noNaN: true })),
})
const scenario = fc.record({
  reference: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
  book: fc.array(series, { minLength: 1, maxLength: 12 }),
  spotMove: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  vol: fc.double({ min: 0.01, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
  dividendYield: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
})

describe('revalueOptionBatch', () => {
  test('agrees with optionPrice of every series to rounding (10,000 batches)', () => {
    fc.assert(
      fc.property(scenario, ({ reference, book, spotMove, vol, rate, dividendYield }) => {
        const seriesList: OptionBatchSeries[] = book.map(({ kind, moneyness, years }) => ({ kind, strike: reference * Math.exp(moneyness), years }))
        const batch = createOptionBatch({ series: seriesList, rate, dividendYield })
        const spot = reference * Math.exp(spotMove)
        const out = new Float64Array(batch.count + 2).fill(-1)
        revalueOptionBatch(batch, spot, vol, out)
        seriesList.forEach((item, i) => {
          expectAgreement({ price: out[i]! }, { price: optionPrice({ ...item, spot, vol, rate, dividendYield }) }, { ...item, spot, vol, rate, dividendYield })
        })
        expect(out[batch.count]).toBe(-1) // writes only its own slots
      }),
      { numRuns: 10_000 },
    )
  })

  test('deltaOut agrees with the delta of optionGreeks of every series and leaves the values unchanged (10,000 batches)', () => {
    fc.assert(
      fc.property(scenario, ({ reference, book, spotMove, vol, rate, dividendYield }) => {
        const seriesList: OptionBatchSeries[] = book.map(({ kind, moneyness, years }) => ({ kind, strike: reference * Math.exp(moneyness), years }))
        const batch = createOptionBatch({ series: seriesList, rate, dividendYield })
        const spot = reference * Math.exp(spotMove)
        const values = new Float64Array(batch.count)
        const deltas = new Float64Array(batch.count + 1).fill(-7)
        revalueOptionBatch(batch, spot, vol, values, deltas)
        const plain = new Float64Array(batch.count)
        revalueOptionBatch(batch, spot, vol, plain)
        seriesList.forEach((item, i) => {
          expect(values[i]).toBe(plain[i]) // asking for deltas leaves the values bit for bit unchanged
          const single = optionGreeks({ ...item, spot, vol, rate, dividendYield })
          expectAgreement({ price: values[i]!, delta: deltas[i]! }, single, { ...item, spot, vol, rate, dividendYield })
        })
        expect(deltas[batch.count]).toBe(-7)
      }),
      { numRuns: 10_000 },
    )
  })

  test('the same batch revalues consistently across scenarios (scratch state does not leak)', () => {
    const batch = createOptionBatch({
      series: [
        { kind: 'call', strike: 0.75, years: 0.1 },
        { kind: 'put', strike: 100_000, years: 0.25 },
        { kind: 'call', strike: 3_000, years: 1 },
      ],
      rate: 0.03,
      dividendYield: 0,
    })
    const first = new Float64Array(3)
    const again = new Float64Array(3)
    revalueOptionBatch(batch, 95_000, 0.6, first)
    revalueOptionBatch(batch, 1, 0.2, new Float64Array(3))
    revalueOptionBatch(batch, 95_000, 0.6, again)
    expect(Array.from(again)).toEqual(Array.from(first))
  })

  test('InvalidInputError for a bad spot, vol or output buffer (values or deltas)', () => {
    const batch = createOptionBatch({ series: [{ kind: 'call', strike: 100, years: 1 }], rate: 0, dividendYield: 0 })
    const out = new Float64Array(1)
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => revalueOptionBatch(batch, bad, 0.5, out)).toThrow(InvalidInputError)
      expect(() => revalueOptionBatch(batch, 100, bad, out)).toThrow(InvalidInputError)
    }
    expect(() => revalueOptionBatch(batch, 100, 0.5, new Float64Array(0))).toThrow(InvalidInputError)
    expect(() => revalueOptionBatch(batch, 100, 0.5, [0] as unknown as Float64Array)).toThrow(InvalidInputError)
    expect(() => revalueOptionBatch({ count: 1 } as unknown as typeof batch, 100, 0.5, out)).toThrow(InvalidInputError)
    expect(() => revalueOptionBatch(batch, 100, 0.5, out, new Float64Array(0))).toThrow(InvalidInputError)
    expect(() => revalueOptionBatch(batch, 100, 0.5, out, [0] as unknown as Float64Array)).toThrow(InvalidInputError)
  })
})

import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { InvalidInputError } from '../errors'
import { createOptionBatch, type OptionBatchSeries } from './createOptionBatch'
import { expectAgreement } from './singleBatchAgreement.testing'
import { optionBatchGreeks, type OptionBatchGreeksOutput } from './optionBatchGreeks'
import { optionGreeks } from './optionGreeks'

const outputFor = (count: number): OptionBatchGreeksOutput => ({
  price: new Float64Array(count),
  delta: new Float64Array(count),
  gamma: new Float64Array(count),
  vega: new Float64Array(count),
  theta: new Float64Array(count),
  rho: new Float64Array(count),
})

const scenario = fc.record({
  reference: fc.double({ min: 0.01, max: 1e6, noNaN: true }),
  book: fc.array(
    fc.record({
      kind: fc.constantFrom('call' as const, 'put' as const),
      moneyness: fc.double({ min: -1, max: 1, noNaN: true }),
      years: fc.oneof(fc.constant(0), fc.double({ min: 1 / 365 / 24, max: 5, noNaN: true })),
    }),
    { minLength: 1, maxLength: 12 },
  ),
  spotMove: fc.double({ min: -0.5, max: 0.5, noNaN: true }),
  vol: fc.double({ min: 0.01, max: 3, noNaN: true }),
  rate: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
  dividendYield: fc.double({ min: -0.05, max: 0.2, noNaN: true }),
})

describe('optionBatchGreeks', () => {
  test('agrees with optionGreeks of every series to rounding (10,000 batches)', () => {
    fc.assert(
      fc.property(scenario, ({ reference, book, spotMove, vol, rate, dividendYield }) => {
        const seriesList: OptionBatchSeries[] = book.map(({ kind, moneyness, years }) => ({ kind, strike: reference * Math.exp(moneyness), years }))
        const batch = createOptionBatch({ series: seriesList, rate, dividendYield })
        const spot = reference * Math.exp(spotMove)
        const out = outputFor(batch.count)
        optionBatchGreeks(batch, spot, vol, out)
        seriesList.forEach((item, i) => {
          const single = optionGreeks({ ...item, spot, vol, rate, dividendYield })
          expectAgreement(
            { price: out.price[i]!, delta: out.delta[i]!, gamma: out.gamma[i]!, vega: out.vega[i]!, theta: out.theta[i]!, rho: out.rho[i]! },
            single,
            { ...item, spot, vol, rate, dividendYield },
          )
        })
      }),
      { numRuns: 10_000 },
    )
  })

  test('InvalidInputError for a bad spot, vol or output array, naming it', () => {
    const batch = createOptionBatch({ series: [{ kind: 'put', strike: 100, years: 1 }], rate: 0, dividendYield: 0 })
    for (const bad of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) {
      expect(() => optionBatchGreeks(batch, bad, 0.5, outputFor(1))).toThrow(InvalidInputError)
      expect(() => optionBatchGreeks(batch, 100, bad, outputFor(1))).toThrow(InvalidInputError)
    }
    for (const field of ['price', 'delta', 'gamma', 'vega', 'theta', 'rho'] as const) {
      const out = { ...outputFor(1), [field]: new Float64Array(0) }
      try {
        optionBatchGreeks(batch, 100, 0.5, out)
        expect.unreachable(field)
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidInputError)
        expect((error as InvalidInputError).field).toBe(`out.${field}`)
      }
    }
    expect(() => optionBatchGreeks(batch, 100, 0.5, null as unknown as OptionBatchGreeksOutput)).toThrow(InvalidInputError)
  })
})

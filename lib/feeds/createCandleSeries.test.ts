import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { InvalidInputError } from '../core/errors'
import { createCandleSeries, type Candle } from './createCandleSeries'

/** The reference: bars computed from the whole tick list at once (group by bucket, then OHLC). */
function referenceBars(ticks: readonly { price: number; time: number }[], interval: number): Candle[] {
  const groups = new Map<number, number[]>()
  for (const { price, time } of ticks) {
    const open = Math.floor(time / interval) * interval
    groups.set(open, [...(groups.get(open) ?? []), price])
  }
  return [...groups.entries()].map(([time, prices]) => ({ time, open: prices[0]!, high: Math.max(...prices), low: Math.min(...prices), close: prices.at(-1)! }))
}

describe('createCandleSeries', () => {
  it('equals a batch OHLC grouping of the same ticks at every interval (increasing times)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ price: fc.double({ min: 1, max: 1e5, noNaN: true }), gap: fc.integer({ min: 0, max: 400 }) }), { maxLength: 300 }), (steps) => {
        let time = 1_700_000_000
        const ticks = steps.map(({ price, gap }) => ({ price, time: (time += gap) }))
        const series = createCandleSeries({ intervals: [1, 60, 300], capacity: 10_000 })
        for (const { price, time: at } of ticks) series.update(price, at)
        for (const interval of [1, 60, 300]) expect(series.history(interval)).toEqual(referenceBars(ticks, interval))
      }),
    )
  })

  it('keeps at most `capacity` bars, the newest', () => {
    const series = createCandleSeries({ intervals: [1], capacity: 50 })
    for (let t = 0; t < 1_000; t++) series.update(100 + t, 1_700_000_000 + t)
    const bars = series.history(1)
    expect(bars).toHaveLength(50)
    expect(bars.at(-1)?.close).toBe(1_099)
    expect(bars[0]?.close).toBe(1_050)
  })

  it('reports the bars each tick changed, and ignores a tick older than the current bar', () => {
    const series = createCandleSeries({ intervals: [1, 60], capacity: 10 })
    expect(series.update(10, 120)).toEqual([
      { interval: 1, candle: { time: 120, open: 10, high: 10, low: 10, close: 10 } },
      { interval: 60, candle: { time: 120, open: 10, high: 10, low: 10, close: 10 } },
    ])
    expect(series.update(12, 121).map(({ interval, candle }) => [interval, candle.high])).toEqual([[1, 12], [60, 12]])
    expect(series.update(9, 100)).toEqual([]) // older than both current bars
    expect(series.history(60)).toEqual([{ time: 120, open: 10, high: 12, low: 10, close: 12 }])
  })

  it('refuses bad input with a typed error and changes nothing', () => {
    expect(() => createCandleSeries({ intervals: [], capacity: 1 })).toThrow(InvalidInputError)
    expect(() => createCandleSeries({ intervals: [0.5], capacity: 1 })).toThrow(InvalidInputError)
    const series = createCandleSeries({ intervals: [60], capacity: 5 })
    series.update(10, 60)
    for (const price of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => series.update(price, 61)).toThrow(InvalidInputError)
    expect(() => series.history(1)).toThrow(InvalidInputError)
    expect(series.history(60)).toEqual([{ time: 60, open: 10, high: 10, low: 10, close: 10 }])
  })
})

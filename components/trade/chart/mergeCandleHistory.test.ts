import { describe, expect, test } from 'vitest'
import { mergeCandleHistory } from './mergeCandleHistory'

const bar = (time: number, open: number, high: number, low: number, close: number) => ({ time, open, high, low, close })

describe('mergeCandleHistory', () => {
  test('nothing shown yet: the history as it is', () => {
    const history = [bar(0, 1, 2, 0.5, 1.5), bar(60, 1.5, 1.6, 1.4, 1.5)]
    expect(mergeCandleHistory([], history)).toEqual(history)
  })

  test('after a worker restart: older bars kept, the shared bar widened with the worker close', () => {
    const shown = [bar(0, 10, 12, 9, 11), bar(60, 11, 13, 10, 12)]
    const history = [bar(60, 12, 12.5, 11.5, 12.2), bar(120, 12.2, 12.3, 12, 12.1)]
    expect(mergeCandleHistory(shown, history)).toEqual([bar(0, 10, 12, 9, 11), bar(60, 11, 13, 10, 12.2), bar(120, 12.2, 12.3, 12, 12.1)])
  })

  test('an empty history (a new worker before its first tick) keeps what is shown', () => {
    const shown = [bar(0, 10, 12, 9, 11)]
    expect(mergeCandleHistory(shown, [])).toEqual(shown)
  })

  test('a gap between them stays a gap; inputs are not mutated or shared', () => {
    const shown = [bar(0, 10, 12, 9, 11)]
    const history = [bar(300, 11, 11, 11, 11)]
    const merged = mergeCandleHistory(shown, history)
    expect(merged.map((candle) => candle.time)).toEqual([0, 300])
    merged[0]!.close = 99
    merged[1]!.close = 99
    expect(shown[0]!.close).toBe(11)
    expect(history[0]!.close).toBe(11)
  })
})

import { describe, expect, it } from 'vitest'
import { historyChartData } from './historyChartData'

describe('historyChartData', () => {
  it('whole seconds, scaled values, a transparent segment into each break', () => {
    expect(
      historyChartData(
        [
          { time: 1_000, value: 0.42 },
          { time: 3_500, value: 0.43 },
          { time: 5_000, value: null },
          { time: 7_000, value: 0.5 },
        ],
        100,
      ),
    ).toEqual([
      { time: 1, value: 42 },
      { time: 3, value: 43, color: 'transparent' },
      { time: 5 },
      { time: 7, value: 50 },
    ])
  })

  it('never repeats or reverses a time (the chart throws on either)', () => {
    const data = historyChartData([
      { time: 1_000, value: 1 },
      { time: 1_999, value: 2 }, // same second
      { time: 2_000, value: 3 },
      { time: 1_500, value: 4 }, // out of order
    ])
    expect(data.map((d) => d.time)).toEqual([1, 2])
    expect(data.map((d) => ('value' in d ? d.value : null))).toEqual([1, 3])
  })
})

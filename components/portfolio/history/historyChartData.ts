import type { LineData, UTCTimestamp, WhitespaceData } from 'lightweight-charts'
import type { HistoryPoint } from '@/lib/history/downsampleHistory'

/** A line point (value in the unit shown) or whitespace (a break), at whole unix seconds. */
export type HistoryChartDatum = LineData<UTCTimestamp> | WhitespaceData<UTCTimestamp>

/**
 * A figure's points as a lightweight-charts line series: times in whole unix seconds, strictly
 * increasing (the chart requires it; a point in the same second as the one before — two tabs
 * recording one account — is dropped), values times `scale` (100 for a ratio shown in %).
 *
 * A break is whitespace (it keeps a slot on the time axis) and the point before it is drawn
 * `transparent`: lightweight-charts 5 joins a line across whitespace and strokes the segment
 * from point i − 1 to point i in the colour of point i − 1 (its `walkLine`), so that segment —
 * across the break — is invisible and the line resumes after it.
 *
 * @example
 * historyChartData([{ time: 1_000, value: 0.42 }, { time: 3_000, value: null }, { time: 5_000, value: 0.5 }], 100)
 * // [{ time: 1, value: 42, color: 'transparent' }, { time: 3 }, { time: 5, value: 50 }]
 */
export function historyChartData(points: readonly HistoryPoint[], scale = 1): HistoryChartDatum[] {
  const data: HistoryChartDatum[] = []
  let lastSecond = Number.NEGATIVE_INFINITY
  for (const point of points) {
    const time = Math.floor(point.time / 1000)
    if (time <= lastSecond) continue
    lastSecond = time
    if (point.value === null) {
      const before = data.at(-1)
      if (before !== undefined && 'value' in before) data[data.length - 1] = { ...before, color: 'transparent' }
      data.push({ time: time as UTCTimestamp })
    } else data.push({ time: time as UTCTimestamp, value: point.value * scale })
  }
  return data
}

import type { HistoryFigure, HistorySample } from './types'

/** One point of a figure's line: a value, or `null` where the line breaks (no live figures). */
export type HistoryPoint = { time: number; value: number | null }

export type DownsampleHistoryParameters = {
  /** One account's records, oldest first. */
  samples: readonly HistorySample[]
  figure: HistoryFigure
  /** The window shown, wall-clock ms (inclusive); records outside it are left out. */
  from: number
  to: number
  /** At most this many points come out (default 1,000): a fifth as many time buckets. */
  maxPoints?: number
  /**
   * Two consecutive records further apart than this (ms, default 10 s = five sampling intervals)
   * were not sampled in between — the page was closed or asleep — so the line breaks there.
   */
  breakAfterMs?: number
}

/**
 * Thins a figure's history for the chart to at most `maxPoints` points while keeping what a
 * trader looks for, by M4 aggregation (U. Jugel et al., "M4: A Visualization-Oriented Time
 * Series Data Aggregation", PVLDB 7(10), 2014): the window is cut into `⌊maxPoints / 5⌋` equal
 * time buckets and each keeps its first, last, lowest and highest value (so a margin-ratio spike
 * or an equity drop survives any range, and every line starts and ends where the data does),
 * and its first break, in time order. Breaks are gap records, samples whose figure is `null`
 * (equity ≤ 0 for leverage and margin ratio), and silences longer than `breakAfterMs` (placed
 * halfway). Consecutive breaks collapse to one and a break before any value is dropped. Ties go
 * to the earliest record. O(n).
 *
 * @example
 * const points = downsampleHistory({ samples, figure: 'equity', from: now - 3_600_000, to: now })
 * // ≤ 1,000 points, e.g. [{ time, value: 10_512.3 }, …, { time, value: null }, …]
 */
export function downsampleHistory({ samples, figure, from, to, maxPoints = 1_000, breakAfterMs = 10_000 }: DownsampleHistoryParameters): HistoryPoint[] {
  const buckets = Math.max(1, Math.floor(maxPoints / 5))
  const width = Math.max(to - from, 1) / buckets
  const bucketOf = (time: number) => Math.min(buckets - 1, Math.floor((time - from) / width))

  const out: HistoryPoint[] = []
  let bucket = -1
  let first: HistoryPoint | null = null
  let last: HistoryPoint | null = null
  let min: HistoryPoint | null = null
  let max: HistoryPoint | null = null
  let gap: HistoryPoint | null = null
  const closeBucket = () => {
    const kept = [...new Set([first, min, max, last, gap])].filter((point): point is HistoryPoint => point !== null)
    kept.sort((a, b) => a.time - b.time)
    for (const point of kept) push(out, point)
    first = last = min = max = gap = null
  }
  const add = (point: HistoryPoint) => {
    const b = bucketOf(point.time)
    if (b !== bucket) {
      closeBucket()
      bucket = b
    }
    if (point.value === null) gap ??= point
    else {
      first ??= point
      last = point
      if (min === null || point.value < (min.value as number)) min = point
      if (max === null || point.value > (max.value as number)) max = point
    }
  }

  let previousTime: number | null = null
  for (const sample of samples) {
    if (sample.time < from || sample.time > to) continue
    if (previousTime !== null && sample.time - previousTime > breakAfterMs) add({ time: (previousTime + sample.time) / 2, value: null })
    previousTime = sample.time
    add({ time: sample.time, value: sample[figure] })
  }
  closeBucket()
  return out
}

/** Appends, collapsing consecutive breaks and dropping a break with no line before it. */
function push(out: HistoryPoint[], point: HistoryPoint) {
  if (point.value === null && (out.length === 0 || out.at(-1)?.value === null)) return
  out.push(point)
}

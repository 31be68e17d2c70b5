import type { Candle } from '@/lib/feeds/createCandleSeries'

/**
 * The bars to show after a history request: the worker's `history`, preceded by the bars already
 * on the chart that are older than it. After a worker restart the new worker's history starts at
 * the restart, so this keeps what the page had; a bar both have (the one open at the restart)
 * keeps the chart's open and the wider high / low, with the worker's close. Both inputs oldest
 * first; bar times in unix seconds; returns new objects, never the inputs.
 *
 * @example
 * mergeCandleHistory(
 *   [{ time: 0, open: 10, high: 12, low: 9, close: 11 }, { time: 60, open: 11, high: 13, low: 10, close: 12 }],
 *   [{ time: 60, open: 12, high: 12.5, low: 11.5, close: 12.2 }],
 * ) // [{ time: 0, … }, { time: 60, open: 11, high: 13, low: 10, close: 12.2 }]
 */
export function mergeCandleHistory(shown: readonly Candle[], history: readonly Candle[]): Candle[] {
  const first = history[0]
  if (first === undefined) return shown.map((bar) => ({ ...bar }))
  const kept = shown.filter((bar) => bar.time < first.time).map((bar) => ({ ...bar }))
  const overlap = shown.find((bar) => bar.time === first.time)
  const head =
    overlap === undefined
      ? { ...first }
      : { time: first.time, open: overlap.open, high: Math.max(overlap.high, first.high), low: Math.min(overlap.low, first.low), close: first.close }
  return [...kept, head, ...history.slice(1).map((bar) => ({ ...bar }))]
}

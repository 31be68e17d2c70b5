import type { EngineSnapshot } from '../engine/protocol'

/** The most tick timings a merged snapshot carries (the store keeps as many journeys). */
export const maxMergedTicks = 512

/**
 * Folds a later snapshot into an earlier one that was never shown. Every field but two is the
 * whole state at its moment, so `later`'s is kept; candle updates are the latest bar per feed and
 * interval (as the worker sends them: `later`'s bar wins, `earlier`'s others stay); tick timings
 * are both snapshots', so no accepted tick loses its journey (beyond the last `maxMergedTicks`,
 * which the store would drop too).
 */
export function mergeSnapshots(earlier: EngineSnapshot, later: EngineSnapshot): EngineSnapshot {
  const candles = new Map(earlier.candles.map((update) => [`${update.symbol}:${update.interval}`, update]))
  for (const update of later.candles) candles.set(`${update.symbol}:${update.interval}`, update)
  const ticks = [...earlier.ticks, ...later.ticks]
  return { ...later, candles: [...candles.values()], ticks: ticks.length > maxMergedTicks ? ticks.slice(-maxMergedTicks) : ticks }
}

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { downsampleHistory, type HistoryPoint } from './downsampleHistory'
import type { HistoryFigure, HistorySample } from './types'

const address = '0xabc'
const sample = (time: number, equity: number | null): HistorySample =>
  equity === null
    ? { address, time, confident: false, equity: null, grossLeverage: null, netLeverage: null, marginRatio: null, maintenanceMargin: null }
    : { address, time, confident: true, equity, grossLeverage: equity / 1000, netLeverage: equity > 5 ? null : 1, marginRatio: -equity / 7, maintenanceMargin: 1 }

/**
 * The definition, the slow way: the window's points in order (a silence longer than
 * `breakAfterMs` adds a break halfway), then for every bucket separately a scan of all of them
 * for its first and last value, first minimum, first maximum and first break, then the collapse
 * of repeated breaks.
 */
function reference(samples: readonly HistorySample[], figure: HistoryFigure, from: number, to: number, maxPoints: number, breakAfterMs: number): HistoryPoint[] {
  const inWindow = samples.filter((s) => s.time >= from && s.time <= to)
  const points: HistoryPoint[] = []
  inWindow.forEach((s, i) => {
    if (i > 0 && s.time - inWindow[i - 1]!.time > breakAfterMs) points.push({ time: (s.time + inWindow[i - 1]!.time) / 2, value: null })
    points.push({ time: s.time, value: s[figure] })
  })
  const buckets = Math.max(1, Math.floor(maxPoints / 5))
  const width = Math.max(to - from, 1) / buckets
  const chosen: HistoryPoint[] = []
  for (let b = 0; b < buckets; b++) {
    const inBucket = points.filter((p) => Math.min(buckets - 1, Math.floor((p.time - from) / width)) === b)
    const values = inBucket.filter((p) => p.value !== null)
    const picks = new Set<HistoryPoint>()
    if (values.length > 0) {
      const low = Math.min(...values.map((p) => p.value as number))
      const high = Math.max(...values.map((p) => p.value as number))
      picks.add(values[0]!)
      picks.add(values.find((p) => p.value === low)!)
      picks.add(values.find((p) => p.value === high)!)
      picks.add(values.at(-1)!)
    }
    const firstBreak = inBucket.find((p) => p.value === null)
    if (firstBreak) picks.add(firstBreak)
    chosen.push(...[...picks].sort((a, b) => a.time - b.time))
  }
  return chosen.filter((p, i) => p.value !== null || (chosen.slice(0, i).some((q) => q.value !== null) && chosen[i - 1]!.value !== null))
}

/** Records at strictly increasing times (ms) with values, gaps and silences. */
const history = fc
  .array(fc.record({ step: fc.oneof(fc.integer({ min: 1, max: 3_000 }), fc.integer({ min: 10_001, max: 200_000 })), equity: fc.option(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { freq: 8 }) }), { maxLength: 600 })
  .map((steps) => {
    let time = 1_700_000_000_000
    return steps.map(({ step, equity }) => sample((time += step), equity))
  })

describe('downsampleHistory', () => {
  it('equals the brute-force reference for any history, window and budget', () => {
    fc.assert(
      fc.property(history, fc.constantFrom<HistoryFigure>('equity', 'grossLeverage', 'netLeverage', 'marginRatio'), fc.integer({ min: 5, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), (samples, figure, maxPoints, cut) => {
        const first = samples[0]?.time ?? 0
        const last = samples.at(-1)?.time ?? 1
        const from = first + Math.floor((last - first) * cut * 0.3)
        const to = last
        const points = downsampleHistory({ samples, figure, from, to, maxPoints })
        expect(points).toEqual(reference(samples, figure, from, to, maxPoints, 10_000))
        expect(points.length).toBeLessThanOrEqual(maxPoints)
        // Time order, and never a NaN or infinite value.
        for (let i = 1; i < points.length; i++) expect(points[i]!.time).toBeGreaterThan(points[i - 1]!.time)
        for (const point of points) if (point.value !== null) expect(Number.isFinite(point.value)).toBe(true)
      }),
      { numRuns: 200 },
    )
  })

  it('keeps the extremes and the ends: the window’s lowest, highest, first and last value survive any budget', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 5, max: 60 }), (samples, maxPoints) => {
        const values = samples.map((s) => s.equity).filter((v): v is number => v !== null)
        fc.pre(values.length > 0)
        const points = downsampleHistory({ samples, figure: 'equity', from: samples[0]!.time, to: samples.at(-1)!.time, maxPoints })
        const shown = points.map((p) => p.value).filter((v): v is number => v !== null)
        expect(Math.min(...shown)).toBe(Math.min(...values))
        expect(Math.max(...shown)).toBe(Math.max(...values))
        expect(shown[0]).toBe(values[0])
        expect(shown.at(-1)).toBe(values.at(-1))
      }),
    )
  })

  it('with room for everything, every record comes out unchanged', () => {
    const samples = [sample(1_000, 10), sample(3_000, 12), sample(5_000, null), sample(7_000, 11), sample(30_000, 9)]
    expect(downsampleHistory({ samples, figure: 'equity', from: 0, to: 30_000, maxPoints: 3_000 })).toEqual([
      { time: 1_000, value: 10 },
      { time: 3_000, value: 12 },
      { time: 5_000, value: null },
      { time: 7_000, value: 11 },
      { time: 18_500, value: null }, // 23 s of silence: the page was closed
      { time: 30_000, value: 9 },
    ])
  })

  it('a leverage that was Infinity (equity ≤ 0, stored null) breaks the line', () => {
    const samples = [sample(0, 1), sample(2_000, 6), sample(4_000, 2)] // netLeverage null above equity 5
    expect(downsampleHistory({ samples, figure: 'netLeverage', from: 0, to: 4_000, maxPoints: 50 }).map((p) => p.value)).toEqual([1, null, 1])
  })
})

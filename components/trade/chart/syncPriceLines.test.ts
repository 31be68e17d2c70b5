import type { CreatePriceLineOptions, IPriceLine, PriceLineOptions } from 'lightweight-charts'
import { LineStyle } from 'lightweight-charts'
import { describe, expect, test } from 'vitest'
import type { PriceLineSpec } from './priceLinesFor'
import { syncPriceLines, type DrawnPriceLines } from './syncPriceLines'

function fakeSeries() {
  const calls: string[] = []
  const lines = new Set<IPriceLine>()
  return {
    calls,
    lines,
    createPriceLine(options: CreatePriceLineOptions): IPriceLine {
      calls.push(`create ${options.id} ${options.price}`)
      let current = { ...options } as PriceLineOptions
      const line: IPriceLine = {
        applyOptions: (next) => {
          calls.push(`apply ${current.id} ${JSON.stringify(next)}`)
          current = { ...current, ...next }
        },
        options: () => current,
      }
      lines.add(line)
      return line
    },
    removePriceLine(line: IPriceLine) {
      calls.push(`remove ${line.options().id}`)
      lines.delete(line)
    },
  }
}

const spec = (id: string, price: number, overrides: Partial<PriceLineSpec> = {}): PriceLineSpec => ({
  id,
  kind: 'liquidation',
  price,
  color: '#ef4444',
  axisLabelColor: '#ef4444',
  axisLabelTextColor: '#0b0f14',
  title: 'Liq. (est.)',
  lineStyle: LineStyle.Dashed,
  lineWidth: 2,
  dimmed: false,
  description: '',
  ...overrides,
})

describe('syncPriceLines', () => {
  test('creates, then moves with applyOptions (only what changed), then removes lines that are gone', () => {
    const series = fakeSeries()
    const drawn: DrawnPriceLines = new Map()
    syncPriceLines(series, drawn, [spec('entry', 3_000), spec('liq', 2_460)])
    syncPriceLines(series, drawn, [spec('entry', 3_000), spec('liq', 2_470)])
    syncPriceLines(series, drawn, [spec('entry', 3_000), spec('liq', 2_470, { color: 'rgba(239, 68, 68, 0.4)', title: 'Liq. (est.) · last known', dimmed: true })])
    syncPriceLines(series, drawn, [spec('liq', 2_470)])
    expect(series.calls).toEqual([
      'create entry 3000',
      'create liq 2460',
      'apply liq {"price":2470}',
      'apply liq {"color":"rgba(239, 68, 68, 0.4)","title":"Liq. (est.) · last known"}',
      'apply liq {"color":"#ef4444","title":"Liq. (est.)"}',
      'remove entry',
    ])
    expect([...drawn.keys()]).toEqual(['liq'])
    expect(series.lines.size).toBe(1)
    expect([...series.lines][0]?.options()).toMatchObject({ price: 2_470, title: 'Liq. (est.)', lineStyle: LineStyle.Dashed, axisLabelVisible: true })
  })

  test('the same lines again: no call at all', () => {
    const series = fakeSeries()
    const drawn: DrawnPriceLines = new Map()
    syncPriceLines(series, drawn, [spec('liq', 2_460)])
    series.calls.length = 0
    syncPriceLines(series, drawn, [spec('liq', 2_460)])
    expect(series.calls).toEqual([])
  })

  test('an empty list removes every line', () => {
    const series = fakeSeries()
    const drawn: DrawnPriceLines = new Map()
    syncPriceLines(series, drawn, [spec('a', 1), spec('b', 2)])
    syncPriceLines(series, drawn, [])
    expect(series.lines.size).toBe(0)
    expect(drawn.size).toBe(0)
  })
})

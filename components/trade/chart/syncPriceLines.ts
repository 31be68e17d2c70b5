import type { CreatePriceLineOptions, IPriceLine } from 'lightweight-charts'
import type { PriceLineSpec } from './priceLinesFor'

/** The part of a chart series that draws price lines (an `ISeriesApi`, or a fake in tests). */
export type PriceLineHost = {
  createPriceLine: (options: CreatePriceLineOptions) => IPriceLine
  removePriceLine: (line: IPriceLine) => void
}

/** The lines a series currently draws, by `PriceLineSpec.id`. */
export type DrawnPriceLines = Map<string, { line: IPriceLine; spec: PriceLineSpec }>

/**
 * Makes the series draw exactly `desired`: a line whose id is already drawn is moved or
 * restyled with `applyOptions` (only the options that changed, nothing when none did), a new id
 * gets `createPriceLine`, and a drawn line whose position is gone is removed. Mutates `drawn`.
 *
 * @example
 * const drawn: DrawnPriceLines = new Map()
 * syncPriceLines(series, drawn, priceLinesFor({ account, symbol: 'ETH' })) // creates
 * syncPriceLines(series, drawn, priceLinesFor({ account: next, symbol: 'ETH' })) // moves
 */
export function syncPriceLines(host: PriceLineHost, drawn: DrawnPriceLines, desired: readonly PriceLineSpec[]): void {
  const wanted = new Set<string>()
  for (const spec of desired) {
    wanted.add(spec.id)
    const current = drawn.get(spec.id)
    if (current === undefined) {
      drawn.set(spec.id, { line: host.createPriceLine({ id: spec.id, axisLabelVisible: true, ...lineOptions(spec) }), spec })
      continue
    }
    const changed = changedOptions(current.spec, spec)
    if (changed !== null) current.line.applyOptions(changed)
    current.spec = spec
  }
  for (const [id, { line }] of drawn) {
    if (wanted.has(id)) continue
    host.removePriceLine(line)
    drawn.delete(id)
  }
}

type LineOptions = Pick<CreatePriceLineOptions, 'price' | 'color' | 'title' | 'lineStyle' | 'lineWidth' | 'axisLabelColor' | 'axisLabelTextColor'>

function lineOptions({ price, color, title, lineStyle, lineWidth, axisLabelColor, axisLabelTextColor }: PriceLineSpec): LineOptions {
  return { price, color, title, lineStyle, lineWidth, axisLabelColor, axisLabelTextColor }
}

function changedOptions(before: PriceLineSpec, after: PriceLineSpec): Partial<LineOptions> | null {
  const previous = lineOptions(before)
  const next = lineOptions(after)
  const changed: Partial<Record<keyof LineOptions, unknown>> = {}
  let any = false
  for (const key of Object.keys(next) as (keyof LineOptions)[]) {
    if (previous[key] === next[key]) continue
    changed[key] = next[key]
    any = true
  }
  return any ? (changed as Partial<LineOptions>) : null
}

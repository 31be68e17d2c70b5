import type { LineStyle } from 'lightweight-charts'
import type { LiquidationLevel, LiquidationPrices, NoLiquidationPrice } from '@/lib/core/risk/liquidationPrice'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import { chartColors, lastKnownAlpha, overPanel, withAlpha } from './chartTheme'

/**
 * lightweight-charts' `LineStyle` values (Solid 0, Dashed 2), written out: importing the enum
 * itself would pull the chart library (~64 KB gzip) into the page's first load, which loads it
 * only after the first paint (PriceChart).
 */
const solidLine = 0 as LineStyle
const dashedLine = 2 as LineStyle

/** One horizontal level the chart draws over the candles. */
export type PriceLineSpec = {
  /** Stable across snapshots while the position exists: the chart moves the line, never recreates it. */
  id: string
  kind: 'entry' | 'liquidation'
  /** USD per unit of the underlying. */
  price: number
  /** A CSS colour (`rgba(…)` when dimmed). */
  color: string
  /** Background and text of the price axis label (solid colours: the chart paints them opaque). */
  axisLabelColor: string
  axisLabelTextColor: string
  /** The short label drawn on the line, e.g. "Entry long 16.7", "Liq. (est.)". */
  title: string
  lineStyle: LineStyle
  lineWidth: 1 | 2
  /** Drawn from figures that are not live: lower opacity, title says "last known". */
  dimmed: boolean
  /** The full sentence for the legend and screen readers, with units and what the estimate assumes. */
  description: string
}

export type PriceLinesForParameters = {
  /** The account's snapshot from the engine store; null or undefined when none is watched. */
  account: AccountSnapshot | null | undefined
  /** Underlying of the chart, e.g. "ETH". */
  symbol: string
}

const crossAssumption = 'estimate: other prices, volatility and funding held fixed'
const isolatedAssumption = 'estimate: on its isolated margin alone, volatility and funding held fixed'

const sizeFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 })

/**
 * The price lines the chart shows for an account in one market: an entry line per perp
 * position in `symbol` (cross and isolated), and the liquidation prices the engine computed
 * (`risk.liquidationPrices`: the cross book's per-underlying level below and/or above the price,
 * and each isolated position's own). Liquidation lines are red and dashed, labelled as estimates.
 * When the account's figures are not confident, every line is dimmed and titled "last known"
 * (DESIGN.md §4.6: never shown as live). Pure: the same snapshot gives the same lines.
 *
 * @example
 * priceLinesFor({ account: retailSnapshot, symbol: 'ETH' })
 * // [{ id: 'entry:cross:ETH:0', title: 'Entry long 16.7', price: 3000, … },
 * //  { id: 'liq:cross:ETH:below', title: 'Liq. (est.)', price: 2460.5, lineStyle: dashedLine, … }]
 */
export function priceLinesFor({ account, symbol }: PriceLinesForParameters): PriceLineSpec[] {
  const risk = account?.risk
  if (account == null || risk == null) return []
  const dimmed = !account.confident
  const lines: PriceLineSpec[] = []

  let crossIndex = 0
  for (const perp of risk.perps) {
    if (perp.underlying !== symbol || perp.size === 0) continue
    lines.push(entryLine(`entry:cross:${symbol}:${crossIndex++}`, perp.size, perp.entryPrice, symbol, 'cross', dimmed))
  }
  for (const position of risk.isolated) {
    const perp = position.position
    if (perp.underlying !== symbol || perp.size === 0) continue
    lines.push(entryLine(`entry:isolated:${position.id}`, perp.size, perp.entryPrice, symbol, 'isolated', dimmed))
  }

  const liquidation = risk.liquidationPrices
  if (liquidation !== undefined) {
    const cross = liquidation.underlyings[symbol]
    if (cross !== undefined) lines.push(...liquidationLines(`liq:cross:${symbol}`, cross, 'cross', dimmed))
    for (const position of liquidation.isolated) {
      if (position.underlying === symbol) lines.push(...liquidationLines(`liq:isolated:${position.id}`, position, 'isolated', dimmed))
    }
  }
  return lines
}

function entryLine(id: string, size: number, price: number, symbol: string, margin: 'cross' | 'isolated', dimmed: boolean): PriceLineSpec {
  const side = size > 0 ? 'long' : 'short'
  const amount = sizeFormat.format(Math.abs(size))
  return {
    id,
    kind: 'entry',
    price,
    ...colors(chartColors.accent, dimmed),
    title: withState(`Entry ${side} ${amount}${margin === 'isolated' ? ' (iso.)' : ''}`, dimmed),
    lineStyle: solidLine,
    lineWidth: 1,
    dimmed,
    description: `${lastKnownPrefix(dimmed)}Entry price, ${side} ${amount} ${symbol} (${margin}): ${formatUsd(price, priceDigits(price))}`,
  }
}

function liquidationLines(idPrefix: string, prices: LiquidationPrices, margin: 'cross' | 'isolated', dimmed: boolean): PriceLineSpec[] {
  const lines: PriceLineSpec[] = []
  for (const side of ['below', 'above'] as const) {
    const level = prices[side]
    if (!isLevel(level)) continue
    const { price, distance, distanceSigmas } = level
    lines.push({
      id: `${idPrefix}:${side}`,
      kind: 'liquidation',
      price,
      ...colors(chartColors.danger, dimmed),
      title: withState(margin === 'isolated' ? 'Liq. iso. (est.)' : 'Liq. (est.)', dimmed),
      lineStyle: dashedLine,
      lineWidth: 2,
      dimmed,
      description:
        `${lastKnownPrefix(dimmed)}Liquidation price (${margin}, ${side} the price): ${formatUsd(price, priceDigits(price))}, ` +
        `${formatPercent(distance, 1)} / ${formatSigmas(distanceSigmas)} from ${formatUsd(prices.spot, priceDigits(prices.spot))}; ` +
        (margin === 'isolated' ? isolatedAssumption : crossAssumption),
    })
  }
  return lines
}

/** A level with a usable price (never a NaN or infinite line on the chart). */
function isLevel(level: LiquidationLevel | NoLiquidationPrice): level is LiquidationLevel {
  return level.price !== null && Number.isFinite(level.price) && level.price > 0
}

function formatSigmas(sigmas: number): string {
  // Standard deviations of the venue's margin horizon (its `horizonSeconds`, 1 h by default).
  const value = Number.isFinite(sigmas) ? sigmas.toFixed(1).replace('-', '−') : sigmas > 0 ? '∞' : '−∞'
  return `${value} σ (margin horizon)`
}

function colors(base: string, dimmed: boolean): Pick<PriceLineSpec, 'color' | 'axisLabelColor' | 'axisLabelTextColor'> {
  if (!dimmed) return { color: base, axisLabelColor: base, axisLabelTextColor: chartColors.surface }
  return { color: withAlpha(base, lastKnownAlpha), axisLabelColor: overPanel(base, lastKnownAlpha), axisLabelTextColor: chartColors.text }
}

function withState(title: string, dimmed: boolean): string {
  return dimmed ? `${title} · last known` : title
}

function lastKnownPrefix(dimmed: boolean): string {
  return dimmed ? 'Last known: ' : ''
}

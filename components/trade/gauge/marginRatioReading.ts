import { formatPercent } from '@/components/ui/formatFigures'
import { marginRatioZone, type MarginZone } from './marginRatioZone'

export type MarginRatioReading = {
  /** `aria-valuenow`: MM / equity in percent, 2 decimals; with equity <= 0 (∞), 100 (pinned). */
  valueNow: number
  /** `aria-valuemax`: 100 (liquidation at 100 %). */
  valueMax: 100
  /** `aria-valuetext`, e.g. "42.10 %, liquidation at 100 %". */
  valueText: string
  /** Bar fill, a fraction in [0, 1]. */
  fraction: number
  zone: MarginZone
  /** Past liquidation: ratio above 100 % (lib/core: equity < MM), or ∞. */
  liquidatable: boolean
}

/**
 * What the margin ratio meter states and draws: the margin ratio MM / equity in percent
 * (DESIGN.md §4.4: 100 % = liquidation), its colour zone, and the bar's fill.
 *
 * @param marginRatio MM / equity, a fraction (`Infinity` when equity <= 0 with a requirement).
 * @example
 * marginRatioReading(0.421) // { valueNow: 42.1, valueText: '42.10 %, liquidation at 100 %', zone: 'safe', … }
 */
export function marginRatioReading(marginRatio: number): MarginRatioReading {
  const infinite = !Number.isFinite(marginRatio)
  const liquidatable = infinite || marginRatio > 1
  const percent = infinite ? 100 : Math.round(marginRatio * 100 * 100) / 100
  const valueText = infinite
    ? '∞ % (equity at or below 0): liquidatable'
    : `${formatPercent(marginRatio)}, ${liquidatable ? 'past liquidation at 100 %: liquidatable' : 'liquidation at 100 %'}`
  return {
    valueNow: percent,
    valueMax: 100,
    valueText,
    fraction: infinite ? 1 : Math.min(1, Math.max(0, marginRatio)),
    zone: marginRatioZone(marginRatio),
    liquidatable,
  }
}

import type { AccountRiskReturnType } from '@/lib/core/risk/accountRisk'
import { formatMultiple } from '@/components/ui/formatFigures'
import { MARGIN_RATIO_DANGER, MARGIN_RATIO_WARN, marginRatioZone, type MarginZone } from './marginRatioZone'
import { maxLeverageFor } from './maxLeverageFor'

/**
 * Scale of the gauge when no maximum can be derived (no cross positions, or no initial margin):
 * 10×, or the current leverage rounded up if that is higher. Only a drawing scale, never
 * presented as a limit.
 */
export const FALLBACK_GAUGE_MAX = 10

export type LeverageGaugeReadingParameters = Pick<
  AccountRiskReturnType,
  'grossLeverage' | 'grossNotional' | 'initialMargin' | 'maintenanceMargin' | 'marginRatio'
>

export type LeverageGaugeReading = {
  /** True gross leverage (a multiple; `Infinity` when equity <= 0 with positions). */
  leverage: number
  /** The IM-bound maximum (`maxLeverageFor`), or `null` when none can be derived. */
  max: number | null
  /** `aria-valuenow`: the leverage to 2 decimals; with infinite leverage, the scale's end (pinned). */
  valueNow: number
  /** `aria-valuemax`: `max` to 2 decimals, or the fallback scale when there is no max. */
  valueMax: number
  /** `aria-valuetext`, e.g. "5.02× of 25.6× max". */
  valueText: string
  /** Where the needle points, a fraction of the scale in [0, 1]. */
  fraction: number
  /** Colour zone by margin ratio; always danger with infinite leverage. */
  zone: MarginZone
  /** The leverage is beyond the scale (above the maximum, or infinite): the needle is pinned at its end. */
  pinned: boolean
  /**
   * Where along the scale (fractions, possibly > 1: off the scale) the margin ratio would reach
   * the warn and danger boundaries, assuming MM scales with notional like IM does: the margin
   * ratio is `(MM / G) · L`, so it reaches `t` at `L = t · G / MM`. `null` without a requirement.
   */
  bands: { warnFrom: number; dangerFrom: number } | null
}

/**
 * Everything the leverage gauge states and draws, from the cross account's figures: the true
 * gross leverage, the maximum the initial margin allows (`maxLeverageFor`, an estimate), the
 * needle's target, the colour zone by margin ratio, and the accessible value and text.
 *
 * @example
 * leverageGaugeReading(risk) // { valueNow: 5.02, valueMax: 25.64, valueText: '5.02× of 25.6× max', zone: 'safe', … }
 */
export function leverageGaugeReading(risk: LeverageGaugeReadingParameters): LeverageGaugeReading {
  const leverage = risk.grossLeverage
  const max = maxLeverageFor(risk)
  const infinite = !Number.isFinite(leverage)
  const scale = max ?? Math.max(FALLBACK_GAUGE_MAX, infinite ? 0 : Math.ceil(leverage))
  const valueMax = round2(scale)
  const pinned = infinite || leverage > scale
  const fraction = infinite ? 1 : Math.min(1, Math.max(0, leverage / scale))
  const zone = infinite ? 'danger' : marginRatioZone(risk.marginRatio)
  const bands =
    risk.maintenanceMargin > 0 && risk.grossNotional > 0
      ? {
          warnFrom: (MARGIN_RATIO_WARN * risk.grossNotional) / risk.maintenanceMargin / scale,
          dangerFrom: (MARGIN_RATIO_DANGER * risk.grossNotional) / risk.maintenanceMargin / scale,
        }
      : null
  return {
    leverage,
    max,
    valueNow: infinite ? valueMax : round2(leverage),
    valueMax,
    valueText: valueText(leverage, max),
    fraction,
    zone,
    pinned,
    bands,
  }
}

function valueText(leverage: number, max: number | null): string {
  if (max === null) {
    const why = leverage === 0 ? 'no open cross positions' : 'no initial margin required: no leverage limit'
    return `${Number.isFinite(leverage) ? formatMultiple(leverage) : '∞× (equity at or below 0)'}, ${why}`
  }
  const of = `of ${formatMultiple(max, 1)} max`
  if (!Number.isFinite(leverage)) return `∞× (equity at or below 0) ${of}`
  if (leverage > max) return `${formatMultiple(leverage)} ${of}, above it: free collateral is negative`
  return `${formatMultiple(leverage)} ${of}`
}

function round2(value: number): number {
  return Math.round(value * 100) / 100
}

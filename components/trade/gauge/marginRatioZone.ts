/**
 * Colour zones of the leverage gauge and the margin ratio meter, by margin ratio MM / equity
 * (DESIGN.md §4.4: 1.0 = liquidation). Boundaries belong to the higher zone: exactly 50 % is
 * "warn", exactly 80 % is "danger".
 */

/** Margin ratio (a fraction) from which the zone is "warn": 50 %. */
export const MARGIN_RATIO_WARN = 0.5
/** Margin ratio (a fraction) from which the zone is "danger": 80 %. */
export const MARGIN_RATIO_DANGER = 0.8

export type MarginZone = 'safe' | 'warn' | 'danger'

/**
 * The zone of a margin ratio: safe below {@link MARGIN_RATIO_WARN}, warn from it up to
 * {@link MARGIN_RATIO_DANGER}, danger from there on. `Infinity` (equity <= 0 with a requirement,
 * as lib/core defines it) is danger; so is NaN, which lib/core never produces but which must
 * never read as safe.
 *
 * @param marginRatio MM / equity, a fraction (0.42 = 42 %).
 * @example
 * marginRatioZone(0.4999) // 'safe'
 * marginRatioZone(0.5) // 'warn'
 * marginRatioZone(0.8) // 'danger'
 */
export function marginRatioZone(marginRatio: number): MarginZone {
  if (Number.isNaN(marginRatio) || marginRatio >= MARGIN_RATIO_DANGER) return 'danger'
  if (marginRatio >= MARGIN_RATIO_WARN) return 'warn'
  return 'safe'
}

/**
 * Theme classes per zone (app/globals.css colours). Spelled out in full so Tailwind finds them.
 */
export const zoneClasses: Record<MarginZone, { text: string; stroke: string; fill: string; bg: string; label: string }> = {
  safe: { text: 'text-safe', stroke: 'stroke-safe', fill: 'fill-safe', bg: 'bg-safe', label: 'safe' },
  warn: { text: 'text-warn', stroke: 'stroke-warn', fill: 'fill-warn', bg: 'bg-warn', label: 'warning' },
  danger: { text: 'text-danger', stroke: 'stroke-danger', fill: 'fill-danger', bg: 'bg-danger', label: 'danger' },
}

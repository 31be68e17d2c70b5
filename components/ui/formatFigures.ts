/**
 * How figures read on screen: every one with its unit, never NaN. `null` (not known yet) reads
 * "—"; `Infinity` (e.g. leverage with non-positive equity, as lib/core defines it) reads "∞".
 */

const usdFormats = new Map<number, Intl.NumberFormat>()

/** `60,012.34 USD`; digits default to 2 (prices of cheap assets pass more). */
export function formatUsd(value: number | null, digits = 2): string {
  if (value === null || Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '∞ USD' : '−∞ USD'
  let format = usdFormats.get(digits)
  if (format === undefined) usdFormats.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return `${format.format(value).replace('-', '−')} USD`
}

/** A ratio as a percentage: 0.1234 → `12.34 %`. */
export function formatPercent(ratio: number | null, digits = 2): string {
  if (ratio === null || Number.isNaN(ratio)) return '—'
  if (!Number.isFinite(ratio)) return '∞ %'
  return `${(ratio * 100).toFixed(digits).replace('-', '−')} %`
}

/** Leverage as a multiple: 4.98 → `4.98×`. */
export function formatMultiple(value: number | null, digits = 2): string {
  if (value === null || Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return '∞×'
  return `${value.toFixed(digits)}×`
}

/** Digits that suit a price's size: 2 above 100 USD, 4 below. */
export function priceDigits(price: number): number {
  return Math.abs(price) >= 100 ? 2 : 4
}

/**
 * How figures read on screen: every one with its unit, never NaN. `null` (not known yet) reads
 * "—"; `Infinity` (e.g. leverage with non-positive equity, as lib/core defines it) reads "∞".
 */

/**
 * One `Intl.NumberFormat` per digit count, made once: `toLocaleString` with options builds a new
 * formatter on every call, which cost the portfolio's tables ~7 % of the main thread at 10 Hz.
 */
const numberFormats = new Map<number, Intl.NumberFormat>()

function numberFormat(digits: number): Intl.NumberFormat {
  let format = numberFormats.get(digits)
  if (format === undefined) numberFormats.set(digits, (format = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })))
  return format
}

/** `60,012.34 USD`; digits default to 2 (prices of cheap assets pass more). */
export function formatUsd(value: number | null, digits = 2): string {
  if (value === null || Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '∞ USD' : '−∞ USD'
  return `${numberFormat(digits).format(value).replace('-', '−')} USD`
}

/** A plain figure with thousands separators and a typographic minus: `−1,234.50`; `—` when not finite. */
export function formatNumber(value: number | null, digits: number): string {
  if (value === null || !Number.isFinite(value)) return '—'
  return numberFormat(digits).format(value).replace('-', '−')
}

/** A signed figure: `+1,234.50`, `−0.25`, `0.00` (zero unsigned); `—` when not finite. */
export function formatSigned(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—'
  const text = numberFormat(digits).format(Math.abs(value))
  return value < 0 ? `−${text}` : value > 0 ? `+${text}` : text
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

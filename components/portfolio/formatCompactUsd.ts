/**
 * A USD amount short enough for a heatmap cell, signed, unit left to the caption: `−12.3k`,
 * `+850`, `−1.25M`, `0`. The full figure goes in the cell's accessible label.
 *
 * @example
 * formatCompactUsd(-12_345) // '−12.3k'
 * formatCompactUsd(849.6) // '+850'
 */
export function formatCompactUsd(value: number): string {
  if (Number.isNaN(value)) return '—'
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞'
  const sign = value < 0 ? '−' : '+'
  const size = Math.abs(value)
  if (size < 0.5) return '0'
  if (size < 1_000) return `${sign}${size.toFixed(0)}`
  if (size < 999_500) return `${sign}${trim((size / 1_000).toFixed(size < 9_995 ? 2 : size < 99_950 ? 1 : 0))}k`
  if (size < 999_500_000) return `${sign}${trim((size / 1e6).toFixed(size < 9_995_000 ? 2 : size < 99_950_000 ? 1 : 0))}M`
  return `${sign}${trim((size / 1e9).toFixed(2))}B`
}

function trim(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text
}

/** Theme colours (app/globals.css `--color-safe`, `--color-danger`) as RGB. */
const gain = '34, 197, 94'
const loss = '239, 68, 68'

/**
 * The background of a heatmap cell for its P&L: green for a gain, red for a loss, opacity from
 * 0.08 to 0.7 growing with the square root of |P&L| / the largest |P&L| of the grid (so small
 * losses next to a crash row still read). Zero or no scale: a neutral, transparent cell.
 *
 * @example
 * pnlShade(-500, 2_000) // 'rgba(239, 68, 68, 0.39)'
 */
export function pnlShade(pnl: number, maxAbsPnl: number): string {
  if (!Number.isFinite(pnl) || !(maxAbsPnl > 0) || Math.abs(pnl) < 0.5) return 'transparent'
  const strength = Math.sqrt(Math.min(1, Math.abs(pnl) / maxAbsPnl))
  const alpha = Math.round((0.08 + 0.62 * strength) * 100) / 100
  return `rgba(${pnl > 0 ? gain : loss}, ${alpha})`
}

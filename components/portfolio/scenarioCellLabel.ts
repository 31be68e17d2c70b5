import { formatPercent } from '@/components/ui/formatFigures'
import type { ScenarioCell } from '@/lib/core/risk/scenarioGrid'
import { formatShock } from './formatShock'

const usd = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

/**
 * What a screen reader says for one heatmap cell, and its tooltip: the scenario, the account's
 * P&L in whole USD and the margin ratio it would have, then whether it is liquidatable and
 * whether it is one of the venue's own 27 maintenance scenarios.
 *
 * @example
 * scenarioCellLabel({ priceMove: -0.1, volShock: 0.3, pnl: -1_234.4, marginRatio: 0.84, liquidatable: false, venueScenario: false })
 * // 'price −10 %, vol +30 %: P&L −1,234 USD, margin ratio 84 %'
 */
export function scenarioCellLabel(cell: Pick<ScenarioCell, 'priceMove' | 'volShock' | 'pnl' | 'marginRatio' | 'liquidatable' | 'venueScenario'>): string {
  const pnl = Number.isFinite(cell.pnl) ? `${usd.format(cell.pnl).replace('-', '−')} USD` : '—'
  const parts = [`price ${formatShock(cell.priceMove)}, vol ${formatShock(cell.volShock)}: P&L ${pnl === '−0 USD' ? '0 USD' : pnl}, margin ratio ${formatPercent(cell.marginRatio, 0)}`]
  if (cell.liquidatable) parts.push('liquidatable')
  if (cell.venueScenario) parts.push('venue maintenance scenario')
  return parts.join(', ')
}

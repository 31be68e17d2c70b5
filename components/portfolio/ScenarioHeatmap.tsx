'use client'

import { memo, useId, useState, type CSSProperties } from 'react'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import type { ScenarioCell, ScenarioGridReturnType } from '@/lib/core/risk/scenarioGrid'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { formatCompactUsd } from './formatCompactUsd'
import { formatShock } from './formatShock'
import { pnlShade } from './pnlShade'
import { scenarioCellLabel } from './scenarioCellLabel'

/** Readable repaint: the grid is re-requested as snapshots arrive, at most this often (ms). */
const refreshMs = 500
/** Hatching and a red inset edge: the liquidation region. */
const liquidationHatch = 'repeating-linear-gradient(135deg, rgba(239, 68, 68, 0.55) 0 2px, transparent 2px 6px)'

/**
 * The scenario heatmap per underlying (issue 9, DESIGN.md §4.7): relative price moves (columns)
 * × volatility shocks (rows) of one underlying, each cell the cross account's P&L (coloured,
 * red loss to green gain) and, in its label, the margin ratio it would have there. Cells where
 * the account would be liquidatable are hatched with a red edge; the venue's own 27 maintenance
 * scenarios are outlined. Computed in the engine worker (lib/core `scenarioGrid`) from its
 * current state and re-requested as snapshots arrive, at most every 500 ms; the figures are
 * estimates with the other underlyings held fixed and no time decay.
 */
export const ScenarioHeatmap = memo(function ScenarioHeatmap({ account, hypothetical = false }: { account: AccountSnapshot; hypothetical?: boolean }) {
  const tabsId = useId()
  const underlyings = account.risk ? Object.values(account.risk.underlyings) : []
  const [chosen, setChosen] = useState<string | null>(null)
  const largest = [...underlyings].sort((a, b) => b.maintenanceMargin - a.maintenanceMargin)[0]?.underlying ?? null
  const underlying = chosen !== null && underlyings.some((u) => u.underlying === chosen) ? chosen : largest
  const request = useEngineRequest('scenarioGrid', underlying === null ? null : { account: account.address, underlying, hypothetical }, { refreshMs })
  const lastKnown = lastKnownText(account)
  const book = underlying === null ? undefined : account.risk?.underlyings[underlying]

  return (
    <section aria-label="Scenario heatmap" className="space-y-3 rounded-lg border border-edge bg-panel p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">Scenarios: price × volatility</h2>
        {hypothetical && <span className="rounded bg-accent/15 px-2 py-0.5 text-xs text-accent">Hypothetical (what-if)</span>}
        {underlyings.length > 0 && (
          <div role="tablist" aria-label="Underlying" className="flex gap-1">
            {underlyings.map((u) => (
              <button
                key={u.underlying}
                type="button"
                role="tab"
                id={`${tabsId}-${u.underlying}`}
                aria-selected={u.underlying === underlying}
                aria-controls={`${tabsId}-panel`}
                onClick={() => setChosen(u.underlying)}
                className={`rounded px-2 py-1 text-sm ${u.underlying === underlying ? 'bg-accent/20 text-accent' : 'text-muted hover:text-inherit'}`}
              >
                {u.underlying}
              </button>
            ))}
          </div>
        )}
      </div>
      {underlying === null ? (
        <p className="text-sm text-muted">{account.risk ? 'No cross positions: nothing to shock.' : 'Loading the book from the venue…'}</p>
      ) : (
        <div role="tabpanel" id={`${tabsId}-panel`} aria-labelledby={`${tabsId}-${underlying}`} className="space-y-3">
          {request.error !== null && <p className="text-sm text-danger">Cannot compute the scenarios: {request.error}</p>}
          {request.data === null ? (
            request.error === null && <p className="text-sm text-muted">Computing the scenarios in the engine…</p>
          ) : (
            <Grid grid={request.data} lastKnown={lastKnown} />
          )}
          {request.data !== null && book !== undefined && <VenueCheck grid={request.data} maintenanceMargin={book.maintenanceMargin} contingency={book.contingency} />}
          <p className="text-xs text-muted">
            Estimates: {underlying} alone moves (other underlyings held fixed), same valuation time (no time decay). P&amp;L of the cross account in USD — its{' '}
            {underlying} positions revalued (options by Black-Scholes at the shocked price and vol) and collateral that follows {underlying} — and the
            margin ratio (MM / equity) re-evaluated in each scenario.
          </p>
          <Legend />
        </div>
      )}
    </section>
  )
})

function Grid({ grid, lastKnown }: { grid: ScenarioGridReturnType; lastKnown: string | null }) {
  const captionId = useId()
  let maxAbs = 0
  for (const row of grid.cells) for (const cell of row) maxAbs = Math.max(maxAbs, Math.abs(cell.pnl))
  const rows = grid.cells.map((row, i) => ({ shock: grid.volShocks[i] as number, row })).reverse() // highest vol on top
  const isolated = grid.cells.flat().some((cell) => Math.abs(cell.isolatedPnl) >= 0.5)
  return (
    <div
      data-testid="scenario-heatmap"
      data-underlying={grid.underlying}
      data-price={grid.price}
      data-vol={grid.vol}
      data-now={grid.now}
      data-confident={lastKnown === null}
      className="space-y-2"
    >
      <p className="text-xs text-muted">
        From {grid.underlying} {formatUsd(grid.price, priceDigits(grid.price))}, vol {formatPercent(grid.vol, 1)}/yr
        {grid.maintenanceRange !== null && <> · the venue&apos;s maintenance range ±{formatPercent(grid.maintenanceRange, 2)}</>}
        {lastKnown !== null && <span className="text-warn"> · {lastKnown}</span>}
      </p>
      <p id={captionId} className="text-xs text-muted">
        {grid.underlying}: cross account P&amp;L in USD (k = thousand) by price move (columns) and volatility shock (rows)
      </p>
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="w-full overflow-x-auto rounded focus:outline-none focus-visible:ring-1 focus-visible:ring-accent">
        <table aria-labelledby={captionId} className={`min-w-max border-separate border-spacing-0.5 text-xs ${lastKnown === null ? '' : 'opacity-60'}`}>
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-panel px-1 text-left font-normal text-muted">
                vol \ price (USD)
              </th>
              {grid.priceMoves.map((move, j) => (
                <th key={j} scope="col" className="px-1 text-center font-normal text-muted" title={formatUsd(grid.price * (1 + move), priceDigits(grid.price))}>
                  <span className={move === 0 ? 'text-inherit' : ''}>{formatShock(move)}</span>
                  <span className="block font-mono text-[10px]">{formatPriceShort(grid.price * (1 + move))}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(({ shock, row }) => (
              <tr key={shock}>
                <th scope="row" className="sticky left-0 bg-panel px-1 text-left font-normal whitespace-nowrap text-muted">
                  {formatShock(shock)}
                  <span className="block font-mono text-[10px]">{formatPercent(grid.vol * (1 + shock), 0)}</span>
                </th>
                {row.map((cell, j) => (
                  <Cell key={j} cell={cell} maxAbs={maxAbs} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {isolated && <p className="text-xs text-muted">Isolated positions in {grid.underlying} are not in these figures: they stand on their own margin.</p>}
    </div>
  )
}

function Cell({ cell, maxAbs }: { cell: ScenarioCell; maxAbs: number }) {
  const label = scenarioCellLabel(cell)
  const shade = pnlShade(cell.pnl, maxAbs)
  const style: CSSProperties = {
    background: cell.liquidatable ? `${liquidationHatch}, ${shade === 'transparent' ? 'rgba(239, 68, 68, 0.15)' : shade}` : shade,
    boxShadow: cell.liquidatable ? 'inset 0 0 0 1px rgb(239, 68, 68)' : undefined,
    outline: cell.venueScenario ? '2px solid var(--color-accent)' : undefined,
    outlineOffset: cell.venueScenario ? '-2px' : undefined,
  }
  return (
    <td
      aria-label={label}
      title={label}
      data-price-move={cell.priceMove}
      data-vol-shock={cell.volShock}
      data-liquidatable={cell.liquidatable}
      data-venue={cell.venueScenario}
      style={style}
      className="h-8 min-w-12 rounded-sm px-1 text-center font-mono text-[11px] text-white/90"
    >
      {formatCompactUsd(cell.pnl)}
    </td>
  )
}

/** The venue's own 27 scenarios, read off the grid: their worst P&L is what the MM covers (less the short-option contingency). */
function VenueCheck({ grid, maintenanceMargin, contingency }: { grid: ScenarioGridReturnType; maintenanceMargin: number; contingency: number }) {
  const worst = grid.worstVenueScenario
  if (worst === null) return null
  return (
    <p className="text-xs text-muted" data-testid="venue-worst">
      The venue&apos;s worst of its 27 maintenance scenarios (outlined): price {formatShock(worst.priceMove)}, vol {formatShock(worst.volShock)}, positions P&amp;L{' '}
      <span className="font-mono">{formatUsd(worst.positionsPnl, 0)}</span> — {grid.underlying} MM <span className="font-mono">{formatUsd(maintenanceMargin, 0)}</span>
      {contingency > 0 && (
        <>
          {' '}
          (incl. <span className="font-mono">{formatUsd(contingency, 0)}</span> short-option contingency)
        </>
      )}
      .
    </p>
  )
}

function Legend() {
  return (
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-muted">
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={{ background: 'rgba(239, 68, 68, 0.6)' }} />
        loss
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={{ background: 'rgba(34, 197, 94, 0.6)' }} />
        gain
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={{ background: `${liquidationHatch}, rgba(239, 68, 68, 0.15)`, boxShadow: 'inset 0 0 0 1px rgb(239, 68, 68)' }} />
        liquidation region (equity below MM)
      </li>
      <li className="flex items-center gap-1.5">
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm" style={{ outline: '2px solid var(--color-accent)', outlineOffset: '-2px' }} />
        the venue&apos;s 27 maintenance scenarios
      </li>
    </ul>
  )
}

/** A column's shocked price without cents, in USD: `2,100` (cheap assets keep decimals). */
function formatPriceShort(price: number): string {
  return formatUsd(price, price >= 1_000 ? 0 : priceDigits(price)).replace(' USD', '')
}

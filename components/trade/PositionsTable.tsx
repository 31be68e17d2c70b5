'use client'

import { memo, useId } from 'react'
import { Td } from '@/components/ui/table/Td'
import { Th } from '@/components/ui/table/Th'
import { formatMultiple, formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import type { NoLiquidationReason } from '@/lib/core/risk/liquidationPrice'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { lastKnownText } from './gauge/lastKnownText'
import { positionRows, type PositionLiquidationLevel, type PositionRow } from './gauge/positionRows'

export type PositionActionKind = 'close' | 'addMargin'

/** What a row's button asks for; the row carries the position (`mode`, `index`, `isolatedId`, figures). */
export type PositionAction = { kind: PositionActionKind; position: PositionRow }

export type PositionsTableProps = {
  account: AccountSnapshot
  /** Without it the table has no actions column. */
  onAction?: (action: PositionAction) => void
}

const crossEstimate = 'estimate: other prices held fixed'
const isolatedEstimate = 'estimate: volatility and funding held fixed'
const noneText: Record<NoLiquidationReason, { text: string; title: string }> = {
  noneInRange: { text: 'None in range', title: 'no liquidation between 1 % and 100× of the current price (other prices held fixed)' },
  alreadyLiquidatable: { text: 'Liquidatable now', title: 'equity is already below the maintenance margin' },
  noExposure: { text: 'None', title: 'nothing in the book depends on this price' },
}

/**
 * The account's perp positions — cross (`risk.perps`) then isolated (`risk.isolated`) — as a
 * table: market, side, size, entry, mark, unrealized PnL (USD and %), funding accrued, leverage,
 * cross / isolated, liquidation price with its distance (% and σ), and actions ("Close"; "Add
 * margin" for isolated positions) reported through `onAction`. Liquidation prices are the
 * engine's estimates (other prices held fixed), labelled "est."; on a phone the table scrolls
 * sideways inside its panel with the market column kept in view.
 */
export const PositionsTable = memo(function PositionsTable({ account, onAction }: PositionsTableProps) {
  const captionId = useId()
  const { risk } = account
  const rows = risk === null ? [] : positionRows(risk)
  const lastKnown = lastKnownText(account)
  const columns = onAction ? 11 : 10
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="w-full overflow-x-auto rounded focus:outline-none focus-visible:ring-1 focus-visible:ring-accent">
      <table className="w-full min-w-max border-collapse text-sm" data-confident={lastKnown === null}>
        <caption id={captionId} className="pb-2 text-left text-xs text-muted">
          Open perp positions{lastKnown === null ? ' · live' : ''}
          {lastKnown !== null && <span className="text-warn"> · {lastKnown}</span>}
        </caption>
        <thead>
          <tr className="border-b border-edge text-left text-xs text-muted">
            <Th sticky>Market</Th>
            <Th>Side</Th>
            <Th numeric>Size</Th>
            <Th numeric>Entry</Th>
            <Th numeric>Mark</Th>
            <Th numeric>Unrealized PnL</Th>
            <Th numeric title="funding accrued since last settled, not yet paid: negative = the position pays">
              Funding accrued
            </Th>
            <Th numeric title="position notional / equity: the account’s equity for cross, the position’s own for isolated">
              Leverage
            </Th>
            <Th>Margin</Th>
            <Th numeric title={`${crossEstimate}; distance from the mark in % and in horizon standard deviations (σ)`}>
              Liquidation price
            </Th>
            {onAction && <Th>Actions</Th>}
          </tr>
        </thead>
        <tbody className={lastKnown === null ? '' : 'opacity-60'}>
          {risk === null ? (
            <EmptyRow columns={columns}>{account.error ? `Cannot evaluate the account: ${account.error.message}` : 'Loading the book from the venue…'}</EmptyRow>
          ) : rows.length === 0 ? (
            <EmptyRow columns={columns}>No open positions</EmptyRow>
          ) : (
            rows.map((row) => <Row key={row.key} row={row} onAction={onAction} />)
          )}
        </tbody>
      </table>
    </div>
  )
})

function Row({ row, onAction }: { row: PositionRow; onAction: PositionsTableProps['onAction'] }) {
  const name = `${row.underlying} perp ${row.side}${row.mode === 'isolated' ? ' (isolated)' : ''}`
  return (
    <tr className="border-b border-edge/60 last:border-0" data-testid={`position-${row.key}`}>
      <th scope="row" className="sticky left-0 bg-panel py-1.5 pr-3 text-left font-medium">
        {row.underlying} perp
      </th>
      <Td>
        <span className={row.side === 'long' ? 'text-safe' : 'text-danger'}>{row.side === 'long' ? 'Long' : 'Short'}</span>
      </Td>
      <Td numeric>{formatSize(row.size, row.underlying)}</Td>
      <Td numeric>{formatUsd(row.entryPrice, priceDigits(row.entryPrice))}</Td>
      <Td numeric>{formatUsd(row.markPrice, priceDigits(row.markPrice))}</Td>
      <Td numeric className={pnlClass(row.unrealizedPnl)}>
        <div>{signedUsd(row.unrealizedPnl)}</div>
        <div className="text-xs">{signed(row.unrealizedPnlRatio, formatPercent(row.unrealizedPnlRatio))}</div>
      </Td>
      <Td numeric className={pnlClass(row.fundingAccrued)}>
        {signedUsd(row.fundingAccrued)}
      </Td>
      <Td numeric>
        <span title={row.mode === 'cross' ? 'position notional / account equity' : 'position notional / isolated equity (its margin + PnL − funding)'}>
          {formatMultiple(row.leverage)}
        </span>
      </Td>
      <Td>
        {row.mode === 'cross' ? (
          'Cross'
        ) : (
          <div title={`isolated margin ratio (MM / its equity): ${formatPercent(row.isolatedMarginRatio)}`}>
            <div>Isolated</div>
            <div className="text-xs text-muted">{formatAmount(row.isolatedMargin ?? 0)} USDC</div>
          </div>
        )}
      </Td>
      <Td numeric>
        <Liquidation row={row} />
      </Td>
      {onAction && (
        <Td>
          <div className="flex gap-1.5">
            <button type="button" aria-label={`Close ${name}`} onClick={() => onAction({ kind: 'close', position: row })} className={buttonClass}>
              Close
            </button>
            {row.mode === 'isolated' && (
              <button type="button" aria-label={`Add margin to ${name}`} onClick={() => onAction({ kind: 'addMargin', position: row })} className={buttonClass}>
                Add margin
              </button>
            )}
          </div>
        </Td>
      )}
    </tr>
  )
}

function Liquidation({ row }: { row: PositionRow }) {
  const { liquidation } = row
  if (liquidation.kind === 'pending') return <span className="text-muted">computing…</span>
  if (liquidation.kind === 'none') {
    const { text, title } = noneText[liquidation.reason]
    return (
      <span title={title} className={liquidation.reason === 'alreadyLiquidatable' ? 'font-medium text-danger' : 'text-muted'}>
        {text}
      </span>
    )
  }
  const estimate = row.mode === 'cross' ? crossEstimate : isolatedEstimate
  return (
    <div className="flex flex-col items-end gap-0.5">
      {liquidation.levels.map((level) => (
        <Level key={level.side} level={level} estimate={estimate} showSide={liquidation.levels.length > 1} />
      ))}
    </div>
  )
}

function Level({ level, estimate, showSide }: { level: PositionLiquidationLevel; estimate: string; showSide: boolean }) {
  const sigmas = level.distanceSigmas === null ? '— σ' : `${formatSigned(level.distanceSigmas, 2)} σ`
  return (
    <div data-side={level.side}>
      {showSide && <span className="mr-1 text-xs text-muted">{level.side}</span>}
      <span className="font-mono">{formatUsd(level.price, priceDigits(level.price))}</span>{' '}
      <span title={estimate} className="cursor-help text-xs text-muted underline decoration-dotted">
        est.
      </span>
      <div className="text-xs text-muted" title="distance from the current mark, in % and in standard deviations of a move over the risk horizon">
        {signed(level.distance, formatPercent(level.distance))} · {sigmas}
      </div>
    </div>
  )
}

function EmptyRow({ columns, children }: { columns: number; children: string }) {
  return (
    <tr>
      <td colSpan={columns} className="py-3 text-center text-muted">
        {children}
      </td>
    </tr>
  )
}


const buttonClass = 'rounded border border-edge px-2 py-0.5 text-xs hover:border-accent hover:text-accent focus-visible:outline focus-visible:outline-accent'

const amountFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 })
const usdcFormat = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

/** `0.25 BTC`, `100 SOL`: base units with the underlying's symbol. */
function formatSize(size: number, underlying: string): string {
  return `${amountFormat.format(size)} ${underlying}`
}

function formatAmount(value: number): string {
  return usdcFormat.format(value).replace('-', '−')
}

/** A `+` before a positive figure (the formatters mark only negatives). */
function signed(value: number, text: string): string {
  return value > 0 ? `+${text}` : text
}

function signedUsd(value: number): string {
  return signed(value, formatUsd(value))
}

function formatSigned(value: number, digits: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '+∞' : '−∞'
  return signed(value, value.toFixed(digits).replace('-', '−'))
}

function pnlClass(value: number): string {
  if (value > 0) return 'text-safe'
  if (value < 0) return 'text-danger'
  return ''
}

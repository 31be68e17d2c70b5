'use client'

import { memo, useId, type ReactNode } from 'react'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { Td } from '@/components/ui/table/Td'
import { Th } from '@/components/ui/table/Th'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { formatShock } from './formatShock'
import { underlyingRows, type UnderlyingRow } from './underlyingRows'

const volStateText = { down: 'vol down', base: 'vol unchanged', up: 'vol up' } as const

/**
 * Per underlying of the cross book (issue 9): net delta in units and USD, gamma, vega per vol
 * point, theta per day, MM and IM with their share of the account's, and what drives the
 * requirement — the venue's worst maintenance scenario split into its delta, gamma and vega
 * terms and the rest (DESIGN.md §4.2). Pass an account repainted at a readable rate
 * (`useThrottledValue`): these are figures to read, not to watch flicker.
 */
export const UnderlyingRiskTable = memo(function UnderlyingRiskTable({ account, hypothetical = false }: { account: AccountSnapshot; hypothetical?: boolean }) {
  const { risk } = account
  if (risk === null) return null
  const { rows, totals } = underlyingRows(risk)
  const lastKnown = lastKnownText(account)
  const status = (
    <>
      {hypothetical ? <span className="text-accent"> · hypothetical (what-if)</span> : lastKnown === null ? ' · live' : ''}
      {lastKnown !== null && <span className="text-warn"> · {lastKnown}</span>}
    </>
  )
  const dim = lastKnown === null ? '' : 'opacity-60'
  return (
    <div className="space-y-4" data-testid="underlying-risk" data-confident={lastKnown === null}>
      <ScrollTable caption={<>Greeks per underlying (cross book){status}</>}>
        <thead>
          <tr className="border-b border-edge text-left text-xs text-muted">
            <Th sticky>Underlying</Th>
            <Th numeric title="perps plus options' delta, units of the underlying">Net delta (units)</Th>
            <Th numeric title="net delta × price">Net delta (USD)</Th>
            <Th numeric title="gamma × price × 1 %: how much the net delta grows for a 1 % rise in price, units">Gamma (Δ per 1 %)</Th>
            <Th numeric title="change in value for a 1-point (0.01) rise in volatility">Vega / vol pt (USD)</Th>
            <Th numeric title="change in value over one day, prices and vol unchanged">Theta / day (USD)</Th>
          </tr>
        </thead>
        <tbody className={dim}>
          {rows.length === 0 ? <NoPositions columns={6} /> : rows.map((row) => <GreeksRow key={row.underlying} row={row} />)}
        </tbody>
        {rows.length > 0 && (
          <tfoot className={dim}>
            <tr className="border-t border-edge text-muted">
              <RowHeader>Account</RowHeader>
              <td colSpan={3} className="py-1.5 pr-3 text-xs">
                deltas do not add across underlyings
              </td>
              <Td numeric>{formatUsd(totals.vegaPerPoint)}</Td>
              <Td numeric>{formatUsd(totals.thetaPerDay)}</Td>
            </tr>
          </tfoot>
        )}
      </ScrollTable>
      <ScrollTable caption={<>Margin per underlying and what drives it: the venue&apos;s worst maintenance scenario split into Greeks{status}</>}>
        <thead>
          <tr className="border-b border-edge text-left text-xs text-muted">
            <Th sticky>Underlying</Th>
            <Th numeric title="maintenance margin of the underlying and its share of the account's">MM (USD · share)</Th>
            <Th numeric title="initial margin of the underlying and its share of the account's">IM (USD · share)</Th>
            <Th title="the venue's worst of its 27 maintenance scenarios: price move and vol state">Worst MM scenario</Th>
            <Th numeric title="net delta × price change at the worst scenario">Delta part (USD)</Th>
            <Th numeric title="½ × gamma × price change² at the worst scenario">Gamma part (USD)</Th>
            <Th numeric title="vega × vol change at the worst scenario">Vega part (USD)</Th>
            <Th numeric title="what the Taylor terms do not explain: higher-order and cross effects">Residual (USD)</Th>
          </tr>
        </thead>
        <tbody className={dim}>
          {rows.length === 0 ? <NoPositions columns={8} /> : rows.map((row) => <MarginRow key={row.underlying} row={row} />)}
        </tbody>
        {rows.length > 0 && (
          <tfoot className={dim}>
            <tr className="border-t border-edge text-muted">
              <RowHeader>Account</RowHeader>
              <Td numeric>{formatUsd(totals.maintenanceMargin)}</Td>
              <Td numeric>{formatUsd(totals.initialMargin)}</Td>
              <td colSpan={5} className="py-1.5 pr-3 text-xs">
                no offsets across underlyings: the account&apos;s MM and IM are the sums
              </td>
            </tr>
          </tfoot>
        )}
      </ScrollTable>
    </div>
  )
})

function ScrollTable({ caption, children }: { caption: ReactNode; children: ReactNode }) {
  // The title sits outside the scrolling area so it wraps to the screen, not to the table's width.
  const captionId = useId()
  return (
    <div>
      <p id={captionId} className="pb-2 text-xs text-muted">
        {caption}
      </p>
      <div role="region" aria-labelledby={captionId} tabIndex={0} className="w-full overflow-x-auto rounded focus:outline-none focus-visible:ring-1 focus-visible:ring-accent">
        <table aria-labelledby={captionId} className="w-full min-w-max border-collapse text-sm">
          {children}
        </table>
      </div>
    </div>
  )
}

function NoPositions({ columns }: { columns: number }) {
  return (
    <tr>
      <td colSpan={columns} className="py-3 text-muted">
        No cross positions.
      </td>
    </tr>
  )
}

function RowHeader({ children }: { children: ReactNode }) {
  return (
    <th scope="row" className="sticky left-0 bg-panel py-1.5 pr-3 text-left font-medium">
      {children}
    </th>
  )
}

function GreeksRow({ row }: { row: UnderlyingRow }) {
  return (
    <tr className="border-b border-edge/60 last:border-0" data-testid={`underlying-${row.underlying}`}>
      <RowHeader>
        {row.underlying}
        <span className="ml-2 font-mono text-xs font-normal text-muted">{formatUsd(row.price, priceDigits(row.price))}</span>
      </RowHeader>
      <Td numeric>{`${formatSigned(row.netDelta, 4)} ${row.underlying}`}</Td>
      <Td numeric>{formatUsd(row.netDeltaUsd, 0)}</Td>
      <Td numeric>{`${formatSigned(row.gammaPerPercent, 4)} ${row.underlying}`}</Td>
      <Td numeric>{formatUsd(row.vegaPerPoint)}</Td>
      <Td numeric>{formatUsd(row.thetaPerDay)}</Td>
    </tr>
  )
}

function MarginRow({ row }: { row: UnderlyingRow }) {
  const { attribution } = row.worst
  return (
    <tr className="border-b border-edge/60 last:border-0" data-testid={`margin-${row.underlying}`}>
      <RowHeader>{row.underlying}</RowHeader>
      <Td numeric>
        {formatUsd(row.maintenanceMargin, 0)} · {formatPercent(row.maintenanceShare, 1)}
      </Td>
      <Td numeric>
        {formatUsd(row.initialMargin, 0)} · {formatPercent(row.initialShare, 1)}
      </Td>
      <Td>{`price ${formatShock(row.worst.priceMove)}, ${volStateText[row.worst.volState]}: ${wholeUsd(row.worst.pnl)}`}</Td>
      <Td numeric>{wholeUsd(attribution.delta)}</Td>
      <Td numeric>{wholeUsd(attribution.gamma)}</Td>
      <Td numeric>{wholeUsd(attribution.vega)}</Td>
      <Td numeric>{wholeUsd(attribution.residual)}</Td>
    </tr>
  )
}

/** Whole USD, with amounts that round to 0 shown as 0 rather than "−0". */
function wholeUsd(value: number): string {
  return formatUsd(Math.abs(value) < 0.5 ? 0 : value, 0)
}

function formatSigned(value: number, digits: number): string {
  if (!Number.isFinite(value)) return '—'
  const text = Math.abs(value).toFixed(digits)
  if (Number(text) === 0) return text
  return `${value < 0 ? '−' : '+'}${text}`
}

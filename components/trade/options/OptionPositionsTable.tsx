'use client'

import { memo, useId } from 'react'
import { Td } from '@/components/ui/table/Td'
import { Th } from '@/components/ui/table/Th'
import { formatSigned, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { lastKnownText } from '../gauge/lastKnownText'
import { optionRows, type OptionRow } from './optionRows'
import { seriesName } from './seriesName'
import { timeLeft } from './timeLeft'

export type OptionPositionsTableProps = { account: AccountSnapshot }

const markTitle = 'model mark: Black-Scholes at the oracle price and the volatility index (an estimate of what the venue pays to close, before its spread and fee); intrinsic value once expired'

/**
 * The account's option positions (issue 8): series, side, contracts, entry premium, model mark,
 * value, unrealized PnL and the position's delta, vega per vol point and theta per day, with the
 * time left to expiry — or "expired", valued at intrinsic until the series settles at the first
 * oracle price after expiry. Renders nothing when the account holds no options.
 */
export const OptionPositionsTable = memo(function OptionPositionsTable({ account }: OptionPositionsTableProps) {
  const captionId = useId()
  const { risk } = account
  if (risk === null || risk.options.length === 0) return null
  const rows = optionRows(risk)
  const lastKnown = lastKnownText(account)
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="mt-4 w-full overflow-x-auto rounded focus:outline-none focus-visible:ring-1 focus-visible:ring-accent">
      <table className="w-full min-w-max border-collapse text-sm" data-confident={lastKnown === null}>
        <caption id={captionId} className="pb-2 text-left text-xs text-muted">
          Option positions ({rows.length}){lastKnown === null ? ' · live' : ''}
          {lastKnown !== null && <span className="text-warn"> · {lastKnown}</span>}
        </caption>
        <thead>
          <tr className="border-b border-edge text-left text-xs text-muted">
            <Th sticky>Series</Th>
            <Th>Side</Th>
            <Th numeric title="contracts; 1 contract = 1 unit of the underlying">Contracts</Th>
            <Th numeric title="average premium per contract at entry">Entry</Th>
            <Th numeric title={markTitle}>Mark (model)</Th>
            <Th numeric title="contracts × mark: an asset when long, a liability when short">Value</Th>
            <Th numeric title="contracts × (mark − entry premium)">Unrealized PnL</Th>
            <Th numeric title="position delta, units of the underlying">Delta</Th>
            <Th numeric title="change in value for a 1-point (0.01) rise in volatility">Vega / vol pt</Th>
            <Th numeric title="change in value over one day, prices and vol unchanged">Theta / day</Th>
            <Th numeric>Expires in</Th>
          </tr>
        </thead>
        <tbody className={lastKnown === null ? '' : 'opacity-60'}>
          {rows.map((row) => (
            <Row key={row.key} row={row} />
          ))}
        </tbody>
      </table>
    </div>
  )
})

function Row({ row }: { row: OptionRow }) {
  return (
    <tr className="border-b border-edge/60 last:border-0" data-testid={`option-${row.key}`}>
      <th scope="row" className="sticky left-0 bg-panel py-1.5 pr-3 text-left font-medium">
        {seriesName(row)}
      </th>
      <Td>
        <span className={row.side === 'long' ? 'text-safe' : 'text-danger'}>{row.side === 'long' ? 'Long' : 'Short'}</span>
      </Td>
      <Td numeric>{formatContracts(row.size)}</Td>
      <Td numeric>{row.entryPremium === null ? '—' : formatUsd(row.entryPremium, priceDigits(row.entryPremium))}</Td>
      <Td numeric>{formatUsd(row.mark, priceDigits(row.mark))}</Td>
      <Td numeric>{formatUsd(row.value)}</Td>
      <Td numeric className={pnlClass(row.unrealizedPnl)}>
        {row.unrealizedPnl === null ? '—' : `${row.unrealizedPnl > 0 ? '+' : ''}${formatUsd(row.unrealizedPnl)}`}
      </Td>
      <Td numeric>{`${formatSigned(row.delta, 3)} ${row.underlying}`}</Td>
      <Td numeric>{formatUsd(row.vegaPerPoint)}</Td>
      <Td numeric>{formatUsd(row.thetaPerDay)}</Td>
      <Td numeric>
        {row.expired ? (
          <span className="text-warn" title="valued at intrinsic until the series settles at the first oracle price at or after expiry">
            expired · settling
          </span>
        ) : (
          timeLeft(row.secondsToExpiry)
        )}
      </Td>
    </tr>
  )
}

function formatContracts(size: number): string {
  return formatSigned(size, Math.abs(size) >= 10 ? 2 : 4)
}

function pnlClass(value: number | null): string {
  if (value === null || value === 0) return ''
  return value > 0 ? 'text-safe' : 'text-danger'
}

'use client'

import { formatUsd } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { lastKnownText } from './gauge/lastKnownText'

/**
 * The cross account's equity, free collateral, initial margin (IM) and maintenance margin (MM),
 * in USD. When the figures are not live (a feed not live, the chain or the engine restarting)
 * they are dimmed and labelled "last known" with the reason (DESIGN.md §4.6).
 */
export function AccountFigures({ account }: { account: AccountSnapshot }) {
  const { risk } = account
  if (risk === null) {
    return <p className="text-sm text-muted">{account.error ? `Cannot evaluate the account: ${account.error.message}` : 'Loading the book from the venue…'}</p>
  }
  const lastKnown = lastKnownText(account)
  return (
    <div data-testid="account-figures" data-confident={lastKnown === null}>
      <dl className={`grid grid-cols-2 gap-x-4 gap-y-1 text-sm ${lastKnown === null ? '' : 'opacity-60'}`}>
        <Figure name="Equity" title="collateral value + perp PnL − funding owed + option value" value={formatUsd(risk.equity)} testId="equity" />
        <Figure
          name="Free collateral"
          title="equity − initial margin: negative means only risk-reducing trades"
          value={formatUsd(risk.freeCollateral)}
          testId="free-collateral"
          className={risk.freeCollateral < 0 ? 'text-danger' : ''}
        />
        <Figure name="Initial margin (IM)" title="required to open risk; free collateral is equity above it" value={formatUsd(risk.initialMargin)} testId="initial-margin" />
        <Figure name="Maintenance margin (MM)" title="liquidation when equity falls below it" value={formatUsd(risk.maintenanceMargin)} testId="maintenance-margin" />
      </dl>
      {lastKnown !== null && <p className="mt-1 text-xs text-warn">{lastKnown}</p>}
    </div>
  )
}

function Figure({ name, title, value, testId, className = '' }: { name: string; title: string; value: string; testId: string; className?: string }) {
  return (
    <>
      <dt className="text-muted" title={title}>
        {name}
      </dt>
      <dd className={`text-right font-mono ${className}`} data-testid={testId}>
        {value}
      </dd>
    </>
  )
}

'use client'

import { memo } from 'react'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { formatMultiple, formatPercent, formatUsd } from '@/components/ui/formatFigures'
import { useEngine } from './EngineProvider'
import { useAccountFigures } from './useAccountFigures'

/**
 * The watched accounts' headline figures from the engine worker, recomputed on every tick and
 * shown at most every `figuresRepaintMs` (`useAccountFigures`). When a figure depends on a feed
 * that is not live (or the engine is restarting), it is labelled "last known" with the reason at
 * once, never shown as live.
 */
export function WatchedAccounts({ labels }: { labels: Record<string, string> }) {
  const accounts = useEngine((state) => state.accounts)
  const list = Object.values(accounts)
  return (
    <section aria-label="Accounts" className="rounded-lg border border-edge bg-panel p-4">
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">Watched accounts</h2>
      {list.length === 0 ? (
        <p className="text-sm text-muted">No account watched.</p>
      ) : (
        <div className="grid gap-3 md:grid-cols-2">
          {list.map((account) => (
            <AccountCard key={account.address} account={account} label={labels[account.address] ?? account.address} />
          ))}
        </div>
      )}
    </section>
  )
}

function AccountCard({ account, label }: { account: AccountSnapshot; label: string }) {
  return <AccountFigures account={useAccountFigures(account)} label={label} />
}

const AccountFigures = memo(function AccountFigures({ account, label }: { account: AccountSnapshot; label: string }) {
  const { risk, confident } = account
  return (
    <article data-testid={`account-${account.address}`} data-confident={confident} className="rounded border border-edge p-3">
      <header className="mb-2 flex items-baseline justify-between gap-2">
        <h3 className="font-medium">{label}</h3>
        <span className={`text-xs ${confident ? 'text-safe' : 'text-warn'}`}>{confident ? 'live' : 'last known'}</span>
      </header>
      {risk === null ? (
        <p className="text-sm text-muted">{account.error ? `Cannot evaluate: ${account.error.message}` : 'Loading the book from the venue…'}</p>
      ) : (
        <dl className={`grid grid-cols-2 gap-x-4 gap-y-1 text-sm ${confident ? '' : 'opacity-60'}`}>
          <Figure name="Equity" value={formatUsd(risk.equity)} />
          <Figure name="Maintenance margin" value={formatUsd(risk.maintenanceMargin)} />
          <Figure name="Margin ratio (MM / equity)" value={formatPercent(risk.marginRatio, 1)} testId="margin-ratio" />
          <Figure name="Gross leverage" value={formatMultiple(risk.grossLeverage)} testId="gross-leverage" />
          <Figure name="Free collateral" value={formatUsd(risk.freeCollateral)} />
          <Figure name="Liquidatable" value={risk.liquidatable ? 'yes' : 'no'} />
        </dl>
      )}
      {!confident && account.doubts.length > 0 && <p className="mt-2 text-xs text-warn">Why not live: {account.doubts.join('; ')}</p>}
    </article>
  )
})

function Figure({ name, value, testId }: { name: string; value: string; testId?: string }) {
  return (
    <>
      <dt className="text-muted">{name}</dt>
      <dd className="text-right font-mono" {...(testId ? { 'data-testid': testId } : {})}>
        {value}
      </dd>
    </>
  )
}

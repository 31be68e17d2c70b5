'use client'

import { memo, useCallback, useEffect, useMemo } from 'react'
import { useEngineClient } from '@/components/engine/EngineProvider'
import { useAccountFigures, useLiveAccount } from '@/components/engine/useAccountFigures'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { RiskWarnings, warnAtMarginRatio } from '@/components/trade/RiskWarnings'
import { formatPercent } from '@/components/ui/formatFigures'
import { WalletButton } from '@/components/wallet/WalletButton'
import { shortAddress } from '@/components/wallet/walletLabels'
import { useTraderAddress } from '@/lib/chain/wallet/useTraderAddress'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { AccountSummary } from './AccountSummary'
import { AccountSwitcher } from './AccountSwitcher'
import { AccountHistory } from './history/AccountHistory'
import type { WatchTarget } from './parseWatchAddress'
import { PositionsWorkspace } from './positions/PositionsWorkspace'
import { OptionsTicket, type OptionsTicketProps } from './options/OptionsTicket'
import { ScenarioHeatmap } from './ScenarioHeatmap'
import { UnderlyingRiskTable } from './UnderlyingRiskTable'
import { LiquidationPicture } from './liquidation/LiquidationPicture'
import { hypotheticalView } from './whatif/hypotheticalView'
import { WhatIfPanel } from './whatif/WhatIfPanel'
import { useWhatIfChanges, useWhatIfStore } from './whatif/whatIfStore'

/**
 * The power user's portfolio page (issue 9, route `/portfolio`): the connected wallet's cross
 * account — or any address given as `?address=0x…`, read only, or one picked in the account
 * switcher — with the account summary and its live gauges, Greeks and margin per underlying,
 * what-if, the liquidation picture, the price × volatility scenario heatmap, the positions
 * workspace, the options ticket and the account's history. With what-if changes planned (and the
 * what-if view chosen) every panel shows the hypothetical book the engine evaluates beside the
 * real one, and says so. The engine worker watches just this account.
 */
export function PortfolioDashboard({ target }: { target: WatchTarget }) {
  const wallet = useTraderAddress()
  const client = useEngineClient()
  const address = target.kind === 'watch' ? target.address : target.kind === 'wallet' ? wallet : null

  const whatIf = useWhatIfChanges(address)

  useEffect(() => {
    client.watch(address ? [address] : [])
  }, [client, address])

  // The engine evaluates the what-if book beside the real one; it keeps the list across restarts.
  useEffect(() => {
    if (address) client.whatIf(address, whatIf)
  }, [client, address, whatIf])

  return (
    <div className="dashboard-panels space-y-4">
      <header className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-edge bg-panel px-4 py-3">
        <h1 className="text-xl font-semibold">Portfolio</h1>
        {target.kind === 'watch' && (
          <p role="status" data-testid="watch-badge" data-address={target.address} title={target.address} className="rounded bg-accent/15 px-2 py-0.5 text-sm text-accent">
            watching {shortAddress(target.address)} (read only)
          </p>
        )}
        <div className="ml-auto flex flex-wrap items-center gap-3">
          <AccountSwitcher target={target} />
          <WatchForm key={target.kind === 'watch' ? target.address : ''} current={target.kind === 'watch' ? target.address : ''} />
          {target.kind === 'watch' ? (
            <a href="/portfolio" className="text-sm text-muted underline hover:text-inherit">
              my account
            </a>
          ) : (
            <WalletButton />
          )}
        </div>
      </header>
      {target.kind === 'invalid' ? (
        <p role="alert" className="rounded-lg border border-danger bg-danger/15 p-3 text-sm text-danger">
          Cannot watch “{target.input}”: {target.reason}
        </p>
      ) : address === null ? (
        <p className="rounded-lg border border-edge bg-panel p-4 text-sm text-muted">Connect a wallet, or watch an address, to see a portfolio.</p>
      ) : (
        <WatchedBook address={address} readOnly={target.kind === 'watch'} />
      )}
    </div>
  )
}

/** The account's panels: the only part of the page that follows every snapshot (the header does not). */
function WatchedBook({ address, readOnly }: { address: string; readOnly: boolean }) {
  const account = useLiveAccount(address)
  if (account === null) return <p className="rounded-lg border border-edge bg-panel p-4 text-sm text-muted">Loading {shortAddress(address)} from the venue…</p>
  return <Book account={account} readOnly={readOnly} />
}

function Book({ account, readOnly }: { account: AccountSnapshot; readOnly: boolean }) {
  // Tables and panels follow the account at ≤ 10 Hz (the gauges every snapshot); they are
  // memoised, so the snapshots in between re-render only the summary and the warnings.
  const real = useAccountFigures(account)
  const changes = useWhatIfChanges(account.address)
  const mode = useWhatIfStore((state) => state.mode)
  const addWhatIf = useWhatIfStore((state) => state.add)
  // With what-if changes (and the what-if view chosen) every panel shows the hypothetical book.
  const hypothetical = changes.length > 0 && mode === 'whatIf' && account.whatIf !== null
  const live = hypothetical ? hypotheticalView(account) : account
  const figures = useMemo(() => (hypothetical ? hypotheticalView(real) : real), [hypothetical, real])
  const address = account.address
  const onAddToWhatIf = useCallback((change: Parameters<typeof addWhatIf>[1]) => addWhatIf(address, change), [addWhatIf, address])
  return (
    <>
      {readOnly ? <ReadOnlyWarning account={real} /> : <RiskWarnings account={account} />}
      {hypothetical && <HypotheticalBanner count={changes.length} />}
      <AccountSummary live={live} figures={figures} hypothetical={hypothetical} />
      <BookPanels real={real} figures={figures} hypothetical={hypothetical} readOnly={readOnly} onAddToWhatIf={onAddToWhatIf} />
    </>
  )
}

type BookPanelsProps = {
  /** The real account at ≤ 10 Hz. */
  real: AccountSnapshot
  /** What the panels show: `real`, or its hypothetical view. */
  figures: AccountSnapshot
  hypothetical: boolean
  readOnly: boolean
  onAddToWhatIf: OptionsTicketProps['onAddToWhatIf']
}

/** The panels below the summary: skipped as a whole by the snapshots between two repaints. */
const BookPanels = memo(function BookPanels({ real, figures, hypothetical, readOnly, onAddToWhatIf }: BookPanelsProps) {
  return (
    <>
      <section aria-label="Greeks and margin" className="rounded-lg border border-edge bg-panel p-4">
        <UnderlyingRiskTable account={figures} hypothetical={hypothetical} />
      </section>
      <WhatIfPanel account={real} readOnly={readOnly} />
      <LiquidationPicture account={figures} hypothetical={hypothetical} />
      <ScenarioHeatmap account={figures} hypothetical={hypothetical} />
      <PositionsWorkspace account={figures} hypothetical={hypothetical} />
      <OptionsTicket account={figures} readOnly={readOnly} hypothetical={hypothetical} onAddToWhatIf={onAddToWhatIf} />
      <AccountHistory account={real} hypothetical={hypothetical} />
    </>
  )
})

/** Says, above everything, that the figures below are not the account's real state. */
function HypotheticalBanner({ count }: { count: number }) {
  return (
    <p role="status" data-testid="hypothetical-banner" className="rounded-lg border border-dashed border-accent bg-panel px-4 py-2 text-sm text-accent">
      Hypothetical: the figures below include {count} what-if change{count === 1 ? '' : 's'} not sent to the venue. Switch to “Page shows real” in What-if to see the account as it is.
    </p>
  )
}

/** The trade page's warning without its one-click fix: a watched account is not ours to sign for. */
function ReadOnlyWarning({ account }: { account: AccountSnapshot }) {
  const risk = account.risk
  if (risk === null || !(risk.liquidatable || risk.marginRatio >= warnAtMarginRatio)) return null
  const lastKnown = lastKnownText(account)
  return (
    <p role="alert" data-testid="risk-warning" className="rounded-lg border border-warn bg-warn/10 p-3 text-sm text-warn">
      {risk.liquidatable ? 'Liquidatable: equity is below the maintenance margin. ' : ''}Margin ratio {formatPercent(risk.marginRatio, 1)} (liquidation at 100 %)
      {lastKnown === null ? '' : ` — ${lastKnown}`}.
    </p>
  )
}

/** Watch another address read only: a plain GET to `/portfolio?address=…` (no wallet, no write). */
function WatchForm({ current }: { current: string }) {
  return (
    <form action="/portfolio" method="get" className="flex items-center gap-2" role="search" aria-label="Watch an address">
      <label htmlFor="watch-address" className="sr-only">
        Address to watch (0x…)
      </label>
      <input
        id="watch-address"
        name="address"
        defaultValue={current}
        placeholder="0x… to watch"
        spellCheck={false}
        autoComplete="off"
        className="w-44 rounded border border-edge bg-surface px-2 py-1 font-mono text-xs sm:w-72"
      />
      <button type="submit" className="rounded border border-edge px-2 py-1 text-sm text-muted hover:text-inherit">
        Watch
      </button>
    </form>
  )
}

'use client'

import { devnetMarketIds } from '@/lib/chain/writes/devnetMarkets'
import { useCallback, useEffect, useState } from 'react'
import { useTraderAddress } from '@/lib/chain/wallet/useTraderAddress'
import { venueCall } from '@/lib/chain/writes/venueCall'
import { AlertsPanel } from '@/components/alerts/AlertsPanel'
import { CollateralPanel } from '@/components/collateral/CollateralPanel'
import { SetLeveragePanel } from '@/components/collateral/SetLeveragePanel'
import { useVenueWrite, type VenueWriteStage } from '@/components/collateral/useVenueWrite'
import { WriteStatus } from '@/components/collateral/WriteStatus'
import { useEngine, useEngineClient } from '@/components/engine/EngineProvider'
import { useAccountFigures, useFeedFigures, useLiveAccount } from '@/components/engine/useAccountFigures'
import { WalletButton } from '@/components/wallet/WalletButton'
import { AccountFigures } from './AccountFigures'
import { DemoControls } from './DemoControls'
import { LeverageGauge } from './LeverageGauge'
import { MarginRatioMeter } from './MarginRatioMeter'
import { MarketHeader, type DashboardMarket } from './MarketHeader'
import { OrderTicket } from './OrderTicket'
import { OptionPositionsTable } from './options/OptionPositionsTable'
import { PositionsTable, type PositionAction } from './PositionsTable'
import { PriceChart } from './PriceChart'
import { RiskWarnings } from './RiskWarnings'


/** One element for every render, so the memoised header is not re-rendered for it. */
const walletButton = <WalletButton />

/**
 * The trader's dashboard (issue 7, route `/`): the connected account in one market — price and
 * feed status, chart with entry and liquidation lines, leverage gauge and margin meter, positions,
 * the order ticket and the one-click collateral adjustments — all from the engine worker's
 * snapshots of that account, and every write simulated, signed and followed to its receipt.
 * The price, gauges, meter, figures and warnings follow every snapshot (`LiveLeverage`,
 * `LiveRiskWarnings`); tables and tickets follow the account at ≤ 10 Hz (`AccountPanels`,
 * `useAccountFigures`) and skip the snapshots in between (memoised). The dashboard itself, with
 * its wallet hooks, renders only when the market, the wallet or a close's stage changes.
 */
export function TradeDashboard({ mode, servicesUrl, baseWatch }: { mode: 'demo' | 'live'; servicesUrl: string; baseWatch: readonly string[] }) {
  const [market, setMarket] = useState<DashboardMarket>('ETH')
  const address = useTraderAddress()
  const client = useEngineClient()
  const closeWrite = useVenueWrite()
  const runClose = closeWrite.run
  const [moveTarget, setMoveTarget] = useState<{ isolatedId: string; nonce: number } | undefined>(undefined)

  useEffect(() => {
    client.watch(address ? [...new Set([address.toLowerCase(), ...baseWatch.map((a) => a.toLowerCase())])] : baseWatch)
  }, [client, address, baseWatch])

  const onPositionAction = useCallback(
    ({ kind, position }: PositionAction) => {
      if (kind === 'addMargin') {
        if (position.isolatedId !== null) setMoveTarget({ isolatedId: position.isolatedId, nonce: Date.now() })
        document.getElementById('collateral-panel')?.scrollIntoView({ behavior: 'smooth', block: 'center' })
        return
      }
      const size = -position.signedSize
      void runClose(
        position.mode === 'isolated' && position.isolatedId !== null
          ? venueCall({ kind: 'tradeIsolated', isolatedId: BigInt(position.isolatedId), size, reduceOnly: true })
          : venueCall({ kind: 'trade', marketId: devnetMarketIds[position.underlying]!, size, reduceOnly: true }),
      )
    },
    [runClose],
  )

  const key = address ? address.toLowerCase() : null
  return (
    <div className="dashboard-panels space-y-4">
      <MarketHeader market={market} onMarket={setMarket} wallet={walletButton} />
      <LiveRiskWarnings address={key} />
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <PriceChart symbol={market} account={key} />
        </div>
        <LiveLeverage address={key} />
      </div>
      <AccountPanels address={key} market={market} onPositionAction={onPositionAction} closeStage={closeWrite.stage} {...(moveTarget ? { moveTarget } : {})} />
      <LiveAlerts address={key} />
      {mode === 'demo' && <DemoControls servicesUrl={servicesUrl} market={market} address={address} />}
    </div>
  )
}

function LiveRiskWarnings({ address }: { address: string | null }) {
  return <RiskWarnings account={useLiveAccount(address)} />
}

function LiveAlerts({ address }: { address: string | null }) {
  return <AlertsPanel account={useLiveAccount(address)} />
}

/** The gauge, the margin-ratio meter and the headline figures: every snapshot. */
function LiveLeverage({ address }: { address: string | null }) {
  const account = useLiveAccount(address)
  return (
    <section aria-label="Leverage" className="space-y-3 rounded-lg border border-edge bg-panel p-4">
      {account ? (
        <>
          <LeverageGauge account={account} />
          <MarginRatioMeter account={account} />
          <AccountFigures account={account} />
        </>
      ) : (
        <p className="text-sm text-muted">{address ? 'Loading your account from the venue…' : 'Connect a wallet to see your leverage, margin ratio and free collateral.'}</p>
      )}
    </section>
  )
}

type AccountPanelsProps = {
  address: string | null
  market: DashboardMarket
  onPositionAction: (action: PositionAction) => void
  closeStage: VenueWriteStage | null
  moveTarget?: { isolatedId: string; nonce: number }
}

/** Positions, the order ticket and the collateral panels: the account and the price at ≤ 10 Hz. */
function AccountPanels({ address, market, onPositionAction, closeStage, moveTarget }: AccountPanelsProps) {
  const figures = useAccountFigures(useLiveAccount(address))
  const feed = useFeedFigures(useEngine((state) => state.feeds[market]))
  return (
    <>
      <section aria-label="Positions" className="rounded-lg border border-edge bg-panel p-4">
        {figures ? <PositionsTable account={figures} onAction={onPositionAction} /> : <p className="text-sm text-muted">No account connected.</p>}
        {figures && <OptionPositionsTable account={figures} />}
        <WriteStatus stage={closeStage} />
      </section>
      <div className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <OrderTicket account={figures} market={market} feed={feed} />
        <div id="collateral-panel">
          <CollateralPanel account={figures} market={market} {...(moveTarget ? { moveTarget } : {})} />
        </div>
        <SetLeveragePanel account={figures} />
      </div>
    </>
  )
}

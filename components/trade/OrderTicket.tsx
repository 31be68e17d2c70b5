'use client'

import { devnetMarketIds } from '@/lib/chain/writes/devnetMarkets'
import { memo, useState } from 'react'
import { venueCall } from '@/lib/chain/writes/venueCall'
import type { AccountSnapshot, FeedSnapshot } from '@/lib/engine/protocol'
import { previewRows } from '@/components/collateral/CollateralPanel'
import { BeforeAfter } from '@/components/collateral/BeforeAfter'
import { useVenueWrite } from '@/components/collateral/useVenueWrite'
import { WriteStatus } from '@/components/collateral/WriteStatus'
import { useEngine } from '@/components/engine/EngineProvider'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'

/** Slippage bound sent with the order: 1 % beyond the previewed fill. */
const slippage = 0.01

/**
 * The perp order ticket (issue 7): size in units or notional in USD, long or short; the fill
 * price with its skew premium and taker fee; every figure before → after (leverage, liquidation
 * price, margin ratio, free collateral) from the worker's `tradePreview`; the order carries a
 * 1 % slippage bound. Risk-increasing orders are disabled while the market or the chain is not live.
 */
export const OrderTicket = memo(function OrderTicket({ account, market, feed }: { account: AccountSnapshot | null; market: string; feed: FeedSnapshot | undefined }) {
  const [side, setSide] = useState<1 | -1>(1)
  const [unit, setUnit] = useState<'size' | 'usd'>('usd')
  const [text, setText] = useState('')
  const status = useEngine((state) => state.markets[market])
  const write = useVenueWrite()
  const price = feed?.price ?? null
  const typed = Number(text)
  const valid = text.trim() !== '' && Number.isFinite(typed) && typed > 0
  const size = valid && price ? side * (unit === 'size' ? typed : typed / price) : null
  const roundedSize = size === null ? null : Number(size.toPrecision(6))
  const skew = status ? status.longOpenInterest - status.shortOpenInterest : 0
  const preview = useEngineRequest('tradePreview', account && roundedSize !== null ? { account: account.address, trade: { underlying: market, size: roundedSize, skew }, liquidationPrices: true } : null)
  const chain = useEngine((state) => state.chain)
  const live = feed?.state === 'live' && (status?.halt ?? 'none') === 'none'
  const increases = preview.data?.increasesRisk ?? true
  // Figures from a chain that stopped answering are last known: no risk-increasing order on them.
  const blockedReason = !increases
    ? null
    : !live
      ? `${market} is not live (${feed?.state ?? 'no price'}${status && status.halt !== 'none' ? `, venue: ${status.halt}` : ''}): only orders that reduce risk go through.`
      : chain.status !== 'live'
        ? `The chain is not live (${chain.error ?? chain.status}): only orders that reduce risk go through.`
        : null
  const error = text.trim() !== '' && !valid ? 'Enter a positive number.' : (blockedReason ?? preview.error ?? (preview.data && !preview.data.allowed ? 'Equity after would be below initial margin: the venue would refuse.' : null))
  const canSubmit = write.ready && !write.busy && roundedSize !== null && preview.data?.allowed === true && blockedReason === null

  const submit = async () => {
    if (roundedSize === null || !preview.data) return
    const limitPrice = preview.data.fill.fillPrice * (1 + side * slippage)
    const result = await write.run(venueCall({ kind: 'trade', marketId: devnetMarketIds[market]!, size: roundedSize, limitPrice }))
    if (result.stage === 'confirmed') setText('')
  }

  return (
    <section aria-label="Order ticket" className="rounded-lg border border-edge bg-panel p-4">
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">{market} perpetual</h2>
      <div className="mb-2 grid grid-cols-2 gap-2">
        {([1, -1] as const).map((value) => (
          <button key={value} type="button" aria-pressed={side === value} onClick={() => setSide(value)} className={`rounded py-1 text-sm ${side === value ? (value > 0 ? 'bg-safe/20 text-safe' : 'bg-danger/20 text-danger') : 'border border-edge text-muted'}`}>
            {value > 0 ? 'Long' : 'Short'}
          </button>
        ))}
      </div>
      <div className="flex gap-2">
        <label className="sr-only" htmlFor="order-amount">
          Order {unit === 'usd' ? 'notional (USD)' : `size (${market})`}
        </label>
        <input id="order-amount" inputMode="decimal" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} placeholder={unit === 'usd' ? 'Notional (USD)' : `Size (${market})`} className="min-w-0 flex-1 rounded border border-edge bg-surface px-2 py-1 font-mono text-sm" />
        <button type="button" onClick={() => setUnit(unit === 'usd' ? 'size' : 'usd')} className="rounded border border-edge px-2 text-xs text-muted" title="Switch between notional in USD and size in units">
          {unit === 'usd' ? 'USD' : market}
        </button>
      </div>
      {preview.data && price && (
        <dl className="mt-2 grid grid-cols-2 gap-x-2 text-xs">
          <dt className="text-muted">Fill price (skew premium {formatPercent(preview.data.fill.premiumFraction, 3)})</dt>
          <dd className="text-right font-mono">{formatUsd(preview.data.fill.fillPrice, priceDigits(price))}</dd>
          <dt className="text-muted">Taker fee</dt>
          <dd className="text-right font-mono">{formatUsd(preview.data.fill.fee)}</dd>
          <dt className="text-muted">Size</dt>
          <dd className="text-right font-mono">
            {roundedSize} {market}
          </dd>
        </dl>
      )}
      {account?.risk && account.risk.equity > 0 && account.risk.initialMargin > 0 && (
        <LeverageSlider
          equity={account.risk.equity}
          grossNotional={account.risk.grossNotional}
          maxLeverage={account.risk.grossNotional > 0 ? account.risk.grossNotional / account.risk.initialMargin : 20}
          onNotional={(notional) => {
            setUnit('usd')
            setText(notional > 0 ? notional.toFixed(2) : '')
          }}
        />
      )}
      <p className="mt-1 min-h-4 text-xs text-warn">{error}</p>
      {preview.data && <BeforeAfter rows={previewRows(preview.data.changes, preview.data.liquidationPrices, market)} caption="Preview (engine, current prices)" />}
      <button type="button" disabled={!canSubmit} onClick={submit} className={`mt-3 w-full rounded px-3 py-2 text-sm font-medium text-surface disabled:opacity-40 ${side > 0 ? 'bg-safe' : 'bg-danger'}`}>
        {side > 0 ? 'Buy / long' : 'Sell / short'} {market}
      </button>
      <WriteStatus stage={write.stage} />
    </section>
  )
})

/**
 * Picks the order's notional by the gross leverage it leads to: `L·A − G` more notional (equity A
 * and gross notional G now; fees and the skew premium ignored, so an estimate). The range ends at
 * the leverage the current initial margin allows (G / IM for this book's mix).
 */
function LeverageSlider({ equity, grossNotional, maxLeverage, onNotional }: { equity: number; grossNotional: number; maxLeverage: number; onNotional: (notional: number) => void }) {
  const current = grossNotional / equity
  // Follows the account until the trader moves it.
  const [chosen, setChosen] = useState<number | null>(null)
  const target = chosen ?? current
  const top = Math.max(current, Math.floor(maxLeverage * 10) / 10)
  return (
    <label className="mt-2 block text-xs text-muted">
      Leverage after the order (estimate): <span className="font-mono text-inherit">{target.toFixed(1)}×</span>
      <input
        type="range"
        min={0}
        max={top}
        step={0.1}
        value={Math.min(target, top)}
        aria-label="Leverage after the order"
        onChange={(event) => {
          const value = Number(event.target.value)
          setChosen(value)
          onNotional(value * equity - grossNotional)
        }}
        className="w-full accent-accent"
      />
    </label>
  )
}

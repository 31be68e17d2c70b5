'use client'

import { memo, useState } from 'react'
import type { LiquidationPrices } from '@/lib/core/risk/liquidationPrice'
import type { RiskChanges } from '@/lib/core/solvers/riskChanges'
import type { Change } from '@/lib/core/solvers/riskChanges'
import type { LiquidationPriceReturnType } from '@/lib/core/risk/liquidationPrice'
import { depositWithPermitCall } from '@/lib/chain/writes/depositWithPermitCall'
import { devnetCollaterals, type CollateralToken } from '@/lib/chain/writes/devnetCollaterals'
import { venueCall } from '@/lib/chain/writes/venueCall'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { formatMultiple, formatPercent, formatUsd } from '@/components/ui/formatFigures'
import { BeforeAfter, type BeforeAfterRow } from './BeforeAfter'
import { useVenueWrite } from './useVenueWrite'
import { WriteStatus } from './WriteStatus'

type Mode = 'deposit' | 'withdraw' | 'move'

/**
 * "Max" fills the maximum withdrawable less 1 %: the maximum is exact at the worker's current
 * price, and the price can move before the transaction lands (a withdrawal to the last cent would
 * then revert with InsufficientMargin).
 */
const maxHeadroom = 0.01

/**
 * One-click collateral adjustments (issue 7): deposit (an EIP-2612 permit and one transaction)
 * and withdraw (the maximum the venue allows is shown; more is refused before signing), each with
 * its before → after computed by the engine worker on the current prices.
 */
export const CollateralPanel = memo(function CollateralPanel({ account, market, moveTarget }: { account: AccountSnapshot | null; market: string; moveTarget?: { isolatedId: string; nonce: number } }) {
  const [mode, setMode] = useState<Mode>('deposit')
  const [chosenAsset, setAsset] = useState<CollateralToken>(devnetCollaterals[0]!)
  const isolated = account?.risk?.isolated ?? []
  const [isolatedId, setIsolatedId] = useState<string | null>(null)
  const [direction, setDirection] = useState<'moveToIsolated' | 'moveToCross'>('moveToIsolated')
  const [seenTarget, setSeenTarget] = useState<number | null>(null)
  if (moveTarget && moveTarget.nonce !== seenTarget) {
    // "Add margin" on a position row opens this tab on that position (state adjusted while rendering, React's documented pattern).
    setSeenTarget(moveTarget.nonce)
    setMode('move')
    setIsolatedId(moveTarget.isolatedId)
    setDirection('moveToIsolated')
  }
  const selectedIsolated = isolated.find((position) => position.id === isolatedId) ?? isolated[0]
  // Margin moves are in USDC, the isolated positions' margin asset.
  const asset = mode === 'move' ? devnetCollaterals[0]! : chosenAsset
  const [text, setText] = useState('')
  const write = useVenueWrite()
  const address = account?.address ?? null
  const amount = parseAmount(text)
  const maxWithdrawable = useEngineRequest('maxWithdrawable', address && mode === 'withdraw' ? { account: address } : null)
  const max = maxWithdrawable.data?.[asset.symbol]?.amount ?? null
  const formError = amount.error ?? (mode === 'withdraw' && amount.value !== null && max !== null && amount.value > max + 1e-9 ? `At most ${trim(max)} ${asset.symbol} can be withdrawn now (equity after must stay at or above initial margin).` : null)
  const action =
    amount.value === null
      ? null
      : mode === 'move'
        ? selectedIsolated
          ? { kind: direction, isolatedId: selectedIsolated.id, amount: amount.value }
          : null
        : { kind: mode, asset: asset.symbol, amount: amount.value }
  const preview = useEngineRequest('collateralActionPreview', address && action !== null && formError === null ? { account: address, action, liquidationPrices: true } : null)
  const halted = mode === 'withdraw' && account !== null && !account.confident
  const canSubmit = write.ready && !write.busy && amount.value !== null && formError === null && !halted && preview.data?.allowed === true

  const submit = async () => {
    if (amount.value === null) return
    const value = amount.value
    const result =
      mode === 'deposit'
        ? await write.run(({ walletClient, publicClient, owner }) => depositWithPermitCall({ walletClient, publicClient, owner, collateral: asset, amount: value }))
        : mode === 'move' && selectedIsolated
          ? await write.run(venueCall({ kind: direction, isolatedId: BigInt(selectedIsolated.id), amount: value }))
          : await write.run(venueCall({ kind: 'withdraw', collateralId: asset.id, decimals: asset.decimals, amount: value }))
    if (result.stage === 'confirmed') setText('')
  }

  return (
    <section aria-label="Collateral" className="rounded-lg border border-edge bg-panel p-4">
      <div className="mb-3 flex gap-2" role="tablist">
        {(['deposit', 'withdraw', 'move'] as const).map((tab) => (
          <button key={tab} type="button" role="tab" aria-selected={mode === tab} onClick={() => setMode(tab)} className={`rounded px-3 py-1 text-sm capitalize ${mode === tab ? 'bg-accent/20 text-accent' : 'text-muted'}`}>
            {tab === 'move' ? 'Move margin' : tab}
          </button>
        ))}
      </div>
      {mode === 'move' && (
        <div className="mb-2 flex flex-wrap gap-2 text-sm">
          {isolated.length === 0 ? (
            <p className="text-muted">No isolated position: margin moves need one.</p>
          ) : (
            <>
              <label className="sr-only" htmlFor="isolated-position">
                Isolated position
              </label>
              <select id="isolated-position" value={selectedIsolated?.id} onChange={(event) => setIsolatedId(event.target.value)} className="rounded border border-edge bg-surface px-2 py-1">
                {isolated.map((position) => (
                  <option key={position.id} value={position.id}>
                    #{position.id} {position.position.underlying} {position.position.size > 0 ? 'long' : 'short'}
                  </option>
                ))}
              </select>
              <button type="button" onClick={() => setDirection(direction === 'moveToIsolated' ? 'moveToCross' : 'moveToIsolated')} className="rounded border border-edge px-2 text-xs">
                {direction === 'moveToIsolated' ? 'cross → isolated' : 'isolated → cross'}
              </button>
            </>
          )}
        </div>
      )}
      <div className="flex gap-2">
        <label className="sr-only" htmlFor="collateral-asset">
          Asset
        </label>
        <select id="collateral-asset" disabled={mode === 'move'} value={asset.symbol} onChange={(event) => setAsset(devnetCollaterals.find((c) => c.symbol === event.target.value) ?? devnetCollaterals[0]!)} className="rounded border border-edge bg-surface px-2 py-1 text-sm">
          {devnetCollaterals.map((c) => (
            <option key={c.symbol}>{c.symbol}</option>
          ))}
        </select>
        <label className="sr-only" htmlFor="collateral-amount">
          Amount ({asset.symbol})
        </label>
        <input
          id="collateral-amount"
          inputMode="decimal"
          autoComplete="off"
          placeholder={`Amount (${asset.symbol})`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          aria-invalid={formError !== null}
          aria-describedby="collateral-error"
          className="min-w-0 flex-1 rounded border border-edge bg-surface px-2 py-1 font-mono text-sm"
        />
        {mode === 'withdraw' && (
          <button
            type="button"
            disabled={max === null}
            onClick={() => max !== null && setText(trim(max * (1 - maxHeadroom)))}
            title="The most the venue allows now, less 1 % kept for price moves until the transaction lands"
            className="rounded border border-edge px-2 text-xs text-muted"
          >
            Max {max === null ? '' : `${trim(max)} ${asset.symbol}`}
          </button>
        )}
      </div>
      {mode === 'deposit' && account?.risk && asset.symbol === 'USDC' && (
        <div className="mt-2 flex gap-2 text-xs">
          <button type="button" className="rounded-full border border-edge px-2 py-0.5" onClick={() => setText(trim(Math.max(0, account.risk!.equity) * 0.25))}>
            +25% margin
          </button>
        </div>
      )}
      <p id="collateral-error" className="mt-1 min-h-4 text-xs text-warn">
        {formError ?? (halted ? `Withdrawals wait for live prices: ${account?.doubts.join('; ')}` : preview.error ?? (preview.data && !preview.data.allowed ? refusal(preview.data.rejection) : ''))}
      </p>
      {preview.data && <BeforeAfter rows={previewRows(preview.data.changes, preview.data.liquidationPrices, market)} caption="Preview (engine, current prices)" />}
      <button type="button" disabled={!canSubmit} onClick={submit} className="mt-3 w-full rounded bg-accent px-3 py-2 text-sm font-medium text-surface disabled:opacity-40">
        {mode === 'deposit'
          ? `Deposit${amount.value ? ` ${trim(amount.value)} ${asset.symbol}` : ''} — one signature`
          : mode === 'move'
            ? `Move${amount.value ? ` ${trim(amount.value)} USDC` : ''} ${direction === 'moveToIsolated' ? 'into the isolated position' : 'back to cross'}`
            : `Withdraw${amount.value ? ` ${trim(amount.value)} ${asset.symbol}` : ''}`}
      </button>
      <WriteStatus stage={write.stage} />
    </section>
  )
})

/** Rows every collateral preview shows: leverage, margin ratio, free collateral, equity, liquidation price. */
export function previewRows(changes: RiskChanges, liquidation: Change<LiquidationPriceReturnType> | null, market: string): BeforeAfterRow[] {
  const rows: BeforeAfterRow[] = [
    { name: 'Gross leverage', before: formatMultiple(changes.grossLeverage.before), after: formatMultiple(changes.grossLeverage.after), better: changes.grossLeverage.after < changes.grossLeverage.before },
    { name: 'Margin ratio', before: formatPercent(changes.marginRatio.before, 1), after: formatPercent(changes.marginRatio.after, 1), better: changes.marginRatio.after < changes.marginRatio.before },
    { name: 'Free collateral', before: formatUsd(changes.freeCollateral.before), after: formatUsd(changes.freeCollateral.after), better: changes.freeCollateral.after > changes.freeCollateral.before },
    { name: 'Equity', before: formatUsd(changes.equity.before), after: formatUsd(changes.equity.after) },
  ]
  const before = liquidation?.before.underlyings[market]
  const after = liquidation?.after.underlyings[market]
  if (before && after) rows.push({ name: `${market} liquidation price (est.)`, before: levelText(before), after: levelText(after) })
  return rows
}

function levelText(prices: LiquidationPrices): string {
  const level = prices.below.price !== null ? prices.below : prices.above
  return level.price === null ? 'none' : formatUsd(level.price)
}

function refusal(rejection: string | null): string {
  if (rejection === 'insufficientBalance') return 'The account does not hold that much.'
  if (rejection === 'insufficientMargin') return 'Equity after would be below initial margin: the venue would refuse.'
  return ''
}

/** A typed amount: a positive decimal number, or why not. */
function parseAmount(text: string): { value: number | null; error: string | null } {
  const trimmed = text.trim()
  if (trimmed === '') return { value: null, error: null }
  if (!/^\d*\.?\d+$|^\d+\.$/.test(trimmed)) return { value: null, error: 'Enter an amount as a plain number, e.g. 1000 or 0.5.' }
  const value = Number(trimmed)
  if (!(value > 0)) return { value: null, error: 'The amount must be more than zero.' }
  return { value, error: null }
}

/** At most 6 decimals, no trailing zeros. */
function trim(value: number): string {
  return String(Math.floor(value * 1e6) / 1e6)
}

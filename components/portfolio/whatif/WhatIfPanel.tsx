'use client'

import { memo, useState } from 'react'
import { useEngineStore } from '@/components/engine/EngineProvider'
import { useVenueWrite } from '@/components/collateral/useVenueWrite'
import { WriteStatus } from '@/components/collateral/WriteStatus'
import { formatMultiple, formatPercent, formatUsd } from '@/components/ui/formatFigures'
import { devnetCollaterals } from '@/lib/chain/writes/devnetCollaterals'
import { devnetMarketIds } from '@/lib/chain/writes/devnetMarkets'
import type { WhatIfChange } from '@/lib/core/solvers/applyWhatIf'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { describeWhatIfChange } from './describeWhatIfChange'
import { parseWhatIfAmount } from './parseWhatIfAmount'
import { whatIfCall } from './whatIfCall'
import { useWhatIfChanges, useWhatIfStore } from './whatIfStore'

type Figure = { label: string; unit: string; pick: (risk: NonNullable<AccountSnapshot['risk']>) => number; format: (value: number) => string }

/** The figures compared real → what-if; every one is on the page's other panels too. */
const figures: Figure[] = [
  { label: 'Equity', unit: 'USD', pick: (r) => r.equity, format: (v) => formatUsd(v) },
  { label: 'Initial margin', unit: 'USD', pick: (r) => r.initialMargin, format: (v) => formatUsd(v) },
  { label: 'Maintenance margin', unit: 'USD', pick: (r) => r.maintenanceMargin, format: (v) => formatUsd(v) },
  { label: 'Margin ratio', unit: '% (liquidation at 100)', pick: (r) => r.marginRatio, format: (v) => formatPercent(v, 1) },
  { label: 'Free collateral', unit: 'USD', pick: (r) => r.freeCollateral, format: (v) => formatUsd(v) },
  { label: 'Gross leverage', unit: '×', pick: (r) => r.grossLeverage, format: (v) => formatMultiple(v) },
  { label: 'Net leverage', unit: '×', pick: (r) => r.netLeverage, format: (v) => formatMultiple(v) },
]

/**
 * What-if (issue 9): hypothetical trades and collateral moves on the account, evaluated by the
 * engine worker on every tick beside the real book (lib/core `applyWhatIf` + `evaluateAccount`):
 * the list of changes with the fill each would get now, real → what-if on the account's figures,
 * and a switch that shows every panel of the page on the what-if book. Nothing is sent until
 * "Execute": then each change becomes its real transaction, in order — simulated, signed and
 * tracked like every other write, stopping at the first that fails (the rest stay planned).
 */
export const WhatIfPanel = memo(function WhatIfPanel({ account, readOnly }: { account: AccountSnapshot; readOnly: boolean }) {
  const address = account.address
  const changes = useWhatIfChanges(address)
  const { add, remove, clear, mode, setMode } = useWhatIfStore()
  const store = useEngineStore()
  const write = useVenueWrite()
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null)
  const [executeError, setExecuteError] = useState<string | null>(null)
  const whatIf = account.whatIf
  const real = account.risk
  const hypothetical = whatIf?.risk ?? null
  const executing = progress !== null && progress.done < progress.total

  const execute = async () => {
    setExecuteError(null)
    const total = changes.length
    setProgress({ done: 0, total })
    for (let i = 0; i < total; i++) {
      // The latest what-if fill of the next change: the state moves as each one confirms.
      const live = store.getState().accounts[address]?.whatIf
      const change = live?.changes[0]
      if (change === undefined) break
      let source
      try {
        source = whatIfCall(change, live?.steps?.[0])
      } catch (error) {
        setExecuteError(error instanceof Error ? error.message : String(error))
        return setProgress(null)
      }
      const result = await write.run(source)
      if (result.stage !== 'confirmed') return setProgress(null)
      clear(address, 1)
      setProgress({ done: i + 1, total })
      await nextSnapshotWithout(store, address, changes.length - i - 1)
    }
  }

  return (
    <section aria-label="What-if" data-testid="what-if" data-changes={changes.length} className="space-y-3 rounded-lg border border-dashed border-accent/60 bg-panel p-4">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">What-if (hypothetical)</h2>
        {changes.length > 0 && (
          <div role="radiogroup" aria-label="Figures shown on the page" className="flex gap-1 text-sm">
            {(['whatIf', 'real'] as const).map((option) => (
              <button
                key={option}
                type="button"
                role="radio"
                aria-checked={mode === option}
                onClick={() => setMode(option)}
                className={`rounded px-2 py-1 ${mode === option ? 'bg-accent/20 text-accent' : 'text-muted hover:text-inherit'}`}
              >
                {option === 'whatIf' ? 'Page shows what-if' : 'Page shows real'}
              </button>
            ))}
          </div>
        )}
      </div>
      <AddChange account={account} onAdd={(change) => add(address, change)} />
      {changes.length === 0 ? (
        <p className="text-sm text-muted">No hypothetical changes. Add trades or collateral moves above (or from the options ticket) to see what they would do; nothing is sent.</p>
      ) : (
        <>
          <ol className="space-y-1 text-sm" aria-label="Hypothetical changes">
            {changes.map((change, i) => {
              const step = whatIf?.steps?.[i]
              return (
                <li key={i} className="flex flex-wrap items-center gap-x-3 rounded bg-surface px-2 py-1" data-testid="what-if-change">
                  <span className="tabular-nums text-muted">{i + 1}.</span>
                  <span>{describeWhatIfChange(change)}</span>
                  {step?.type === 'perpTrade' && (
                    <span className="text-muted">
                      fills ≈ {formatUsd(step.fill.fillPrice)} USD, fee {formatUsd(step.fill.fee)} USD
                    </span>
                  )}
                  {step?.type === 'optionTrade' && (
                    <span className="text-muted">
                      premium ≈ {formatUsd(step.fill.premium)} USD each, fee {formatUsd(step.fill.fee)} USD
                    </span>
                  )}
                  <button type="button" aria-label={`Remove change ${i + 1}`} disabled={executing} onClick={() => remove(address, i)} className="ml-auto text-muted hover:text-danger">
                    ✕
                  </button>
                </li>
              )
            })}
          </ol>
          {whatIf?.error && (
            <p role="alert" className="text-sm text-danger">
              These changes do not apply: {whatIf.error.message}
            </p>
          )}
          <table className="w-full text-sm" data-testid="what-if-compare">
            <caption className="sr-only">Real and hypothetical figures</caption>
            <thead>
              <tr className="text-left text-muted">
                <th scope="col" className="font-normal">Figure</th>
                <th scope="col" className="text-right font-normal">Real</th>
                <th scope="col" className="text-right font-normal">What-if (hypothetical)</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((figure) => (
                <tr key={figure.label} data-figure={figure.label}>
                  <th scope="row" className="font-normal">
                    {figure.label} <span className="text-muted">({figure.unit})</span>
                  </th>
                  <td className="text-right tabular-nums" data-real={real ? figure.pick(real) : ''}>
                    {real ? figure.format(figure.pick(real)) : '—'}
                  </td>
                  <td className="text-right tabular-nums text-accent" data-hypothetical={hypothetical ? figure.pick(hypothetical) : ''}>
                    {hypothetical ? figure.format(figure.pick(hypothetical)) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {hypothetical?.liquidatable && <p className="text-sm text-danger">The what-if book would be liquidatable (equity below maintenance margin).</p>}
          {hypothetical !== null && !hypothetical.liquidatable && hypothetical.equity < hypothetical.initialMargin && (
            <p className="text-sm text-warn">Equity would be below the initial margin: the venue refuses a risk-increasing trade or withdrawal that ends there.</p>
          )}
          <p className="text-xs text-muted">
            Hypothetical: fills at today&apos;s oracle prices plus the skew premium (perps) or the model mark ± spread (options), fees included; each change sees the book the
            previous ones leave. Recomputed in the engine worker on every tick.
          </p>
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="button"
              onClick={execute}
              disabled={readOnly || !write.ready || executing || whatIf?.error != null || hypothetical === null || !account.confident}
              className="rounded bg-accent px-3 py-1.5 text-sm font-medium text-black disabled:opacity-40"
            >
              Execute {changes.length} change{changes.length === 1 ? '' : 's'}
            </button>
            <button type="button" onClick={() => clear(address)} disabled={executing} className="rounded border border-edge px-3 py-1.5 text-sm text-muted hover:text-inherit">
              Clear
            </button>
            {readOnly && <span className="text-sm text-muted">Watching read only: what-if works, execution needs the account&apos;s own wallet.</span>}
            {!account.confident && !readOnly && <span className="text-sm text-warn">Prices are not live: execution waits for live prices.</span>}
            {progress !== null && (
              <span className="text-sm text-muted" role="status" data-testid="what-if-progress">
                Sent {progress.done} of {progress.total}
              </span>
            )}
          </div>
          <WriteStatus stage={write.stage} />
          {executeError && <p className="text-sm text-danger">{executeError}</p>}
        </>
      )}
    </section>
  )
})

/** Waits (≤ 5 s) until the engine's snapshot of the account carries the remaining changes only. */
function nextSnapshotWithout(store: ReturnType<typeof useEngineStore>, address: string, remaining: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      unsubscribe()
      resolve()
    }
    const timer = setTimeout(done, 5_000)
    const unsubscribe = store.subscribe(
      (state) => state.accounts[address]?.whatIf?.changes.length ?? 0,
      (length) => length === remaining && done(),
    )
  })
}

type Draft = { type: 'perpTrade' | 'collateral'; market: string; book: string; side: 'buy' | 'sell' | 'deposit' | 'withdraw'; asset: string; amount: string }

/** The form for one change: a perp order (cross or an isolated position) or a collateral move. */
function AddChange({ account, onAdd }: { account: AccountSnapshot; onAdd: (change: WhatIfChange) => void }) {
  const [draft, setDraft] = useState<Draft>({ type: 'perpTrade', market: 'BTC', book: 'cross', side: 'buy', asset: 'USDC', amount: '' })
  const parsed = parseWhatIfAmount(draft.amount)
  const isolated = account.risk?.isolated ?? []
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }))

  const submit = (event: React.FormEvent) => {
    event.preventDefault()
    if (parsed.value === null) return
    const sign = draft.side === 'sell' || draft.side === 'withdraw' ? -1 : 1
    if (draft.type === 'collateral') onAdd({ type: 'collateral', asset: draft.asset, amount: sign * parsed.value })
    else {
      const position = isolated.find((p) => p.id === draft.book)
      onAdd({ type: 'perpTrade', trade: { underlying: position ? position.position.underlying : draft.market, size: sign * parsed.value, ...(position ? { isolatedId: position.id } : {}) } })
    }
    set({ amount: '' })
  }

  const field = 'rounded border border-edge bg-surface px-2 py-1 text-sm'
  return (
    <form onSubmit={submit} aria-label="Add a hypothetical change" className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col text-xs text-muted">
        Change
        <select className={field} value={draft.type} onChange={(e) => set({ type: e.target.value as Draft['type'], side: e.target.value === 'collateral' ? 'deposit' : 'buy' })}>
          <option value="perpTrade">Perp trade</option>
          <option value="collateral">Collateral</option>
        </select>
      </label>
      {draft.type === 'perpTrade' ? (
        <>
          <label className="flex flex-col text-xs text-muted">
            Book
            <select className={field} value={draft.book} onChange={(e) => set({ book: e.target.value })}>
              <option value="cross">Cross</option>
              {isolated.map((p) => (
                <option key={p.id} value={p.id}>
                  Isolated #{p.id} ({p.position.underlying})
                </option>
              ))}
            </select>
          </label>
          {draft.book === 'cross' && (
            <label className="flex flex-col text-xs text-muted">
              Market
              <select className={field} value={draft.market} onChange={(e) => set({ market: e.target.value })}>
                {Object.keys(devnetMarketIds).map((m) => (
                  <option key={m}>{m}</option>
                ))}
              </select>
            </label>
          )}
          <label className="flex flex-col text-xs text-muted">
            Side
            <select className={field} value={draft.side} onChange={(e) => set({ side: e.target.value as Draft['side'] })}>
              <option value="buy">Buy</option>
              <option value="sell">Sell</option>
            </select>
          </label>
        </>
      ) : (
        <>
          <label className="flex flex-col text-xs text-muted">
            Asset
            <select className={field} value={draft.asset} onChange={(e) => set({ asset: e.target.value })}>
              {devnetCollaterals.map((c) => (
                <option key={c.symbol}>{c.symbol}</option>
              ))}
            </select>
          </label>
          <label className="flex flex-col text-xs text-muted">
            Direction
            <select className={field} value={draft.side} onChange={(e) => set({ side: e.target.value as Draft['side'] })}>
              <option value="deposit">Deposit</option>
              <option value="withdraw">Withdraw</option>
            </select>
          </label>
        </>
      )}
      <label className="flex flex-col text-xs text-muted">
        {draft.type === 'collateral' ? `Amount (${draft.asset})` : `Size (${isolated.find((p) => p.id === draft.book)?.position.underlying ?? draft.market})`}
        <input
          className={`${field} w-28 tabular-nums`}
          inputMode="decimal"
          value={draft.amount}
          onChange={(e) => set({ amount: e.target.value })}
          aria-invalid={parsed.error !== null}
          aria-describedby={parsed.error ? 'what-if-amount-error' : undefined}
        />
      </label>
      <button type="submit" disabled={parsed.value === null} className="rounded border border-accent px-3 py-1 text-sm text-accent disabled:opacity-40">
        Add to what-if
      </button>
      {parsed.error && (
        <span id="what-if-amount-error" className="text-xs text-danger">
          {parsed.error}
        </span>
      )}
    </form>
  )
}

'use client'

import { devnetMarketIds } from '@/lib/chain/writes/devnetMarkets'
import { memo, useState } from 'react'
import { depositWithPermitCall } from '@/lib/chain/writes/depositWithPermitCall'
import { devnetCollaterals } from '@/lib/chain/writes/devnetCollaterals'
import { venueCall } from '@/lib/chain/writes/venueCall'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { useEngine } from '@/components/engine/EngineProvider'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { formatMultiple, formatPercent } from '@/components/ui/formatFigures'
import { useVenueWrite } from './useVenueWrite'
import { WriteStatus } from './WriteStatus'

const usdc = devnetCollaterals[0]!
const presets = [2, 3, 5]

/**
 * "Set leverage to N×" (issue 7): the two ways there, both solved by the worker on the current
 * prices — add collateral (`collateralForLeverage`, USDC, sent as a one-click permit deposit) or
 * reduce every cross perp by the same fraction (`sizeReductionForLeverage`, sent as reduce-only
 * orders with a 1 % slippage bound, one per market).
 */
export const SetLeveragePanel = memo(function SetLeveragePanel({ account }: { account: AccountSnapshot | null }) {
  const [text, setText] = useState('3')
  const markets = useEngine((state) => state.markets)
  const target = Number(text)
  const valid = Number.isFinite(target) && target > 0 && target <= 100
  const address = account?.risk && account.risk.grossNotional > 0 ? account.address : null
  const skews = Object.fromEntries(Object.entries(markets).map(([symbol, status]) => [symbol, status.longOpenInterest - status.shortOpenInterest]))
  const add = useEngineRequest('collateralForLeverage', address && valid ? { account: address, asset: 'USDC', targetLeverage: target } : null)
  const reduce = useEngineRequest('sizeReductionForLeverage', address && valid ? { account: address, targetLeverage: target, skews } : null)
  const write = useVenueWrite()
  const current = account?.risk?.grossLeverage ?? null
  const amount = add.data ? Math.ceil(add.data.amount * 100) / 100 : 0

  const reduceNow = async () => {
    for (const perp of reduce.data?.perps ?? []) {
      const size = Number(perp.size.toPrecision(6))
      const limitPrice = perp.fill.fillPrice * (1 + Math.sign(size) * 0.01)
      const result = await write.run(venueCall({ kind: 'trade', marketId: devnetMarketIds[perp.underlying]!, size, limitPrice, reduceOnly: true }))
      if (result.stage !== 'confirmed') return
    }
  }

  return (
    <section aria-label="Set leverage" className="rounded-lg border border-edge bg-panel p-4">
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">Set leverage</h2>
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor="target-leverage">Target gross leverage</label>
        <input id="target-leverage" inputMode="decimal" value={text} onChange={(event) => setText(event.target.value)} className="w-16 rounded border border-edge bg-surface px-2 py-1 font-mono" aria-invalid={!valid} />
        <span className="text-muted">× (now {formatMultiple(current)})</span>
      </div>
      <div className="mt-2 flex gap-2 text-xs">
        {presets.map((preset) => (
          <button key={preset} type="button" onClick={() => setText(String(preset))} className="rounded-full border border-edge px-2 py-0.5">
            back to {preset}×
          </button>
        ))}
      </div>
      {!valid && <p className="mt-1 text-xs text-warn">Enter a leverage above 0 and at most 100.</p>}
      {address === null && <p className="mt-2 text-xs text-muted">No open position: nothing to set.</p>}
      {add.data && reduce.data && (
        <div className="mt-3 grid gap-2 sm:grid-cols-2">
          <button type="button" disabled={!write.ready || write.busy || amount <= 0} onClick={() => write.run(({ walletClient, publicClient, owner }) => depositWithPermitCall({ walletClient, publicClient, owner, collateral: usdc, amount }))} className="rounded border border-edge p-2 text-left text-sm disabled:opacity-40">
            <span className="block font-medium">Add {amount.toLocaleString('en-US')} USDC</span>
            <span className="text-xs text-muted">
              {formatMultiple(add.data.leverage.before)} → {formatMultiple(add.data.leverage.after)}
            </span>
          </button>
          <button type="button" disabled={!write.ready || write.busy || reduce.data.fraction <= 0} onClick={reduceNow} className="rounded border border-edge p-2 text-left text-sm disabled:opacity-40">
            <span className="block font-medium">Reduce every position by {formatPercent(reduce.data.fraction, 1)}</span>
            <span className="text-xs text-muted">
              {formatMultiple(reduce.data.leverage.before)} → {formatMultiple(reduce.data.leverage.after)} (costs fees and skew premium)
            </span>
          </button>
        </div>
      )}
      <WriteStatus stage={write.stage} />
    </section>
  )
})

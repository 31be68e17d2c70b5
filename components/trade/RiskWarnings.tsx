'use client'

import { depositWithPermitCall } from '@/lib/chain/writes/depositWithPermitCall'
import { devnetCollaterals } from '@/lib/chain/writes/devnetCollaterals'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { useVenueWrite } from '@/components/collateral/useVenueWrite'
import { WriteStatus } from '@/components/collateral/WriteStatus'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { formatPercent } from '@/components/ui/formatFigures'

/** Margin ratio (MM / equity) above which the page warns and offers the fix (50 %: halfway to liquidation). */
export const warnAtMarginRatio = 0.5
/** Margin ratio from which liquidation is called imminent (the venue liquidates at 100 %). */
export const imminentAtMarginRatio = 0.8

const usdc = devnetCollaterals[0]!

/**
 * Warnings with their fix beside them (issue 7): above a 50 % margin ratio, "Add X USDC to get
 * back to 50 %" as one click (the deposit the worker's `collateralForMarginRatio` solves for, sent
 * as a permit deposit); from 80 %, or when already liquidatable, the warning turns prominent.
 */
export function RiskWarnings({ account }: { account: AccountSnapshot | null }) {
  const risk = account?.risk ?? null
  const warn = risk !== null && (risk.liquidatable || risk.marginRatio >= warnAtMarginRatio)
  const fix = useEngineRequest('collateralForMarginRatio', warn && account ? { account: account.address, asset: 'USDC', targetMarginRatio: warnAtMarginRatio * 0.98 } : null)
  const write = useVenueWrite()
  if (!warn || risk === null || account === null) return null
  const imminent = risk.liquidatable || risk.marginRatio >= imminentAtMarginRatio
  const amount = fix.data ? Math.ceil(fix.data.amount * 100) / 100 : null
  return (
    <div role="alert" data-testid="risk-warning" data-imminent={imminent} className={`flex flex-wrap items-center gap-3 rounded-lg border p-3 text-sm ${imminent ? 'border-danger bg-danger/15 text-danger' : 'border-warn bg-warn/10 text-warn'}`}>
      <p className="flex-1">
        {imminent ? <strong>Liquidation imminent. </strong> : null}
        Margin ratio {formatPercent(risk.marginRatio, 1)} (liquidation at 100 %){account.confident ? '' : ' — last known, prices not live'}.
      </p>
      {amount !== null && amount > 0 && (
        <button
          type="button"
          disabled={!write.ready || write.busy}
          onClick={() => write.run(({ walletClient, publicClient, owner }) => depositWithPermitCall({ walletClient, publicClient, owner, collateral: usdc, amount }))}
          className="rounded bg-accent px-3 py-1 font-medium text-surface disabled:opacity-40"
        >
          Add {amount.toLocaleString('en-US')} USDC to get back to {formatPercent(warnAtMarginRatio, 0)}
        </button>
      )}
      <WriteStatus stage={write.stage} />
    </div>
  )
}

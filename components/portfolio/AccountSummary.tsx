'use client'

import { AccountFigures } from '@/components/trade/AccountFigures'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { LeverageGauge } from '@/components/trade/LeverageGauge'
import { MarginRatioMeter } from '@/components/trade/MarginRatioMeter'
import { formatMultiple, formatUsd } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'

/**
 * The cross account at a glance (issue 9): the trade page's live leverage gauge and margin-ratio
 * meter, which follow every snapshot, beside the figures — equity, free collateral, IM, MM, gross
 * and net (delta-adjusted) leverage and their notionals — from `figures`, the same account
 * repainted at a readable rate. Not-live figures read "last known" like on the trade page.
 */
export function AccountSummary({ live, figures, hypothetical = false }: { live: AccountSnapshot; figures: AccountSnapshot; hypothetical?: boolean }) {
  const risk = figures.risk
  const lastKnown = lastKnownText(figures)
  return (
    <section aria-label="Account summary" className="grid gap-4 rounded-lg border border-edge bg-panel p-4 md:grid-cols-[minmax(0,16rem)_1fr]">
      <div className="space-y-3">
        <LeverageGauge account={live} />
        <MarginRatioMeter account={live} />
      </div>
      <div className="space-y-3">
        {hypothetical && <p className="text-xs font-medium uppercase tracking-wide text-accent">Hypothetical (what-if): not the account&apos;s real state</p>}
        <AccountFigures account={figures} />
        {risk !== null && (
          <dl className={`grid grid-cols-2 gap-x-4 gap-y-1 text-sm ${lastKnown === null ? '' : 'opacity-60'}`} data-testid="leverage-figures">
            <dt className="text-muted" title="Σ |notional| of cross positions / equity">
              Gross leverage
            </dt>
            <dd className="text-right font-mono" data-testid="gross-leverage">
              {formatMultiple(risk.grossLeverage)}
            </dd>
            <dt className="text-muted" title="Σ over underlyings of |net delta| × price / equity: what moves with the market once hedges net">
              Net leverage (delta-adjusted)
            </dt>
            <dd className="text-right font-mono" data-testid="net-leverage">
              {formatMultiple(risk.netLeverage)}
            </dd>
            <dt className="text-muted">Gross notional</dt>
            <dd className="text-right font-mono">{formatUsd(risk.grossNotional, 0)}</dd>
            <dt className="text-muted" title="Σ over underlyings of |net delta| × price">
              Net delta notional
            </dt>
            <dd className="text-right font-mono">{formatUsd(risk.netDeltaNotional, 0)}</dd>
          </dl>
        )}
      </div>
    </section>
  )
}

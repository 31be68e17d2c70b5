'use client'

import { formatPercent } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { lastKnownText } from './gauge/lastKnownText'
import { marginRatioReading } from './gauge/marginRatioReading'
import { MARGIN_RATIO_DANGER, MARGIN_RATIO_WARN, zoneClasses } from './gauge/marginRatioZone'

/**
 * The cross account's margin ratio MM / equity as a bar: a `role="meter"` named "Margin ratio",
 * in percent from 0 to 100 (liquidation at 100 %), with the gauge's zones (safe < 50 %, warn
 * < 80 %, danger). Past 100 % or with equity <= 0 (∞) the bar is full and says so. Shown as
 * "last known" with the reason when the figures are not live.
 */
export function MarginRatioMeter({ account }: { account: AccountSnapshot }) {
  const { risk } = account
  if (risk === null) return <p className="text-sm text-muted">Margin ratio: {account.error ? 'cannot evaluate the account' : 'loading…'}</p>
  const reading = marginRatioReading(risk.marginRatio)
  const lastKnown = lastKnownText(account)
  const zone = zoneClasses[reading.zone]
  return (
    <div className="w-full">
      <div className="mb-1 flex items-baseline justify-between text-sm">
        <span className="text-muted" title="maintenance margin / equity: liquidation at 100 %">
          Margin ratio
        </span>
        <span className={`font-mono ${zone.text} ${lastKnown === null ? '' : 'opacity-60'}`} data-testid="margin-ratio-value">
          {formatPercent(risk.marginRatio)}
        </span>
      </div>
      <div
        role="meter"
        aria-label="Margin ratio"
        aria-valuemin={0}
        aria-valuemax={reading.valueMax}
        aria-valuenow={reading.valueNow}
        aria-valuetext={lastKnown === null ? reading.valueText : `${reading.valueText}, ${lastKnown}`}
        data-zone={reading.zone}
        data-confident={lastKnown === null}
        className={`relative h-3 w-full overflow-hidden rounded-full bg-edge ${lastKnown === null ? '' : 'opacity-60'}`}
      >
        <div aria-hidden="true" className="absolute inset-0 flex opacity-25">
          <div className="bg-safe" style={{ width: `${MARGIN_RATIO_WARN * 100}%` }} />
          <div className="bg-warn" style={{ width: `${(MARGIN_RATIO_DANGER - MARGIN_RATIO_WARN) * 100}%` }} />
          <div className="flex-1 bg-danger" />
        </div>
        <div aria-hidden="true" className={`absolute inset-y-0 left-0 rounded-full ${zone.bg}`} style={{ width: `${reading.fraction * 100}%` }} />
      </div>
      <div aria-hidden="true" className="mt-0.5 flex justify-between text-[10px] text-muted">
        <span>0 %</span>
        <span>liquidation 100 %</span>
      </div>
      {reading.liquidatable && <p className="text-xs font-medium text-danger">Liquidatable: equity is below the maintenance margin.</p>}
      {lastKnown !== null && <p className="text-xs text-warn">{lastKnown}</p>}
    </div>
  )
}

'use client'

import type { ReactNode } from 'react'
import { FeedStateBadge } from '@/components/engine/FeedStateBadge'
import { useEngine } from '@/components/engine/EngineProvider'
import { useEngineRequest } from '@/components/engine/useEngineRequest'
import { useRecent } from '@/components/engine/useRecent'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import { formatTimeOfDay } from '@/components/ui/formatTimeOfDay'

export const dashboardMarkets = ['BTC', 'ETH', 'SOL'] as const
export type DashboardMarket = (typeof dashboardMarkets)[number]

/**
 * The dashboard's header (issue 7): market selector, the live oracle price and its change over
 * the candles the worker holds, a feed status (`role="status"`) saying live / stale / uncertain /
 * jumped / halted with the price's age, the chain block (and for `streamErrorShownMs` after the
 * stream's error event, when it came and that prices were re-read), and the wallet button.
 */
/** How long the header mentions the stream's last error event, ms. */
const streamErrorShownMs = 30_000

export function MarketHeader({ market, onMarket, wallet }: { market: DashboardMarket; onMarket: (market: DashboardMarket) => void; wallet: ReactNode }) {
  const feed = useEngine((state) => state.feeds[market])
  const venue = useEngine((state) => state.markets[market])
  const chain = useEngine((state) => state.chain)
  const engine = useEngine((state) => state.engine)
  const streamError = useEngine((state) => state.streamError)
  const showStreamError = useRecent(streamError?.at ?? null, streamErrorShownMs)
  const history = useEngineRequest('candles', { symbol: market, interval: 300 }, { refreshMs: 5_000 })
  const first = history.data?.[0]
  const live = feed?.state === 'live'
  const change = first && feed?.price ? feed.price / first.open - 1 : null
  const last = history.data?.at(-1)
  const minutes = first && last ? Math.max(5, Math.round((last.time + 300 - first.time) / 60)) : null
  const halted = venue !== undefined && venue.halt !== 'none'
  return (
    <header className="flex flex-wrap items-center gap-x-6 gap-y-2 rounded-lg border border-edge bg-panel px-4 py-3">
      <div role="group" aria-label="Market" className="flex gap-1">
        {dashboardMarkets.map((symbol) => (
          <button key={symbol} type="button" aria-pressed={symbol === market} onClick={() => onMarket(symbol)} className={`rounded px-2 py-1 text-sm ${symbol === market ? 'bg-accent/20 text-accent' : 'text-muted hover:text-inherit'}`}>
            {symbol}-PERP
          </button>
        ))}
      </div>
      <div>
        <div data-testid="header-price" className={`font-mono text-2xl ${live ? '' : 'text-muted'}`}>
          {feed?.price != null ? formatUsd(feed.price, priceDigits(feed.price)) : '—'}
        </div>
        <div className="text-xs text-muted">
          {change === null ? 'oracle price' : <span className={change >= 0 ? 'text-safe' : 'text-danger'}>{formatPercent(change, 2)}</span>}
          {change !== null && ` over ${minutes} min`}
        </div>
      </div>
      <p role="status" aria-label="Feed status" data-state={halted ? 'halted' : (feed?.state ?? 'disconnected')} className="flex items-center gap-2 text-xs text-muted">
        <FeedStateBadge state={feed?.state ?? 'disconnected'} />
        {halted && <span className="rounded bg-danger/15 px-1.5 py-0.5 font-medium text-danger">Halted: {venue.halt}</span>}
        <span>
          {feed?.age != null ? `${feed.age.toFixed(0)} s old` : 'no price yet'}
          {engine !== 'running' ? ` · engine ${engine}` : ''}
          {' · '}
          {chain.status === 'live' ? `chain block ${chain.blockNumber}` : `chain ${chain.status}`}
        </span>
        {showStreamError && streamError && (
          <span data-testid="stream-error-note" title={streamError.message} className="text-warn">
            stream error at {formatTimeOfDay(streamError.at)}, prices re-read
          </span>
        )}
      </p>
      <div className="ml-auto">{wallet}</div>
    </header>
  )
}

'use client'

import type { FeedSnapshot } from '@/lib/engine/protocol'
import { formatPercent, formatUsd, priceDigits } from '@/components/ui/formatFigures'
import { useEngine } from './EngineProvider'
import { FeedStateBadge } from './FeedStateBadge'

/**
 * Oracle prices as the engine worker trusts them, one per feed, with their state. A price that
 * is not live is shown dimmed with its state (stale, uncertain, jumped, disconnected): it is the
 * last trusted value, not the market now.
 */
export function LiveFeeds() {
  const feeds = useEngine((state) => state.feeds)
  const volatilities = useEngine((state) => state.volatilities)
  const symbols = Object.keys(feeds)
  return (
    <section aria-label="Prices" className="rounded-lg border border-edge bg-panel p-4">
      <h2 className="mb-2 text-sm font-medium uppercase tracking-wide text-muted">Oracle prices</h2>
      {symbols.length === 0 ? (
        <p className="text-sm text-muted">Connecting to the price stream…</p>
      ) : (
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          {symbols.map((symbol) => (
            <FeedCell key={symbol} feed={feeds[symbol] as FeedSnapshot} volatility={volatilities[symbol]} />
          ))}
        </ul>
      )}
    </section>
  )
}

function FeedCell({ feed, volatility }: { feed: FeedSnapshot; volatility: FeedSnapshot | undefined }) {
  const live = feed.state === 'live'
  return (
    <li data-testid={`feed-${feed.symbol}`} data-state={feed.state} className="rounded border border-edge px-3 py-2">
      <div className="flex items-center justify-between gap-2">
        <span className="font-medium">{feed.symbol}/USD</span>
        <FeedStateBadge state={feed.state} />
      </div>
      <div data-testid={`price-${feed.symbol}`} className={`mt-1 font-mono text-lg ${live ? '' : 'text-muted line-through decoration-1'}`}>
        {feed.price === null ? '—' : formatUsd(feed.price, priceDigits(feed.price))}
      </div>
      <div className="text-xs text-muted">
        {live ? 'live' : 'last trusted'}
        {feed.age !== null && ` · ${feed.age.toFixed(0)} s old`}
        {volatility?.price != null && ` · vol ${formatPercent(volatility.price, 1)}/yr`}
      </div>
    </li>
  )
}

'use client'

import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { useEngine, useEngineClient, useEngineStore } from '@/components/engine/EngineProvider'
import type { EngineRequestParams } from '@/lib/engine/protocol'
import type { Candle } from '@/lib/feeds/createCandleSeries'
import type { EngineStoreState } from '@/lib/store/createEngineStore'
import type { CandleChart } from './chart/createCandleChart'
import { mergeCandleHistory } from './chart/mergeCandleHistory'
import { priceLinesFor, type PriceLineSpec } from './chart/priceLinesFor'

/** Bar length, seconds. */
export type CandleInterval = EngineRequestParams['candles']['interval']

const intervals: { seconds: CandleInterval; label: string; name: string }[] = [
  { seconds: 1, label: '1s', name: '1 second candles' },
  { seconds: 60, label: '1m', name: '1 minute candles' },
  { seconds: 300, label: '5m', name: '5 minute candles' },
]

export type PriceChartProps = {
  /** Underlying, e.g. "ETH". */
  symbol: string
  /** The account whose entry and liquidation prices are drawn; null for none. */
  account: string | null
  /** Bar length shown first, seconds (default 60). */
  initialInterval?: CandleInterval
}

/**
 * The live bar is redrawn at most this often, ms (20 Hz). Every update is kept (a new bar's
 * first price is never skipped), but a redraw of the chart's canvases costs the main thread about
 * a millisecond, and under a fast stream that is time the gauges' next frame waits for.
 */
const liveBarRepaintMs = 50

/** What the chart holds for a symbol and interval (`key`): set from callbacks, never per tick. */
type BarsStatus = { key: string; phase: 'bars' | 'empty'; error: string | null }

/**
 * The dashboard's price chart: the worker's candles for `symbol` (1 s / 1 m / 5 m), followed live
 * outside React (a store subscription calls `series.update`: no re-render per tick), with the
 * account's entry and liquidation prices as price lines that move when the engine recomputes.
 * History is requested on mount, on a symbol or interval switch and after a worker restart (the
 * bars already shown are kept). Lines from figures that are not live are dimmed and say
 * "last known", with the reason below the chart.
 */
export const PriceChart = memo(function PriceChart({ symbol, account, initialInterval = 60 }: PriceChartProps) {
  const client = useEngineClient()
  const store = useEngineStore()
  const workerId = useEngine((state) => state.workerId)
  const [interval, setBarInterval] = useState<CandleInterval>(initialInterval)
  const [status, setStatus] = useState<BarsStatus | null>(null)
  const [fitLines, setFitLines] = useState(true)
  const containerRef = useRef<HTMLDivElement>(null)
  const [chart, setChart] = useState<CandleChart | null>(null)
  const key = `${symbol}:${interval}`

  // The chart exists only in the browser, for the component's lifetime. lightweight-charts
  // (~64 KB gzip) is loaded after the first paint, so it is not in the page's first-load
  // JavaScript (bench:bundle); the feed and the lines start once the chart is there.
  useEffect(() => {
    let mounted = true
    let created: CandleChart | null = null
    void import('./chart/createCandleChart').then(({ createCandleChart }) => {
      if (!mounted || containerRef.current === null) return
      created = createCandleChart(containerRef.current)
      setChart(created)
    })
    return () => {
      mounted = false
      created?.remove()
    }
  }, [])

  useCandleFeed({ chart, client, store, symbol, interval, workerId, onStatus: setStatus })

  const lines = usePriceLines(account, symbol)
  // Ids name the symbol, so a symbol switch removes the previous market's lines.
  useEffect(() => chart?.setPriceLines(lines.specs), [chart, lines.specs])
  useEffect(() => chart?.setFitPriceLines(fitLines), [chart, fitLines])

  const current = status?.key === key ? status : null
  const overlay = current?.phase === 'bars' ? null : workerId !== null && current === null ? 'Loading candles…' : 'Waiting for the first ticks…'

  return (
    <section aria-label={`${symbol}/USD price chart`} data-testid="price-chart" data-symbol={symbol} data-interval={interval} className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">{symbol}/USD</h2>
        <div className="flex items-center gap-2">
          {lines.specs.length > 0 && <FitLinesToggle fit={fitLines} onToggle={() => setFitLines((fit) => !fit)} />}
          <IntervalSwitch interval={interval} onSelect={setBarInterval} />
        </div>
      </div>
      <div className="relative h-72 w-full md:h-96">
        <div
          ref={containerRef}
          role="img"
          aria-label={`${symbol}/USD candles, ${intervalName(interval)}, prices in USD`}
          data-testid="price-chart-canvas"
          className="absolute inset-0"
        />
        {overlay !== null && (
          <p data-testid="price-chart-empty" className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center text-sm text-muted">
            {overlay}
          </p>
        )}
      </div>
      {current?.error != null && <p className="text-xs text-warn">Candle history unavailable ({current.error}): following live ticks only.</p>}
      <PriceLineLegend specs={lines.specs} doubts={lines.doubts} />
    </section>
  )
})

function intervalName(seconds: CandleInterval): string {
  return intervals.find((option) => option.seconds === seconds)?.name ?? `${seconds} second candles`
}

const toggleClass = (on: boolean) => (on ? 'bg-accent/20 text-accent' : 'text-muted hover:text-[#e5edf5]')

function IntervalSwitch({ interval, onSelect }: { interval: CandleInterval; onSelect: (seconds: CandleInterval) => void }) {
  return (
    <div role="group" aria-label="Candle interval" className="flex overflow-hidden rounded border border-edge text-xs">
      {intervals.map((option) => (
        <button
          key={option.seconds}
          type="button"
          aria-pressed={interval === option.seconds}
          aria-label={option.name}
          onClick={() => onSelect(option.seconds)}
          className={`px-2.5 py-1 font-mono ${toggleClass(interval === option.seconds)}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  )
}

function FitLinesToggle({ fit, onToggle }: { fit: boolean; onToggle: () => void }) {
  return (
    <button
      type="button"
      aria-pressed={fit}
      onClick={onToggle}
      title="Stretch the price scale to keep the entry and liquidation lines in view"
      className={`rounded border border-edge px-2.5 py-1 text-xs ${toggleClass(fit)}`}
    >
      Fit lines
    </button>
  )
}

type CandleFeedParameters = {
  chart: CandleChart | null
  client: ReturnType<typeof useEngineClient>
  store: ReturnType<typeof useEngineStore>
  symbol: string
  interval: CandleInterval
  workerId: string | null
  onStatus: (status: BarsStatus) => void
}

/**
 * History then live bars. While the history request is out, live bars are skipped: the worker
 * answers from a state that already includes them (its messages arrive in order). A new worker
 * (`workerId`) starts with a short history, so it is merged behind the bars already shown.
 */
function useCandleFeed({ chart, client, store, symbol, interval, workerId, onStatus }: CandleFeedParameters) {
  const shownKey = useRef<string | null>(null)
  useEffect(() => {
    if (chart === null) return
    const key = `${symbol}:${interval}`
    chart.setInterval(interval)
    const sameSeries = shownKey.current === key
    if (!sameSeries) chart.setBars([])
    shownKey.current = key
    if (workerId === null) return // the engine is (re)starting: ask the worker once it is up

    let cancelled = false
    let loading = true
    let hasBars = sameSeries && chart.bars().length > 0
    const announce = (error: string | null) => onStatus({ key, phase: hasBars ? 'bars' : 'empty', error })

    client.request('candles', { symbol, interval }).then(
      (history) => {
        if (cancelled) return
        const bars = mergeCandleHistory(chart.bars(), history)
        chart.setBars(bars)
        loading = false
        hasBars = bars.length > 0
        announce(null)
      },
      (error: unknown) => {
        if (cancelled) return
        loading = false
        announce(error instanceof Error ? error.message : String(error))
      },
    )

    // Live bars since the last redraw, oldest first, one per bar time (the newest state of each).
    let queued: Candle[] = []
    let redrawTimer: ReturnType<typeof setTimeout> | undefined
    let redrawnAt = Number.NEGATIVE_INFINITY
    const redraw = () => {
      redrawTimer = undefined
      redrawnAt = performance.now()
      const bars = queued
      queued = []
      for (const bar of bars) {
        if (!chart.update(bar) || hasBars) continue
        hasBars = true
        announce(null)
      }
    }
    const unsubscribe = store.subscribe(
      (state: EngineStoreState) => state.candles,
      (updates) => {
        if (loading) return
        for (const update of updates) {
          if (update.symbol !== symbol || update.interval !== interval) continue
          if (queued.at(-1)?.time === update.candle.time) queued[queued.length - 1] = update.candle
          else queued.push(update.candle)
        }
        if (queued.length === 0 || redrawTimer !== undefined) return
        const wait = redrawnAt + liveBarRepaintMs - performance.now()
        if (wait <= 0) redraw()
        else redrawTimer = setTimeout(redraw, wait)
      },
    )
    return () => {
      cancelled = true
      clearTimeout(redrawTimer)
      unsubscribe()
    }
  }, [chart, client, store, symbol, interval, workerId, onStatus])
}

/**
 * The account's lines for `symbol`, recomputed on each snapshot but re-rendering only when they
 * change (the selector returns a string, compared by value): in practice when the engine
 * recomputes liquidation prices (about once a second) or the book or its confidence changes.
 */
function usePriceLines(account: string | null, symbol: string): { specs: PriceLineSpec[]; doubts: string[] } {
  const address = account?.toLowerCase() ?? null
  const serialized = useEngine((state) => {
    const snapshot = address === null ? undefined : state.accounts[address]
    const specs = priceLinesFor({ account: snapshot, symbol })
    return JSON.stringify({ specs, doubts: specs.length > 0 && snapshot?.confident === false ? snapshot.doubts : [] })
  })
  return useMemo(() => JSON.parse(serialized) as { specs: PriceLineSpec[]; doubts: string[] }, [serialized])
}

/** The lines in words, for every reader: the canvas alone says nothing to a screen reader. */
function PriceLineLegend({ specs, doubts }: { specs: PriceLineSpec[]; doubts: string[] }) {
  if (specs.length === 0) return null
  return (
    <div className="text-xs text-muted">
      <ul aria-label="Price lines" className="space-y-0.5">
        {specs.map((spec) => (
          <li key={spec.id} data-testid="price-line" data-kind={spec.kind} data-price={spec.price} data-dimmed={spec.dimmed} className={spec.dimmed ? 'opacity-60' : ''}>
            <span aria-hidden className={`mr-1.5 inline-block w-4 border-t-2 align-middle ${spec.kind === 'liquidation' ? 'border-dashed border-danger' : 'border-accent'}`} />
            {spec.description}
          </li>
        ))}
      </ul>
      {doubts.length > 0 && <p className="mt-1 text-warn">Lines are last known, not live: {doubts.join('; ')}.</p>}
    </div>
  )
}

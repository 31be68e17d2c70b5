'use client'

import { memo, useEffect, useRef, useState } from 'react'
import { lastKnownText } from '@/components/trade/gauge/lastKnownText'
import { formatMultiple, formatPercent, formatUsd } from '@/components/ui/formatFigures'
import type { AccountSnapshot } from '@/lib/engine/protocol'
import { downsampleHistory } from '@/lib/history/downsampleHistory'
import { defaultHistoryRetention } from '@/lib/history/pruneSamples'
import { defaultSampleIntervalMs } from '@/lib/history/sampleAccount'
import type { ConfidentSample, HistoryFigure, HistorySample } from '@/lib/history/types'
import type { HistoryChart } from './createHistoryChart'
import { historyLineColors } from './historyLineColors'
import { historyChartData } from './historyChartData'
import { useAccountHistory } from './useAccountHistory'

type RangeId = '15m' | '1h' | '24h' | 'all'
const ranges: { id: RangeId; label: string; name: string; ms: number | null }[] = [
  { id: '15m', label: '15 m', name: 'last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', name: 'last hour', ms: 3_600_000 },
  { id: '24h', label: '24 h', name: 'last 24 hours', ms: 24 * 3_600_000 },
  { id: 'all', label: 'all', name: 'everything kept', ms: null },
]

/** The chart repaints at most this often (ms), and at least this often while the window slides. */
const repaintMs = 1_000
const idleRepaintMs = 5_000
const figures: HistoryFigure[] = ['equity', 'grossLeverage', 'netLeverage', 'marginRatio']

/** What the last paint showed: the legend and the test hooks read it. */
type Painted = {
  range: RangeId
  /** Equity points drawn (values, not breaks): ≤ 1,000 whatever the window. */
  points: number
  /** Confident samples in the window / in memory for the account. */
  inWindow: number
  total: number
  /** Oldest record kept, wall-clock ms. */
  since: number | null
  latest: ConfidentSample | null
}

/**
 * The account's history on /portfolio (issue 9): equity (USD), gross and net leverage (×) and
 * margin ratio (%) over the last 15 minutes, hour, day or everything kept, from samples the page
 * takes itself — one every 2 s from live figures only, a break in the line where prices were not
 * live or the page was closed — kept in this browser's IndexedDB across reloads (7 days, at most
 * 100,000 samples per account). Repaints at most once a second. Always the real account: with
 * `hypothetical` it says the what-if changes are not in it. Without IndexedDB it says so and the
 * page goes on.
 */
export const AccountHistory = memo(function AccountHistory({ account, hypothetical = false }: { account: AccountSnapshot; hypothetical?: boolean }) {
  const address = account.address.toLowerCase()
  const history = useAccountHistory(address)
  const { recorder, samples, version, status } = history
  const [range, setRange] = useState<RangeId>('1h')
  const [painted, setPainted] = useState<Painted | null>(null)
  const [confirming, setConfirming] = useState(false)
  const containerRef = useRef<HTMLDivElement>(null)
  const chartRef = useRef<HistoryChart | null>(null)

  // Every snapshot goes to the recorder: it keeps one per 2 s and writes in batches later.
  useEffect(() => recorder?.offer(account), [recorder, account])

  // lightweight-charts (~54 KB gzip) is loaded after the first paint, as on the trade page, so it
  // is not in /portfolio's first-load JavaScript (bench:bundle); the 1 Hz painter draws once it is.
  useEffect(() => {
    let mounted = true
    void import('./createHistoryChart').then(({ createHistoryChart }) => {
      if (!mounted || containerRef.current === null) return
      chartRef.current = createHistoryChart(containerRef.current)
    })
    return () => {
      mounted = false
      chartRef.current?.remove()
      chartRef.current = null
    }
  }, [])

  // The painter: on its own 1 Hz clock, never per snapshot; at once on a range switch or load.
  useEffect(() => {
    let paintedVersion = -1
    let paintedAt = 0
    const paint = () => {
      const chart = chartRef.current
      const now = Date.now()
      if (chart === null || (version.current === paintedVersion && now - paintedAt < idleRepaintMs)) return
      paintedVersion = version.current
      paintedAt = now
      const all = samples.current
      const window = ranges.find((option) => option.id === range)?.ms ?? null
      const from = window === null ? (all[0]?.time ?? now) : now - window
      const lines = Object.fromEntries(figures.map((figure) => [figure, downsampleHistory({ samples: all, figure, from, to: now })])) as Record<HistoryFigure, ReturnType<typeof downsampleHistory>>
      const data = {
        equity: historyChartData(lines.equity),
        grossLeverage: historyChartData(lines.grossLeverage),
        netLeverage: historyChartData(lines.netLeverage),
        marginRatio: historyChartData(lines.marginRatio, 100),
      }
      chart.setData(data, { secondsVisible: now - from <= 3_600_000 })
      setPainted({
        range,
        points: lines.equity.filter((point) => point.value !== null).length,
        inWindow: countConfident(all, from),
        total: countConfident(all, Number.NEGATIVE_INFINITY),
        since: all[0]?.time ?? null,
        latest: latestConfident(all),
      })
    }
    paint()
    const timer = setInterval(paint, repaintMs)
    return () => clearInterval(timer)
  }, [range, samples, version, status])

  const lastKnown = lastKnownText(account)
  const shown = painted?.range === range ? painted : null
  return (
    <section
      aria-label="Account history"
      data-testid="account-history"
      data-phase={status.phase}
      data-range={range}
      data-points={shown?.points ?? 0}
      data-samples={shown?.inWindow ?? 0}
      data-total={shown?.total ?? 0}
      className="space-y-3 rounded-lg border border-edge bg-panel p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-sm font-medium uppercase tracking-wide text-muted">History</h2>
        <div className="flex flex-wrap items-center gap-2">
          <div role="group" aria-label="History range" className="flex overflow-hidden rounded border border-edge text-xs">
            {ranges.map((option) => (
              <button
                key={option.id}
                type="button"
                aria-pressed={range === option.id}
                aria-label={option.name}
                onClick={() => setRange(option.id)}
                className={`px-2.5 py-1 font-mono ${range === option.id ? 'bg-accent/20 text-accent' : 'text-muted hover:text-[#e5edf5]'}`}
              >
                {option.label}
              </button>
            ))}
          </div>
          <ClearHistory
            disabled={status.phase !== 'ready'}
            confirming={confirming}
            count={shown?.total ?? 0}
            onAsk={() => setConfirming(true)}
            onCancel={() => setConfirming(false)}
            onConfirm={() => {
              setConfirming(false)
              void history.clear()
            }}
          />
        </div>
      </div>
      {hypothetical && (
        <p className="text-xs text-accent">The real account only: what-if changes are hypothetical and never recorded here.</p>
      )}
      {status.phase === 'unavailable' ? (
        <p role="status" data-testid="history-unavailable" className="text-sm text-warn">
          {status.reason} The rest of the page works without it.
        </p>
      ) : (
        <HistoryLegend painted={shown} />
      )}
      <div className={`relative h-80 w-full ${status.phase === 'unavailable' ? 'hidden' : ''}`}>
        <div
          ref={containerRef}
          role="img"
          aria-label={`Account history, ${ranges.find((option) => option.id === range)?.name}: equity in USD, gross and net leverage as multiples, margin ratio in percent`}
          data-testid="history-chart"
          className="absolute inset-0"
        />
        {shown !== null && shown.points === 0 && status.phase === 'ready' && (
          <p className="pointer-events-none absolute inset-0 z-10 flex items-center justify-center px-4 text-center text-sm text-muted">
            No samples in this range yet: one is taken every {defaultSampleIntervalMs / 1000} s while every price is live.
          </p>
        )}
      </div>
      <p className="text-xs text-muted" data-testid="history-recording">
        {lastKnown === null
          ? `Recording one sample every ${defaultSampleIntervalMs / 1000} s from live figures.`
          : `Not recording: ${lastKnown}. The line breaks until prices are live again.`}{' '}
        Kept in this browser for {defaultHistoryRetention.maxAgeMs / 86_400_000} days, at most {defaultHistoryRetention.maxSamplesPerAccount.toLocaleString('en-US')} samples per account;
        long ranges draw each stretch’s first, last, lowest and highest value.
        {history.storageError !== null && <span className="text-warn"> Not saved: {history.storageError} (kept in memory and retried).</span>}
      </p>
    </section>
  )
})

function HistoryLegend({ painted }: { painted: Painted | null }) {
  if (painted === null) return <p className="text-sm text-muted">Opening the history…</p>
  const latest = painted.latest
  return (
    <div className="flex flex-wrap items-baseline justify-between gap-x-6 gap-y-1 text-sm">
      <p data-testid="history-count" className="text-muted">
        {painted.total.toLocaleString('en-US')} sample{painted.total === 1 ? '' : 's'}
        {painted.since === null ? '' : ` since ${sinceFormat.format(new Date(painted.since))}`}
        {painted.inWindow !== painted.total && ` (${painted.inWindow.toLocaleString('en-US')} in range)`}
      </p>
      {latest !== null && (
        <dl className="flex flex-wrap gap-x-4 gap-y-1 font-mono text-xs" aria-label={`Latest sample, ${timeFormat.format(new Date(latest.time))}`}>
          <Figure figure="equity" name="Equity" value={formatUsd(latest.equity)} />
          <Figure figure="grossLeverage" name="Gross" value={leverageText(latest.grossLeverage)} />
          <Figure figure="netLeverage" name="Net" value={leverageText(latest.netLeverage)} dashed />
          <Figure figure="marginRatio" name="Margin ratio" value={latest.marginRatio === null ? '— (equity ≤ 0)' : formatPercent(latest.marginRatio, 1)} />
        </dl>
      )}
    </div>
  )
}

function Figure({ figure, name, value, dashed = false }: { figure: HistoryFigure; name: string; value: string; dashed?: boolean }) {
  return (
    <div className="flex items-center gap-1.5">
      <span aria-hidden className={`inline-block w-4 border-t-2 ${dashed ? 'border-dashed' : ''}`} style={{ borderColor: historyLineColors[figure] }} />
      <dt className="text-muted">{name}</dt>
      <dd>{value}</dd>
    </div>
  )
}

type ClearHistoryProps = { disabled: boolean; confirming: boolean; count: number; onAsk: () => void; onCancel: () => void; onConfirm: () => void }

/** Two steps: deleting days of history should not take one stray click. */
function ClearHistory({ disabled, confirming, count, onAsk, onCancel, onConfirm }: ClearHistoryProps) {
  if (!confirming)
    return (
      <button type="button" disabled={disabled} onClick={onAsk} className="rounded border border-edge px-2.5 py-1 text-xs text-muted hover:text-[#e5edf5] disabled:opacity-50">
        Clear history
      </button>
    )
  return (
    <span role="group" aria-label="Confirm clearing the history" className="flex items-center gap-2 text-xs">
      <span className="text-warn">Delete {count.toLocaleString('en-US')} samples from this browser?</span>
      <button type="button" onClick={onConfirm} className="rounded border border-danger px-2.5 py-1 text-danger hover:bg-danger/15">
        Delete
      </button>
      <button type="button" onClick={onCancel} className="rounded border border-edge px-2.5 py-1 text-muted hover:text-[#e5edf5]">
        Cancel
      </button>
    </span>
  )
}

/** Leverage of a sample: `null` was lib/core's `Infinity` (equity ≤ 0). */
function leverageText(value: number | null): string {
  return value === null ? '∞ (equity ≤ 0)' : formatMultiple(value)
}

function countConfident(samples: readonly HistorySample[], from: number): number {
  let count = 0
  for (const sample of samples) if (sample.confident && sample.time >= from) count++
  return count
}

function latestConfident(samples: readonly HistorySample[]): ConfidentSample | null {
  for (let i = samples.length - 1; i >= 0; i--) {
    const sample = samples[i] as HistorySample
    if (sample.confident) return sample
  }
  return null
}

const sinceFormat = new Intl.DateTimeFormat(undefined, { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })
const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })

'use client'

import { useEffect, useState } from 'react'
import type { TickJourney } from '@/lib/store/createEngineStore'
import { useEngine, useEngineClient, useEngineStore } from './EngineProvider'
import { isTypingContext } from '@/components/keyboard/isTypingContext'

type Stage = { name: string; from: keyof TickJourney; to: keyof TickJourney }

const stages: Stage[] = [
  { name: 'received → accepted', from: 'received', to: 'accepted' },
  { name: 'accepted → evaluated', from: 'accepted', to: 'evaluated' },
  { name: 'evaluated → posted', from: 'evaluated', to: 'posted' },
  { name: 'posted → applied', from: 'posted', to: 'applied' },
  { name: 'applied → painted', from: 'applied', to: 'painted' },
  { name: 'received → painted', from: 'received', to: 'painted' },
]

/**
 * The pipeline's own timings (issue 6): per stage of a tick's journey, the median and 95th
 * percentile over the last 512 ticks, in ms; the worker's rate and evaluation time; restarts.
 * Toggled by the button (in the page's footer, so it never covers a figure) or the `d` key; the
 * open panel floats at the bottom right. "Kill worker" is a fault drill: the client must notice
 * and restart it.
 */
export function DiagnosticsOverlay() {
  const [open, setOpen] = useState(false)
  const [, setTick] = useState(0)
  const store = useEngineStore()
  const client = useEngineClient()
  const engine = useEngine((state) => state.engine)
  const restarts = useEngine((state) => state.restarts)
  const reason = useEngine((state) => state.lastRestartReason)

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'd' && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingContext(event.target as HTMLElement | null)) setOpen((value) => !value)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  useEffect(() => {
    if (!open) return
    const timer = setInterval(() => setTick((value) => value + 1), 500)
    return () => clearInterval(timer)
  }, [open])

  const journeys = store.getState().journeys.filter((journey) => journey.painted !== null)
  const stats = client.status().stats
  return (
    <div className="text-xs">
      {open && (
        <div data-testid="diagnostics" className="fixed bottom-3 right-3 z-50 w-80 rounded-lg border border-edge bg-panel/95 p-3 shadow-lg">
          <p className="mb-1 font-medium">
            Engine {engine} · restarts {restarts}
            {reason ? ` (last: ${reason})` : ''}
          </p>
          <p className="mb-2 text-muted">
            {stats ? `${stats.ticksPerSecond.toFixed(1)} ticks/s · evaluate p50 ${stats.evaluateMs.p50.toFixed(3)} ms, p95 ${stats.evaluateMs.p95.toFixed(3)} ms · backlog ${stats.pendingTicks}` : 'no heartbeat yet'}
          </p>
          <table className="w-full font-mono">
            <thead>
              <tr className="text-muted">
                <th className="text-left font-normal">stage ({journeys.length} ticks)</th>
                <th className="text-right font-normal">p50 ms</th>
                <th className="text-right font-normal">p95 ms</th>
              </tr>
            </thead>
            <tbody>
              {stages.map((stage) => {
                const values = journeys.map((journey) => (journey[stage.to] as number) - (journey[stage.from] as number))
                return (
                  <tr key={stage.name}>
                    <td>{stage.name}</td>
                    <td className="text-right">{quantile(values, 0.5)}</td>
                    <td className="text-right">{quantile(values, 0.95)}</td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          <button type="button" className="mt-2 rounded border border-danger px-2 py-0.5 text-danger" onClick={() => client.killWorker()}>
            Kill worker (fault drill)
          </button>
        </div>
      )}
      <button type="button" aria-pressed={open} className="rounded border border-edge bg-panel px-2 py-1 text-muted" onClick={() => setOpen((value) => !value)}>
        Diagnostics
      </button>
    </div>
  )
}

function quantile(values: readonly number[], q: number): string {
  if (values.length === 0) return '—'
  const sorted = [...values].sort((a, b) => a - b)
  return (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number).toFixed(2)
}

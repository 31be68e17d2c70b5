'use client'

import { memo, useState } from 'react'

type Control = { label: string; action: string; body: Record<string, unknown> }

/**
 * The demo's market controls (issue 7, devnet only): each button posts to the devnet's
 * `/demo/<action>` route (validated there) and shows its answer. The page reacts through the
 * normal pipeline: the keeper publishes, the worker re-evaluates.
 */
export const DemoControls = memo(function DemoControls({ servicesUrl, market, address }: { servicesUrl: string; market: string; address: string | null }) {
  const [message, setMessage] = useState<string | null>(null)
  const controls: Control[] = [
    { label: `Crash ${market} −15 %`, action: 'crash', body: { asset: market, percent: 15, seconds: 10 } },
    { label: `Pump ${market} +15 %`, action: 'pump', body: { asset: market, percent: 15, seconds: 10 } },
    { label: 'Volatility ×2', action: 'vol-spike', body: { asset: market, factor: 2 } },
    { label: `Stall ${market} feed 90 s`, action: 'stall', body: { asset: market, seconds: 90 } },
    { label: `Bad tick (jump)`, action: 'bad-tick', body: { asset: market, kind: 'jump' } },
    ...(address ? [{ label: 'Faucet: fund my wallet', action: 'faucet', body: { address } }] : []),
  ]
  const send = async ({ label, action, body }: Control) => {
    setMessage(`${label}…`)
    try {
      const response = await fetch(`${servicesUrl}/demo/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const answer = (await response.json()) as { error?: { message?: string } }
      setMessage(response.ok ? `${label}: done` : `${label}: ${answer.error?.message ?? response.statusText}`)
    } catch {
      setMessage(`${label}: the devnet is not answering at ${servicesUrl}`)
    }
  }
  return (
    <section aria-label="Demo controls" className="rounded-lg border border-dashed border-edge p-3">
      <h2 className="mb-2 text-xs font-medium uppercase tracking-wide text-muted">Demo controls (devnet)</h2>
      <div className="flex flex-wrap gap-2">
        {controls.map((control) => (
          <button key={control.label} type="button" onClick={() => send(control)} className="rounded border border-edge px-2 py-1 text-xs hover:border-accent">
            {control.label}
          </button>
        ))}
      </div>
      <p role="status" aria-label="Demo control" className="mt-1 min-h-4 text-xs text-muted">
        {message}
      </p>
    </section>
  )
})

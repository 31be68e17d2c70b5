'use client'

import { useEffect, useState } from 'react'
import { helloEngineWorker, startEngineWorker } from '@/lib/engine/startEngineWorker'
import type { EngineResponse } from '@/lib/engine/protocol'

type State = { status: 'starting' } | { status: 'ready'; response: EngineResponse } | { status: 'failed'; message: string }

/** Starts the engine worker and shows whether it answered, with the figure it computed. */
export function EngineStatus() {
  const [state, setState] = useState<State>({ status: 'starting' })

  useEffect(() => {
    const worker = startEngineWorker()
    let active = true
    helloEngineWorker(worker).then(
      (response) => active && setState({ status: 'ready', response }),
      (error: unknown) => active && setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) }),
    )
    return () => {
      active = false
      worker.terminate()
    }
  }, [])

  return (
    <p role="status" aria-label="Engine" className="text-xs text-muted">
      {state.status === 'starting' && 'Engine worker: starting…'}
      {state.status === 'ready' &&
        `Engine worker: ready — self-check ${state.response.selfCheck.label} = ${state.response.selfCheck.price.toFixed(4)} USD`}
      {state.status === 'failed' && <span className="text-danger">Engine worker: failed — {state.message}</span>}
    </p>
  )
}

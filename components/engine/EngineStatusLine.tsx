'use client'

import { useEngine } from './EngineProvider'

/** One line on the engine: worker state, stream connection, chain block. */
export function EngineStatusLine() {
  const engine = useEngine((state) => state.engine)
  const connection = useEngine((state) => state.connection)
  const chain = useEngine((state) => state.chain)
  const workerId = useEngine((state) => state.workerId)
  const selfCheck = useEngine((state) => state.selfCheck)
  return (
    <p role="status" aria-label="Engine" data-engine={engine} className="text-xs text-muted">
      Engine worker: {engine}
      {workerId ? ` (${workerId})` : ''} · price stream: {connection} · chain: {chain.status}
      {chain.blockNumber ? ` at block ${chain.blockNumber}` : ''}
      {chain.error ? ` — ${chain.error}` : ''}
      {selfCheck ? ` · self-check ${selfCheck.label} = ${selfCheck.price.toFixed(4)} USD` : ''}
    </p>
  )
}

/// <reference lib="webworker" />
/**
 * The engine worker. For now it answers `hello` with a self-check priced by lib/core, which proves
 * the worker bundling path (Turbopack in `next dev` and `next build`) and that lib/core runs in a
 * worker. The price stream, account evaluation and snapshots move in here with the pipeline.
 */
import { optionPrice } from '../lib/core/pricing/optionPrice'
import type { EngineRequest, EngineResponse } from '../lib/engine/protocol'

declare const self: DedicatedWorkerGlobalScope

/** Hull, Options, Futures and Other Derivatives, Example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5 → call 4.76. */
const selfCheckOption = { kind: 'call', spot: 42, strike: 40, years: 0.5, rate: 0.1, dividendYield: 0, vol: 0.2 } as const

self.onmessage = (event: MessageEvent<EngineRequest>) => {
  if (event.data.type !== 'hello') return
  const response: EngineResponse = {
    type: 'ready',
    selfCheck: { label: 'Call S=42 K=40 r=10% σ=20% T=0.5y', price: optionPrice(selfCheckOption) },
  }
  self.postMessage(response)
}

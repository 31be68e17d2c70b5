/// <reference lib="webworker" />
/**
 * The estimates worker (issue 9): the liquidation picture's slow estimates — the liquidation
 * probability's Monte Carlo and the correlated-move liquidation — off the main thread and off the
 * engine worker, whose per-tick evaluation a 0.75 s simulation would stall. It holds no state
 * beyond the job in progress: the page sends it the book (the engine worker's `bookState`) with
 * every request. Logic in workers/estimates/createEstimatesCore.
 */
import type { EstimatesCommand, EstimatesMessage } from '../lib/estimates/protocol'
import { createEstimatesCore } from './estimates/createEstimatesCore'

declare const self: DedicatedWorkerGlobalScope

const core = createEstimatesCore({ post: (message: EstimatesMessage) => self.postMessage(message) })

self.onmessage = (event: MessageEvent<EstimatesCommand>) => {
  void core.onCommand(event.data)
}
self.postMessage({ type: 'ready' } satisfies EstimatesMessage)

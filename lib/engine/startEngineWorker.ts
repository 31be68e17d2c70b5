import type { EngineRequest, EngineResponse } from './protocol'

/**
 * Starts the engine worker. Browser only: callers run it from an effect, never during server
 * rendering (`typeof Worker === 'undefined'` there).
 *
 * The `new Worker(new URL(..., import.meta.url))` form is what Next's bundler recognises to emit
 * the worker as its own chunk; it must stay literal.
 */
export function startEngineWorker(): Worker {
  if (typeof Worker === 'undefined') throw new Error('The engine worker can only start in a browser.')
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' })
}

/** Asks a fresh worker for its self-check; resolves with its answer or rejects after `timeoutMs`. */
export function helloEngineWorker(worker: Worker, timeoutMs = 10_000): Promise<EngineResponse> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Engine worker did not answer within ${timeoutMs} ms.`)), timeoutMs)
    worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => {
      clearTimeout(timer)
      resolve(event.data)
    }, { once: true })
    worker.addEventListener('error', (event) => {
      clearTimeout(timer)
      reject(new Error(`Engine worker failed: ${event.message}`))
    }, { once: true })
    const request: EngineRequest = { type: 'hello' }
    worker.postMessage(request)
  })
}

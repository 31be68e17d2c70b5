/**
 * Starts the estimates worker (workers/estimates.worker.ts). Browser only: callers run it from an
 * effect (or through `createEstimatesClient`), never during server rendering.
 *
 * The `new Worker(new URL(..., import.meta.url))` form is what Next's bundler recognises to emit
 * the worker as its own chunk; it must stay literal.
 */
export function startEstimatesWorker(): Worker {
  if (typeof Worker === 'undefined') throw new Error('The estimates worker can only start in a browser.')
  return new Worker(new URL('../../workers/estimates.worker.ts', import.meta.url), { type: 'module', name: 'estimates' })
}

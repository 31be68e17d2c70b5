/**
 * Starts the engine worker. Browser only: callers run it from an effect (or through
 * `createEngineClient`), never during server rendering (`typeof Worker === 'undefined'` there).
 *
 * The `new Worker(new URL(..., import.meta.url))` form is what Next's bundler recognises to emit
 * the worker as its own chunk; it must stay literal.
 */
export function startEngineWorker(): Worker {
  if (typeof Worker === 'undefined') throw new Error('The engine worker can only start in a browser.')
  return new Worker(new URL('../../workers/engine.worker.ts', import.meta.url), { type: 'module', name: 'engine' })
}

/**
 * Messages between the main thread and the engine worker (workers/engine.worker.ts).
 *
 * Plain, structured-clone-safe data only. The streaming protocol (snapshots, requests with ids,
 * heartbeat) grows here; this first version proves the round trip: the worker answers `hello`
 * with a figure computed by lib/core, so a page that shows it has run the engine in a worker.
 */

export type EngineRequest = { type: 'hello' }

export type EngineResponse = {
  type: 'ready'
  /** A reference option price computed by lib/core inside the worker (USD). */
  selfCheck: {
    /** What was priced, in words. */
    label: string
    /** Black-Scholes value, USD per contract. */
    price: number
  }
}

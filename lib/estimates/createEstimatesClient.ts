import type { BookState, SerializedError } from '../engine/protocol'
import type { EstimatesCommand, EstimatesMessage, EstimatesResult, ProbabilitiesJob } from './protocol'

/** The part of `Worker` the client uses (a fake one in tests). */
export type EstimatesWorkerLike = {
  postMessage: (message: EstimatesCommand) => void
  terminate: () => void
  addEventListener: (type: 'message' | 'error', listener: (event: MessageEvent<EstimatesMessage> | ErrorEvent) => void) => void
}

export type CreateEstimatesClientParameters = {
  /** Starts a worker (`startEstimatesWorker` in the browser, a fake in tests). */
  createWorker: () => EstimatesWorkerLike
  /** Longest a correlated-move answer may take, ms (10,000; it takes tens of ms). */
  correlatedMoveTimeoutMs?: number
  /** Longest a probabilities job may take, ms (60,000; ~1–3 s for the power user's book). */
  probabilitiesTimeoutMs?: number
}

/** Why an estimate did not come: the worker's error, a timeout, a newer job, or the client stopped. */
export type EstimatesRequestErrorReason = 'failed' | 'timeout' | 'superseded' | 'stopped' | 'crashed'

/** An estimate that did not come, and why (`reason`); `remote` is the worker's error when it failed. */
export class EstimatesRequestError extends Error {
  override name = 'EstimatesRequestError'
  constructor(
    message: string,
    readonly reason: EstimatesRequestErrorReason,
    readonly remote?: SerializedError,
  ) {
    super(message)
  }
}

type Kind = keyof EstimatesResult
type Pending = { kind: Kind; resolve: (value: unknown) => void; reject: (error: EstimatesRequestError) => void; timer: ReturnType<typeof setTimeout> }

/**
 * The main thread's side of the estimates worker, a smaller `createEngineClient`: requests keyed
 * by id with a timeout, answers and errors rebuilt on this side. One probabilities job at a time:
 * a new one supersedes the one in flight (the worker stops it at its next chunk; its promise
 * rejects with reason `superseded`). A worker that crashes, or overruns a timeout (hung, or
 * hopelessly slow), is replaced by a fresh one and every open request rejects (`crashed`,
 * `timeout`): the worker keeps no state, so the caller simply asks again with the current book.
 *
 * Browser only in use (it needs `Worker`): create it in an effect, never during server rendering.
 */
export function createEstimatesClient({ createWorker, correlatedMoveTimeoutMs = 10_000, probabilitiesTimeoutMs = 60_000 }: CreateEstimatesClientParameters) {
  let worker: EstimatesWorkerLike | undefined
  let nextId = 1
  let restarts = 0
  let running = false
  /** The probabilities job in flight (the only one the worker keeps running). */
  let probabilitiesId: number | null = null
  const pending = new Map<number, Pending>()

  const settle = (id: number): Pending | undefined => {
    const request = pending.get(id)
    if (request === undefined) return undefined
    pending.delete(id)
    clearTimeout(request.timer)
    if (probabilitiesId === id) probabilitiesId = null
    return request
  }

  const rejectAll = (message: string, reason: EstimatesRequestErrorReason) => {
    for (const id of [...pending.keys()]) settle(id)?.reject(new EstimatesRequestError(message, reason))
  }

  const onMessage = (source: EstimatesWorkerLike, message: EstimatesMessage) => {
    if (source !== worker) return // a replaced worker's last words
    if (message.type === 'ready') return
    const request = settle(message.id)
    if (request === undefined) return
    if (message.type === 'cancelled') request.reject(new EstimatesRequestError('A newer estimate replaced this one.', 'superseded'))
    else if (message.ok) request.resolve(message.result)
    else request.reject(new EstimatesRequestError(message.error.message, 'failed', message.error))
  }

  const spawn = () => {
    const next = createWorker()
    worker = next
    next.addEventListener('message', (event) => onMessage(next, (event as MessageEvent<EstimatesMessage>).data))
    next.addEventListener('error', (event) => {
      if (next === worker) replace(`The estimates worker failed: ${(event as ErrorEvent).message ?? 'unknown error'}.`, 'crashed')
    })
  }

  const replace = (message: string, reason: EstimatesRequestErrorReason) => {
    worker?.terminate()
    restarts += 1
    rejectAll(message, reason)
    spawn()
  }

  function request<K extends Kind>(kind: K, command: (id: number) => EstimatesCommand, timeoutMs: number): Promise<EstimatesResult[K]> {
    return new Promise((resolve, reject) => {
      if (!running || worker === undefined) return reject(new EstimatesRequestError('The estimates worker is not running.', 'stopped'))
      const id = nextId++
      const timer = setTimeout(() => replace(`The estimates worker did not answer within ${timeoutMs / 1000} s.`, 'timeout'), timeoutMs)
      pending.set(id, { kind, resolve: resolve as (value: unknown) => void, reject, timer })
      if (kind === 'probabilities') {
        // The worker drops the older job at its next chunk and says `cancelled`; until then it is still ours to wait for.
        probabilitiesId = id
      }
      worker.postMessage(command(id))
    })
  }

  return {
    /** Starts the worker (again after `stop`). */
    start() {
      if (running) return
      running = true
      spawn()
    },
    /** Ends the worker; every open request rejects with reason `stopped`. */
    stop() {
      if (!running) return
      running = false
      worker?.terminate()
      worker = undefined
      rejectAll('The estimates worker was stopped.', 'stopped')
    },
    /** lib/core `correlatedMoveLiquidation` of the book, computed in the worker. */
    correlatedMove(book: BookState): Promise<EstimatesResult['correlatedMove']> {
      return request('correlatedMove', (id) => ({ type: 'correlatedMove', id, book }), correlatedMoveTimeoutMs)
    },
    /** lib/core `liquidationProbability` per book and horizon, in the worker; supersedes the job in flight. */
    probabilities(job: ProbabilitiesJob): Promise<EstimatesResult['probabilities']> {
      return request('probabilities', (id) => ({ type: 'probabilities', id, job }), probabilitiesTimeoutMs)
    },
    /** Stops the probabilities job in flight, if any (its promise rejects with reason `superseded`). */
    cancelProbabilities() {
      if (probabilitiesId !== null) worker?.postMessage({ type: 'cancel', id: probabilitiesId })
    },
    /** Workers replaced since creation (crashes and timeouts). */
    restarts: () => restarts,
  }
}

export type EstimatesClient = ReturnType<typeof createEstimatesClient>

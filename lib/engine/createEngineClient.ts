import type { WhatIfChange } from '../core/solvers/applyWhatIf'
import type {
  EngineCommand,
  EngineConfig,
  EngineMessage,
  EngineRequestMethod,
  EngineRequestParams,
  EngineRequestResult,
  EngineSnapshot,
  EngineStats,
  SerializedError,
} from './protocol'

/** The part of `Worker` the client uses (a fake one in tests). */
export type EngineWorkerLike = {
  postMessage: (message: EngineCommand) => void
  terminate: () => void
  addEventListener: (type: 'message' | 'error', listener: (event: MessageEvent<EngineMessage> | ErrorEvent) => void) => void
}

export type EngineClientState = 'idle' | 'starting' | 'running' | 'restarting' | 'stopped'

export type EngineClientStatus = {
  state: EngineClientState
  /** Worker restarts since `start`. */
  restarts: number
  lastRestartReason: string | null
  /** The current worker's id, once it has spoken. */
  workerId: string | null
  /** Wall ms of the last message from the worker. */
  lastMessageAt: number | null
  /** The worker's own measurements, from its last heartbeat. */
  stats: EngineStats | null
  /** The figure lib/core computed inside the worker on start (proof the engine runs there). */
  selfCheck: { label: string; price: number } | null
}

export type CreateEngineClientParameters = {
  config: EngineConfig
  /** Starts a worker (`startEngineWorker` in the browser, a fake in tests). */
  createWorker: () => EngineWorkerLike
  /** Silence after which a running worker counts as hung or dead and is replaced, ms (450: four missed heartbeats). */
  heartbeatTimeoutMs?: number
  /** Silence allowed to a newly started worker before its first message, ms (10,000: a cold dev-server compile). */
  startupTimeoutMs?: number
  /** Default timeout of a request, ms (5,000). */
  requestTimeoutMs?: number
  /** Wall clock, ms. */
  clock?: () => number
}

/** A request that timed out, or was answered with an error (rebuilt from `{ name, message }`). */
export class EngineRequestError extends Error {
  override name = 'EngineRequestError'
  constructor(message: string, readonly remote?: SerializedError) {
    super(message)
  }
}

type Pending = {
  command: Extract<EngineCommand, { type: 'request' }>
  resolve: (value: unknown) => void
  reject: (error: Error) => void
  timer: ReturnType<typeof setTimeout>
}

/**
 * The main thread's side of the engine worker (issue 6; GMX's multicall worker is the model):
 * starts the worker, configures it, keeps the watched-account list, sends requests keyed by id
 * with a timeout, and delivers snapshots to subscribers.
 *
 * It watches the heartbeat: a worker silent for `heartbeatTimeoutMs` (dead, hung in a loop, or
 * terminated) or one that throws is replaced by a fresh one, which is configured again, given the
 * same watched accounts and sent every request still waiting for an answer (the open forms), so
 * nothing the page asked for is lost. While a replacement starts, subscribers see the state
 * `restarting`: the page must not show the last snapshot as live until the new worker's first one.
 *
 * Browser only (it needs `Worker`): create it in an effect, never during server rendering.
 */
export function createEngineClient({
  config,
  createWorker,
  heartbeatTimeoutMs = 450,
  startupTimeoutMs = 10_000,
  requestTimeoutMs = 5_000,
  clock = () => performance.timeOrigin + performance.now(),
}: CreateEngineClientParameters) {
  let worker: EngineWorkerLike | undefined
  let watched: readonly string[] = []
  /** What-if changes per account, re-sent to a restarted worker (a crash loses no hypothetical). */
  const whatIfs = new Map<string, readonly WhatIfChange[]>()
  let nextId = 1
  const pending = new Map<number, Pending>()
  const snapshotListeners = new Set<(snapshot: EngineSnapshot) => void>()
  const statusListeners = new Set<(status: EngineClientStatus) => void>()
  let status: EngineClientStatus = { state: 'idle', restarts: 0, lastRestartReason: null, workerId: null, lastMessageAt: null, stats: null, selfCheck: null }
  let startedAt = 0
  let monitor: ReturnType<typeof setInterval> | undefined

  const setStatus = (next: Partial<EngineClientStatus>) => {
    status = { ...status, ...next }
    for (const listener of statusListeners) listener(status)
  }

  const onMessage = (source: EngineWorkerLike, message: EngineMessage) => {
    if (source !== worker) return // a replaced worker's last words
    const now = clock()
    switch (message.type) {
      case 'ready':
        setStatus({ workerId: message.workerId, lastMessageAt: now, selfCheck: message.selfCheck })
        return
      case 'heartbeat':
        status = { ...status, workerId: message.workerId, lastMessageAt: now, stats: message.stats }
        if (status.state !== 'running') setStatus({})
        return
      case 'snapshot':
        status = { ...status, lastMessageAt: now }
        if (status.state !== 'running') setStatus({ state: 'running', workerId: message.snapshot.workerId })
        for (const listener of snapshotListeners) listener(message.snapshot)
        return
      case 'response': {
        status = { ...status, lastMessageAt: now }
        const request = pending.get(message.id)
        if (request === undefined) return
        pending.delete(message.id)
        clearTimeout(request.timer)
        if (message.ok) request.resolve(message.result)
        else request.reject(new EngineRequestError(message.error.message, message.error))
      }
    }
  }

  const spawn = () => {
    const next = createWorker()
    worker = next
    startedAt = clock()
    status = { ...status, workerId: null, lastMessageAt: null }
    next.addEventListener('message', (event) => onMessage(next, (event as MessageEvent<EngineMessage>).data))
    next.addEventListener('error', (event) => {
      if (next === worker) restart(`worker error: ${(event as ErrorEvent).message ?? 'unknown'}`)
    })
    next.postMessage({ type: 'hello' })
    next.postMessage({ type: 'configure', config })
    next.postMessage({ type: 'watch', accounts: watched })
    for (const [account, changes] of whatIfs) next.postMessage({ type: 'whatIf', account, changes })
    for (const request of pending.values()) next.postMessage(request.command)
  }

  const restart = (reason: string) => {
    if (status.state === 'stopped' || status.state === 'idle') return
    worker?.terminate()
    setStatus({ state: 'restarting', restarts: status.restarts + 1, lastRestartReason: reason })
    spawn()
  }

  const checkHeartbeat = () => {
    if (worker === undefined || status.state === 'stopped') return
    const now = clock()
    if (status.lastMessageAt === null) {
      if (now - startedAt > startupTimeoutMs) restart(`worker did not start within ${startupTimeoutMs} ms`)
    } else if (now - status.lastMessageAt > heartbeatTimeoutMs) restart(`no heartbeat for ${Math.round(now - status.lastMessageAt)} ms`)
  }

  return {
    /** Starts a worker (again after `stop`, as React's development double effects do). */
    start() {
      if (status.state !== 'idle' && status.state !== 'stopped') return
      setStatus({ state: 'starting' })
      spawn()
      monitor = setInterval(checkHeartbeat, Math.max(10, heartbeatTimeoutMs / 4))
    },
    stop() {
      if (monitor !== undefined) clearInterval(monitor)
      worker?.terminate()
      worker = undefined
      for (const request of pending.values()) {
        clearTimeout(request.timer)
        request.reject(new EngineRequestError('The engine was stopped.'))
      }
      pending.clear()
      setStatus({ state: 'stopped' })
    },
    /** Replaces the watched accounts; survives restarts. */
    watch(accounts: readonly string[]) {
      watched = [...accounts]
      worker?.postMessage({ type: 'watch', accounts: watched })
    },
    /** Asks the worker; rejects with `EngineRequestError` on an error answer or after the timeout. */
    /** Replaces an account's what-if changes (empty clears them); survives restarts. */
    whatIf(account: string, changes: readonly WhatIfChange[]) {
      const key = account.toLowerCase()
      if (changes.length === 0) whatIfs.delete(key)
      else whatIfs.set(key, [...changes])
      worker?.postMessage({ type: 'whatIf', account: key, changes: [...changes] })
    },
    request<M extends EngineRequestMethod>(method: M, params: EngineRequestParams[M], { timeoutMs = requestTimeoutMs }: { timeoutMs?: number } = {}): Promise<EngineRequestResult[M]> {
      return new Promise((resolve, reject) => {
        const id = nextId++
        const command = { type: 'request', id, method, params } as Extract<EngineCommand, { type: 'request' }>
        const timer = setTimeout(() => {
          pending.delete(id)
          reject(new EngineRequestError(`The engine did not answer ${method} within ${timeoutMs} ms.`))
        }, timeoutMs)
        pending.set(id, { command, resolve: resolve as (value: unknown) => void, reject, timer })
        worker?.postMessage(command)
      })
    },
    onSnapshot(listener: (snapshot: EngineSnapshot) => void) {
      snapshotListeners.add(listener)
      return () => void snapshotListeners.delete(listener)
    },
    onStatus(listener: (status: EngineClientStatus) => void) {
      statusListeners.add(listener)
      return () => void statusListeners.delete(listener)
    },
    status: () => status,
    /** Diagnostics and fault drills: ends the worker abruptly, as a crash would (the client is not told). */
    killWorker() {
      worker?.terminate()
    },
    /**
     * Fault drills only: the current worker busy-loops for `ms` (capped at 60,000 by the worker),
     * alive but answering nothing, so the heartbeat watch must notice and replace it. Inert unless called.
     */
    hangWorker(ms: number) {
      worker?.postMessage({ type: 'hang', ms })
    },
  }
}

export type EngineClient = ReturnType<typeof createEngineClient>

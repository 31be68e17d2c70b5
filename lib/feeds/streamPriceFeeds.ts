import { InvalidInputError } from '../core/errors'
import { assertOracleGuardParams } from '../core/oracle/assertOracleGuardParams'
import { feedStatus } from '../core/oracle/feedStatus'
import { defaultOracleGuardParams } from '../core/oracle/params'
import type { FeedUpdate, OracleGuardParams, PriceUpdateRejection } from '../core/oracle/types'
import { assertPositive } from '../core/validate'
import { applyPriceUpdate } from './applyPriceUpdate'
import { createFeedRecord } from './createFeedRecord'
import { feedHealth } from './feedHealth'
import { parsePriceUpdateMessage } from './parsePriceUpdateMessage'
import { normalizeFeedId, type FeedId } from './priceFeeds'
import { readServerSentEvents } from './readServerSentEvents'
import { reconnectDelay } from './reconnectDelay'
import { hermesPriceRoutes, type StreamRoutes } from './routes'
import type {
  ConnectionStatus,
  FeedHealth,
  FeedHealthState,
  FeedRecord,
  FollowedFeed,
  MalformedPriceUpdate,
  PriceTick,
  TickSource,
} from './types'

/** Time as the driver sees it; injectable so tests can run backoff and staleness instantly. */
export type StreamClock = {
  /** Wall clock, ms since the epoch. */
  now: () => number
  /** Resolves after `ms` milliseconds, or as soon as `signal` aborts. Never rejects. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

/** What happened on the stream, for logs, diagnostics and the demo's "what the stream saw". */
export type StreamEvent =
  | {
      type: 'connection'
      status: ConnectionStatus
      /** Why the connection was lost, when `status` is `disconnected`. */
      reason?: string
      /** Backoff before the next attempt, ms, when `status` is `disconnected`. */
      retryIn?: number
    }
  | {
      type: 'verdict'
      id: FeedId
      symbol: string
      verdict: 'uncertain' | 'jumped' | 'rejected'
      reason?: PriceUpdateRejection
      /** The update judged (`null` for an unreadable entry). */
      update: FeedUpdate | null
      source: TickSource
    }
  /** A message or an entry that could not be read. */
  | { type: 'malformed'; error: MalformedPriceUpdate; source: TickSource }
  /** The server's `event: error` (e.g. Hermes's "Error receiving update: …"): resynchronised from `/latest`. */
  | { type: 'serverError'; message: string }
  /** Hermes closed the connection after its 24-hour limit: reconnected at once, without backoff. */
  | { type: 'connectionExpired'; message: string }
  /** A callback threw; the stream carries on. */
  | { type: 'callbackError'; error: unknown }

export type StreamPriceFeedsParameters = {
  /** Absolute base URL of a Hermes-format server, e.g. `http://127.0.0.1:8787` or the relay route. */
  baseUrl: string
  /** The feeds to follow (at least one). */
  feeds: readonly FollowedFeed[]
  /** Paths of the stream and latest routes; Hermes's price routes when omitted. */
  routes?: StreamRoutes
  /** Every accepted tick: the feed's new trusted price. */
  onUpdate: (tick: PriceTick) => void
  /**
   * Every feed's health: whenever a feed's state changes (losing or regaining the connection
   * changes them all), and every `healthInterval` ms (ages grow, feeds go stale without any
   * message).
   */
  onHealth?: (health: FeedHealth[]) => void
  /** Everything else worth logging or showing: verdicts, malformed input, connection changes. */
  onEvent?: (event: StreamEvent) => void
  /** Aborting it closes the connection and stops every timer; `done` then resolves. */
  signal: AbortSignal
  /** Guard thresholds; `defaultOracleGuardParams` when omitted. */
  params?: OracleGuardParams
  /** Extra request headers (e.g. for a relay); `Accept` is set by the driver. */
  headers?: Record<string, string>
  /** Ask the server for out-of-order updates too (Hermes's `allow_unordered`); the guard rejects them. */
  allowUnordered?: boolean
  /** `fetch` to use; the global one when omitted. */
  fetch?: typeof fetch
  /** Clock; the system clock (`Date.now`, `setTimeout`) when omitted. */
  clock?: StreamClock
  /** Uniform random numbers in [0, 1) for the backoff jitter; `Math.random` when omitted. */
  random?: () => number
  /**
   * Reconnection backoff, ms: the first delay cap, the largest delay, and how long a connection
   * must have stayed up for the backoff to start over. Defaults 250, 30_000 and 10_000.
   */
  backoff?: { initialDelay: number; maxDelay: number; stableAfter: number }
  /**
   * A connection that delivers nothing (not even a keep-alive) for this long is dropped and
   * reopened, ms. Hermes sends a keep-alive comment every 15 s; default 40_000.
   */
  idleTimeout?: number
  /** Period of the `onHealth` refresh, ms; default 1_000. */
  healthInterval?: number
  /** Time constant of the update-rate estimate, seconds; default 10. */
  rateWindow?: number
}

export type PriceStream = {
  /** Resolves once the signal has aborted and the connection and timers have stopped. */
  done: Promise<void>
  /** Every feed's health now. */
  health: () => FeedHealth[]
  /** The connection's status now. */
  status: () => ConnectionStatus
}

export type StreamPriceFeedsErrorType = InvalidInputError

/**
 * Follows price feeds on a Hermes v2–format server (live Hermes through the app's relay, or
 * the devnet's stream server) from inside a Web Worker: `fetch` + `ReadableStream` SSE, no DOM,
 * no Node APIs. For every connection:
 *
 * 1. Open `GET <stream>?ids[]=…&parsed=true` (server-sent events).
 * 2. Backfill from `GET <latest>?ids[]=…&parsed=true` while the stream's first messages wait in
 *    its buffer: prices published during the gap are not in the stream, and the stream alone
 *    only speaks when a feed moves. Until the backfill is in, every feed is `disconnected`;
 *    the gap is never presented as live data, and nothing is invented for it (no tick carries
 *    a price that was not published). Hermes answers 404 "Update data not found" for the whole
 *    request when one feed has no data yet; the driver then asks for each feed alone.
 * 3. Read the stream: every `parsed[]` entry is parsed strictly (`parsePriceUpdateMessage`),
 *    judged by the oracle guards (`applyPriceUpdate`: rejections, uncertain, jumped, strictly
 *    increasing publish times per feed) and, when accepted, handed to `onUpdate`.
 * 4. `event: error` from the server: Hermes's "Connection timeout reached (24h)" announces
 *    its daily close: the driver reconnects at once, without backoff and without marking the
 *    feeds disconnected unless that reconnection fails. Any other error message (Hermes's
 *    "Error receiving update: …", e.g. a lagging subscriber that missed messages) keeps the
 *    connection and resynchronises from `/latest`.
 * 5. When the connection fails, ends or stays silent for `idleTimeout`: every feed turns
 *    `disconnected` at once and the driver reconnects after `reconnectDelay` (exponential
 *    backoff with jitter), from step 1.
 *
 * Health per feed (`feedHealth`): `live`, `stale`, `uncertain`, `jumped` or `disconnected`,
 * the age of the trusted price and the update rate.
 *
 * @throws {StreamPriceFeedsErrorType} `InvalidInputError` for a relative or non-HTTP base URL,
 *   no feeds, an invalid or repeated feed id, a missing `signal` or `onUpdate`, non-positive
 *   timings or invalid guard `params`. Nothing from the network is ever thrown: it becomes events and health.
 *
 * @example
 * const controller = new AbortController()
 * const stream = streamPriceFeeds({
 *   baseUrl: 'http://127.0.0.1:8787',
 *   feeds: priceFeeds.map(({ id, symbol }) => ({ id, symbol })),
 *   onUpdate: (tick) => engine.setPrice(tick.symbol, tick.price, tick.conf),
 *   onHealth: (health) => post({ type: 'feedHealth', health }),
 *   signal: controller.signal,
 * })
 * // later: controller.abort(); await stream.done
 */
export function streamPriceFeeds(parameters: StreamPriceFeedsParameters): PriceStream {
  const {
    baseUrl,
    feeds,
    routes = hermesPriceRoutes,
    onUpdate,
    onHealth,
    onEvent,
    signal,
    params = defaultOracleGuardParams,
    headers = {},
    allowUnordered = false,
    fetch: fetchImpl = (input, init) => fetch(input, init),
    clock = systemClock,
    random = Math.random,
    backoff = { initialDelay: 250, maxDelay: 30_000, stableAfter: 10_000 },
    idleTimeout = 40_000,
    healthInterval = 1_000,
    rateWindow = 10,
  } = parameters
  const base = parseBaseUrl(baseUrl)
  if (typeof signal !== 'object' || signal === null || typeof signal.addEventListener !== 'function')
    throw new InvalidInputError('signal', signal, 'an AbortSignal')
  if (typeof onUpdate !== 'function') throw new InvalidInputError('onUpdate', onUpdate, 'a function')
  assertPositive('backoff.initialDelay', backoff.initialDelay)
  assertPositive('backoff.maxDelay', backoff.maxDelay)
  assertPositive('backoff.stableAfter', backoff.stableAfter)
  assertPositive('idleTimeout', idleTimeout)
  assertPositive('healthInterval', healthInterval)
  assertPositive('rateWindow', rateWindow)
  assertOracleGuardParams(params)

  const records = new Map<FeedId, FeedRecord>()
  if (!Array.isArray(feeds) || feeds.length === 0) throw new InvalidInputError('feeds', feeds, 'at least one feed')
  feeds.forEach((feed, index) => {
    const id = normalizeFeedId(feed?.id)
    if (id === undefined) throw new InvalidInputError(`feeds[${index}].id`, feed?.id, 'a 32-byte hex feed id')
    if (records.has(id)) throw new InvalidInputError(`feeds[${index}].id`, feed.id, 'a feed id listed once')
    records.set(id, createFeedRecord({ feed: { id, symbol: String(feed.symbol) } }))
  })

  const ids = [...records.keys()]
  const streamUrl = routeUrl(base, routes.stream, ids, { parsed: 'true', encoding: 'hex', allow_unordered: String(allowUnordered) })
  const latestUrlOf = (subset: readonly FeedId[]) => routeUrl(base, routes.latest, subset, { parsed: 'true', encoding: 'hex' })
  const latestUrl = latestUrlOf(ids)

  let status: ConnectionStatus = 'connecting'
  let announced = false
  /** Whether prices count as live: only with a synchronised connection (or a silent reconnect). */
  let trusted = false
  const reportedStates = new Map<FeedId, FeedHealthState>()

  const call = (callback: () => void) => {
    try {
      callback()
    } catch (error) {
      if (onEvent === undefined) return
      try {
        onEvent({ type: 'callbackError', error })
      } catch {
        // A broken event handler must not stop the stream either.
      }
    }
  }
  const emit = (event: StreamEvent) => {
    if (onEvent !== undefined) call(() => onEvent(event))
  }
  const health = () => [...records.values()].map((record) => feedHealth({ record, now: clock.now(), connected: trusted, params, rateWindow }))
  const reportHealth = (always: boolean) => {
    const current = health()
    const changed = current.some((feed) => reportedStates.get(feed.id) !== feed.state)
    if (!always && !changed) return
    for (const feed of current) reportedStates.set(feed.id, feed.state)
    if (onHealth !== undefined) call(() => onHealth(current))
  }
  const setStatus = (next: ConnectionStatus, details: { reason?: string; retryIn?: number } = {}) => {
    if (next === status && next !== 'disconnected' && announced) return
    status = next
    announced = true
    emit({ type: 'connection', status: next, ...details })
  }

  /** Books one `PriceUpdate` message; false when the message as a whole was unreadable. */
  const ingest = (text: string, source: TickSource): boolean => {
    const receivedAt = clock.now()
    const message = parsePriceUpdateMessage({ text })
    if (!message.ok) {
      emit({ type: 'malformed', error: message.error, source })
      return false
    }
    for (const error of message.malformed) {
      emit({ type: 'malformed', error, source })
      const record = error.id === undefined ? undefined : records.get(error.id)
      if (record === undefined) continue
      const result = applyPriceUpdate({ record, update: null, source, now: receivedAt, params, rateWindow })
      records.set(record.id, result.record)
      emit({ type: 'verdict', id: record.id, symbol: record.symbol, verdict: 'rejected', reason: 'malformed', update: null, source })
    }
    for (const entry of message.updates) {
      const record = records.get(entry.id)
      // Hermes only sends what was asked for; anything else is not ours to judge.
      if (record === undefined) continue
      const result = applyPriceUpdate({ record, update: entry.update, source, slot: entry.metadata.slot, now: receivedAt, params, rateWindow })
      records.set(record.id, result.record)
      const { outcome } = result
      if (outcome === 'accepted') {
        const tick: PriceTick = {
          id: record.id,
          symbol: record.symbol,
          price: entry.update.price,
          conf: entry.update.conf,
          publishTime: entry.update.publishTime,
          status: feedStatus({ state: result.record.guard, now: receivedAt / 1000, params }).status,
          source,
          receivedAt,
          raw: entry,
        }
        call(() => onUpdate(tick))
      } else if (outcome === 'uncertain' || outcome === 'jumped' || outcome === 'rejected') {
        const verdict: StreamEvent = { type: 'verdict', id: record.id, symbol: record.symbol, verdict: outcome, update: entry.update, source }
        if (result.reason !== undefined) verdict.reason = result.reason
        emit(verdict)
      }
    }
    reportHealth(false)
    return true
  }

  type Latest = { kind: 'ok'; text: string } | { kind: 'none' } | { kind: 'error'; reason: string }
  const fetchLatest = async (url: string, connection: AbortSignal): Promise<Latest> => {
    let response: Response
    try {
      response = await fetchImpl(url, { headers: { ...headers, Accept: 'application/json' }, signal: connection, cache: 'no-store' })
    } catch (error) {
      return { kind: 'error', reason: `backfill failed: ${describe(error)}` }
    }
    const text = await response.text().catch(() => '')
    // Hermes answers 404 "Update data not found" when a requested feed has never been published.
    if (response.status === 404 && /update data not found/i.test(text)) return { kind: 'none' }
    if (!response.ok) return { kind: 'error', reason: `backfill failed: HTTP ${response.status} ${text.slice(0, 200)}`.trim() }
    return { kind: 'ok', text }
  }

  const backfill = async (connection: AbortSignal): Promise<{ ok: true } | { ok: false; reason: string }> => {
    const all = await fetchLatest(latestUrl, connection)
    // One feed without data fails the whole request (Hermes's rule); ask for each feed alone then,
    // so a feed that was never published does not keep the others from their backfill.
    const answers = all.kind === 'none' && ids.length > 1 ? await Promise.all(ids.map((id) => fetchLatest(latestUrlOf([id]), connection))) : [all]
    for (const answer of answers) {
      if (answer.kind === 'error') return { ok: false, reason: answer.reason }
      if (answer.kind === 'ok' && !ingest(answer.text, 'backfill')) return { ok: false, reason: 'backfill failed: malformed response' }
    }
    return { ok: true }
  }

  type Attempt = { kind: 'expired'; message: string } | { kind: 'failed'; reason: string; stable: boolean }

  const connect = async (silent: boolean): Promise<Attempt> => {
    const connection = new AbortController()
    const abort = () => connection.abort()
    signal.addEventListener('abort', abort, { once: true })
    let lastActivity = clock.now()
    let idle = false
    let connectedAt: number | undefined
    const stable = () => connectedAt !== undefined && clock.now() - connectedAt >= backoff.stableAfter
    const watchdog = (async () => {
      while (!connection.signal.aborted) {
        await clock.sleep(idleTimeout / 4, connection.signal)
        if (!connection.signal.aborted && clock.now() - lastActivity > idleTimeout) {
          idle = true
          connection.abort()
        }
      }
    })()

    try {
      if (!silent) setStatus('connecting')
      const response = await fetchImpl(streamUrl, {
        headers: { ...headers, Accept: 'text/event-stream' },
        signal: connection.signal,
        cache: 'no-store',
      })
      if (!response.ok || response.body === null) {
        const text = await response.text().catch(() => '')
        return { kind: 'failed', reason: `stream refused: HTTP ${response.status} ${text.slice(0, 200)}`.trim(), stable: false }
      }
      lastActivity = clock.now()
      if (!silent) setStatus('syncing')
      const messages = readServerSentEvents({ body: response.body, onChunk: () => (lastActivity = clock.now()) })
      const synced = await backfill(connection.signal)
      if (!synced.ok) return { kind: 'failed', reason: idle ? `no data for ${idleTimeout} ms` : synced.reason, stable: false }

      connectedAt = clock.now()
      lastActivity = connectedAt
      trusted = true
      setStatus('connected')
      reportHealth(true)

      for await (const message of messages) {
        if (message.event === 'error') {
          if (/connection timeout reached/i.test(message.data)) return { kind: 'expired', message: message.data }
          emit({ type: 'serverError', message: message.data })
          const resynced = await backfill(connection.signal)
          if (!resynced.ok) return { kind: 'failed', reason: resynced.reason, stable: stable() }
          continue
        }
        if (message.event !== 'message') continue
        ingest(message.data, 'stream')
      }
      return { kind: 'failed', reason: 'stream closed by the server', stable: stable() }
    } catch (error) {
      const reason = idle ? `no data for ${idleTimeout} ms` : describe(error)
      return { kind: 'failed', reason, stable: stable() }
    } finally {
      connection.abort()
      signal.removeEventListener('abort', abort)
      await watchdog
    }
  }

  const run = async () => {
    let failures = 0
    let silent = false
    reportHealth(true)
    while (!signal.aborted) {
      const attempt = await connect(silent)
      if (signal.aborted) break
      if (attempt.kind === 'expired') {
        emit({ type: 'connectionExpired', message: attempt.message })
        silent = true
        failures = 0
        continue
      }
      silent = false
      failures = attempt.stable ? 1 : failures + 1
      const retryIn = reconnectDelay({ attempt: Math.min(failures - 1, 30), initialDelay: backoff.initialDelay, maxDelay: backoff.maxDelay, random })
      trusted = false
      setStatus('disconnected', { reason: attempt.reason, retryIn })
      reportHealth(true)
      await clock.sleep(retryIn, signal)
    }
    trusted = false
    setStatus('closed')
    reportHealth(true)
  }

  const refresh = async () => {
    while (!signal.aborted) {
      await clock.sleep(healthInterval, signal)
      if (!signal.aborted) reportHealth(true)
    }
  }

  const done = Promise.all([run(), refresh()]).then(() => undefined)
  return { done, health, status: () => status }
}

const systemClock: StreamClock = {
  // Wall-clock ms with sub-millisecond resolution, on the same basis as the engine's timing marks.
  now: () => performance.timeOrigin + performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve()
      const finish = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', finish)
        resolve()
      }
      const timer = setTimeout(finish, ms)
      signal.addEventListener('abort', finish, { once: true })
    }),
}

function parseBaseUrl(baseUrl: string): URL {
  let url: URL
  try {
    url = new URL(baseUrl)
  } catch {
    throw new InvalidInputError('baseUrl', baseUrl, 'an absolute http(s) URL')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new InvalidInputError('baseUrl', baseUrl, 'an absolute http(s) URL')
  // Resolve routes below the base path, as Pyth's HermesClient does (a relay may live at /api/hermes).
  if (!url.pathname.endsWith('/')) url.pathname += '/'
  return url
}

function routeUrl(base: URL, route: string, ids: readonly FeedId[], options: Record<string, string>): string {
  const url = new URL(route.replace(/^\/+/, ''), base)
  for (const id of ids) url.searchParams.append('ids[]', id)
  for (const [key, value] of Object.entries(options)) url.searchParams.set(key, value)
  return url.toString()
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message
  }
  return String(error)
}

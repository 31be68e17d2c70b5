import { createPublicClient, fallback, http, webSocket, type Address, type PublicClient } from 'viem'
import { InvalidInputError } from '../core/errors'
import { marginVenueAbi } from './generated/abis'
import { devnetAddresses } from './generated/addresses'
import { readVenueState } from './readVenueState'
import type { VenueState } from './types'

/** What made the watcher read: several at once when triggers arrived while a read was running. */
export type VenueReadTrigger = 'start' | 'block' | 'event' | 'refresh'

/** How the watcher learns of new blocks and events. */
export type VenueWatchMode = 'webSocket' | 'polling'

/** Why a state was read, delivered beside it. */
export type VenueStateUpdate = {
  /** Every trigger since the previous read started (reads are coalesced). */
  triggers: readonly VenueReadTrigger[]
  /** Watched accounts (lower case) named by venue events since the previous read started. */
  touchedAccounts: readonly Lowercase<Address>[]
  /** `webSocket`: blocks and events pushed; `polling`: polled every `pollingIntervalMs` over HTTP. */
  mode: VenueWatchMode
}

export type WatchVenueParameters = {
  /** HTTP JSON-RPC endpoint; always available as the fallback. */
  rpcUrl: string
  /** WebSocket endpoint (anvil serves it on the HTTP port: `ws://127.0.0.1:8545`). */
  wsUrl?: string
  /** The venue; `devnetAddresses.marginVenue` by default. */
  venue?: Address
  /** The accounts to read, asked again at every read (call `refresh()` after it changes). */
  accounts: () => readonly Address[]
  /** Also read the venue's own `accountHealth` of each account. Default false. */
  accountHealth?: boolean
  /** A new state, with why it was read. Never called after `stop()`. */
  onState: (state: VenueState, update: VenueStateUpdate) => void
  /** A failed read or subscription, or a callback that threw. The watcher carries on. */
  onError: (error: Error) => void
  /** Polling interval over HTTP, ms (default 1000). Unused while the WebSocket works. */
  pollingIntervalMs?: number
  /** How long to wait for the WebSocket to answer before using HTTP, ms (default 3000). */
  webSocketTimeoutMs?: number
  /** While on HTTP with a `wsUrl`, how often to try the WebSocket again, ms (default 30,000). */
  webSocketRetryMs?: number
}

export type WatchVenueReturnType = {
  /** Reads now (or right after the read in flight); resolves once that read has been delivered or failed. */
  refresh: () => Promise<void>
  /** Stops watching and reading; a read in flight is discarded. */
  stop: () => void
  /** How new blocks are learnt of right now; `undefined` while the WebSocket is being tried. */
  mode: () => VenueWatchMode | undefined
}

export type WatchVenueErrorType = InvalidInputError

/**
 * Venue events that change a watched account, and the arguments that name it. `Liquidated` also
 * pays the liquidator (half the fee into its cross account).
 */
const accountEvents: Record<string, readonly string[]> = {
  Deposited: ['account'],
  Withdrawn: ['account'],
  Traded: ['account'],
  FundingSettled: ['account'],
  IsolatedPositionOpened: ['account'],
  IsolatedPositionClosed: ['account'],
  IsolatedMarginMoved: ['account'],
  Liquidated: ['account', 'liquidator'],
  PositionLiquidated: ['account'],
}

/**
 * Keeps the engine worker's view of the venue current (DESIGN.md §2, issue 6): reads the whole
 * state (`readVenueState`: markets, parameters, watched accounts at one block) on every new block,
 * and at once when a venue event (`Deposited`, `Withdrawn`, `Traded`, `Liquidated`,
 * `FundingSettled`, isolated opens, closes and margin moves) names a watched account.
 *
 * Transport: a viem public client over `fallback([webSocket(wsUrl), http(rpcUrl)])`, with blocks
 * (`newHeads`) and venue logs pushed over the WebSocket. The WebSocket is opened first with a
 * deadline (`webSocketTimeoutMs`): viem puts no time limit on opening a socket, so an unreachable
 * WebSocket URL inside a fallback would stall every request. Without it, or as soon as its
 * subscriptions fail (the socket dropped), the watcher polls blocks and logs over HTTP every
 * `pollingIntervalMs`, reads once for anything missed, and tries the WebSocket again every
 * `webSocketRetryMs`.
 *
 * Reads are coalesced: never two in flight, at most one queued, which carries every trigger that
 * arrived meanwhile — so a burst of blocks or events costs at most two reads, and the last one
 * sees the newest block. Uses only viem, timers and `WebSocket`: runs in a Web Worker, a page or
 * Node.
 *
 * @throws {InvalidInputError} For a polling interval, WebSocket timeout or retry interval that is
 *   not a positive number of milliseconds.
 *
 * @example
 * const watcher = watchVenue({
 *   rpcUrl: 'http://127.0.0.1:8545',
 *   wsUrl: 'ws://127.0.0.1:8545',
 *   accounts: () => watched,
 *   onState: (state) => engine.onVenueState(state),
 *   onError: (error) => engine.onChainError(error),
 * })
 * watched = [trader]; await watcher.refresh()
 * watcher.stop()
 */
export function watchVenue({
  rpcUrl,
  wsUrl,
  venue = devnetAddresses.marginVenue,
  accounts,
  accountHealth = false,
  onState,
  onError,
  pollingIntervalMs = 1_000,
  webSocketTimeoutMs = 3_000,
  webSocketRetryMs = 30_000,
}: WatchVenueParameters): WatchVenueReturnType {
  for (const [field, value] of Object.entries({ pollingIntervalMs, webSocketTimeoutMs, webSocketRetryMs }))
    if (!(value > 0 && Number.isFinite(value))) throw new InvalidInputError(field, value, 'a positive number of milliseconds')

  const report = (error: unknown) => {
    try {
      onError(error instanceof Error ? error : new Error(String(error)))
    } catch {
      // The error callback itself failed: there is nobody left to tell, and watching must go on.
    }
  }

  let stopped = false
  let mode: VenueWatchMode | undefined
  let client: PublicClient | undefined
  let unwatch: (() => void) | undefined

  // ------------------------------------------------------------------ coalesced reads
  let reading = false
  /** Block of the newest state delivered. */
  let lastBlock: bigint | undefined
  let queued = false
  let triggers = new Set<VenueReadTrigger>()
  let touched = new Set<Lowercase<Address>>()
  /** Resolvers of `refresh()` calls waiting for the next read to finish. */
  let waiting: (() => void)[] = []

  const schedule = (trigger: VenueReadTrigger, accountsTouched: readonly Lowercase<Address>[] = []): Promise<void> => {
    if (stopped) return Promise.resolve()
    triggers.add(trigger)
    for (const account of accountsTouched) touched.add(account)
    const done = new Promise<void>((resolve) => waiting.push(resolve))
    if (reading) queued = true
    else void read()
    return done
  }

  const read = async () => {
    if (client === undefined) return // started once the transport is chosen (see `connect`)
    reading = true
    queued = false
    const update: Omit<VenueStateUpdate, 'mode'> = { triggers: [...triggers], touchedAccounts: [...touched] }
    triggers = new Set()
    touched = new Set()
    const finished = waiting
    waiting = []
    try {
      const state = await readVenueState(client, { venue, accounts: accounts(), accountHealth })
      if (lastBlock === undefined || state.blockNumber > lastBlock) lastBlock = state.blockNumber
      if (!stopped) onState(state, { ...update, mode: mode ?? 'polling' })
    } catch (error) {
      if (!stopped) report(error)
    } finally {
      reading = false
      for (const resolve of finished) resolve()
      if (queued && !stopped) void read()
    }
  }

  // ------------------------------------------------------------------ blocks and events
  const onLogs = (logs: readonly { eventName?: string; args?: unknown }[]) => {
    let watched: Set<Lowercase<Address>>
    try {
      watched = new Set(accounts().map((account) => account.toLowerCase() as Lowercase<Address>))
    } catch (error) {
      report(error)
      return
    }
    const named = new Set<Lowercase<Address>>()
    for (const log of logs) {
      const fields = log.eventName === undefined ? undefined : accountEvents[log.eventName]
      if (fields === undefined || typeof log.args !== 'object' || log.args === null) continue
      for (const field of fields) {
        const value = (log.args as Record<string, unknown>)[field]
        if (typeof value !== 'string') continue
        const account = value.toLowerCase() as Lowercase<Address>
        if (watched.has(account)) named.add(account)
      }
    }
    if (named.size > 0) void schedule('event', [...named])
  }

  /** Watches blocks and venue logs through `activeClient`: pushed, or polled when `poll`. */
  const watch = (activeClient: PublicClient, poll: boolean) => {
    let current = true
    const onWatchError = (error: Error) => {
      report(error)
      // A pushed subscription that failed never delivers again (the socket is not reconnected):
      // poll over HTTP from now on, and read once for anything missed meanwhile.
      if (!poll && current && !stopped) {
        current = false // closing the socket below reports to these subscriptions once more
        switchToPolling()
        void schedule('start')
      }
    }
    // Unless told to poll, viem subscribes when the client's first transport is a WebSocket.
    const how = poll ? ({ poll: true, pollingInterval: pollingIntervalMs } as const) : {}
    const unwatchBlocks = activeClient.watchBlockNumber({
      ...how,
      onBlockNumber: (blockNumber) => {
        // A state at this block or later is already out (the first poll re-announces the head).
        if (lastBlock === undefined || blockNumber > lastBlock) void schedule('block')
      },
      onError: onWatchError,
    })
    const unwatchEvents = activeClient.watchContractEvent({
      address: venue,
      abi: marginVenueAbi,
      ...how,
      strict: false,
      onLogs,
      onError: onWatchError,
    })
    unwatch?.()
    unwatch = () => {
      current = false
      unwatchBlocks()
      unwatchEvents()
    }
  }

  // ------------------------------------------------------------------ transport
  // One HTTP request per read (JSON-RPC batch), and one quick retry rather than viem's three.
  const httpTransport = http(rpcUrl, { batch: true, retryCount: 1 })
  const httpClient = createPublicClient({ transport: httpTransport, pollingInterval: pollingIntervalMs })
  // viem's own reconnection would retry a dead socket in the background (logging each failure)
  // while subscriptions wait; the watcher falls back to HTTP at once and retries itself instead.
  const webSocketOptions = { retryCount: 0, reconnect: false } as const
  /** The open WebSocket (viem's RPC client for it), while the watcher uses one. */
  let socket: { close: () => void } | undefined
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  /**
   * Opens the WebSocket and resolves to it if it answers `eth_blockNumber` within the deadline.
   * viem caches the socket by URL and options, so the client built next (same options) uses it.
   */
  const openWebSocket = async (url: string): Promise<{ close: () => void } | undefined> => {
    const transport = webSocket(url, webSocketOptions)({ retryCount: 0 })
    let timer: ReturnType<typeof setTimeout> | undefined
    const deadline = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), webSocketTimeoutMs)))
    const answered = transport.request({ method: 'eth_blockNumber' }).then(
      () => true,
      () => false,
    )
    const works = await Promise.race([answered, deadline])
    clearTimeout(timer)
    if (works) return transport.value?.getRpcClient()
    // A socket that opens after the deadline would otherwise linger, pinging, unused.
    void answered.then(async (late) => late && (await transport.value?.getRpcClient())?.close())
    return undefined
  }

  const switchToWebSocket = (url: string, opened: { close: () => void }) => {
    mode = 'webSocket'
    socket = opened
    const pushed = createPublicClient({
      transport: fallback([webSocket(url, webSocketOptions), httpTransport], { retryCount: 1 }),
      pollingInterval: pollingIntervalMs,
    })
    client = pushed
    watch(pushed, false)
  }

  const switchToPolling = () => {
    mode = 'polling'
    unwatch?.()
    unwatch = undefined
    // Closing also drops viem's cached socket, so that a later attempt opens a fresh one.
    socket?.close()
    socket = undefined
    client = httpClient
    watch(httpClient, true)
    retryWebSocketLater()
  }

  /** While polling, tries the WebSocket again every `webSocketRetryMs`. */
  const retryWebSocketLater = () => {
    if (wsUrl === undefined || stopped) return
    clearTimeout(retryTimer)
    retryTimer = setTimeout(async () => {
      const opened = await openWebSocket(wsUrl).catch(() => undefined)
      if (stopped || mode !== 'polling') opened?.close()
      else if (opened === undefined) retryWebSocketLater()
      else {
        switchToWebSocket(wsUrl, opened)
        void schedule('start')
      }
    }, webSocketRetryMs)
  }

  const connect = async () => {
    const opened = wsUrl === undefined ? undefined : await openWebSocket(wsUrl)
    if (stopped) {
      opened?.close()
      return
    }
    if (wsUrl !== undefined && opened !== undefined) switchToWebSocket(wsUrl, opened)
    else switchToPolling()
    if (!reading && triggers.size > 0) void read()
  }

  void schedule('start')
  void connect().catch(report)

  return {
    refresh: () => schedule('refresh'),
    stop: () => {
      if (stopped) return
      stopped = true
      clearTimeout(retryTimer)
      unwatch?.()
      socket?.close()
      for (const resolve of waiting) resolve()
      waiting = []
    },
    mode: () => mode,
  }
}

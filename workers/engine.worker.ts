/// <reference lib="webworker" />
/**
 * The engine worker (DESIGN.md §2, issue 6): owns the price stream, the volatility stream and the
 * venue reads; runs lib/core on every accepted tick (workers/engine/createEngineCore); posts at
 * most one snapshot per 4 ms, a heartbeat with its own timings, and answers requests by id.
 * The main thread never carries the stream.
 */
import type { Address } from 'viem'
import { watchVenue } from '../lib/chain/watchVenue'
import { optionPrice } from '../lib/core/pricing/optionPrice'
import type { EngineCommand, EngineConfig, EngineMessage } from '../lib/engine/protocol'
import { priceFeeds } from '../lib/feeds/priceFeeds'
import { hermesVolatilityRoutes } from '../lib/feeds/routes'
import { streamPriceFeeds, type StreamClock } from '../lib/feeds/streamPriceFeeds'
import { volatilityFeeds } from '../lib/feeds/volatilityFeeds'
import { createEngineCore, serializeError } from './engine/createEngineCore'

declare const self: DedicatedWorkerGlobalScope

/** Hull, Options, Futures and Other Derivatives, Example 15.6: S=42, K=40, r=10%, sigma=20%, T=0.5 → call 4.76. */
const selfCheckOption = { kind: 'call', spot: 42, strike: 40, years: 0.5, rate: 0.1, dividendYield: 0, vol: 0.2 } as const
const workerId = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
const clock = () => performance.timeOrigin + performance.now()
const send = (message: EngineMessage) => self.postMessage(message)

/**
 * The oracle guards judge publish times against "now". The venue's now is its block time; on the
 * devnet that can run ahead of the wall clock (the demo's "advance time"), and the keeper stamps
 * updates with it. So the worker judges by the chain's clock when it reads one: wall time plus
 * the chain's lead, counted only when it exceeds 2 s (block times are whole seconds).
 */
let chainLeadMs = 0
const guardClock: StreamClock = {
  now: () => clock() + chainLeadMs,
  sleep: (ms, signal) =>
    new Promise<void>((resolve) => {
      if (signal.aborted) return resolve()
      const timer = setTimeout(done, ms)
      function done() {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      signal.addEventListener('abort', done, { once: true })
    }),
}

let core: ReturnType<typeof createEngineCore> | undefined
let venue: ReturnType<typeof watchVenue> | undefined
let pendingWatch: readonly string[] = []

function start(config: EngineConfig) {
  if (core !== undefined) return // configured once per worker; a new config means a new worker
  const engine = createEngineCore({
    workerId,
    clock,
    post: (snapshot) => send({ type: 'snapshot', snapshot }),
    volatilityStream: config.volatilityStreamUrl !== undefined,
    // The devnet mines on a timer: silence means the node is down (or suspended), not idle.
    chainStallMs: 3_000,
  })
  core = engine
  engine.watch(pendingWatch)
  const abort = new AbortController()
  // Live mode's stream is the app's own relay route: a path, resolved against the page's origin.
  const priceStreamUrl = new URL(config.priceStreamUrl, self.location.href).toString().replace(/\/$/, '')
  streamPriceFeeds({
    baseUrl: priceStreamUrl,
    feeds: priceFeeds.map(({ id, symbol }) => ({ id, symbol })),
    // `receivedAt` is on the guards' clock; the timing marks are wall-clock.
    onUpdate: (tick) => engine.onPriceTick(tick, tick.receivedAt - chainLeadMs),
    onHealth: (health) => engine.onPriceHealth(health),
    onEvent: (event) => {
      if (event.type === 'connection') engine.onConnection(event.status)
      else if (event.type === 'serverError') engine.onStreamError(event.message)
    },
    signal: abort.signal,
    clock: guardClock,
    healthInterval: 250,
  })
  if (config.volatilityStreamUrl !== undefined)
    streamPriceFeeds({
      baseUrl: config.volatilityStreamUrl,
      routes: hermesVolatilityRoutes,
      feeds: volatilityFeeds.map(({ id, symbol }) => ({ id, symbol })),
      onUpdate: (tick) => engine.onVolatilityTick(tick),
      onHealth: (health) => engine.onVolatilityHealth(health),
      signal: abort.signal,
      clock: guardClock,
      healthInterval: 250,
    })
  if (config.rpcUrl !== undefined) {
    engine.onChainLoading()
    venue = watchVenue({
      rpcUrl: config.rpcUrl,
      ...(config.wsUrl ? { wsUrl: config.wsUrl } : {}),
      accounts: () => engine.watched() as Address[],
      onState: (state) => {
        const lead = state.chainTime * 1000 - clock()
        chainLeadMs = lead > 2_000 ? lead : 0
        engine.onVenueState(state)
      },
      onError: (error) => engine.onChainError(error),
    })
  }
  setInterval(() => send({ type: 'heartbeat', workerId, at: clock(), stats: engine.stats() }), config.heartbeatIntervalMs ?? 100)
  setInterval(() => {
    engine.refreshLiquidationPrices()
    engine.checkChain()
  }, 250)
}

self.onmessage = (event: MessageEvent<EngineCommand>) => {
  const command = event.data
  switch (command.type) {
    case 'hello':
      send({ type: 'ready', workerId, selfCheck: { label: 'Call S=42 K=40 r=10% σ=20% T=0.5y', price: optionPrice(selfCheckOption) } })
      return
    case 'configure':
      start(command.config)
      return
    case 'watch':
      pendingWatch = command.accounts
      core?.watch(command.accounts)
      void venue?.refresh()
      return
    case 'whatIf':
      core?.setWhatIf(command.account, command.changes)
      return
    case 'hang': {
      // A fault drill: block this thread as an endless loop in the engine would; no timer or message runs meanwhile.
      const until = performance.now() + Math.min(Math.max(0, command.ms), 60_000)
      while (performance.now() < until) {
        // spin
      }
      return
    }
    case 'request':
      try {
        if (core === undefined) throw new Error('The engine is not configured yet.')
        const result = core.request(command.method, command.params)
        send({ type: 'response', id: command.id, ok: true, result })
      } catch (error) {
        send({ type: 'response', id: command.id, ok: false, error: serializeError(error) })
      }
      return
  }
}

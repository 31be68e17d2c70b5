import { optionChain } from '../../lib/core/market/optionChain'
import { evaluateAccount, type EvaluateAccountReturnType } from '../../lib/core/risk/evaluateAccount'
import { positionContributions } from '../../lib/core/risk/positionContributions'
import { prepareAccount, type PrepareAccountReturnType } from '../../lib/core/risk/prepareAccount'
import { scenarioGrid } from '../../lib/core/risk/scenarioGrid'
import type { Account, Markets } from '../../lib/core/risk/types'
import { borrowingPower } from '../../lib/core/solvers/borrowingPower'
import { collateralActionPreview } from '../../lib/core/solvers/collateralActionPreview'
import { collateralForLeverage } from '../../lib/core/solvers/collateralForLeverage'
import { collateralForMarginRatio } from '../../lib/core/solvers/collateralForMarginRatio'
import { maxWithdrawable } from '../../lib/core/solvers/maxWithdrawable'
import { sizeReductionForLeverage } from '../../lib/core/solvers/sizeReductionForLeverage'
import { applyWhatIf, type WhatIfChange, type WhatIfStep } from '../../lib/core/solvers/applyWhatIf'
import { tradePreview } from '../../lib/core/solvers/tradePreview'
import type {
  AccountSnapshot,
  BookState,
  CandleUpdate,
  EngineRequestMethod,
  EngineRequestParams,
  EngineRequestResult,
  EngineSnapshot,
  EngineStats,
  FeedSnapshot,
  SerializedError,
  TickTiming,
  WhatIfSnapshot,
} from '../../lib/engine/protocol'
import { createCandleSeries, type CandleSeries } from '../../lib/feeds/createCandleSeries'
import type { ConnectionStatus, FeedHealth, PriceTick } from '../../lib/feeds/types'
import type { VenueState as EngineVenueState } from '../../lib/chain/types'

export type EngineCoreParameters = {
  workerId: string
  /** Wall clock with sub-millisecond resolution, ms (`performance.timeOrigin + performance.now()`). */
  clock: () => number
  /** Delivers a snapshot (postMessage in the worker). */
  post: (snapshot: EngineSnapshot) => void
  /**
   * Shortest time between two snapshots with figures, ms: 4 by default. The page renders at most
   * two snapshots per animation frame and merges the rest (lib/store/connectEngineStore), so this
   * only bounds the cost of posting; a whole frame here made every tick of a fast stream wait for
   * it (`npm run bench:browser`, 200 ticks/s: tick → painted p95 47 → 33 ms on `/` at 4 ms).
   */
  minPostIntervalMs?: number
  /** Timer, injectable for tests; `setTimeout` by default. */
  setTimer?: (callback: () => void, ms: number) => unknown
  /** Whether volatility comes from a stream (devnet) rather than from the chain only (live). */
  volatilityStream?: boolean
  /** How often the (costly) liquidation prices of a watched account are refreshed, ms. */
  liquidationPriceIntervalMs?: number
  /**
   * A chain that produced no new block for five typical block intervals, and at least this long
   * (ms), is not live (`checkChain`): a node that stops answering over WebSocket sends no error,
   * it just goes quiet. Unset: not checked (a chain that mines only on demand).
   */
  chainStallMs?: number
}

export type EngineCore = ReturnType<typeof createEngineCore>

/** The lib/core solvers (and the scenario heatmap, the per-position contributions) the worker serves, by request method: each takes `{ account, markets, params, ... }`. */
const solvers = { tradePreview, collateralActionPreview, collateralForLeverage, collateralForMarginRatio, sizeReductionForLeverage, maxWithdrawable, borrowingPower, scenarioGrid, positionContributions }

const candleIntervals = [1, 60, 300] as const
/** Longest a health-only change waits for a snapshot, ms. */
const housekeepingMs = 50
const candleCapacity = 900
const statWindow = 256

type Evaluation = {
  account: Account
  /** Feeds the book depends on (computed once per book). */
  feeds: Set<string>
  prepared: PrepareAccountReturnType | undefined
  preparedAt: number | undefined
  risk: EvaluateAccountReturnType | null
  liquidationPrices: EvaluateAccountReturnType['liquidationPrices'] | undefined
  liquidationPricesAt: number
  error: SerializedError | null
  /** The what-if book at the last evaluation (`null` without changes, or when they do not apply). */
  hypothetical: { account: Account | null; steps: WhatIfStep[] | null; risk: EvaluateAccountReturnType | null; error: SerializedError | null } | null
}

/**
 * The engine worker's state and logic, without the worker: it takes accepted ticks, feed health,
 * volatility and venue state; re-evaluates (lib/core `evaluateAccount`, reusing the prepared book
 * and the previous result so only the ticked underlyings are revalued) the watched accounts exposed
 * to the ticked feeds, once per post however many ticks it carries (`settle`); folds ticks into
 * candles; and posts snapshots with new figures at most once
 * per `minPostIntervalMs` — immediately when the last one is older, so a lone tick is not held
 * back. Health-only changes ride along, or go out on their own within 50 ms without counting
 * against the interval (so they never delay a tick).
 *
 * Prices on the page: the stream's trusted price of each underlying replaces the venue's
 * (fresher: the chain is read once per block); WETH and wstETH follow the ETH feed in proportion
 * to their on-chain price (wstETH keeps its exchange rate); funding indices, vols without a
 * stream, balances and positions come from the chain. A figure is `confident` only when every
 * feed it depends on is live, the stream is connected and the chain is read.
 */
export function createEngineCore({
  workerId,
  clock,
  post,
  minPostIntervalMs = 4,
  setTimer = (callback, ms) => setTimeout(callback, ms),
  volatilityStream = false,
  liquidationPriceIntervalMs = 1_000,
  chainStallMs,
}: EngineCoreParameters) {
  let connection: ConnectionStatus = 'connecting'
  let streamError: { message: string; at: number } | null = null
  const priceTicks = new Map<string, PriceTick>()
  const priceHealth = new Map<string, FeedHealth>()
  const volTicks = new Map<string, PriceTick>()
  const volHealth = new Map<string, FeedHealth>()
  const candles = new Map<string, CandleSeries>()
  let venue: EngineVenueState | null = null
  let chain: EngineSnapshot['chain'] = { status: 'off', blockNumber: null, chainTime: null, error: null }
  /** When (wall ms) a new block was last read, and the wall time per block seen lately. */
  let lastBlock: { number: bigint; at: number } | null = null
  const blockIntervals: number[] = []
  let watched: string[] = []
  const evaluations = new Map<string, Evaluation>()
  let markets: Markets | null = null
  /** What-if changes per watched account (lower case); kept across book reloads until replaced. */
  const whatIfs = new Map<string, WhatIfChange[]>()

  let seq = 0
  /** When the last snapshot carrying new figures (ticks, a venue read) was posted. */
  let lastPostAt = Number.NEGATIVE_INFINITY
  let flushScheduled = false
  let housekeepingScheduled = false
  let pendingTicks: TickTiming[] = []
  /** Watched accounts whose feeds ticked since they were last evaluated (`settle` evaluates them). */
  const unsettled = new Set<string>()
  let pendingCandles = new Map<string, CandleUpdate>()
  let ticksAccepted = 0
  let snapshotsPosted = 0
  const evaluateTimes: number[] = []
  const acceptTimes: number[] = []

  /** Venue markets with the stream's fresher prices (and vols) laid over them. */
  const rebuildMarkets = () => {
    if (venue === null) return (markets = null)
    const base = venue.markets
    const underlyings: Markets['underlyings'] = {}
    for (const [symbol, state] of Object.entries(base.underlyings)) {
      const tick = priceTicks.get(symbol)
      const vol = volTicks.get(symbol)
      underlyings[symbol] = { ...state, ...(tick ? { price: tick.price, conf: tick.conf } : {}), ...(vol ? { vol: vol.price } : {}) }
    }
    const collateral: Markets['collateral'] = {}
    for (const [symbol, state] of Object.entries(base.collateral)) {
      const own = priceTicks.get(symbol)
      const linked = state.linkedUnderlying
      const chainLinked = linked === undefined ? undefined : base.underlyings[linked]
      const streamLinked = linked === undefined ? undefined : priceTicks.get(linked)
      if (own) collateral[symbol] = { ...state, price: own.price, conf: own.conf }
      else if (chainLinked && streamLinked && chainLinked.price > 0) {
        const scale = streamLinked.price / chainLinked.price
        collateral[symbol] = { ...state, price: state.price * scale, conf: state.conf * scale }
      } else collateral[symbol] = state
    }
    markets = { now: base.now, underlyings, collateral }
    return markets
  }

  /** Feeds a book depends on: its underlyings, and the price feed behind each collateral it holds. */
  const dependencies = (account: Account): Set<string> => {
    const feeds = new Set<string>()
    for (const perp of account.perps) feeds.add(perp.underlying)
    for (const option of account.options) feeds.add(option.underlying)
    for (const isolated of account.isolated) feeds.add(isolated.perp.underlying)
    for (const [asset, balance] of Object.entries(account.collateral)) {
      if (balance === 0) continue
      feeds.add(venue?.markets.collateral[asset]?.linkedUnderlying ?? asset)
    }
    return feeds
  }

  const evaluate = (address: string, withLiquidationPrices: boolean) => {
    unsettled.delete(address)
    const entry = evaluations.get(address)
    if (entry === undefined || markets === null || venue === null) return
    try {
      if (entry.prepared === undefined || entry.preparedAt !== markets.now) {
        entry.prepared = prepareAccount(entry.account, markets, venue.params)
        entry.preparedAt = markets.now
      }
      const risk = evaluateAccount(entry.account, markets, venue.params, {
        prepared: entry.prepared,
        ...(entry.risk ? { previous: entry.risk } : {}),
        liquidationPrices: withLiquidationPrices,
      })
      entry.risk = risk
      if (withLiquidationPrices) {
        entry.liquidationPrices = risk.liquidationPrices
        entry.liquidationPricesAt = clock()
      }
      entry.error = null
    } catch (error) {
      entry.risk = null
      entry.error = serializeError(error)
    }
    evaluateWhatIf(address, entry, withLiquidationPrices)
  }

  /**
   * Evaluates the accounts whose feeds ticked since their last evaluation, once each however many
   * ticks arrived (a Hermes message carries several feeds; a burst, several messages per post),
   * and stamps those ticks `evaluated`. Runs before anything reads the figures: a post, a
   * request, an account read.
   */
  const settle = () => {
    if (unsettled.size === 0) return
    const started = clock()
    for (const address of [...unsettled]) evaluate(address, false)
    const evaluated = clock()
    evaluateTimes.push(evaluated - started)
    if (evaluateTimes.length > statWindow) evaluateTimes.shift()
    for (const tick of pendingTicks) if (tick.evaluated === 0) tick.evaluated = evaluated
  }

  /** Long − short open interest per market at the read block: the skew a hypothetical perp fill sees. */
  const skews = (): Record<string, number> =>
    Object.fromEntries(Object.entries(venue?.marketStatus ?? {}).map(([symbol, status]) => [symbol, status.longOpenInterest - status.shortOpenInterest]))

  /**
   * The what-if book: the real book with the account's changes applied at the same prices, and
   * evaluated in full (no incremental cache: it changes with every fill price). Its liquidation
   * prices are recomputed with the real book's, off the tick path.
   */
  const evaluateWhatIf = (address: string, entry: Evaluation, withLiquidationPrices: boolean) => {
    const changes = whatIfs.get(address)
    if (changes === undefined || changes.length === 0 || markets === null || venue === null) {
      entry.hypothetical = null
      return
    }
    const previous = entry.hypothetical
    try {
      const { account, steps } = applyWhatIf({ account: entry.account, markets, params: venue.params, changes, tradingParams: venue.optionTradingParams, skews: skews() })
      const risk = evaluateAccount(account, markets, venue.params, { liquidationPrices: withLiquidationPrices })
      const liquidationPrices = withLiquidationPrices ? risk.liquidationPrices : previous?.risk?.liquidationPrices
      entry.hypothetical = { account, steps, risk: liquidationPrices ? { ...risk, liquidationPrices } : risk, error: null }
    } catch (error) {
      entry.hypothetical = { account: null, steps: null, risk: null, error: serializeError(error) }
    }
  }

  const whatIfSnapshot = (address: string, entry: Evaluation): WhatIfSnapshot | null => {
    const changes = whatIfs.get(address)
    if (changes === undefined || changes.length === 0) return null
    const hypothetical = entry.hypothetical
    return { changes, steps: hypothetical?.steps ?? null, risk: hypothetical?.risk ?? null, error: hypothetical?.error ?? null }
  }

  /** Without a synchronised price connection nothing is live, whatever the last health said. */
  const feedSnapshot = (health: FeedHealth, tick: PriceTick | undefined, connected: boolean): FeedSnapshot => ({
    symbol: health.symbol,
    price: health.price,
    conf: tick?.conf ?? null,
    publishTime: tick?.publishTime ?? null,
    state: connected ? health.state : 'disconnected',
    age: health.age,
    updatesPerSecond: health.updatesPerSecond,
  })

  const accountSnapshot = (address: string): AccountSnapshot => {
    const entry = evaluations.get(address)
    if (entry === undefined) return { address, blockNumber: null, confident: false, doubts: ['book not loaded yet'], risk: null, error: null, whatIf: null }
    const doubts: string[] = []
    if (connection !== 'connected') doubts.push(`price stream ${connection}`)
    if (chain.status !== 'live') doubts.push(`chain ${chain.status}`)
    for (const feed of entry.feeds) {
      const state = connection === 'connected' ? (priceHealth.get(feed)?.state ?? 'disconnected') : 'disconnected'
      if (state !== 'live') doubts.push(`${feed} price ${state}`)
      const halt = venue?.marketStatus[feed]?.halt
      if (halt !== undefined && halt !== 'none') doubts.push(`${feed} halted on the venue (${halt})`)
      if (volatilityStream && venue?.markets.underlyings[feed] !== undefined) {
        const volState = volHealth.get(feed)?.state ?? 'disconnected'
        if (volState !== 'live') doubts.push(`${feed} volatility ${volState}`)
      }
    }
    const risk = entry.risk && entry.liquidationPrices ? { ...entry.risk, liquidationPrices: entry.liquidationPrices } : entry.risk
    return { address, blockNumber: venue ? venue.blockNumber.toString() : null, confident: doubts.length === 0 && risk !== null, doubts, risk, error: entry.error, whatIf: whatIfSnapshot(address, entry) }
  }

  const snapshot = (): EngineSnapshot => ({
    seq: ++seq,
    workerId,
    connection,
    ...(streamError === null ? {} : { streamError }),
    feeds: [...priceHealth.values()].map((health) => feedSnapshot(health, priceTicks.get(health.symbol), connection === 'connected')),
    volatilities: [...volHealth.values()].map((health) => feedSnapshot(health, volTicks.get(health.symbol), true)),
    chain: { ...chain },
    markets: venue?.marketStatus ?? {},
    accounts: watched.map(accountSnapshot),
    candles: [...pendingCandles.values()],
    ticks: pendingTicks,
  })

  const flush = (figures: boolean) => {
    if (figures) flushScheduled = false
    else {
      housekeepingScheduled = false
      if (flushScheduled) return // a snapshot with figures is coming anyway
    }
    settle()
    const posted = clock()
    for (const tick of pendingTicks) {
      if (tick.evaluated === 0) tick.evaluated = posted // nothing watched depended on it
      tick.posted = posted
    }
    const next = snapshot()
    pendingTicks = []
    pendingCandles = new Map()
    if (figures) lastPostAt = posted
    snapshotsPosted += 1
    post(next)
  }

  /**
   * New figures (a tick, a venue read): posted now if the last snapshot with figures is
   * `minPostIntervalMs` old, otherwise at the end of that interval — so bursts coalesce while
   * a lone tick is never held back.
   */
  const requestFlush = () => {
    if (flushScheduled) return
    flushScheduled = true
    const wait = lastPostAt + minPostIntervalMs - clock()
    if (wait <= 0) queueMicrotask(() => flush(true))
    else setTimer(() => flush(true), wait)
  }

  /**
   * Only health or connection changed: posted within `housekeepingMs` unless figures go first
   * (they carry it). It never delays a tick: it does not count against the interval.
   */
  const requestHousekeeping = () => {
    if (flushScheduled || housekeepingScheduled) return
    housekeepingScheduled = true
    setTimer(() => flush(false), housekeepingMs)
  }

  const refreshLiquidationPrices = () => {
    const now = clock()
    let changed = false
    for (const address of watched) {
      const entry = evaluations.get(address)
      if (entry === undefined || now - entry.liquidationPricesAt < liquidationPriceIntervalMs) continue
      evaluate(address, true)
      changed = true
    }
    if (changed) requestFlush()
  }

  /** Liquidation prices now (a fresh search, ~10 evaluations). */
  const liquidationPricesOf = (address: string) => {
    const key = address.toLowerCase()
    evaluate(key, true)
    const entry = evaluations.get(key)
    if (entry?.error) throw Object.assign(new Error(entry.error.message), { name: entry.error.name })
    if (!entry?.liquidationPrices) throw new Error(`No book loaded for ${address}: watch it first.`)
    return entry.liquidationPrices
  }

  /** The what-if book for a `hypothetical` request; throws when there is none or it does not apply. */
  const hypotheticalBook = (address: string, entry: Evaluation): Account => {
    const hypothetical = entry.hypothetical
    if (hypothetical === null) throw new Error(`No what-if changes for ${address}.`)
    if (hypothetical.account === null) throw Object.assign(new Error(hypothetical.error?.message ?? 'The what-if changes do not apply.'), { name: hypothetical.error?.name ?? 'Error' })
    return hypothetical.account
  }

  return {
    onConnection(status: ConnectionStatus) {
      connection = status
      requestHousekeeping()
    },
    /** The stream server sent an error event (the stream client re-reads the latest prices on it). */
    onStreamError(message: string) {
      streamError = { message, at: clock() }
      requestHousekeeping()
    },
    /** An accepted price tick; `received` is when its message arrived (wall ms). */
    onPriceTick(tick: PriceTick, received: number) {
      const accepted = clock()
      priceTicks.set(tick.symbol, tick)
      ticksAccepted += 1
      acceptTimes.push(accepted)
      if (acceptTimes.length > statWindow) acceptTimes.shift()
      let series = candles.get(tick.symbol)
      if (series === undefined) candles.set(tick.symbol, (series = createCandleSeries({ intervals: candleIntervals, capacity: candleCapacity })))
      for (const { interval, candle } of series.update(tick.price, tick.publishTime))
        pendingCandles.set(`${tick.symbol}:${interval}`, { symbol: tick.symbol, interval: interval as CandleUpdate['interval'], candle })
      if (venue !== null) {
        rebuildMarkets()
        for (const address of watched) if (evaluations.get(address)?.feeds.has(tick.symbol)) unsettled.add(address)
      }
      pendingTicks.push({ symbol: tick.symbol, publishTime: tick.publishTime, received, accepted, evaluated: 0, posted: 0 })
      requestFlush()
    },
    onPriceHealth(health: readonly FeedHealth[]) {
      for (const feed of health) priceHealth.set(feed.symbol, feed)
      requestHousekeeping()
    },
    onVolatilityTick(tick: PriceTick) {
      volTicks.set(tick.symbol, tick)
      if (venue !== null) {
        rebuildMarkets()
        for (const address of watched) if (evaluations.get(address)?.feeds.has(tick.symbol)) unsettled.add(address)
      }
      requestFlush()
    },
    onVolatilityHealth(health: readonly FeedHealth[]) {
      for (const feed of health) volHealth.set(feed.symbol, feed)
      requestHousekeeping()
    },
    onChainLoading() {
      chain = { ...chain, status: chain.status === 'live' ? 'live' : 'loading' }
      requestHousekeeping()
    },
    onChainError(error: unknown) {
      chain = { ...chain, status: 'error', error: serializeError(error).message }
      requestHousekeeping()
    },
    /** A fresh read of the venue at a new block: books may have changed; everything is re-evaluated. */
    onVenueState(state: EngineVenueState) {
      const readAt = clock()
      if (lastBlock === null || state.blockNumber !== lastBlock.number) {
        if (lastBlock !== null && state.blockNumber > lastBlock.number) {
          blockIntervals.push((readAt - lastBlock.at) / Number(state.blockNumber - lastBlock.number))
          if (blockIntervals.length > 32) blockIntervals.shift()
        }
        lastBlock = { number: state.blockNumber, at: readAt }
      }
      venue = state
      chain = { status: 'live', blockNumber: state.blockNumber.toString(), chainTime: state.chainTime, error: null }
      rebuildMarkets()
      for (const address of watched) {
        const account = state.accounts[address as keyof typeof state.accounts]
        if (account === undefined) {
          evaluations.delete(address)
          continue
        }
        const entry = evaluations.get(address)
        const sameBook = entry !== undefined && JSON.stringify(entry.account) === JSON.stringify(account)
        if (sameBook) continue
        evaluations.set(address, { account, feeds: dependencies(account), prepared: undefined, preparedAt: undefined, risk: null, liquidationPrices: undefined, liquidationPricesAt: Number.NEGATIVE_INFINITY, error: null, hypothetical: null })
      }
      for (const address of watched) evaluate(address, false)
      requestFlush()
    },
    /** Replaces the watched list (lower-cased addresses); the caller then re-reads the venue. */
    watch(accounts: readonly string[]) {
      watched = [...new Set(accounts.map((account) => account.toLowerCase()))]
      for (const address of evaluations.keys()) if (!watched.includes(address)) evaluations.delete(address)
      requestHousekeeping()
    },
    watched: () => watched,
    /**
     * Replaces an account's what-if changes (empty clears them) and re-evaluates it now. Bad
     * changes are kept and reported in `whatIf.error` (the page shows why), never thrown: the
     * real figures are unaffected.
     */
    setWhatIf(account: string, changes: readonly WhatIfChange[]) {
      const key = account.toLowerCase()
      if (changes.length === 0) whatIfs.delete(key)
      else whatIfs.set(key, [...changes])
      const entry = evaluations.get(key)
      if (entry !== undefined) {
        evaluateWhatIf(key, entry, true)
        requestFlush()
      }
    },
    /** Liquidation prices cost ~10 evaluations: refreshed off the tick path, at most once per interval. */
    refreshLiquidationPrices,
    /**
     * Called periodically: a live chain with no new block for `max(chainStallMs, 5 × median block
     * interval)` becomes `error` ("no new block for N s"), so every figure on it stops being
     * confident; the next new block makes it live again.
     */
    checkChain() {
      if (chainStallMs === undefined || chain.status !== 'live' || lastBlock === null) return
      const typical = blockIntervals.length === 0 ? 0 : percentile(blockIntervals, 0.5)
      const silent = clock() - lastBlock.at
      if (silent <= Math.max(chainStallMs, 5 * typical)) return
      chain = { ...chain, status: 'error', error: `no new block for ${Math.round(silent / 1000)} s` }
      requestHousekeeping()
    },
    account: (address: string) => {
      settle()
      return accountSnapshot(address.toLowerCase())
    },
    liquidationPrices: liquidationPricesOf,
    /**
     * Answers a request from the current state: the watched book as last read and the latest
     * trusted prices. Throws (typed lib/core errors, or "no book loaded") rather than guessing.
     */
    request<M extends EngineRequestMethod>(method: M, params: EngineRequestParams[M]): EngineRequestResult[M] {
      settle()
      if (method === 'candles') {
        const { symbol, interval } = params as EngineRequestParams['candles']
        return (candles.get(symbol)?.history(interval) ?? []) as EngineRequestResult[M]
      }
      if (method === 'optionChain') {
        if (markets === null || venue === null) throw new Error('No venue state yet: the chain is not read.')
        const { series } = params as EngineRequestParams['optionChain']
        return optionChain({ series, markets, params: venue.params, tradingParams: venue.optionTradingParams }) as EngineRequestResult[M]
      }
      const { account: address, hypothetical = false, ...rest } = params as { account: string; hypothetical?: boolean }
      if (method === 'evaluate') return accountSnapshot(address.toLowerCase()) as EngineRequestResult[M]
      if (method === 'liquidationPrices') return liquidationPricesOf(address) as EngineRequestResult[M]
      const entry = evaluations.get(address.toLowerCase())
      if (entry === undefined || markets === null || venue === null) throw new Error(`No book loaded for ${address}: watch it first.`)
      const book = hypothetical ? hypotheticalBook(address, entry) : entry.account
      if (method === 'bookState') {
        const state: BookState = { account: book, markets, params: venue.params, optionTradingParams: venue.optionTradingParams, skews: skews() }
        return state as EngineRequestResult[M]
      }
      if (method === 'whatIfPreview') {
        const { changes } = params as EngineRequestParams['whatIfPreview']
        const { account, steps } = applyWhatIf({ account: book, markets, params: venue.params, changes, tradingParams: venue.optionTradingParams, skews: skews() })
        const before = hypothetical ? entry.hypothetical?.risk : entry.risk
        const preview = { before: before ?? evaluateAccount(book, markets, venue.params), after: evaluateAccount(account, markets, venue.params), steps }
        return preview as EngineRequestResult[M]
      }
      const solver = solvers[method as keyof typeof solvers] as (input: object) => unknown
      return solver({ ...rest, account: book, markets, params: venue.params }) as EngineRequestResult[M]
    },
    stats(): EngineStats {
      const now = clock()
      const recent = acceptTimes.filter((time) => now - time <= 5_000)
      return {
        ticksAccepted,
        ticksPerSecond: recent.length / 5,
        snapshotsPosted,
        evaluateMs: { p50: percentile(evaluateTimes, 0.5), p95: percentile(evaluateTimes, 0.95) },
        pendingTicks: pendingTicks.length,
      }
    },
  }
}

function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number
}

/** `{ name, message, stack }`: what survives postMessage and is rebuilt as an Error on the other side. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: (error as { shortMessage?: string }).shortMessage ?? error.message, ...(error.stack ? { stack: error.stack } : {}) }
  return { name: 'Error', message: String(error) }
}

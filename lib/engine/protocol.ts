/**
 * Messages between the main thread (lib/engine) and the engine worker (workers/engine.worker.ts).
 *
 * Plain, structured-clone-safe data only (no classes, no functions; `Infinity` is allowed and
 * means what lib/core says it means, e.g. a leverage with non-positive equity). Units as
 * DESIGN.md §3: USD, base units, unix seconds for publish and chain times, wall-clock
 * milliseconds (`performance.timeOrigin + performance.now()`) for timing marks.
 *
 * Snapshots are plain objects, cloned by postMessage. Measured by `npm run bench:pipeline` with
 * the power-user book (200 options): 147 KB, 0.71 ms to serialize + deserialize; packing the
 * per-option tick figures into a transferred Float64Array instead takes 0.39 ms (1.8×). The page
 * renders at most two snapshots per frame, so the saving is under 1 ms of a 16.7 ms frame; the
 * browser benchmark's CPU profile at 200 ticks/s shows no structured-clone hot spot, so the plain
 * form stays; bench/pipeline/compactOptions.ts is the measured alternative.
 */
import type { OptionChainParameters, OptionChainReturnType } from '../core/market/optionChain'
import type { OptionTradingParams } from '../core/market/types'
import type { EvaluateAccountReturnType } from '../core/risk/evaluateAccount'
import type { PositionContributionsParameters, PositionContributionsReturnType } from '../core/risk/positionContributions'
import type { Account, Markets, RiskParams } from '../core/risk/types'
import type { WhatIfChange, WhatIfStep } from '../core/solvers/applyWhatIf'
import type { ScenarioGridParameters, ScenarioGridReturnType } from '../core/risk/scenarioGrid'
import type { BorrowingPowerParameters, BorrowingPowerReturnType } from '../core/solvers/borrowingPower'
import type { CollateralActionPreviewParameters, CollateralActionPreviewReturnType } from '../core/solvers/collateralActionPreview'
import type { CollateralForLeverageParameters, CollateralForLeverageReturnType } from '../core/solvers/collateralForLeverage'
import type { CollateralForMarginRatioParameters, CollateralForMarginRatioReturnType } from '../core/solvers/collateralForMarginRatio'
import type { MaxWithdrawableParameters, MaxWithdrawableReturnType } from '../core/solvers/maxWithdrawable'
import type { SizeReductionForLeverageParameters, SizeReductionForLeverageReturnType } from '../core/solvers/sizeReductionForLeverage'
import type { TradePreviewParameters, TradePreviewReturnType } from '../core/solvers/tradePreview'
import type { MarketStatus } from '../chain/types'
import type { Candle } from '../feeds/createCandleSeries'
import type { ConnectionStatus, FeedHealthState } from '../feeds/types'

/** Where the worker reads from. */
export type EngineConfig = {
  /** Absolute base URL of a Hermes-format server: the devnet's services or the app's relay. */
  priceStreamUrl: string
  /** Base URL serving the volatility-index routes (`/v2/updates/vol/…`); omitted in live mode. */
  volatilityStreamUrl?: string
  /** Chain RPC (HTTP) for venue reads; omitted → prices only, no accounts. */
  rpcUrl?: string
  /** Chain WebSocket, preferred over HTTP when given. */
  wsUrl?: string
  /** Period of the heartbeat, ms (100 by default). */
  heartbeatIntervalMs?: number
}

/** The account, markets and risk parameters a solver takes: the worker supplies them from its state. */
type FromState = 'account' | 'markets' | 'params'
/**
 * A solver request names the watched account (address) instead of passing the book; with
 * `hypothetical: true` it runs on the what-if book (the real book with the account's what-if
 * changes applied, see the `whatIf` command) instead of the real one.
 */
type OnAccount<P> = Omit<P, FromState> & { account: string; hypothetical?: boolean }

/**
 * A watched book with everything needed to evaluate it, as the worker holds it now: for work
 * that runs elsewhere (the estimates worker's Monte Carlo). Plain data.
 */
export type BookState = {
  account: Account
  markets: Markets
  params: RiskParams
  optionTradingParams: OptionTradingParams
  /** Long − short open interest per market, base units (the perp fill premium's input). */
  skews: Record<string, number>
}

/**
 * Requests the worker answers from its current state (the book as last read from the venue, the
 * latest trusted prices): the one-click previews and solvers of lib/core, liquidation prices,
 * the scenario heatmap of one underlying (lib/core `scenarioGrid`: `{ account, underlying,
 * priceMoves?, volShocks? }`, moves and shocks as fractions), and a feed's candle history for a
 * chart's first paint.
 */
export type EngineRequestParams = {
  evaluate: { account: string }
  liquidationPrices: { account: string }
  tradePreview: OnAccount<TradePreviewParameters>
  collateralActionPreview: OnAccount<CollateralActionPreviewParameters>
  collateralForLeverage: OnAccount<CollateralForLeverageParameters>
  collateralForMarginRatio: OnAccount<CollateralForMarginRatioParameters>
  sizeReductionForLeverage: OnAccount<SizeReductionForLeverageParameters>
  maxWithdrawable: OnAccount<MaxWithdrawableParameters>
  borrowingPower: OnAccount<BorrowingPowerParameters>
  scenarioGrid: OnAccount<ScenarioGridParameters>
  positionContributions: OnAccount<PositionContributionsParameters>
  bookState: { account: string; hypothetical?: boolean }
  /**
   * Before → after of a list of changes on the real book (or, `hypothetical`, on top of the
   * what-if book): an order ticket's preview. Nothing is kept.
   */
  whatIfPreview: { account: string; changes: readonly WhatIfChange[]; hypothetical?: boolean }
  optionChain: Omit<OptionChainParameters, 'markets' | 'params' | 'tradingParams'>
  candles: { symbol: string; interval: 1 | 60 | 300 }
}

export type EngineRequestResult = {
  evaluate: AccountSnapshot
  liquidationPrices: NonNullable<EvaluateAccountReturnType['liquidationPrices']>
  tradePreview: TradePreviewReturnType
  collateralActionPreview: CollateralActionPreviewReturnType
  collateralForLeverage: CollateralForLeverageReturnType
  collateralForMarginRatio: CollateralForMarginRatioReturnType
  sizeReductionForLeverage: SizeReductionForLeverageReturnType
  maxWithdrawable: MaxWithdrawableReturnType
  borrowingPower: BorrowingPowerReturnType
  scenarioGrid: ScenarioGridReturnType
  positionContributions: PositionContributionsReturnType
  bookState: BookState
  whatIfPreview: { before: EvaluateAccountReturnType; after: EvaluateAccountReturnType; steps: WhatIfStep[] }
  optionChain: OptionChainReturnType
  candles: Candle[]
}

export type EngineRequestMethod = keyof EngineRequestParams

/** Main thread → worker. */
export type EngineCommand =
  | { type: 'hello' }
  | { type: 'configure'; config: EngineConfig }
  /** The accounts to load from the venue and evaluate on every tick (replaces the list). */
  | { type: 'watch'; accounts: readonly string[] }
  /**
   * The account's what-if changes (replaces the list; empty clears it). The worker applies them
   * to the real book at live prices (lib/core `applyWhatIf`) and evaluates the result beside the
   * real book on every tick: `AccountSnapshot.whatIf`.
   */
  | { type: 'whatIf'; account: string; changes: readonly WhatIfChange[] }
  /**
   * Fault drills only (`EngineClient.hangWorker`, e2e/faults.spec.ts): the worker busy-loops for
   * `ms` (at most 60,000), answering nothing — a hung worker, as opposed to a crashed one. The app
   * never sends it.
   */
  | { type: 'hang'; ms: number }
  | { [M in EngineRequestMethod]: { type: 'request'; id: number; method: M; params: EngineRequestParams[M] } }[EngineRequestMethod]

/** An error as it crosses the boundary (rebuilt as an `Error` on the main thread). */
export type SerializedError = { name: string; message: string; stack?: string }

/** One price feed as the page shows it. */
export type FeedSnapshot = {
  symbol: string
  /** Trusted price, USD; `null` before the first. Only confident when `state` is `live`. */
  price: number | null
  conf: number | null
  /** Unix seconds of the trusted price. */
  publishTime: number | null
  state: FeedHealthState
  /** Seconds since `publishTime` at snapshot time. */
  age: number | null
  updatesPerSecond: number
}

/** A watched account's figures from the engine, or why there are none. */
export type AccountSnapshot = {
  address: string
  /** Chain block the book was read at. */
  blockNumber: string | null
  /**
   * True only when every price and volatility the figures depend on is live: otherwise the page
   * shows them as "last known", never as live (DESIGN.md §4.6).
   */
  confident: boolean
  /** Feeds that are not live, e.g. `['ETH price stale']`. */
  doubts: string[]
  /** `null` until the book and prices are loaded, or when evaluation failed (`error`). */
  risk: EvaluateAccountReturnType | null
  error: SerializedError | null
  /** The hypothetical book of the account's what-if changes, evaluated at the same prices; `null` without changes. */
  whatIf: WhatIfSnapshot | null
}

/** What-if figures: hypothetical, never the account's real state. */
export type WhatIfSnapshot = {
  changes: WhatIfChange[]
  /** What each change did (fill, fee), when they all apply. */
  steps: WhatIfStep[] | null
  /** The hypothetical book evaluated (liquidation prices refreshed like the real book's); `null` with `error`. */
  risk: EvaluateAccountReturnType | null
  /** Why the changes do not apply (an unknown series, a withdrawal above the balance, …). */
  error: SerializedError | null
}

/** When a tick passed each stage: wall-clock ms. The main thread fills `applied` and `painted`. */
export type TickTiming = {
  symbol: string
  publishTime: number
  received: number
  accepted: number
  evaluated: number
  posted: number
}

export type CandleUpdate = { symbol: string; interval: 1 | 60 | 300; candle: Candle }

export type EngineSnapshot = {
  /** Increasing per worker lifetime. */
  seq: number
  /** Identifies the worker instance: a restart starts a new one. */
  workerId: string
  connection: ConnectionStatus
  /**
   * The price stream's last error event (Hermes's `event: error`, e.g. a lagging subscriber) and
   * when it arrived (wall ms): the worker re-read the latest prices after it. Absent before any.
   */
  streamError?: { message: string; at: number }
  feeds: FeedSnapshot[]
  /** Volatility indices (annualised) as feeds. */
  volatilities: FeedSnapshot[]
  chain: { status: 'off' | 'loading' | 'live' | 'error'; blockNumber: string | null; chainTime: number | null; error: string | null }
  /** What the venue says of each market at that block: halt reason, funding rate, open interest (skew). */
  markets: Record<string, MarketStatus>
  accounts: AccountSnapshot[]
  /** Candles changed since the previous snapshot (latest bar per feed and interval). */
  candles: CandleUpdate[]
  /** Ticks folded into this snapshot. */
  ticks: TickTiming[]
}

/** Worker self-measurements, sent with the heartbeat. */
export type EngineStats = {
  ticksAccepted: number
  ticksPerSecond: number
  snapshotsPosted: number
  /** Time to re-evaluate the books the ticks of one snapshot touched (once per snapshot), ms: median and p95 over the last 256. */
  evaluateMs: { p50: number; p95: number }
  /** Ticks waiting for the next snapshot (a growing number is a backlog). */
  pendingTicks: number
}

/** Worker → main thread. */
export type EngineMessage =
  | { type: 'ready'; workerId: string; selfCheck: { label: string; price: number } }
  | { type: 'snapshot'; snapshot: EngineSnapshot }
  | { type: 'heartbeat'; workerId: string; at: number; stats: EngineStats }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: SerializedError }

import type { CorrelatedMoveLiquidationReturnType } from '../core/risk/correlatedMoveLiquidation'
import type { JumpParameters } from '../core/risk/liquidationProbability'
import type { BookState } from '../engine/protocol'
import { EstimatesRequestError, type EstimatesClient } from './createEstimatesClient'
import { probabilityRefreshReason, type ProbabilityRefreshReason } from './probabilityRefreshReason'
import type { ProbabilitiesResult } from './protocol'

/** What the liquidation picture shows of the slow estimates, and how fresh each is. */
export type LiquidationEstimatorState = {
  correlatedMove: {
    result: CorrelatedMoveLiquidationReturnType
    /** Wall ms when the book it was computed on was read from the engine. */
    at: number
    /** Whether every price it depends on was live then (AccountSnapshot.confident). */
    confident: boolean
  } | null
  probabilities: {
    result: ProbabilitiesResult
    /** Wall ms when the book was read (the estimate's age counts from here). */
    at: number
    confident: boolean
    reason: ProbabilityRefreshReason
    /** The horizons (s), paths and seed it was run with. */
    horizons: number[]
    paths: number
    /** The spot of each underlying it started from, USD. */
    prices: Record<string, number>
  } | null
  /** A probabilities run in flight: since when (wall ms) and why. */
  running: { since: number; reason: ProbabilityRefreshReason } | null
  /** The venue's margin horizon, seconds (liquidation prices' σ distances are over it); `null` until read. */
  marginHorizonSeconds: number | null
  /** Why the book or the correlated move could not be read, in words (`null` after the next success). */
  error: string | null
  /** Why the last probabilities run failed, in words (`null` after the next success). */
  probabilityError: string | null
}

export type CreateLiquidationEstimatorParameters = {
  /** The book and markets now: the engine worker's `bookState` request. */
  fetchBook: () => Promise<BookState>
  client: Pick<EstimatesClient, 'correlatedMove' | 'probabilities' | 'cancelProbabilities'>
  /** Whether the account's figures are live now (AccountSnapshot.confident). */
  isConfident: () => boolean
  /** Called after every state change. */
  onChange: (state: LiquidationEstimatorState) => void
  /** Wall ms (`Date.now`). */
  clock?: () => number
  /** How often the book is read and the correlated move recomputed, ms (2,000). */
  bookRefreshMs?: number
  /** Passed to `probabilityRefreshReason`: refresh without a trigger (15,000 ms) and the shortest interval for price and vol triggers (5,000 ms). */
  probabilityRefreshMs?: number
  minProbabilityIntervalMs?: number
  /** Horizons, seconds: 1 h, 24 h, 7 d. */
  horizons?: number[]
  jumps: Record<string, JumpParameters>
  /** Monte Carlo paths (10,000) and seed (1). */
  paths?: number
  seed?: number
}

/**
 * The liquidation picture's schedule, without React: every `bookRefreshMs` it reads the book from
 * the engine worker (`bookState`), has the estimates worker recompute the correlated-move
 * liquidation (cheap), and starts a liquidation-probability run when `probabilityRefreshReason`
 * says the last one may be stale — unless one is running, which only a changed book interrupts
 * (the old run is superseded: the worker drops it at its next chunk). Results are stamped with
 * the time their book was read and whether the figures were live then, so the page can show
 * their age and "last known" styling. Nothing is shown from a superseded run.
 */
export function createLiquidationEstimator({
  fetchBook,
  client,
  isConfident,
  onChange,
  clock = Date.now,
  bookRefreshMs = 2_000,
  probabilityRefreshMs = 15_000,
  minProbabilityIntervalMs = 5_000,
  horizons = [3_600, 86_400, 604_800],
  jumps,
  paths = 10_000,
  seed = 1,
}: CreateLiquidationEstimatorParameters) {
  let state: LiquidationEstimatorState = { correlatedMove: null, probabilities: null, running: null, marginHorizonSeconds: null, error: null, probabilityError: null }
  let active = false
  let timer: ReturnType<typeof setTimeout> | undefined
  /** The book of the run in flight, else of the last finished run: what the trigger compares with. */
  let inputs: { book: BookState; at: number } | null = null
  /** The book of the last finished run (the fallback when a run fails). */
  let finished: { book: BookState; at: number } | null = null
  let run = 0

  const set = (next: Partial<LiquidationEstimatorState>) => {
    if (!active) return
    state = { ...state, ...next }
    onChange(state)
  }
  const describe = (error: unknown) => (error instanceof Error ? error.message : String(error))

  const startProbabilities = (book: BookState, at: number, reason: ProbabilityRefreshReason) => {
    const id = ++run
    const confident = isConfident()
    inputs = { book, at }
    set({ running: { since: clock(), reason } })
    client.probabilities({ book, horizons, jumps, paths, seed }).then(
      (result) => {
        if (id !== run) return
        finished = { book, at }
        const prices = Object.fromEntries(Object.entries(book.markets.underlyings).map(([underlying, market]) => [underlying, market.price]))
        set({ probabilities: { result, at, confident, reason, horizons, paths, prices }, running: null, probabilityError: null })
      },
      (error: unknown) => {
        if (id !== run) return // superseded by a newer run: its answer is the one to show
        inputs = finished
        set({ running: null, ...(error instanceof EstimatesRequestError && error.reason === 'superseded' ? {} : { probabilityError: describe(error) }) })
      },
    )
  }

  const refresh = async () => {
    timer = undefined
    try {
      const book = await fetchBook()
      if (!active) return
      const at = clock()
      const confident = isConfident()
      if (state.marginHorizonSeconds !== book.params.horizonSeconds) set({ marginHorizonSeconds: book.params.horizonSeconds })
      const reason = probabilityRefreshReason({ last: inputs, book, now: at, refreshMs: probabilityRefreshMs, minIntervalMs: minProbabilityIntervalMs })
      if (reason !== null && (state.running === null || reason === 'book')) startProbabilities(book, at, reason)
      const result = await client.correlatedMove(book)
      set({ correlatedMove: { result, at, confident }, error: null })
    } catch (error) {
      set({ error: describe(error) })
    } finally {
      if (active) timer = setTimeout(() => void refresh(), bookRefreshMs)
    }
  }

  return {
    start() {
      if (active) return
      active = true
      void refresh()
    },
    /** Stops the schedule and the run in flight; nothing more is reported. */
    stop() {
      active = false
      if (timer !== undefined) clearTimeout(timer)
      run++
      client.cancelProbabilities()
    },
    state: () => state,
  }
}

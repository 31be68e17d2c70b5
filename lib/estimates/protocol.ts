/**
 * Messages between the main thread (lib/estimates) and the estimates worker
 * (workers/estimates.worker.ts): the costly, slow estimates of the liquidation picture — the
 * liquidation probability's Monte Carlo (0.35–0.75 s per horizon for the power user's book at
 * 10,000 paths) and the correlated-move liquidation — run there, never on the main thread nor in
 * the engine worker, whose ticks they would stall.
 *
 * Plain, structured-clone-safe data only. Units as DESIGN.md §3: USD, base units, horizons in
 * seconds, probabilities in [0, 1]; timing marks in wall-clock ms
 * (`performance.timeOrigin + performance.now()`).
 */
import type { CorrelatedMoveLiquidationReturnType } from '../core/risk/correlatedMoveLiquidation'
import type { JumpParameters, LiquidationProbabilityReturnType } from '../core/risk/liquidationProbability'
import type { BookState, SerializedError } from '../engine/protocol'

/** What a probabilities job estimates, and how hard it tries. */
export type ProbabilitiesJob = {
  /** The book and markets, as the engine worker's `bookState` request returns them. */
  book: BookState
  /** Horizons, seconds (> 0), e.g. [3_600, 86_400, 604_800]. */
  horizons: number[]
  /** Merton jumps per underlying (lib/core `jumpAssumptions.underlyings`). */
  jumps: Record<string, JumpParameters>
  /** Monte Carlo paths per estimate (10,000: a standard error of at most 0.005). */
  paths: number
  /** Monte Carlo seed: the same seed on every run, so successive estimates move only with the book and prices. */
  seed: number
}

/** One book (the cross account or an isolated position) and its probability per horizon. */
export type ProbabilityTarget = {
  kind: 'cross' | 'isolated'
  /** The isolated position's id; `null` for the cross account. */
  isolatedId: string | null
  /** The isolated position's underlying and size (base units, signed); `null` for the cross account. */
  underlying: string | null
  size: number | null
  /** In the order of the job's `horizons`. */
  horizons: LiquidationProbabilityReturnType[]
}

export type ProbabilitiesResult = {
  targets: ProbabilityTarget[]
  /** Wall ms the worker spent on the job (its chunks, not the waits between them). */
  computeMs: number
}

/** Main thread → estimates worker. */
export type EstimatesCommand =
  /** lib/core `correlatedMoveLiquidation` on the book (tens of ms: answered between Monte Carlo chunks). */
  | { type: 'correlatedMove'; id: number; book: BookState }
  /**
   * lib/core `liquidationProbability` for the cross account and each isolated position at every
   * horizon, one (target, horizon) at a time, yielding between them: a newer job supersedes an
   * older one, which then stops at its next chunk and answers `cancelled`.
   */
  | { type: 'probabilities'; id: number; job: ProbabilitiesJob }
  /** Stop a probabilities job at its next chunk (it answers `cancelled`). */
  | { type: 'cancel'; id: number }

export type EstimatesResult = {
  correlatedMove: CorrelatedMoveLiquidationReturnType
  probabilities: ProbabilitiesResult
}

/** Estimates worker → main thread. */
export type EstimatesMessage =
  | { type: 'ready' }
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: SerializedError }
  /** The job stopped early: superseded by a newer one, or cancelled. */
  | { type: 'cancelled'; id: number }

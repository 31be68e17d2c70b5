import { revalueOptionBatch } from '../pricing/revalueOptionBatch'
import { expiredOptionsValue } from './expiredOptionsValue'
import type { PreparedBook } from './prepareAccount'

/** A book at the current point: what every scenario's PnL is measured from. */
export type ScenarioBaseline = {
  book: PreparedBook
  /** Oracle price S, USD per unit. */
  spot: number
  /** Volatility index sigma, annualised. */
  vol: number
  /** Σ n · V(S, sigma) over the live series (their marks), USD. */
  liveValue: number
  /** Σ n · intrinsic value at S over the expired series, USD. */
  expiredValue: number
}

/**
 * Base-vol points of a grid whose PnL is known, by price move: the IM grid reuses a point of the
 * MM grid when its move is bit-for-bit the same (with imMultiplier = 2, the moves ±M_mm), which
 * is exactly what re-pricing it would give. The first `count` entries are used.
 */
export type PricedMoves = { count: number; moves: Float64Array; pnls: Float64Array }

export type WorstScenarioPointParameters = {
  baseline: ScenarioBaseline
  /** Range M, a fraction of the price: moves from −M to +M. */
  range: number
  /** Vol shocks, fractions: the vol states are sigma · (1 − volDown), sigma, sigma · (1 + volUp). */
  volDown: number
  volUp: number
  /** Base-vol PnLs of an earlier grid on the same baseline, reused for identical moves. */
  known?: PricedMoves
  /** Receives the base-vol points this grid priced (capacity 9). */
  record?: PricedMoves
}

/** The grid point with the lowest PnL (the first one in grid order on ties). */
export type WorstScenarioPointReturnType = {
  /** PnL relative to the current marks, USD (<= 0: the current point is in the grid). */
  pnl: number
  /** 0 (down), 1 (base) or 2 (up). */
  volIndex: number
  /** Relative price move x = M · (i − 4) / 4 for the worst step i. */
  priceMove: number
  /** Shocked price max(0, S · (1 + x)), USD per unit. */
  price: number
  /** Shocked vol, annualised. */
  vol: number
}

const priceSteps = 9
const centerStep = 4
const lastStep = priceSteps - 1
/** Margin below which a bound does not rule a point out, relative to the book's size (see below). */
const boundTolerance = 1e-10

/**
 * The worst point of one scenario grid of DESIGN.md §4.2 — 9 price moves `x_i = M · (i − 4)/4`
 * times 3 vol states — for one book: the shared core of `underlyingRisk` (MM and IM grids) and
 * `underlyingMaintenanceMargin`. Input is assumed valid.
 *
 * A point's PnL, relative to the current marks, with S' = max(0, S · (1 + x)) and vol v:
 * ```
 * PnL(x, v) = Q · (S' − S) + [parityUnits · S' − parityCash + Σ_j n_j · V_j(S', v)] − liveValue
 *           + [Σ expired n · intrinsic(S')] − expiredValue
 * ```
 * (Q the perp size, the bracket the live options through their put-call parity groups, see
 * `prepareAccount`; a live option at S' = 0 is worth its limit: 0 for a call, K·e^(−rT) for a
 * put). The current point is 0 by definition, not by re-pricing.
 *
 * Only the points that can be the worst are priced; the result is exactly (bit for bit) the
 * minimum and first minimiser over all 27 points. Each vol row's two ends (±M) are priced
 * first, with each series' delta (free with its value in `revalueOptionBatch`). Black-Scholes
 * values are convex in S (gamma >= 0), so between the ends a and b of a row, for S' in (a, b):
 * ```
 * Σ_{n>0} n·V(S') >= max(L(a) + L'(a)·(S' − a), L(b) + L'(b)·(S' − b))   (tangents; L = Σ_{n>0} n·V)
 * Σ_{n<0} n·V(S') >= Σ_{n<0} n·[V(a) + (V(b) − V(a))·(S' − a)/(b − a)]      (a short is below its chord)
 * ```
 * and with the linear and expired terms (computed exactly) that gives a lower bound on the
 * point's PnL. A point is skipped when its bound exceeds the lowest PnL found so far by more than
 * `1e-10 · scale`, with `scale = b·(|Q| + |parityUnits| + Σ_j |n_j|·e^(−qT_j)) + |parityCash| +
 * Σ_j |n_j|·K_j·e^(−rT_j) + |liveValue|` (plus |expiredValue| + Σ |n|·(b + K) over expired
 * series): every term of the sum is below `scale`, so the rounding of a computed PnL or bound
 * (values and deltas to ~1e-15 relative, a sum of N + 5 terms) stays under
 * (N + 20)·2⁻⁵²·scale, below the margin for any book of fewer than 400,000 series. A skipped
 * point is therefore above the minimum, never tied with it. Rows whose ends are already known,
 * grids whose low end reaches a price of 0 and books without priced options are priced in full.
 * On the benchmark book (100 series per underlying) most grids price 6 of their 26 points; one
 * whose worst point lies inside a row prices 13.
 *
 * Sources: DESIGN.md §4.2 (the grid); convexity of the Black-Scholes value in S (Hull, Options,
 * Futures and Other Derivatives, ch. 19: gamma >= 0) and the tangent/chord bounds of a convex
 * function (Boyd & Vandenberghe, Convex Optimization, §3.1.3).
 *
 * @example
 * const worst = worstScenarioPoint({ baseline: { book, spot: 3_000, vol: 0.6, liveValue, expiredValue }, range: 0.03, volDown: 0.2, volUp: 0.3 })
 * worst.pnl // USD, <= 0
 */
export function worstScenarioPoint({ baseline, range, volDown, volUp, known, record }: WorstScenarioPointParameters): WorstScenarioPointReturnType {
  const { book, spot } = baseline
  const vols = [baseline.vol * (1 - volDown), baseline.vol, baseline.vol * (1 + volUp)]
  const moves = new Float64Array(priceSteps)
  const prices = new Float64Array(priceSteps)
  for (let i = 0; i < priceSteps; i++) {
    moves[i] = (range * (i - centerStep)) / 4
    prices[i] = shockedPrice(spot, moves[i]!)
  }

  // PnL by point (index 9·volIndex + step); NaN until priced, and for points ruled out.
  const pnls = new Float64Array(3 * priceSteps).fill(Number.NaN)
  pnls[priceSteps + centerStep] = 0
  if (known !== undefined) {
    for (let i = 0; i < priceSteps; i++) {
      const j = indexOfMove(known, moves[i]!)
      if (j >= 0 && i !== centerStep) pnls[priceSteps + i] = known.pnls[j]!
    }
  }

  const low = prices[0]!
  const high = prices[lastStep]!
  const bounded = book.scenarioBatch !== null && low > 0 && high > low
  // Per row and end (a = −M, b = +M): Σ_{n>0} n·V, Σ_{n>0} n·delta, Σ_{n<0} n·V; NaN: row not bounded.
  const ends = new Float64Array(3 * 2 * 3).fill(Number.NaN)
  if (bounded) {
    for (let v = 0; v < 3; v++) {
      const a = v * priceSteps
      const b = a + lastStep
      if (pnls[a] !== pnls[a] && pnls[b] !== pnls[b]) {
        pnls[a] = pointPnl(baseline, low, vols[v]!, ends, 6 * v)
        pnls[b] = pointPnl(baseline, high, vols[v]!, ends, 6 * v + 3)
      }
    }
  }

  let lowest = 0
  for (const pnl of pnls) if (pnl < lowest) lowest = pnl
  const tolerance = bounded ? boundTolerance * bookScale(baseline, high) : 0
  for (let v = 0; v < 3; v++) {
    for (let i = 0; i < priceSteps; i++) {
      const index = v * priceSteps + i
      if (pnls[index] === pnls[index]) continue
      if (bounded && ends[6 * v] === ends[6 * v] && pnlLowerBound(baseline, prices, i, ends, 6 * v) - tolerance > lowest) continue
      const pnl = pointPnl(baseline, prices[i]!, vols[v]!, null, 0)
      pnls[index] = pnl
      if (pnl < lowest) lowest = pnl
    }
  }

  // The first point with the lowest PnL in grid order: skipped points are strictly above it.
  let worst = -1
  for (let index = 0; index < pnls.length; index++) {
    const pnl = pnls[index]!
    if (pnl === pnl && (worst < 0 || pnl < pnls[worst]!)) worst = index
  }
  if (record !== undefined) {
    record.count = 0
    for (let i = 0; i < priceSteps; i++) {
      const pnl = pnls[priceSteps + i]!
      if (pnl !== pnl) continue
      record.moves[record.count] = moves[i]!
      record.pnls[record.count] = pnl
      record.count++
    }
  }
  const volIndex = Math.floor(worst / priceSteps)
  const step = worst - volIndex * priceSteps
  return { pnl: pnls[worst]!, volIndex, priceMove: moves[step]!, price: prices[step]!, vol: vols[volIndex]! }
}

function indexOfMove(priced: PricedMoves, move: number): number {
  for (let j = 0; j < priced.count; j++) if (priced.moves[j] === move) return j
  return -1
}

function shockedPrice(spot: number, move: number): number {
  const price = spot * (1 + move)
  return price > 0 ? price : 0
}

/**
 * Book PnL at (S', v) relative to the current marks. With `ends`, also stores at `ends[at..at+2]`
 * the row-end sums the bounds use (Σ_{n>0} n·V, Σ_{n>0} n·delta, Σ_{n<0} n·V).
 */
function pointPnl(c: ScenarioBaseline, shockedSpot: number, shockedVol: number, ends: Float64Array | null, at: number): number {
  let pnl = c.book.perpSize * (shockedSpot - c.spot) + liveOptionsValue(c.book, shockedSpot, shockedVol, ends, at) - c.liveValue
  if (c.book.liveSeries.length !== c.book.series.length) pnl += expiredOptionsValue(c.book, shockedSpot) - c.expiredValue
  return pnl
}

/** Σ n · V(S', v) over the live series, through the put-call parity groups of `prepareAccount`. */
function liveOptionsValue(book: PreparedBook, spot: number, vol: number, ends: Float64Array | null, at: number): number {
  if (book.liveSeries.length === 0) return 0
  let value = book.parityUnits * spot - book.parityCash
  const batch = book.scenarioBatch
  if (batch === null) return value
  const sizes = book.scenarioSizes
  if (spot > 0) {
    const prices = book.scratchPrices
    if (ends === null) {
      revalueOptionBatch(batch, spot, vol, prices)
      for (let k = 0; k < sizes.length; k++) value += sizes[k]! * prices[k]!
      return value
    }
    const deltas = book.scratchDeltas
    revalueOptionBatch(batch, spot, vol, prices, deltas)
    let longValue = 0
    let longDelta = 0
    let shortValue = 0
    for (let k = 0; k < sizes.length; k++) {
      const n = sizes[k]!
      const held = n * prices[k]!
      value += held
      if (n > 0) {
        longValue += held
        longDelta += n * deltas[k]!
      } else {
        shortValue += held
      }
    }
    ends[at] = longValue
    ends[at + 1] = longDelta
    ends[at + 2] = shortValue
  } else {
    // The S → 0 limits: a call is worth 0, a put its discounted strike K·e^(−rT).
    const { sign, discountedStrike } = batch
    for (let k = 0; k < sizes.length; k++) if (sign[k] === -1) value += sizes[k]! * discountedStrike[k]!
  }
  return value
}

/** The convexity lower bound on the PnL at step i of the row whose end sums start at `ends[at]`. */
function pnlLowerBound(c: ScenarioBaseline, prices: Float64Array, i: number, ends: Float64Array, at: number): number {
  const { book } = c
  const a = prices[0]!
  const b = prices[lastStep]!
  const s = prices[i]!
  const longs = Math.max(ends[at]! + ends[at + 1]! * (s - a), ends[at + 3]! + ends[at + 4]! * (s - b))
  const shorts = ends[at + 2]! + (ends[at + 5]! - ends[at + 2]!) * ((s - a) / (b - a))
  let bound = book.perpSize * (s - c.spot) + (book.parityUnits * s - book.parityCash + longs + shorts) - c.liveValue
  if (book.liveSeries.length !== book.series.length) bound += expiredOptionsValue(book, s) - c.expiredValue
  return bound
}

/** The size of the terms a PnL on this book sums up to the price `high`, USD (see `worstScenarioPoint`). */
function bookScale(c: ScenarioBaseline, high: number): number {
  const { book } = c
  let units = Math.abs(book.perpSize) + Math.abs(book.parityUnits)
  let cash = Math.abs(book.parityCash) + Math.abs(c.liveValue) + Math.abs(c.expiredValue)
  const batch = book.scenarioBatch
  if (batch !== null) {
    for (let k = 0; k < batch.count; k++) {
      const n = Math.abs(book.scenarioSizes[k]!)
      units += n * batch.carry[k]!
      cash += n * batch.discountedStrike[k]!
    }
  }
  for (const s of book.series) {
    if (!s.expired) continue
    units += Math.abs(s.size)
    cash += Math.abs(s.size) * s.strike
  }
  return high * units + cash
}

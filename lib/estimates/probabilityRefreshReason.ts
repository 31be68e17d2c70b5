import { SECONDS_PER_YEAR } from '../core/units'
import type { BookState } from '../engine/protocol'

/** Why the liquidation probabilities are due for a new estimate. */
export type ProbabilityRefreshReason =
  /** None yet. */
  | 'first'
  /** Positions, collateral or risk parameters changed (a trade, a deposit, a what-if change). */
  | 'book'
  /** An underlying the book depends on moved more than `priceMoveSigmas` horizon standard deviations. */
  | 'price'
  /** A volatility index the book depends on moved more than `volChange` (relative). */
  | 'volatility'
  /** The estimate is older than `refreshMs`. */
  | 'age'

export type ProbabilityRefreshReasonParameters = {
  /** The book the current estimate was computed on (or is being computed on), and when it was read (wall ms); `null` before the first. */
  last: { book: BookState; at: number } | null
  /** The book now. */
  book: BookState
  /** Wall ms. */
  now: number
  /** Longest an estimate stands without a trigger, ms (15,000). */
  refreshMs?: number
  /** Shortest time between two estimates on the same book, ms (5,000): price and vol triggers wait for it. */
  minIntervalMs?: number
  /** Price trigger: |ln(S/S₀)| > k·σ₀·√(h / 31,536,000), k (0.5). */
  priceMoveSigmas?: number
  /** h of the price trigger, seconds (3,600: the shortest horizon shown, the most price-sensitive estimate). */
  sigmaHorizonSeconds?: number
  /** Vol trigger: |σ/σ₀ − 1| > this (0.1). */
  volChange?: number
}

/**
 * Whether the liquidation probabilities need a new Monte Carlo run, and why — the estimates
 * worker's cadence. A run costs ~1–3 s of a worker for the power user's book, so it is not
 * repeated on every tick; the estimate is redone when it could have moved materially:
 *
 * - the book changed — its positions, collateral (to 4 significant digits) or risk parameters —:
 *   at once (the old figure describes another book);
 * - a price the book depends on (its perps, options, isolated positions and the underlyings of
 *   its collateral, e.g. WETH → ETH) moved more than ½ standard deviation over the shortest
 *   horizon shown, 0.5·σ·√(1 h) (≈ 0.3 % for BTC at 55 %/yr): the 1 h probability is a function
 *   of the distance to liquidation in those units; or its volatility index moved 10 %;
 * - otherwise every 15 s, so the figure's age stays readable.
 *
 * Price and vol triggers wait `minIntervalMs` after the last run (a fast market would otherwise
 * keep the worker busy without the estimate changing much).
 *
 * @example
 * probabilityRefreshReason({ last: { book, at: 0 }, book: movedBtcByOnePercent, now: 6_000 }) // 'price'
 */
export function probabilityRefreshReason({
  last,
  book,
  now,
  refreshMs = 15_000,
  minIntervalMs = 5_000,
  priceMoveSigmas = 0.5,
  sigmaHorizonSeconds = 3_600,
  volChange = 0.1,
}: ProbabilityRefreshReasonParameters): ProbabilityRefreshReason | null {
  if (last === null) return 'first'
  const before = last.book
  if (bookShape(before) !== bookShape(book)) return 'book'
  const age = now - last.at
  if (age >= refreshMs) return 'age'
  if (age < minIntervalMs) return null
  const years = sigmaHorizonSeconds / SECONDS_PER_YEAR
  let volatility = false
  for (const underlying of exposure(book)) {
    const was = before.markets.underlyings[underlying]
    const is = book.markets.underlyings[underlying]
    if (was === undefined || is === undefined) return 'book'
    if (Math.abs(Math.log(is.price / was.price)) > priceMoveSigmas * was.vol * Math.sqrt(years)) return 'price'
    if (Math.abs(is.vol / was.vol - 1) > volChange) volatility = true
  }
  return volatility ? 'volatility' : null
}

/**
 * What makes two books different books: positions (underlying, kind, strike, expiry, size),
 * isolated positions (id, size, margin) and collateral balances to 4 significant digits, and the
 * risk parameters. Entry prices and funding indices are left out: a what-if book is refilled at
 * the live price on every read, so its entry (and the fee it paid) follows the market — a move
 * the price trigger and the 15 s refresh already cover.
 */
function bookShape({ account, params }: BookState): string {
  return JSON.stringify([
    account.perps.map((perp) => [perp.underlying, perp.size]),
    account.options.map((option) => [option.underlying, option.kind, option.strike, option.expiry, option.size]),
    account.isolated.map((position) => [position.id, position.perp.underlying, position.perp.size, position.margin.toPrecision(4)]),
    Object.entries(account.collateral).map(([asset, balance]) => [asset, balance.toPrecision(4)]),
    params,
  ])
}

/** The underlyings whose price the book's equity or margin depends on. */
function exposure({ account, markets }: BookState): Set<string> {
  const underlyings = new Set<string>()
  for (const perp of account.perps) underlyings.add(perp.underlying)
  for (const option of account.options) underlyings.add(option.underlying)
  for (const position of account.isolated) underlyings.add(position.perp.underlying)
  for (const [asset, balance] of Object.entries(account.collateral)) {
    const linked = markets.collateral[asset]?.linkedUnderlying
    if (balance !== 0 && linked !== undefined) underlyings.add(linked)
  }
  return underlyings
}

import { optionBatchGreeks } from '../pricing/optionBatchGreeks'
import { marginTerms } from './marginTerms'
import type { PreparedBook, PreparedSeries } from './prepareAccount'
import type { MarketParams, MarketState, RiskParams } from './types'
import { worstScenarioPoint, type PricedMoves, type ScenarioBaseline, type WorstScenarioPointReturnType } from './worstScenarioPoint'

/** Which of the three volatility states of the grid (DESIGN.md §4.2). */
export type VolState = 'down' | 'base' | 'up'

/** Taylor attribution of a scenario's PnL (DESIGN.md §4.2), USD. The four terms sum to the PnL. */
export type GreeksAttribution = {
  /** `delta · dS`: the book's delta (incl. perps) times the price change. */
  delta: number
  /** `½ · gamma · dS²`. */
  gamma: number
  /** `vega · dSigma`: vega per 1.00 vol times the vol change (absolute, e.g. −0.12). */
  vega: number
  /** `PnL − (delta + gamma + vega terms)`: higher-order and cross effects. */
  residual: number
}

/** The scenario with the lowest PnL of a grid, and what drove it. */
export type WorstScenario = {
  /** Relative price move `x` (−0.02 = −2 %). */
  priceMove: number
  /** Shocked price `max(0, S · (1 + x))`, USD per unit. */
  price: number
  volState: VolState
  /** Shocked volatility, annualised. */
  vol: number
  /** Book PnL in the scenario relative to current marks, USD (always <= 0: the grid contains the current point). */
  pnl: number
  attribution: GreeksAttribution
}

/** Per-contract value and Greeks of one option series at the current price and vol. */
export type SeriesRisk = PreparedSeries & {
  /** Mark, USD per contract. */
  mark: number
  /** dV/dS per contract (units of the underlying). */
  delta: number
  /** d²V/dS² per contract, per USD. */
  gamma: number
  /** dV/dsigma per contract, USD per 1.00 of vol. */
  vega: number
  /** dV/dt per contract, USD per year (negative for a long option). */
  theta: number
  /** dV/dr per contract, USD per 1.00 of rate. */
  rho: number
}

export type UnderlyingRiskParameters = {
  /** The positions margined together in this underlying (from `prepareAccount`). */
  book: PreparedBook
  /** The underlying's oracle state: `price` S (USD per unit) and `vol` sigma are used. */
  market: MarketState
  marketParams: MarketParams
  params: RiskParams
}

/** Greeks, margin and worst scenarios of one underlying's book. Amounts in USD unless stated. */
export type UnderlyingRiskReturnType = {
  underlying: string
  /** Oracle price S used, USD per unit. */
  price: number
  /** Volatility index sigma used, annualised. */
  vol: number
  /** G = (Σ|perp size| + Σ|option size|) · S over the book's positions, USD. */
  grossNotional: number
  /** Value of the book's options, Σ n · mark. */
  optionValue: number
  /** Net delta D = Σ perp sizes + Σ n · delta, units of the underlying. */
  netDelta: number
  /** D · S, USD. */
  netDeltaUsd: number
  /** Σ n · gamma, per USD (d²V/dS² of the book). */
  gamma: number
  /** Σ n · vega, USD per 1.00 of vol. */
  vega: number
  /** Σ n · theta, USD per year. */
  theta: number
  /** Σ n · rho, USD per 1.00 of rate. */
  rho: number
  /** max(0, −Σ option sizes), contracts. */
  netShortOptionContracts: number
  /** shortOptionContingency · S · netShortOptionContracts. */
  contingency: number
  /** M_mm, fraction of price (0.015 = ±1.5 %). */
  maintenanceRange: number
  /** M_im = imMultiplier · M_mm, fraction of price. */
  initialRange: number
  /** MM_m. */
  maintenanceMargin: number
  /** IM_m (never below MM_m). */
  initialMargin: number
  worstMaintenanceScenario: WorstScenario
  worstInitialScenario: WorstScenario
  /** The book's option series (same order as `book.series`), per contract. */
  series: SeriesRisk[]
}

const volStates: readonly VolState[] = ['down', 'base', 'up']

/**
 * Margin, Greeks and worst scenarios of the positions of one underlying that are margined
 * together (DESIGN.md §4.2): the fast core that `accountRisk` runs per underlying and per
 * isolated position. Input is assumed valid (see `validateAccount`); no check is repeated here.
 *
 * Ranges, as fractions of the price S, with sigma the volatility index and G the gross notional
 * (USD) of the book — `G = S · (Σ|q| over perp positions + Σ|n| over option positions)`, each
 * position counted as listed in the account, expired options included:
 * ```
 * M_mm = max(mmFloor, z · sigma · sqrt(horizonSeconds / 31,536,000)) + sizeSlope · G
 * M_im = imMultiplier · M_mm
 * ```
 * A grid for a range M and vol shocks (down, up) has 27 scenarios: price moves
 * `x_i = M · (i − 4) / 4`, i = 0..8 (so −M, −3M/4, …, 0, …, +M, with 0 exact), times vols
 * `{sigma · (1 − down), sigma, sigma · (1 + up)}`. The shocked price is `S' = S · (1 + x)`, floored
 * at 0 when a range exceeds 100 % (an asset price cannot go negative; a live call is then worth
 * 0 and a live put `K · e^(−r·T)`, their limits as S → 0). Each scenario revalues the whole book
 * at once, relative to the current marks:
 * ```
 * PnL(x, v) = Q · (S' − S) + Σ_k n_k · (V_k(S', v) − V_k(S, sigma))
 * ```
 * with Q the sum of perp sizes, n_k the net contracts of series k and V_k its Black-Scholes-Merton
 * value (rate = params.riskFreeRate, dividend yield 0, the same valuation time: no theta), or its
 * intrinsic value at S' when expired. Then, with `k = imVolShockMultiplier`:
 * ```
 * contingency = shortOptionContingency · S · max(0, −Σ option sizes)
 * MM_m = max(0, −min PnL over the grid (M_mm, volDown, volUp)) + contingency
 * IM_m = max(MM_m, max(0, −min PnL over the grid (M_im, min(k · volDown, maxImVolDown), k · volUp)) + contingency)
 * ```
 * The net short contract count nets calls and puts of every strike and expiry in the underlying
 * (Σ over option positions of their signed sizes). The outer `max(MM_m, …)` in IM_m is a guard
 * DESIGN.md does not spell out: the IM grid is wider but not a superset of the MM grid (with
 * imMultiplier = 2 it skips the MM points ±M_mm/4 and ±3M_mm/4, and its vol states differ), so a
 * book whose PnL is not monotonic across the grid could otherwise get IM_m < MM_m (about 1 random
 * option book in 2,000 at the default parameters). The venue must apply the same guard for parity.
 *
 * Computation (same figures, to rounding, as pricing every series at every point): a call and a
 * put of one strike and expiry are priced once, the other by put-call parity (`prepareAccount`);
 * the IM grid reuses the PnL of MM base-vol points with a bit-identical price move; and each grid
 * prices only the points that can be its worst (`worstScenarioPoint`: the ends of each vol row
 * first, then the inner points a convexity bound cannot rule out), which gives the same minimum
 * and worst point, bit for bit, as pricing all 27. Ranges and contingency come from
 * `marginTerms`, shared with `underlyingMaintenanceMargin` (MM without IM and Greeks).
 *
 * Worst scenario: the first scenario with the lowest PnL in the order vol state (down, base, up),
 * then price move (−M to +M). Its attribution uses the book's Greeks at (S, sigma):
 * `delta · dS`, `½ · gamma · dS²`, `vega · dSigma` and the residual; `dS = S' − S`,
 * `dSigma = v − sigma`. Greeks are the generalized Black-Scholes-Merton derivatives (DESIGN.md §3
 * units); an expired series has delta 1 (call, S > K), −1 (put, S < K) or 0, and no other Greek.
 *
 * Sources: DESIGN.md §4.2 (the model); it follows the scenario-grid approach of CME SPAN (16
 * price/vol risk scenarios per product) and of crypto portfolio margin (Deribit: the whole book
 * revalued over a price × vol grid per currency). Black-Scholes-Merton and its Greeks: Hull,
 * Options, Futures and Other Derivatives, ch. 15 and 19; computed by `lib/core/pricing`.
 *
 * @example
 * const prepared = prepareAccount(account, markets, defaultRiskParams)
 * const btc = underlyingRisk({
 *   book: prepared.underlyings.BTC!,
 *   market: markets.underlyings.BTC!,
 *   marketParams: defaultRiskParams.markets.BTC!,
 *   params: defaultRiskParams,
 * })
 * btc.maintenanceMargin // USD
 */
export function underlyingRisk({ book, market, marketParams, params }: UnderlyingRiskParameters): UnderlyingRiskReturnType {
  const spot = market.price
  const vol = market.vol
  const terms = marginTerms({ book, spot, vol, marketParams, params })

  // Current marks and Greeks of the live series (per contract) and the book's totals.
  const greeks = book.scratchGreeks
  if (book.batch !== null) optionBatchGreeks(book.batch, spot, vol, greeks)
  const sizes = book.liveSizes
  let liveValue = 0
  let netDelta = book.perpSize
  let gamma = 0
  let vega = 0
  let theta = 0
  let rho = 0
  for (let k = 0; k < sizes.length; k++) {
    const n = sizes[k] as number
    liveValue += n * (greeks.price[k] as number)
    netDelta += n * (greeks.delta[k] as number)
    gamma += n * (greeks.gamma[k] as number)
    vega += n * (greeks.vega[k] as number)
    theta += n * (greeks.theta[k] as number)
    rho += n * (greeks.rho[k] as number)
  }

  const series: SeriesRisk[] = book.series.map((s) => ({
    kind: s.kind,
    strike: s.strike,
    expiry: s.expiry,
    years: s.years,
    expired: s.expired,
    size: s.size,
    mark: 0,
    delta: 0,
    gamma: 0,
    vega: 0,
    theta: 0,
    rho: 0,
  }))
  for (let k = 0; k < book.liveSeries.length; k++) {
    const s = series[book.liveSeries[k] as number] as SeriesRisk
    s.mark = greeks.price[k] as number
    s.delta = greeks.delta[k] as number
    s.gamma = greeks.gamma[k] as number
    s.vega = greeks.vega[k] as number
    s.theta = greeks.theta[k] as number
    s.rho = greeks.rho[k] as number
  }
  let expiredValue = 0
  for (const s of series) {
    if (!s.expired) continue
    s.mark = s.kind === 'call' ? Math.max(0, spot - s.strike) : Math.max(0, s.strike - spot)
    s.delta = s.kind === 'call' ? (spot > s.strike ? 1 : 0) : spot < s.strike ? -1 : 0
    expiredValue += s.size * s.mark
    netDelta += s.size * s.delta
  }

  const baseline: ScenarioBaseline = { book, spot, vol, liveValue, expiredValue }
  const baseRow: PricedMoves = { count: 0, moves: new Float64Array(9), pnls: new Float64Array(9) }
  const worstMaintenance = worstScenarioPoint({ baseline, range: terms.maintenanceRange, volDown: params.volDown, volUp: params.volUp, record: baseRow })
  const k = params.imVolShockMultiplier
  const imVolDown = Math.min(k * params.volDown, params.maxImVolDown)
  const worstInitial = worstScenarioPoint({ baseline, range: terms.initialRange, volDown: imVolDown, volUp: k * params.volUp, known: baseRow })

  const { contingency } = terms
  const maintenanceMargin = Math.max(0, -worstMaintenance.pnl) + contingency
  const initialMargin = Math.max(maintenanceMargin, Math.max(0, -worstInitial.pnl) + contingency)
  const greeksAtSpot: BookGreeks = { spot, vol, netDelta, gamma, vega }

  return {
    underlying: book.underlying,
    price: spot,
    vol,
    grossNotional: terms.grossNotional,
    optionValue: liveValue + expiredValue,
    netDelta,
    netDeltaUsd: netDelta * spot,
    gamma,
    vega,
    theta,
    rho,
    netShortOptionContracts: terms.netShortOptionContracts,
    contingency,
    maintenanceRange: terms.maintenanceRange,
    initialRange: terms.initialRange,
    maintenanceMargin,
    initialMargin,
    worstMaintenanceScenario: explainedScenario(worstMaintenance, greeksAtSpot),
    worstInitialScenario: explainedScenario(worstInitial, greeksAtSpot),
    series,
  }
}

type BookGreeks = { spot: number; vol: number; netDelta: number; gamma: number; vega: number }

/** The worst point with its Taylor attribution at the book's Greeks at (S, sigma). */
function explainedScenario(worst: WorstScenarioPointReturnType, greeks: BookGreeks): WorstScenario {
  const dS = worst.price - greeks.spot
  const dSigma = worst.vol - greeks.vol
  const deltaTerm = greeks.netDelta * dS
  const gammaTerm = 0.5 * greeks.gamma * dS * dS
  const vegaTerm = greeks.vega * dSigma
  return {
    priceMove: worst.priceMove,
    price: worst.price,
    volState: volStates[worst.volIndex] as VolState,
    vol: worst.vol,
    pnl: worst.pnl,
    attribution: { delta: deltaTerm, gamma: gammaTerm, vega: vegaTerm, residual: worst.pnl - deltaTerm - gammaTerm - vegaTerm },
  }
}

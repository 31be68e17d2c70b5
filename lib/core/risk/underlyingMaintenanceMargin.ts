import { revalueOptionBatch } from '../pricing/revalueOptionBatch'
import { expiredOptionsValue } from './expiredOptionsValue'
import { marginTerms } from './marginTerms'
import type { PreparedBook } from './prepareAccount'
import type { MarketParams, MarketState, RiskParams } from './types'
import { worstScenarioPoint } from './worstScenarioPoint'

export type UnderlyingMaintenanceMarginParameters = {
  /** The positions margined together in this underlying (from `prepareAccount`). */
  book: PreparedBook
  /** The underlying's oracle state: `price` S (USD per unit) and `vol` sigma are used. */
  market: MarketState
  marketParams: MarketParams
  params: RiskParams
}

/** What equity and maintenance margin need from one underlying's book. USD unless stated. */
export type UnderlyingMaintenanceMarginReturnType = {
  /** Value of the book's options, Σ n · mark. */
  optionValue: number
  /** M_mm, fraction of price. */
  maintenanceRange: number
  /** shortOptionContingency · S · net short option contracts. */
  contingency: number
  /** MM_m. */
  maintenanceMargin: number
}

/**
 * The maintenance margin MM_m of one underlying's book and the value of its options — the two
 * figures of `underlyingRisk` that liquidation needs (`A < MM`, DESIGN.md §4.4), without the
 * initial-margin grid and the Greeks, for the root searches that evaluate a book at dozens of
 * prices (`marginCushion`). Same model and same code as `underlyingRisk` (`marginTerms`,
 * `worstScenarioPoint`), so both figures are bit-for-bit the ones `underlyingRisk` reports:
 * ```
 * M_mm = max(mmFloor, z · sigma · sqrt(horizonSeconds / 31,536,000)) + sizeSlope · G
 * MM_m = max(0, −min PnL over the grid (M_mm, volDown, volUp)) + contingency
 * optionValue = Σ_live n · V(S, sigma) + Σ_expired n · intrinsic(S)
 * ```
 * with the grid, PnL and contingency as documented on `underlyingRisk` (DESIGN.md §4.2) and V
 * the Black-Scholes-Merton value (rate = params.riskFreeRate, no dividend yield). About three
 * times cheaper than `underlyingRisk` on an option book. Input is assumed valid (see
 * `validateAccount`).
 *
 * @example
 * const prepared = prepareAccount(account, markets, defaultRiskParams)
 * const { maintenanceMargin, optionValue } = underlyingMaintenanceMargin({
 *   book: prepared.underlyings.BTC!,
 *   market: { ...markets.underlyings.BTC!, price: 90_000 }, // BTC 90,000 USD: what would MM be?
 *   marketParams: defaultRiskParams.markets.BTC!,
 *   params: defaultRiskParams,
 * })
 */
export function underlyingMaintenanceMargin({ book, market, marketParams, params }: UnderlyingMaintenanceMarginParameters): UnderlyingMaintenanceMarginReturnType {
  const spot = market.price
  const vol = market.vol
  const terms = marginTerms({ book, spot, vol, marketParams, params })

  // Marks summed in the same order as underlyingRisk, from bit-identical prices.
  let liveValue = 0
  if (book.batch !== null) {
    const marks = book.scratchGreeks.price
    revalueOptionBatch(book.batch, spot, vol, marks)
    const sizes = book.liveSizes
    for (let k = 0; k < sizes.length; k++) liveValue += sizes[k]! * marks[k]!
  }
  const expiredValue = expiredOptionsValue(book, spot)

  const worst = worstScenarioPoint({ baseline: { book, spot, vol, liveValue, expiredValue }, range: terms.maintenanceRange, volDown: params.volDown, volUp: params.volUp })
  return {
    optionValue: liveValue + expiredValue,
    maintenanceRange: terms.maintenanceRange,
    contingency: terms.contingency,
    maintenanceMargin: Math.max(0, -worst.pnl) + terms.contingency,
  }
}

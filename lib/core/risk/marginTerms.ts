import { SECONDS_PER_YEAR } from '../units'
import type { PreparedBook } from './prepareAccount'
import type { MarketParams, RiskParams } from './types'

export type MarginTermsParameters = {
  book: PreparedBook
  /** Oracle price S, USD per unit. */
  spot: number
  /** Volatility index sigma, annualised. */
  vol: number
  marketParams: MarketParams
  params: RiskParams
}

/** The parts of one underlying's margin that need no scenario (DESIGN.md §4.2). */
export type MarginTermsReturnType = {
  /** G = S · (Σ|perp size| + Σ|option size|) over the book's positions, USD. */
  grossNotional: number
  /** M_mm, fraction of price. */
  maintenanceRange: number
  /** M_im = imMultiplier · M_mm, fraction of price. */
  initialRange: number
  /** max(0, −Σ option sizes), contracts. */
  netShortOptionContracts: number
  /** shortOptionContingency · S · netShortOptionContracts, USD. */
  contingency: number
}

/**
 * The scenario-free terms of DESIGN.md §4.2 for one book, shared by `underlyingRisk` and
 * `underlyingMaintenanceMargin` so both margin the same way:
 * ```
 * G           = S · (Σ|q| over perp positions + Σ|n| over option positions)
 * M_mm        = max(mmFloor, z · sigma · sqrt(horizonSeconds / 31,536,000)) + sizeSlope · G
 * M_im        = imMultiplier · M_mm
 * contingency = shortOptionContingency · S · max(0, −Σ option sizes)
 * ```
 * Each position counts as listed in the account, expired options included; the net short count
 * nets calls and puts of every strike and expiry. Input is assumed valid.
 *
 * @example
 * marginTerms({ book, spot: 3_000, vol: 0.6, marketParams: defaultRiskParams.markets.ETH!, params: defaultRiskParams })
 * // ETH long 4 perps: { grossNotional: 12_000, maintenanceRange: 0.01924…, initialRange: 0.03848…, netShortOptionContracts: 0, contingency: 0 }
 */
export function marginTerms({ book, spot, vol, marketParams, params }: MarginTermsParameters): MarginTermsReturnType {
  const grossNotional = spot * (book.perpGrossSize + book.optionGrossSize)
  const maintenanceRange =
    Math.max(marketParams.mmFloor, params.z * vol * Math.sqrt(params.horizonSeconds / SECONDS_PER_YEAR)) + marketParams.sizeSlope * grossNotional
  const netShortOptionContracts = Math.max(0, -book.optionSize)
  return {
    grossNotional,
    maintenanceRange,
    initialRange: params.imMultiplier * maintenanceRange,
    netShortOptionContracts,
    contingency: params.shortOptionContingency * spot * netShortOptionContracts,
  }
}
